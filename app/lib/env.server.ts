// The server's configuration, read and checked in one place. Every other module asks here
// instead of reading process.env, so that the rules below hold everywhere:
//   - Deployed (ARC_ENV staging or production, which Architect sets on AWS): the dashboard's
//     DASHBOARD_PASSWORD and SESSION_SECRET must be configured with `arc env`. Without them the
//     dashboard answers 503 and says what to set; there is never a fallback default.
//   - Local (sandbox's ARC_ENV=testing, or no ARC_ENV at all): the same variables come from
//     `.env` (sandbox loads it into the Lambdas), and documented development defaults fill in.

/** Where the code runs: "testing" is sandbox (and tests), the other two are AWS stacks. */
export type Stage = "testing" | "staging" | "production";

export const DEV_DASHBOARD_PASSWORD = "vanity-dev";
export const DEV_SESSION_SECRET = "vanity-dev-session-secret-not-for-deployed-stages";

// Deployed minimums: short secrets can be guessed offline from a captured cookie.
export const MIN_PASSWORD_LENGTH = 12;
export const MIN_SESSION_SECRET_LENGTH = 32;

export interface DashboardAuth {
  password: string;
  /** The first signs new cookies; the others still verify (rotation: "new,old"). */
  sessionSecrets: string[];
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

/** Reads and checks an environment. Pure: tests pass their own object. */
export function readServerEnv(env: Environment): ServerEnv {
  const stage = readStage(env.ARC_ENV);
  const deployed = stage !== "testing";
  return {
    stage,
    deployed,
    dashboard: readDashboardAuth(env, deployed),
    trustClientForwardedFor: !deployed,
  };
}

function readStage(value: string | undefined): Stage {
  if (value === undefined || value === "" || value === "testing") return "testing";
  if (value === "staging" || value === "production") return value;
  // A typo here must not quietly switch the deployed safeguards off.
  throw new Error(`ARC_ENV must be testing, staging or production; got ${JSON.stringify(value)}`);
}

function readDashboardAuth(env: Environment, deployed: boolean): DashboardAuthResult {
  const password = env.DASHBOARD_PASSWORD?.trim() ?? "";
  const secrets = (env.SESSION_SECRET ?? "")
    .split(",")
    .map((secret) => secret.trim())
    .filter(Boolean);

  if (!deployed) {
    return {
      ok: true,
      auth: { password: password || DEV_DASHBOARD_PASSWORD, sessionSecrets: secrets.length ? secrets : [DEV_SESSION_SECRET] },
      usingDevDefaults: !password || !secrets.length,
    };
  }

  const problems: string[] = [];
  if (!password) problems.push("DASHBOARD_PASSWORD is not set.");
  else if (password === DEV_DASHBOARD_PASSWORD) problems.push("DASHBOARD_PASSWORD is the development default; choose another.");
  else if (password.length < MIN_PASSWORD_LENGTH) problems.push(`DASHBOARD_PASSWORD must be at least ${MIN_PASSWORD_LENGTH} characters.`);
  if (!secrets.length) problems.push("SESSION_SECRET is not set.");
  else if (secrets.includes(DEV_SESSION_SECRET)) problems.push("SESSION_SECRET is the development default; choose another.");
  else if (secrets.some((secret) => secret.length < MIN_SESSION_SECRET_LENGTH)) {
    problems.push(`SESSION_SECRET must be at least ${MIN_SESSION_SECRET_LENGTH} characters (each, if you list several).`);
  }
  return problems.length ? { ok: false, problems } : { ok: true, auth: { password, sessionSecrets: secrets }, usingDevDefaults: false };
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
    `npx arc env --add --env ${env} DASHBOARD_PASSWORD '<a passphrase of ${MIN_PASSWORD_LENGTH}+ characters>'`,
    `npx arc env --add --env ${env} SESSION_SECRET "$(openssl rand -base64 48)"`,
    `npx arc deploy${env === "production" ? " --production" : ""}`,
  ];
}
