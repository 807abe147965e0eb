// Cross-site request forgery defences for every POST form (sign-in, sign-out):
//   1. the session cookie is SameSite=Lax, so other sites' forms arrive without it;
//   2. the browser's own word: a cross-site Origin or Sec-Fetch-Site is refused with 403;
//   3. a per-session token in a hidden field must equal the one stored in the signed session.
import { randomBytes } from "node:crypto";
import { secretsMatch } from "./password.server";

export { CSRF_FIELD } from "./csrf";

export function newCsrfToken(): string {
  return randomBytes(32).toString("base64url");
}

/** The form's token matches the session's (both present, compared in constant time). */
export function csrfTokenValid(sessionToken: unknown, formToken: unknown): boolean {
  if (typeof sessionToken !== "string" || typeof formToken !== "string") return false;
  if (sessionToken.length === 0 || formToken.length === 0) return false;
  return secretsMatch(formToken, sessionToken);
}

/**
 * False when the browser says the request comes from another site. Requests without either
 * header (curl, old browsers) pass this check and still need the token.
 */
export function isSameOriginRequest(request: Request): boolean {
  const site = request.headers.get("sec-fetch-site");
  // "none": the user's own action (address bar, bookmark); never another site's page.
  if (site !== null && site !== "same-origin" && site !== "none") return false;
  const origin = request.headers.get("origin");
  if (origin !== null && origin !== new URL(request.url).origin) return false;
  return true;
}
