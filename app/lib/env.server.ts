// The server's configuration, checked once per process. The variables themselves are read and
// checked in src/config.ts (the one module that reads the environment); this adds what only the
// server needs: this machine's development session secret, the memo, and the 503 page's advice.

import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";

import { MIN_SESSION_SECRET_LENGTH, readServerEnv, type ServerEnv, type Stage } from "../../src/config.js";

export { DEV_ADMIN_PASSWORD, isWeakPassword, MIN_PASSWORD_LENGTH, PUBLISHED_SECRETS } from "../../src/accounts/policy.js";
export {
  MIN_SESSION_SECRET_LENGTH,
  readServerEnv,
  type DashboardAuth,
  type DashboardAuthResult,
  type ServerEnv,
  type Stage,
} from "../../src/config.js";

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
    cached = readServerEnv(undefined, { devSecret: () => devSessionSecret() }); // this process's environment
    if (!cached.dashboard.ok) {
      console.error(`The dashboard is disabled until it is configured: ${cached.dashboard.problems.join(" ")}`);
    }
  }
  return cached;
}

/** Forgets the cached configuration (tests that change the environment). */
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
