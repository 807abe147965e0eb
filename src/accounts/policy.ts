// What an account name and a password may be. One place, used by the sign-in form, the
// accounts page and the `npm run accounts` command alike.

/** Account names: 1–64 of a–z, 0–9 and . _ - @ (an e-mail address works), compared lower-case. */
const NAME = /^[a-z0-9][a-z0-9._@-]{0,63}$/;

export const MIN_PASSWORD_LENGTH = 12;
const MAX_PASSWORD_LENGTH = 256; // scrypt takes anything; a cap keeps a huge form field from costing more
const MIN_PASSWORD_DISTINCT = 6;

/** The local stack's `admin` password when LOCAL_ADMIN_PASSWORD is not set (never a deployed one). */
export const DEV_ADMIN_PASSWORD = "vanity-dev";

export const ROLES = ["admin", "agent"] as const;
export type Role = (typeof ROLES)[number];

/**
 * Every password and secret written in this repository: the defaults, .env.example, the README's
 * examples, the test credentials. Anyone can read them, so they are refused as account passwords
 * and, in deployed stages, as session secrets (a test checks that the repository holds no other).
 */
export const PUBLISHED_SECRETS: readonly string[] = [
  DEV_ADMIN_PASSWORD,
  "a long passphrase",
  "e2e-correct-horse-battery",
  "e2e-session-secret-0123456789abcdef-0123456789",
  "vanity-dev-session-secret-not-for-deployed-stages",
  "vanity-dev-session-secret-change-me-0123456789",
];

/** A name as stored: trimmed, lower-case, compatibility-normalised. */
export function normaliseName(name: string): string {
  return name.normalize("NFKC").trim().toLowerCase();
}

export function nameProblem(name: string): string | null {
  return NAME.test(normaliseName(name))
    ? null
    : "An account name is 1 to 64 letters, digits, dots, dashes, underscores or @, starting with a letter or digit.";
}

/**
 * Whether the role may download the callers list as CSV (/callers.csv). Admins only: every
 * caller's number in one file is a supervisor's export, not an agent's daily work.
 */
export function mayExport(role: Role): boolean {
  return role === "admin";
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** Why a new password is refused, or null. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `A password needs at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > MAX_PASSWORD_LENGTH) return `A password has at most ${MAX_PASSWORD_LENGTH} characters.`;
  if (PUBLISHED_SECRETS.includes(password)) return "That password is published in this project's repository; choose another.";
  if (isWeakPassword(password))
    return `That password is too easy to guess (digits only, a sequence, or fewer than ${MIN_PASSWORD_DISTINCT} different characters).`;
  return null;
}

/** Digits only ("123456789012"), one step at a time ("abcdefghijkl"), or few different characters. */
export function isWeakPassword(password: string): boolean {
  if (/^\d+$/.test(password) || new Set(password.toLowerCase()).size < MIN_PASSWORD_DISTINCT) return true;
  const codes = [...password.toLowerCase()].map((ch) => ch.charCodeAt(0));
  const steps = new Set(codes.slice(1).map((code, i) => code - codes[i]!));
  return steps.size === 1 && Math.abs([...steps][0]!) <= 1;
}
