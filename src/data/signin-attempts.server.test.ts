// The sign-in limiter: window arithmetic (pure) and counting against sandbox's real DynamoDB
// (started by src/test/sandbox-setup.ts).
import { randomInt } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { assertLocalDb } from "../test/local-db.js";
import { getDb } from "./db.server.js";
import {
  clearSigninAttempts,
  countSigninAttempt,
  makeSigninAttemptEntity,
  SIGNIN_LIMIT,
  signinStatus,
  signinWindow,
} from "./signin-attempts.server.js";

/** A documentation-range address (192.0.2.0/24, 198.51.100.0/24) nobody else uses in this run. */
const usedIps = new Set<string>();
function uniqueIp(): string {
  for (;;) {
    const ip = `198.51.${randomInt(100, 200)}.${randomInt(1, 255)}`;
    if (!usedIps.has(ip)) {
      usedIps.add(ip);
      return ip;
    }
  }
}

describe("signinWindow", () => {
  it("puts every moment of a 15-minute block in the same window", () => {
    const first = signinWindow(new Date("2026-11-25T09:00:00.000Z"));
    const last = signinWindow(new Date("2026-11-25T09:14:59.999Z"));
    expect(first.window).toBe("2026-11-25T09:00:00.000Z");
    expect(last.window).toBe(first.window);
    expect(first.endsAt.toISOString()).toBe("2026-11-25T09:15:00.000Z");
  });

  it("starts a new window at the boundary", () => {
    expect(signinWindow(new Date("2026-11-25T09:15:00.000Z")).window).toBe("2026-11-25T09:15:00.000Z");
  });

  it("expires the item (TTL, epoch seconds) one window after the window ends", () => {
    const { expiresAt, endsAt } = signinWindow(new Date("2026-11-25T09:07:00.000Z"));
    expect(expiresAt).toBe(endsAt.getTime() / 1000 + 15 * 60);
    expect(Number.isInteger(expiresAt)).toBe(true);
  });

  it("honours another window size", () => {
    expect(signinWindow(new Date("2026-11-25T09:07:31.000Z"), 60).window).toBe("2026-11-25T09:07:00.000Z");
  });
});

describe("signinStatus", () => {
  const now = new Date("2026-11-25T09:10:00.000Z");

  it("lets the limit's attempts through (this one counted) and refuses the next", () => {
    expect(signinStatus(SIGNIN_LIMIT.maxFailures, now).blocked).toBe(false);
    expect(signinStatus(SIGNIN_LIMIT.maxFailures + 1, now).blocked).toBe(true);
    expect(signinStatus(SIGNIN_LIMIT.maxFailures + 10, now).blocked).toBe(true);
  });

  it("says how long until the window ends, at least a second", () => {
    expect(signinStatus(6, now).retryAfterSeconds).toBe(5 * 60);
    expect(signinStatus(6, new Date("2026-11-25T09:14:59.999Z")).retryAfterSeconds).toBe(1);
  });
});

describe("against DynamoDB", () => {
  beforeAll(() => assertLocalDb());

  it("counts attempts per client and refuses the sixth", async () => {
    const ip = uniqueIp();
    const other = uniqueIp();
    const now = new Date();
    const standings = [];
    for (let i = 0; i < 6; i++) standings.push(await countSigninAttempt({ ip, now }));
    expect(standings.map((s) => s.attempts)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(standings.map((s) => s.blocked)).toEqual([false, false, false, false, false, true]);
    expect(await countSigninAttempt({ ip: other, now })).toMatchObject({ attempts: 1, blocked: false });
    await clearSigninAttempts({ ip, now });
    await clearSigninAttempts({ ip: other, now });
  });

  it("guesses sent together: each gets its own count, so no more than the limit get through (the race is gone)", async () => {
    const ip = uniqueIp();
    const now = new Date();
    const standings = await Promise.all(Array.from({ length: 20 }, () => countSigninAttempt({ ip, now })));
    expect(standings.map((s) => s.attempts).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(standings.filter((s) => !s.blocked)).toHaveLength(SIGNIN_LIMIT.maxFailures);
    await clearSigninAttempts({ ip, now });
  });

  it("slides: just after a window ends the last window's attempts still count, and fade out over the next", async () => {
    const ip = uniqueIp();
    const now = new Date("2026-11-25T09:14:59.000Z");
    for (let i = 0; i < 5; i++) await countSigninAttempt({ ip, now });
    // A second later, in the next window: five just before and one now are six, over the limit.
    expect(await countSigninAttempt({ ip, now: new Date("2026-11-25T09:15:00.000Z") })).toMatchObject({ attempts: 6, blocked: true });
    // Most of a window later the old five have faded to one: with the two since, three in all.
    expect(await countSigninAttempt({ ip, now: new Date("2026-11-25T09:27:00.000Z") })).toMatchObject({ attempts: 3, blocked: false });
    // Two windows on, nothing is carried.
    expect(await countSigninAttempt({ ip, now: new Date("2026-11-25T09:45:00.000Z") })).toMatchObject({ attempts: 1, blocked: false });
    for (const at of ["2026-11-25T09:14:59.000Z", "2026-11-25T09:27:00.000Z", "2026-11-25T09:45:00.000Z"]) await clearSigninAttempts({ ip, now: new Date(at) });
  });

  it("a successful sign-in clears the client's attempts", async () => {
    const ip = uniqueIp();
    const now = new Date();
    await countSigninAttempt({ ip, now });
    await countSigninAttempt({ ip, now });
    await clearSigninAttempts({ ip, now });
    expect((await countSigninAttempt({ ip, now })).attempts).toBe(1);
    await clearSigninAttempts({ ip, now });
  });

  it("stores the TTL attribute expiresAt, in epoch seconds, in its own keys", async () => {
    const ip = uniqueIp();
    const now = new Date();
    await countSigninAttempt({ ip, now });
    const { client, table } = await getDb();
    const entity = makeSigninAttemptEntity(client, table);
    const params = entity.get({ ip, window: signinWindow(now).window }).params() as { Key: { pk: string; sk: string } };
    expect(params.Key.pk).toBe(`$vanity#ip_${ip}`);
    expect(params.Key.sk).toMatch(/^\$signinattempt_2#window_/);
    const { data } = await entity.get({ ip, window: signinWindow(now).window }).go();
    expect(data?.expiresAt).toBe(signinWindow(now).expiresAt);
    expect(data!.expiresAt).toBeGreaterThan(Date.now() / 1000);
    expect(data!.expiresAt).toBeLessThan(Date.now() / 1000 + 3 * SIGNIN_LIMIT.windowSeconds);
    await clearSigninAttempts({ ip, now });
  });
});
