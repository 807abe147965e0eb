// Sign in to the dashboard with the shared password (DASHBOARD_PASSWORD).
// GET shows the form; POST checks, in order: same-origin + CSRF token (403), then counts the
// attempt and refuses it when the client is over the limit for this window (429 with
// Retry-After), and only then checks the password (401 on a miss). Each outcome is one log line.
import {
  json,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { clientIp } from "~/lib/client-ip.server";
import { CSRF_FIELD } from "~/lib/csrf";
import { orFailWith } from "~/lib/failure.server";
import { readPostForm } from "~/lib/form.server";
import { secretsMatch } from "~/lib/password.server";
import { safeRedirect } from "~/lib/redirect";
import { securityHeaders } from "~/lib/security-headers.server";
import {
  commitSession,
  dashboardAuth,
  ensureCsrfToken,
  getSession,
  isSignedIn,
  signedInSession,
  unsafePostProblem,
} from "~/lib/session.server";
import { logSignin } from "~/lib/signin-log.server";
import { clearSigninAttempts, countSigninAttempt } from "~/lib/signin-attempts.server";

export const meta: MetaFunction = () => [{ title: "Sign in · Vanity numbers" }];

// Never cached; the 429's Retry-After reaches the page too.
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const headers = new Headers({ "Cache-Control": "no-store" });
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await getSession(request); // a 503 page if a deployed stage has no secrets
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"));
  if (isSignedIn(session)) throw redirect(redirectTo, { headers: securityHeaders() });
  const { token, created } = ensureCsrfToken(session);
  const headers: Record<string, string> = { "Cache-Control": "no-store" };
  if (created) headers["Set-Cookie"] = await commitSession(session);
  return json({ csrf: token, redirectTo }, { headers });
}

// The limiter lives in DynamoDB; without it, sign-in fails closed rather than go unlimited.
const UNAVAILABLE = "Sign-in is not available right now. Please try again in a moment.";

interface ActionResult {
  error: string;
  csrf: string;
}

export async function action({ request }: ActionFunctionArgs) {
  const auth = dashboardAuth();
  const session = await getSession(request);
  const form = await readPostForm(request);
  const redirectTo = safeRedirect(form.get("redirectTo"));

  // Every answer that shows the form again carries a valid token for the next try.
  const { token, created } = ensureCsrfToken(session);
  const again = async (status: number, error: string, extra: Record<string, string> = {}) =>
    json<ActionResult>(
      { error, csrf: token },
      { status, headers: { "Cache-Control": "no-store", ...extra, ...(created ? { "Set-Cookie": await commitSession(session) } : {}) } },
    );

  const ip = clientIp(request);
  const problem = unsafePostProblem(request, form, session);
  if (problem) {
    logSignin({ outcome: "refused", ip, reason: problem });
    return again(403, problem);
  }

  // Count first, then decide on the count: guesses sent together are all counted before any is checked.
  const standing = await orFailWith(UNAVAILABLE, () => countSigninAttempt({ ip }));
  if (standing.blocked) {
    logSignin({ outcome: "limited", ip, attempts: standing.attempts });
    return tooMany(again, standing.retryAfterSeconds);
  }

  const password = form.get("password");
  if (typeof password !== "string" || !secretsMatch(password, auth.password)) {
    logSignin({ outcome: "failure", ip, attempts: standing.attempts });
    return again(401, "That password is not right. Check it and try again.");
  }

  await orFailWith(UNAVAILABLE, () => clearSigninAttempts({ ip }));
  logSignin({ outcome: "success", ip, attempts: standing.attempts });
  const signedIn = await signedInSession(); // a new session: no token or state from before carries over
  throw redirect(redirectTo, { headers: securityHeaders({ "Set-Cookie": await commitSession(signedIn) }) });
}

function tooMany(again: (status: number, error: string, extra?: Record<string, string>) => Promise<Response>, seconds: number) {
  const minutes = Math.ceil(seconds / 60);
  return again(
    429,
    `Too many failed attempts from your network. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
    { "Retry-After": String(seconds) },
  );
}

export default function Login() {
  const { csrf, redirectTo } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const error = result?.error ?? null;
  return (
    <>
      <div className="page-intro">
        <h1>Sign in</h1>
        <p className="lede">The dashboard lists callers&apos; phone numbers, so it is for the contact-center team only.</p>
      </div>
      <Form method="post" className="try-form login-form" aria-label="Sign in">
        <input type="hidden" name={CSRF_FIELD} value={result?.csrf ?? csrf} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
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
            autoFocus
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "password-error" : undefined}
            className="try-form__input"
          />
          <button type="submit" className="button" disabled={busy}>
            {busy ? "Signing in…" : "Sign in"}
          </button>
        </div>
        {error ? (
          <p id="password-error" className="field-error" role="alert">
            {error}
          </p>
        ) : null}
      </Form>
    </>
  );
}
