// The configuration of everything that ships (the Lambdas, the Remix server, the engine and its
// command line): the one module that reads environment variables. Each reader checks its
// setting and returns it typed; every reader takes the environment as an argument (process.env
// unless a test passes its own), so no other module touches process.env. The README's
// "Configuration and secrets" table lists these same variables.
//
// Set by people (`.env` locally, `arc env` when deployed):
//   SESSION_SECRET, LOCAL_ADMIN_PASSWORD   the dashboard's sign-in (readServerEnv)
//   VANITY_RETENTION_DAYS                  how long caller records are kept
//   VANITY_BOOST_WORDS                     the deployment's own words, first wherever they fit
//   SMS_ORIGINATION_IDENTITY               where callers' text messages are sent from (the menu's option 2)
//   LOG_LEVEL                              pino's level
// Set by the platform: ARC_ENV, ARC_APP_NAME, ARC_SANDBOX (Architect); AWS_REGION (Lambda);
// VANITY_TABLE and VANITY_CALLER_QUEUE_URL (the connect plugin, on deploy).
// Set by tests and tools: ARC_TABLES_PORT, ARC_EVENTS_PORT (a sandbox beside them),
// VANITY_DICTIONARY (another dictionary file).
import { DEV_ADMIN_PASSWORD, PUBLISHED_SECRETS } from "./accounts/policy.js";
import { boostWordsOrNone, type BoostWordsError } from "./vanity/boost.js";
import type { BoostWord } from "./vanity/search.js";

/** Variables as process.env holds them. */
export type Environment = Record<string, string | undefined>;

/** Where the code runs: "testing" is sandbox (and tests), the other two are AWS stacks. */
export type Stage = "testing" | "staging" | "production";

/** ARC_ENV; unset means local. A typo must not quietly switch the deployed safeguards off. */
export function stage(env: Environment = process.env): Stage {
  const value = env.ARC_ENV;
  if (value === undefined || value === "" || value === "testing") return "testing";
  if (value === "staging" || value === "production") return value;
  throw new Error(`ARC_ENV must be testing, staging or production; got ${JSON.stringify(value)}`);
}

/** What sandbox tells its Lambdas about itself (ARC_SANDBOX), or undefined outside sandbox. */
export function sandbox(env: Environment = process.env): { cwd?: string; ports?: Record<string, number> } | undefined {
  if (!env.ARC_SANDBOX) return undefined;
  try {
    return JSON.parse(env.ARC_SANDBOX) as { cwd?: string; ports?: Record<string, number> };
  } catch {
    return undefined;
  }
}

/** The local DynamoDB's port: sandbox's, or ARC_TABLES_PORT beside one (tests, scripts). Undefined on AWS. */
export function tablesPort(env: Environment = process.env): number | undefined {
  return port(sandbox(env)?.ports?.tables ?? env.ARC_TABLES_PORT);
}

/** Sandbox's event bus port (its @queues), or ARC_EVENTS_PORT beside one (tests). */
export function eventsPort(env: Environment = process.env): number | undefined {
  return port(sandbox(env)?.ports?.events ?? env.ARC_EVENTS_PORT);
}

function port(value: number | string | undefined): number | undefined {
  const n = Number(value);
  return value !== undefined && value !== "" && Number.isInteger(n) && n > 0 && n < 65536 ? n : undefined;
}

export const TABLE = "data"; // app.arc @tables

/**
 * The `data` table's physical name, never written in code that runs on AWS: VANITY_TABLE (the
 * connect plugin puts it on every Lambda on deploy; tests and scripts set it), else sandbox's
 * own naming, `<app>-staging-data`.
 */
export function tableName(env: Environment = process.env): string {
  if (env.VANITY_TABLE) return env.VANITY_TABLE;
  if (env.ARC_SANDBOX && env.ARC_APP_NAME) return `${env.ARC_APP_NAME}-staging-${TABLE}`;
  throw new Error("No table name: set VANITY_TABLE (the connect plugin does on deploy; tests and scripts set it themselves)");
}

/** AWS_REGION (Lambda sets it), else sandbox's default. */
export function region(env: Environment = process.env): string {
  return env.AWS_REGION || "us-west-2";
}

/** The retry queue for caller writes (VANITY_CALLER_QUEUE_URL, set on deploy), or undefined locally. */
export function callerQueueUrl(env: Environment = process.env): string | undefined {
  return env.VANITY_CALLER_QUEUE_URL || undefined;
}

export const RETENTION_DAYS_DEFAULT = 90;
export const RETENTION_DAYS_MAX = 3650;

/**
 * VANITY_RETENTION_DAYS as a whole number of days, 1 to 3650; unset or empty means 90. Anything
 * else throws: keeping personal data longer (or shorter) than configured is worse than not
 * storing it, and the Connect handler still answers the call when a save fails.
 */
export function retentionDays(env: Environment = process.env): number {
  const raw = env.VANITY_RETENTION_DAYS?.trim();
  if (!raw) return RETENTION_DAYS_DEFAULT;
  const days = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(days) || days < 1 || days > RETENTION_DAYS_MAX) {
    throw new RangeError(
      `VANITY_RETENTION_DAYS must be a whole number of days from 1 to ${RETENTION_DAYS_MAX}, not ${JSON.stringify(raw.slice(0, 20))}`,
    );
  }
  return days;
}

/** VANITY_BOOST_WORDS as the engine takes them; a bad value goes to `onInvalid` and counts as none, so calls still get numbers. */
export function boostWords(onInvalid: (error: BoostWordsError) => void, env: Environment = process.env): BoostWord[] {
  return boostWordsOrNone(env.VANITY_BOOST_WORDS, onInvalid);
}

/** The raw VANITY_BOOST_WORDS, for the command line, whose --boost replaces it. */
export function boostWordsSetting(env: Environment = process.env): string | undefined {
  return env.VANITY_BOOST_WORDS;
}

/** VANITY_DICTIONARY: another dictionary file (tests), else undefined for the one that ships. */
export function dictionaryFile(env: Environment = process.env): string | undefined {
  return env.VANITY_DICTIONARY || undefined;
}

// An End User Messaging SMS phone number or pool by its ID, or any origination identity (a sender
// ID too) by its ARN: what the deploy can scope the Lambda's sms-voice:SendTextMessage permission to.
const ORIGINATION_ID = /^(phone|pool)-[0-9a-f]{32}$/;
const ORIGINATION_ARN = /^arn:aws[-a-z]*:sms-voice:[a-z0-9-]+:\d{12}:(phone-number|pool|sender-id)\/[A-Za-z0-9_./-]+$/;

/**
 * SMS_ORIGINATION_IDENTITY, where callers' text messages are sent from: undefined when unset
 * (the flow then does not offer texts on AWS). Anything but an ARN or a phone-/pool- ID throws.
 */
export function smsOriginationIdentity(env: Environment = process.env): string | undefined {
  const value = env.SMS_ORIGINATION_IDENTITY?.trim();
  if (!value) return undefined;
  if (ORIGINATION_ID.test(value) || ORIGINATION_ARN.test(value)) return value;
  throw new RangeError(
    `SMS_ORIGINATION_IDENTITY must be the ARN of an End User Messaging SMS phone number, pool or sender ID, or a phone-… or pool-… ID; not ${JSON.stringify(value.slice(0, 80))}`,
  );
}

const LOG_LEVELS = new Set(["fatal", "error", "warn", "info", "debug", "trace", "silent"]);

/** LOG_LEVEL if it names a pino level, else "info". */
export function logLevel(env: Environment = process.env): string {
  const level = env.LOG_LEVEL?.trim().toLowerCase();
  return level && LOG_LEVELS.has(level) ? level : "info";
}

// --- The dashboard's sign-in
//   - Deployed (ARC_ENV staging or production, which Architect sets on AWS): SESSION_SECRET must
//     be configured with `arc env`. Without it the dashboard answers 503 and says what to set;
//     there is never a fallback default. Every secret that appears in the repository and
//     obviously weak ones are refused. People sign in with their own accounts (src/accounts).
//   - Local (sandbox's ARC_ENV=testing, or no ARC_ENV at all): SESSION_SECRET comes from `.env`,
//     else from `devSecret` (one per machine, app/lib/env.server.ts). The local stack has an
//     admin account, `admin`, made on first sign-in with LOCAL_ADMIN_PASSWORD (else `vanity-dev`).

// Deployed minimums: a short or repetitive secret can be guessed offline from a captured cookie.
export const MIN_SESSION_SECRET_LENGTH = 32;
const MIN_SECRET_DISTINCT = 16;

export interface DashboardAuth {
  /** The first signs new cookies; the others still verify (rotation: "new,old"). */
  sessionSecrets: string[];
  /** Locally, the password of the `admin` account made on first sign-in; null when deployed. */
  localAdminPassword: string | null;
}

export type DashboardAuthResult = { ok: true; auth: DashboardAuth; usingDevDefaults: boolean } | { ok: false; problems: string[] };

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

/** The server's settings; `devSecret` gives this machine's session secret when none is set locally. */
export function readServerEnv(env: Environment = process.env, { devSecret = noDevSecret }: { devSecret?: () => string } = {}): ServerEnv {
  const where = stage(env);
  const deployed = where !== "testing";
  return { stage: where, deployed, dashboard: readDashboardAuth(env, deployed, devSecret), trustClientForwardedFor: !deployed };
}

function noDevSecret(): string {
  throw new Error("SESSION_SECRET is not set and no development secret was given");
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
  else if (secrets.some((secret) => PUBLISHED_SECRETS.includes(secret)))
    problems.push("SESSION_SECRET is published in this project's repository; choose another.");
  else if (secrets.some((secret) => secret.length < MIN_SESSION_SECRET_LENGTH)) {
    problems.push(`SESSION_SECRET must be at least ${MIN_SESSION_SECRET_LENGTH} characters (each, if you list several).`);
  } else if (secrets.some((secret) => new Set(secret).size < MIN_SECRET_DISTINCT)) {
    problems.push(
      `SESSION_SECRET is not random enough: use \`openssl rand -base64 48\` (each needs ${MIN_SECRET_DISTINCT} different characters or more).`,
    );
  }
  return problems.length
    ? { ok: false, problems }
    : { ok: true, auth: { sessionSecrets: secrets, localAdminPassword: null }, usingDevDefaults: false };
}
