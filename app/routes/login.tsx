// Sign in to the dashboard with an account's name and password.
// GET shows the form; POST checks, in order: same-origin + CSRF token (403), then counts the
// attempt against the account's, the address's and everyone's limit and refuses it when one is
// over (429 with Retry-After), and only then checks the password (401 on a miss). Each outcome
// is one log line. Locally the `admin` account is made on first use (LOCAL_ADMIN_PASSWORD).
import { json, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { checkCredentials, ensureLocalAdmin, LOCAL_ADMIN_NAME, normaliseName } from "~/lib/accounts.server";
import { clientIp } from "~/lib/client-ip.server";
import { DEV_ADMIN_PASSWORD } from "~/lib/env.server";
import { CSRF_FIELD } from "~/lib/csrf";
import { orFailWith } from "~/lib/failure.server";
import { readPostForm } from "~/lib/form.server";
import { safeRedirect } from "~/lib/redirect";
import { securityHeaders } from "~/lib/security-headers.server";
import { currentSession, dashboardAuth, signinFormToken, startSession, unsafePostProblem } from "~/lib/session.server";
import { logSignin } from "~/lib/signin-log.server";
import { clearSigninAttempts, countSigninAttempts, type SigninRefusal } from "~/lib/signin-attempts.server";

export const meta: MetaFunction = () => [{ title: "Sign in · Vanity numbers" }];

// Never cached; the 429's Retry-After reaches the page too.
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const headers = new Headers({ "Cache-Control": "no-store" });
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = dashboardAuth(); // a 503 page if a deployed stage has no secret
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"));
  if (await currentSession(request)) throw redirect(redirectTo, { headers: securityHeaders() });
  const { token, setCookie } = await signinFormToken(request);
  const headers: Record<string, string> = { "Cache-Control": "no-store" };
  if (setCookie) headers["Set-Cookie"] = setCookie;
  // Locally, say how to get in (the password only when it is the documented default).
  const localAdmin =
    auth.localAdminPassword === null
      ? null
      : { name: LOCAL_ADMIN_NAME, defaultPassword: auth.localAdminPassword === DEV_ADMIN_PASSWORD ? DEV_ADMIN_PASSWORD : null };
  return json({ csrf: token, redirectTo, localAdmin }, { headers });
}

// The limiter and the accounts live in DynamoDB; without it, sign-in fails closed.
const UNAVAILABLE = "Sign-in is not available right now. Please try again in a moment.";

interface ActionResult {
  error: string;
  csrf: string;
  name: string;
}

export async function action({ request }: ActionFunctionArgs) {
  const auth = dashboardAuth();
  const form = await readPostForm(request);
  const redirectTo = safeRedirect(form.get("redirectTo"));
  const nameField = form.get("name");
  // Normalised as accounts are stored, so that no spelling of a name (case, width) gets a count of its own.
  const name = typeof nameField === "string" ? normaliseName(nameField.slice(0, 256)).slice(0, 64) : "";

  // Every answer that shows the form again carries a valid token for the next try.
  const { token, setCookie } = await signinFormToken(request);
  const again = (status: number, error: string, extra: Record<string, string> = {}) =>
    json<ActionResult>(
      { error, csrf: token, name },
      { status, headers: { "Cache-Control": "no-store", ...extra, ...(setCookie ? { "Set-Cookie": setCookie } : {}) } },
    );

  const ip = clientIp(request);
  const problem = unsafePostProblem(request, form, token);
  if (problem) {
    logSignin({ outcome: "refused", ip, reason: problem });
    return again(403, problem);
  }
  if (!name) return again(400, "Enter your account name.");

  // Count first, then decide on the count: guesses sent together are all counted before any is checked.
  const standing = await orFailWith(UNAVAILABLE, () => countSigninAttempts({ account: name, address: ip }));
  if (standing.refusedBy) {
    logSignin({ outcome: "limited", ip, attempts: standing.attempts, limit: standing.refusedBy });
    return again(429, tooManyMessage(standing.refusedBy, standing.retryAfterSeconds), {
      "Retry-After": String(standing.retryAfterSeconds),
    });
  }

  const password = form.get("password");
  const check = await orFailWith(UNAVAILABLE, async () => {
    if (auth.localAdminPassword !== null && name === LOCAL_ADMIN_NAME) await ensureLocalAdmin(auth.localAdminPassword);
    return checkCredentials(name, typeof password === "string" ? password.slice(0, 1024) : "");
  });
  if (!check.ok) {
    // A name is logged only when it is an account's: a password typed into the name field stays out of the logs.
    logSignin({
      outcome: check.reason === "disabled" ? "disabled" : "failure",
      ip,
      account: check.reason === "unknown" ? undefined : name,
      attempts: standing.attempts,
    });
    return check.reason === "disabled"
      ? again(403, "This account is disabled. Ask an admin to enable it.")
      : again(401, "That name and password do not match. Check them and try again.");
  }

  const setSession = await orFailWith(UNAVAILABLE, async () => {
    await clearSigninAttempts({ subject: { account: check.account.name } });
    return startSession(request, check.account, ip);
  });
  logSignin({ outcome: "success", ip, account: check.account.name, attempts: standing.attempts });
  throw redirect(redirectTo, { headers: securityHeaders({ "Set-Cookie": setSession }) });
}

/** The 429's words: which limit, never whether the account exists (a name that doesn't is counted too). */
function tooManyMessage(limit: SigninRefusal, seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  const wait = `Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
  if (limit === "account") return `Too many attempts for this account. ${wait}`;
  if (limit === "address") return `Too many failed attempts from your network. ${wait}`;
  return `Sign-in is paused after too many attempts. ${wait}`;
}

export default function Login() {
  const { csrf, redirectTo, localAdmin } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const error = result?.error ?? null;
  const invalid = error ? true : undefined;
  return (
    <>
      <div className="page-intro">
        <h1>Sign in</h1>
        <p className="lede">The dashboard lists callers&apos; phone numbers, so it is for the contact-center team only.</p>
        {localAdmin ? (
          <p className="hint">
            On this local stack, sign in as <code>{localAdmin.name}</code> with{" "}
            {localAdmin.defaultPassword ? (
              <>
                the password <code>{localAdmin.defaultPassword}</code>
              </>
            ) : (
              <>
                your <code>.env</code>&apos;s <code>LOCAL_ADMIN_PASSWORD</code>
              </>
            )}
            .
          </p>
        ) : null}
      </div>
      <Form method="post" className="try-form login-form" aria-label="Sign in">
        <input type="hidden" name={CSRF_FIELD} value={result?.csrf ?? csrf} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <label htmlFor="name" className="try-form__label">
          Name
        </label>
        <input
          id="name"
          name="name"
          type="text"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          autoFocus={!result?.name}
          defaultValue={result?.name ?? ""}
          maxLength={64}
          aria-invalid={invalid}
          aria-describedby={error ? "signin-error" : undefined}
          className="try-form__input"
        />
        <label htmlFor="password" className="try-form__label">
          Password
        </label>
        <div className="try-form__row">
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            autoFocus={Boolean(result?.name)}
            aria-invalid={invalid}
            aria-describedby={error ? "signin-error" : undefined}
            className="try-form__input"
          />
          <button type="submit" className="button" disabled={busy}>
            {busy ? "Signing in…" : "Sign in"}
          </button>
        </div>
        {error ? (
          <p id="signin-error" className="field-error" role="alert">
            {error}
          </p>
        ) : null}
      </Form>
    </>
  );
}
