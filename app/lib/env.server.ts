// The server's configuration, read and checked in one place. Every other module asks here
// instead of reading process.env, so that the rules below hold everywhere:
//   - Deployed (ARC_ENV staging or production, which Architect sets on AWS): the dashboard's
//     SESSION_SECRET must be configured with `arc env`. Without it the dashboard answers 503 and
//     says what to set; there is never a fallback default. Every secret that appears in the
//     repository and obviously weak ones are refused. People sign in with their own accounts,
//     made with `npm run accounts` (src/accounts).
//   - Local (sandbox's ARC_ENV=testing, or no ARC_ENV at all): SESSION_SECRET comes from `.env`
//     (sandbox loads it into the Lambdas), else it is generated once per machine
//     (devSessionSecret). The local stack has an admin account, `admin`, made on first sign-in
//     with LOCAL_ADMIN_PASSWORD (from `.env`, else the documented `vanity-dev`).

/** Where the code runs: "testing" is sandbox (and tests), the other two are AWS stacks. */
export type Stage = "testing" | "staging" | "production";

import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";

import { DEV_ADMIN_PASSWORD, PUBLISHED_SECRETS } from "../../src/accounts/policy.js";

export { DEV_ADMIN_PASSWORD, isWeakPassword, MIN_PASSWORD_LENGTH, PUBLISHED_SECRETS } from "../../src/accounts/policy.js";

// Deployed minimums: a short or repetitive secret can be guessed offline from a captured cookie.
export const MIN_SESSION_SECRET_LENGTH = 32;
const MIN_SECRET_DISTINCT = 16;

export interface DashboardAuth {
  /** The first signs new cookies; the others still verify (rotation: "new,old"). */
  sessionSecrets: string[];
  /** Locally, the password of the `admin` account made on first sign-in; null when deployed. */
  localAdminPassword: string | null;
}

export type DashboardAuthResult =
  | { ok: true; auth: DashboardAuth; usingDevDefaults: boolean }
  | { ok: false; problems: string[] };

export interface ServerEnv {
  stage: Stage;
  /** True on AWS: cookies are `Secure`, HSTS is sent, the dev defaults are refused. */
  deployed: boolean;
  dashboard: DashboardAuthResult;
  /**
   * Whether the left-most X-Forwarded-For entry may name the client (for per-client sign-in
   * limits). Only locally, where tests use it to play different clients; deployed, the entry
   * API Gateway itself appended (the right-most) is used instead, because clients can send
   * anything in that header.
   */
  trustClientForwardedFor: boolean;
}

/** The variables as process.env holds them. */
export type Environment = Record<string, string | undefined>;

/** Reads and checks an environment. Tests pass their own object, and their own dev secret. */
export function readServerEnv(env: Environment, { devSecret = () => devSessionSecret() }: { devSecret?: () => string } = {}): ServerEnv {
  const stage = readStage(env.ARC_ENV);
  const deployed = stage !== "testing";
  return {
    stage,
    deployed,
    dashboard: readDashboardAuth(env, deployed, devSecret),
    trustClientForwardedFor: !deployed,
  };
}

function readStage(value: string | undefined): Stage {
  if (value === undefined || value === "" || value === "testing") return "testing";
  if (value === "staging" || value === "production") return value;
  // A typo here must not quietly switch the deployed safeguards off.
  throw new Error(`ARC_ENV must be testing, staging or production; got ${JSON.stringify(value)}`);
}

function readDashboardAuth(env: Environment, deployed: boolean, devSecret: () => string): DashboardAuthResult {
  const secrets = (env.SESSION_SECRET ?? "")
    .split(",")
    .map((secret) => secret.trim())
    .filter(Boolean);

  if (!deployed) {
    const password = env.LOCAL_ADMIN_PASSWORD?.trim() ?? "";
    return {
      ok: true,
      auth: { sessionSecrets: secrets.length ? secrets : [devSecret()], localAdminPassword: password || DEV_ADMIN_PASSWORD },
      usingDevDefaults: !password || !secrets.length,
    };
  }

  const problems: string[] = [];
  if (!secrets.length) problems.push("SESSION_SECRET is not set.");
  else if (secrets.some((secret) => PUBLISHED_SECRETS.includes(secret))) problems.push("SESSION_SECRET is published in this project's repository; choose another.");
  else if (secrets.some((secret) => secret.length < MIN_SESSION_SECRET_LENGTH)) {
    problems.push(`SESSION_SECRET must be at least ${MIN_SESSION_SECRET_LENGTH} characters (each, if you list several).`);
  } else if (secrets.some((secret) => new Set(secret).size < MIN_SECRET_DISTINCT)) {
    problems.push(`SESSION_SECRET is not random enough: use \`openssl rand -base64 48\` (each needs ${MIN_SECRET_DISTINCT} different characters or more).`);
  }
  return problems.length ? { ok: false, problems } : { ok: true, auth: { sessionSecrets: secrets, localAdminPassword: null }, usingDevDefaults: false };
}

/**
 * This machine's development session secret: random, made on first use and kept (readable by
 * this user only) in ~/.cache/connect-vanity, so local cookies survive restarts and no two
 * machines share one. Never used by a deployed stage.
 */
export function devSessionSecret(file = join(homedir(), ".cache", "connect-vanity", "dev-session-secret")): string {
  try {
    const kept = readFileSync(file, "utf8").trim();
    if (kept.length >= MIN_SESSION_SECRET_LENGTH) return kept;
  } catch {
    // not made yet
  }
  const secret = randomBytes(48).toString("base64url");
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

let cached: ServerEnv | undefined;

/** This process's configuration, checked on first use (Lambda cold start) and then kept. */
export function serverEnv(): ServerEnv {
  if (!cached) {
    cached = readServerEnv(process.env);
    if (!cached.dashboard.ok) {
      console.error(`The dashboard is disabled until it is configured: ${cached.dashboard.problems.join(" ")}`);
    }
  }
  return cached;
}

/** Forgets the cached configuration (tests that change process.env). */
export function resetServerEnv(): void {
  cached = undefined;
}

/** What to run so that a deployed stage serves the dashboard (shown on its 503 page). */
export function configureCommands(stage: Stage): string[] {
  const env = stage === "testing" ? "staging" : stage;
  return [
    `npx arc env --add --env ${env} SESSION_SECRET "$(openssl rand -base64 48)"`,
    `npm run deploy${env === "production" ? " -- --production" : ""}`,
    `npm run accounts -- add <your name> --role admin --env ${env}`,
  ];
}
