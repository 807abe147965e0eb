import { describe, expect, it } from "vitest";
import {
  configureCommands,
  DEV_DASHBOARD_PASSWORD,
  DEV_SESSION_SECRET,
  MIN_PASSWORD_LENGTH,
  MIN_SESSION_SECRET_LENGTH,
  readServerEnv,
} from "./env.server";

const GOOD_PASSWORD = "a-long-enough-passphrase";
const GOOD_SECRET = "x".repeat(MIN_SESSION_SECRET_LENGTH);

describe("readServerEnv locally", () => {
  for (const ARC_ENV of [undefined, "", "testing"]) {
    it(`falls back to the documented development defaults (ARC_ENV=${JSON.stringify(ARC_ENV)})`, () => {
      const env = readServerEnv({ ARC_ENV });
      expect(env).toMatchObject({ stage: "testing", deployed: false, trustClientForwardedFor: true });
      expect(env.dashboard).toEqual({
        ok: true,
        auth: { password: DEV_DASHBOARD_PASSWORD, sessionSecrets: [DEV_SESSION_SECRET] },
        usingDevDefaults: true,
      });
    });
  }

  it("uses .env's values when they are set, short or not", () => {
    const env = readServerEnv({ ARC_ENV: "testing", DASHBOARD_PASSWORD: "pw", SESSION_SECRET: "s" });
    expect(env.dashboard).toEqual({ ok: true, auth: { password: "pw", sessionSecrets: ["s"] }, usingDevDefaults: false });
  });

  it("rejects an ARC_ENV it does not know rather than guess whether it is deployed", () => {
    expect(() => readServerEnv({ ARC_ENV: "prod" })).toThrow(/ARC_ENV must be testing, staging or production/);
  });
});

describe("readServerEnv deployed", () => {
  for (const ARC_ENV of ["staging", "production"]) {
    it(`${ARC_ENV}: refuses to serve the dashboard without a password and a secret, never defaulting`, () => {
      const env = readServerEnv({ ARC_ENV });
      expect(env).toMatchObject({ stage: ARC_ENV, deployed: true, trustClientForwardedFor: false });
      expect(env.dashboard).toEqual({
        ok: false,
        problems: ["DASHBOARD_PASSWORD is not set.", "SESSION_SECRET is not set."],
      });
    });

    it(`${ARC_ENV}: accepts both when configured`, () => {
      const env = readServerEnv({ ARC_ENV, DASHBOARD_PASSWORD: GOOD_PASSWORD, SESSION_SECRET: GOOD_SECRET });
      expect(env.dashboard).toEqual({
        ok: true,
        auth: { password: GOOD_PASSWORD, sessionSecrets: [GOOD_SECRET] },
        usingDevDefaults: false,
      });
    });
  }

  it("refuses one missing half", () => {
    expect(readServerEnv({ ARC_ENV: "production", DASHBOARD_PASSWORD: GOOD_PASSWORD }).dashboard).toEqual({
      ok: false,
      problems: ["SESSION_SECRET is not set."],
    });
    expect(readServerEnv({ ARC_ENV: "production", SESSION_SECRET: GOOD_SECRET }).dashboard).toEqual({
      ok: false,
      problems: ["DASHBOARD_PASSWORD is not set."],
    });
  });

  it("treats blank values as missing", () => {
    const env = readServerEnv({ ARC_ENV: "production", DASHBOARD_PASSWORD: "   ", SESSION_SECRET: " , " });
    expect(env.dashboard.ok).toBe(false);
  });

  it("refuses the development defaults", () => {
    const env = readServerEnv({ ARC_ENV: "production", DASHBOARD_PASSWORD: DEV_DASHBOARD_PASSWORD, SESSION_SECRET: DEV_SESSION_SECRET });
    expect(env.dashboard).toEqual({
      ok: false,
      problems: [
        "DASHBOARD_PASSWORD is the development default; choose another.",
        "SESSION_SECRET is the development default; choose another.",
      ],
    });
  });

  it("refuses a short password or secret", () => {
    const env = readServerEnv({
      ARC_ENV: "staging",
      DASHBOARD_PASSWORD: "p".repeat(MIN_PASSWORD_LENGTH - 1),
      SESSION_SECRET: "s".repeat(MIN_SESSION_SECRET_LENGTH - 1),
    });
    expect(env.dashboard).toEqual({
      ok: false,
      problems: [
        `DASHBOARD_PASSWORD must be at least ${MIN_PASSWORD_LENGTH} characters.`,
        `SESSION_SECRET must be at least ${MIN_SESSION_SECRET_LENGTH} characters (each, if you list several).`,
      ],
    });
  });

  it("reads several session secrets for rotation: the first signs, all verify", () => {
    const older = "o".repeat(MIN_SESSION_SECRET_LENGTH);
    const env = readServerEnv({ ARC_ENV: "production", DASHBOARD_PASSWORD: GOOD_PASSWORD, SESSION_SECRET: `${GOOD_SECRET}, ${older}` });
    expect(env.dashboard.ok && env.dashboard.auth.sessionSecrets).toEqual([GOOD_SECRET, older]);
  });
});

describe("configureCommands", () => {
  it("names the stage and both variables", () => {
    const commands = configureCommands("production").join("\n");
    expect(commands).toMatch(/arc env --add --env production DASHBOARD_PASSWORD/);
    expect(commands).toMatch(/arc env --add --env production SESSION_SECRET/);
    expect(commands).toMatch(/arc deploy --production/);
  });
});
