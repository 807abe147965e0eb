// The dashboard's session: a signed, http-only, same-site cookie (Remix cookie session storage).
// It holds no personal data: whether the visitor signed in, when, and the CSRF token.
import { createCookieSessionStorage, json, redirect, type Session, type SessionStorage } from "@remix-run/node";
import { CSRF_FIELD, csrfTokenValid, isSameOriginRequest, newCsrfToken } from "./csrf.server";
import { configureCommands, serverEnv, type DashboardAuth } from "./env.server";
import { safeRedirect } from "./redirect";
import { securityHeaders } from "./security-headers.server";

export const SESSION_COOKIE = "__session";
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

interface SessionData {
  signedInAt: string;
  csrf: string;
}

export type DashboardSession = Session<SessionData>;

let storage: { secrets: string[]; storage: SessionStorage<SessionData> } | undefined;

/** The cookie storage for the configured secrets (made once per process). */
function sessionStorage(auth: DashboardAuth): SessionStorage<SessionData> {
  if (storage?.secrets !== auth.sessionSecrets) {
    storage = {
      secrets: auth.sessionSecrets,
      storage: createCookieSessionStorage<SessionData>({
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

/** The 503 a deployed stage answers while the dashboard's secrets are missing. */
export interface NotConfiguredData {
  notConfigured: true;
  message: string;
  problems: string[];
  commands: string[];
}

/** The configured credentials, or a thrown 503 that says what to set (never a default). */
export function dashboardAuth(): DashboardAuth {
  const env = serverEnv();
  if (env.dashboard.ok) return env.dashboard.auth;
  throw json<NotConfiguredData>(
    {
      notConfigured: true,
      message: "The dashboard is turned off until its password and session secret are configured.",
      problems: env.dashboard.problems,
      commands: configureCommands(env.stage),
    },
    { status: 503, headers: securityHeaders({ "Cache-Control": "no-store", "Retry-After": "3600" }) },
  );
}

export async function getSession(request: Request): Promise<DashboardSession> {
  return sessionStorage(dashboardAuth()).getSession(request.headers.get("Cookie"));
}

export async function commitSession(session: DashboardSession): Promise<string> {
  return sessionStorage(dashboardAuth()).commitSession(session);
}

export async function destroySession(session: DashboardSession): Promise<string> {
  return sessionStorage(dashboardAuth()).destroySession(session);
}

/**
 * Signed in within the session's lifetime. Checked here as well as by the cookie's Max-Age: the
 * signature alone never expires, so a copied cookie would otherwise outlive sign-out for good.
 */
export function isSignedIn(session: DashboardSession, now: Date = new Date()): boolean {
  const signedInAt = Date.parse(session.get("signedInAt") ?? "");
  if (Number.isNaN(signedInAt)) return false;
  const age = now.getTime() - signedInAt;
  return age >= -60_000 && age < SESSION_MAX_AGE_SECONDS * 1000; // a minute's clock skew between instances
}

/** A fresh signed-in session (a new CSRF token too: nothing from before sign-in carries over). */
export async function signedInSession(): Promise<DashboardSession> {
  const session = await sessionStorage(dashboardAuth()).getSession();
  session.set("signedInAt", new Date().toISOString());
  session.set("csrf", newCsrfToken());
  return session;
}

/** The session's CSRF token, made (and to be committed by the caller) if it has none yet. */
export function ensureCsrfToken(session: DashboardSession): { token: string; created: boolean } {
  const existing = session.get("csrf");
  if (existing) return { token: existing, created: false };
  const token = newCsrfToken();
  session.set("csrf", token);
  return { token, created: true };
}

/** The path (and query) of the request, for coming back after signing in. */
function currentPath(request: Request): string {
  const url = new URL(request.url);
  url.searchParams.delete("_data"); // a client-side navigation's data request
  return `${url.pathname}${url.search}`;
}

/**
 * For dashboard pages: the signed-in session, or a redirect to /login that comes back here.
 * In a deployed stage without secrets, a 503 instead.
 */
export async function requireSignedIn(request: Request): Promise<DashboardSession> {
  const session = await getSession(request);
  if (isSignedIn(session)) return session;
  const to = safeRedirect(currentPath(request));
  throw redirect(`/login?${new URLSearchParams({ redirectTo: to })}`, { headers: securityHeaders({ "Cache-Control": "no-store" }) });
}

/** For JSON routes: the signed-in session, or a thrown 401 JSON (a redirect would mean nothing to a script). */
export async function requireSignedInJson(request: Request): Promise<DashboardSession> {
  const session = await getSession(request);
  if (isSignedIn(session)) return session;
  throw json(
    { error: "Sign in first: this route needs a dashboard session." },
    { status: 401, headers: securityHeaders({ "Cache-Control": "no-store", "WWW-Authenticate": 'Cookie realm="dashboard"' }) },
  );
}

/**
 * What is wrong with a POST form submission, or null when it may go ahead: it must be a
 * same-origin request (the browser's Origin / Sec-Fetch-Site) carrying the session's CSRF token.
 * Callers answer a problem with 403.
 */
export function unsafePostProblem(request: Request, form: FormData, session: DashboardSession): string | null {
  if (request.method !== "POST") return "Only POST is accepted here.";
  if (!isSameOriginRequest(request)) return "Cross-site form posts are refused.";
  if (!csrfTokenValid(session.get("csrf"), form.get(CSRF_FIELD))) return "This form has expired. Reload the page and try again.";
  return null;
}
