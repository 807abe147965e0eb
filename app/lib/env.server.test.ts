import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  configureCommands,
  DEV_ADMIN_PASSWORD,
  devSessionSecret,
  isWeakPassword,
  MIN_SESSION_SECRET_LENGTH,
  PUBLISHED_SECRETS,
  readServerEnv,
} from "./env.server";

const GOOD_PASSWORD = "a-long-enough-passphrase";
const GOOD_SECRET = "Zr8Qk2vX7pLmN4tYwB9cH3sJ6dF1gA5e"; // 32 characters, 32 different
const DEV_SECRET = "dev-secret-of-this-test-0123456789abcdefgh";
const devSecret = () => DEV_SECRET;

describe("readServerEnv locally", () => {
  for (const ARC_ENV of [undefined, "", "testing"]) {
    it(`falls back to the documented local admin password and this machine's own secret (ARC_ENV=${JSON.stringify(ARC_ENV)})`, () => {
      const env = readServerEnv({ ARC_ENV }, { devSecret });
      expect(env).toMatchObject({ stage: "testing", deployed: false, trustClientForwardedFor: true });
      expect(env.dashboard).toEqual({
        ok: true,
        auth: { localAdminPassword: DEV_ADMIN_PASSWORD, sessionSecrets: [DEV_SECRET] },
        usingDevDefaults: true,
      });
    });
  }

  it("uses .env's values when they are set, short or not", () => {
    const env = readServerEnv({ ARC_ENV: "testing", LOCAL_ADMIN_PASSWORD: "pw", SESSION_SECRET: "s" });
    expect(env.dashboard).toEqual({ ok: true, auth: { localAdminPassword: "pw", sessionSecrets: ["s"] }, usingDevDefaults: false });
  });

  it("rejects an ARC_ENV it does not know rather than guess whether it is deployed", () => {
    expect(() => readServerEnv({ ARC_ENV: "prod" })).toThrow(/ARC_ENV must be testing, staging or production/);
  });
});

describe("readServerEnv deployed", () => {
  for (const ARC_ENV of ["staging", "production"]) {
    it(`${ARC_ENV}: refuses to serve the dashboard without a session secret, never defaulting`, () => {
      const env = readServerEnv({ ARC_ENV });
      expect(env).toMatchObject({ stage: ARC_ENV, deployed: true, trustClientForwardedFor: false });
      expect(env.dashboard).toEqual({ ok: false, problems: ["SESSION_SECRET is not set."] });
    });

    it(`${ARC_ENV}: accepts a good secret, and has no local admin (accounts come from npm run accounts)`, () => {
      const env = readServerEnv({ ARC_ENV, SESSION_SECRET: GOOD_SECRET, LOCAL_ADMIN_PASSWORD: "ignored-when-deployed" });
      expect(env.dashboard).toEqual({
        ok: true,
        auth: { localAdminPassword: null, sessionSecrets: [GOOD_SECRET] },
        usingDevDefaults: false,
      });
    });
  }

  it("treats a blank value as missing", () => {
    expect(readServerEnv({ ARC_ENV: "production", SESSION_SECRET: " , " }).dashboard.ok).toBe(false);
  });

  it("refuses every secret published in the repository", () => {
    for (const published of PUBLISHED_SECRETS) {
      const env = readServerEnv({ ARC_ENV: "production", SESSION_SECRET: `${GOOD_SECRET},${published}` });
      expect(env.dashboard.ok, published).toBe(false);
      if (!env.dashboard.ok) expect(env.dashboard.problems.join(" ")).toMatch(/SESSION_SECRET is published/);
    }
  });

  it("the repository holds no password or secret outside that list (.env.example, the e2e credentials, the README)", () => {
    const files = [".env.example", "e2e/credentials.ts", "README.md"].map((f) =>
      readFileSync(new URL(`../../${f}`, import.meta.url), "utf8"),
    );
    const names = "(?:LOCAL_ADMIN_PASSWORD|E2E_ADMIN_PASSWORD|SESSION_SECRET)";
    const pattern = new RegExp(`${names}(?:\\s*=\\s*|\\s+|\\s*\\?\\?\\s*)["']([^"'$<\\n]{6,})["']|${names}=([^\\s"'$<#]{6,})`, "g");
    const values = files.flatMap((text) => [...text.matchAll(pattern)].map((m) => m[1] ?? m[2]!));
    expect(values.length).toBeGreaterThan(0);
    for (const value of values) expect(PUBLISHED_SECRETS, value).toContain(value);
  });

  it("refuses an obviously weak secret", () => {
    const repetitive = readServerEnv({ ARC_ENV: "production", SESSION_SECRET: "ab".repeat(20) }).dashboard;
    expect(repetitive.ok).toBe(false);
    if (!repetitive.ok) expect(repetitive.problems[0]).toMatch(/not random enough/);
    for (const weak of ["123456789012", "abcdefghijkl", "aaaaaabbbbbb", "passpasspass"]) expect(isWeakPassword(weak), weak).toBe(true);
    expect(isWeakPassword(GOOD_PASSWORD)).toBe(false);
  });

  it("refuses a short secret", () => {
    expect(readServerEnv({ ARC_ENV: "staging", SESSION_SECRET: "s".repeat(MIN_SESSION_SECRET_LENGTH - 1) }).dashboard).toEqual({
      ok: false,
      problems: [`SESSION_SECRET must be at least ${MIN_SESSION_SECRET_LENGTH} characters (each, if you list several).`],
    });
  });

  it("reads several session secrets for rotation: the first signs, all verify", () => {
    const older = "Pq7Wm3Zx9Lk2Vb8Nc4Rt6Yh1Gf5Dj0Se-older";
    const env = readServerEnv({ ARC_ENV: "production", SESSION_SECRET: `${GOOD_SECRET}, ${older}` });
    expect(env.dashboard.ok && env.dashboard.auth.sessionSecrets).toEqual([GOOD_SECRET, older]);
  });
});

describe("devSessionSecret", () => {
  it("is made once per machine, random, kept readable by this user only", () => {
    const file = join(mkdtempSync(join(tmpdir(), "vanity-secret-")), "nested", "dev-session-secret");
    const first = devSessionSecret(file);
    expect(first.length).toBeGreaterThanOrEqual(MIN_SESSION_SECRET_LENGTH);
    expect(devSessionSecret(file)).toBe(first);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const other = join(mkdtempSync(join(tmpdir(), "vanity-secret-")), "dev-session-secret");
    expect(devSessionSecret(other)).not.toBe(first);
  });
});

describe("configureCommands", () => {
  it("names the stage, the secret, the deploy and the first admin", () => {
    const commands = configureCommands("production").join("\n");
    expect(commands).toMatch(/arc env --add --env production SESSION_SECRET/);
    expect(commands).toMatch(/npm run deploy -- --production/);
    expect(commands).toMatch(/npm run accounts -- add <your name> --role admin --env production/);
  });
});
