// The dashboard's session. The cookie (signed, http-only, same-site) carries only a random
// session id once someone has signed in; the session itself (account, CSRF token, expiry) is
// an item in the table (src/data/sessions.server.ts), so ending it ends it everywhere. Before
// sign-in the cookie carries the sign-in form's CSRF token and nothing else.
// Every request checks the stored session and its account: a disabled account, a changed
// password or "sign out everywhere" (the account's generation) ends it at once.
import { createCookieSessionStorage, json, redirect, type Session, type SessionStorage } from "@remix-run/node";
import type { Role } from "../../src/accounts/policy.js";
import { getAccount } from "../../src/data/accounts.server.js";
import { createSession, deleteSession, findSession, SESSION_LIFETIME_SECONDS, sessionKey } from "../../src/data/sessions.server.js";
import { orFailWith } from "./failure.server";
import { CSRF_FIELD, csrfTokenValid, isSameOriginRequest, newCsrfToken } from "./csrf.server";
import { configureCommands, serverEnv, type DashboardAuth } from "./env.server";
import { safeRedirect } from "./redirect";
import { securityHeaders } from "./security-headers.server";
import { maskAddress } from "./signin-log.server";

export const SESSION_COOKIE = "__session";
export const SESSION_MAX_AGE_SECONDS = SESSION_LIFETIME_SECONDS;

interface CookieData {
  /** The session id, once signed in. */
  sid: string;
  /** The sign-in form's CSRF token, before. */
  csrf: string;
}

type CookieSession = Session<CookieData>;

/** Who is signed in, as a route sees it. */
export interface SignedIn {
  account: string;
  role: Role;
  /** The token every form of this session must carry. */
  csrf: string;
  /** The stored session's key (the id's hash), to tell it apart on the accounts page. */
  key: string;
}

let storage: { secrets: string[]; storage: SessionStorage<CookieData> } | undefined;

/** The cookie storage for the configured secrets (made once per process). */
function cookieStorage(auth: DashboardAuth): SessionStorage<CookieData> {
  if (storage?.secrets !== auth.sessionSecrets) {
    storage = {
      secrets: auth.sessionSecrets,
      storage: createCookieSessionStorage<CookieData>({
        cookie: {
          name: SESSION_COOKIE,
          httpOnly: true,
          sameSite: "lax", // other sites' forms and fetches arrive without it
          secure: serverEnv().deployed, // sandbox is plain http
          path: "/",
          maxAge: SESSION_MAX_AGE_SECONDS,
          secrets: auth.sessionSecrets,
        },
      }),
    };
  }
  return storage.storage;
}

/** The 503 a deployed stage answers while the dashboard's secret is missing. */
export interface NotConfiguredData {
  notConfigured: true;
  message: string;
  problems: string[];
  commands: string[];
}

/** The configured settings, or a thrown 503 that says what to set (never a default). */
export function dashboardAuth(): DashboardAuth {
  const env = serverEnv();
  if (env.dashboard.ok) return env.dashboard.auth;
  throw json<NotConfiguredData>(
    {
      notConfigured: true,
      message: "The dashboard is turned off until its session secret is configured.",
      problems: env.dashboard.problems,
      commands: configureCommands(env.stage),
    },
    { status: 503, headers: securityHeaders({ "Cache-Control": "no-store", "Retry-After": "3600" }) },
  );
}

async function cookieSession(request: Request): Promise<CookieSession> {
  return cookieStorage(dashboardAuth()).getSession(request.headers.get("Cookie"));
}

// Root and route loaders of one request share the answer (one pair of reads, not one per loader).
const perRequest = new WeakMap<Request, Promise<SignedIn | null>>();

/** The signed-in session of this request, or null. Throws the 503 when not configured. */
export function currentSession(request: Request): Promise<SignedIn | null> {
  let found = perRequest.get(request);
  if (!found) {
    // Without the table nobody can be checked: a 500 that says so (fail closed), never "signed out".
    found = orFailWith("Your session could not be checked. Please try again in a moment.", () => lookUp(request));
    perRequest.set(request, found);
  }
  return found;
}

async function lookUp(request: Request): Promise<SignedIn | null> {
  const sid = (await cookieSession(request)).get("sid");
  if (!sid) return null;
  const session = await findSession(sid);
  if (!session) return null;
  const account = await getAccount(session.account);
  if (!account || account.disabled || account.generation !== session.generation) return null;
  return { account: account.name, role: account.role, csrf: session.csrf, key: session.key };
}

/**
 * Starts a session for an account that has just proved who it is: stored first, then a new
 * cookie that holds only its id (nothing from before sign-in carries over). Returns Set-Cookie.
 */
export async function startSession(request: Request, account: { name: string; generation: number }, clientIp: string): Promise<string> {
  const { id } = await createSession({
    account: account.name,
    generation: account.generation,
    csrf: newCsrfToken(),
    client: maskAddress(clientIp),
    userAgent: request.headers.get("user-agent") ?? "",
  });
  return cookieForSession(id);
}

/** The Set-Cookie that carries a session id (and nothing else). */
export async function cookieForSession(id: string): Promise<string> {
  const fresh = await cookieStorage(dashboardAuth()).getSession();
  fresh.set("sid", id);
  return cookieStorage(dashboardAuth()).commitSession(fresh);
}

/** Ends this request's session in the table and returns the Set-Cookie that clears the cookie. */
export async function endSession(request: Request): Promise<string> {
  const cookie = await cookieSession(request);
  const sid = cookie.get("sid");
  if (sid) await deleteSession(sessionKey(sid));
  return cookieStorage(dashboardAuth()).destroySession(cookie);
}

/**
 * The sign-in form's CSRF token (kept in the cookie before sign-in), and the Set-Cookie to send
 * when it was just made.
 */
export async function signinFormToken(request: Request): Promise<{ token: string; setCookie: string | null }> {
  const cookie = await cookieSession(request);
  const existing = cookie.get("csrf");
  if (existing) return { token: existing, setCookie: null };
  const token = newCsrfToken();
  cookie.set("csrf", token);
  return { token, setCookie: await cookieStorage(dashboardAuth()).commitSession(cookie) };
}

/** The path (and query) of the request, for coming back after signing in. */
function currentPath(request: Request): string {
  const url = new URL(request.url);
  url.searchParams.delete("_data"); // a client-side navigation's data request
  return `${url.pathname}${url.search}`;
}

function forbidden(role: Role) {
  return json(
    { error: `This page is for the ${role} role; ask an admin if you need it.` },
    { status: 403, headers: securityHeaders({ "Cache-Control": "no-store" }) },
  );
}

/**
 * For dashboard pages: the signed-in session, or a redirect to /login that comes back here; with
 * `role`, a 403 for anyone else. In a deployed stage without its secret, a 503 instead.
 */
export async function requireSignedIn(request: Request, { role }: { role?: Role } = {}): Promise<SignedIn> {
  const session = await currentSession(request);
  if (session) {
    if (role && session.role !== role) throw forbidden(role);
    return session;
  }
  const to = safeRedirect(currentPath(request));
  throw redirect(`/login?${new URLSearchParams({ redirectTo: to })}`, { headers: securityHeaders({ "Cache-Control": "no-store" }) });
}

/** For JSON routes: the signed-in session, or a thrown 401 JSON (a redirect would mean nothing to a script). */
export async function requireSignedInJson(request: Request): Promise<SignedIn> {
  const session = await currentSession(request).catch((error: unknown) => {
    if (!(error instanceof Response) || error.status !== 500) throw error;
    throw json(
      { error: "Your session could not be checked. Please try again in a moment." },
      { status: 500, headers: securityHeaders({ "Cache-Control": "no-store" }) },
    );
  });
  if (session) return session;
  throw json(
    { error: "Sign in first: this route needs a dashboard session." },
    { status: 401, headers: securityHeaders({ "Cache-Control": "no-store", "WWW-Authenticate": 'Cookie realm="dashboard"' }) },
  );
}

/**
 * What is wrong with a POST form submission, or null when it may go ahead: it must be a
 * same-origin request (the browser's Origin / Sec-Fetch-Site) carrying the expected CSRF token
 * (the session's, or before sign-in the cookie's). Callers answer a problem with 403.
 */
export function unsafePostProblem(request: Request, form: FormData, expectedToken: string | null | undefined): string | null {
  if (request.method !== "POST") return "Only POST is accepted here.";
  if (!isSameOriginRequest(request)) return "Cross-site form posts are refused.";
  if (!csrfTokenValid(expectedToken, form.get(CSRF_FIELD))) return "This form has expired. Reload the page and try again.";
  return null;
}
