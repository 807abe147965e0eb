// The sign-in limiter: window arithmetic (pure) and counting against sandbox's real DynamoDB
// (started by src/test/sandbox-setup.ts).
import { randomInt } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { assertLocalDb } from "../test/local-db.js";
import { getDb } from "./db.server.js";
import {
  clearFailedSignins,
  getSigninStatus,
  makeSigninAttemptEntity,
  recordFailedSignin,
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

  it("allows up to the limit and blocks from it on", () => {
    expect(signinStatus(SIGNIN_LIMIT.maxFailures - 1, now).blocked).toBe(false);
    expect(signinStatus(SIGNIN_LIMIT.maxFailures, now).blocked).toBe(true);
    expect(signinStatus(SIGNIN_LIMIT.maxFailures + 10, now).blocked).toBe(true);
  });

  it("says how long until the window ends, at least a second", () => {
    expect(signinStatus(5, now).retryAfterSeconds).toBe(5 * 60);
    expect(signinStatus(5, new Date("2026-11-25T09:14:59.999Z")).retryAfterSeconds).toBe(1);
  });
});

describe("against DynamoDB", () => {
  beforeAll(() => assertLocalDb());

  it("counts failures per client and blocks the client after five", async () => {
    const ip = uniqueIp();
    const other = uniqueIp();
    const now = new Date();
    expect(await getSigninStatus({ ip, now })).toMatchObject({ failures: 0, blocked: false });
    const counts: number[] = [];
    for (let i = 0; i < 5; i++) counts.push((await recordFailedSignin({ ip, now })).failures);
    expect(counts).toEqual([1, 2, 3, 4, 5]);
    expect(await getSigninStatus({ ip, now })).toMatchObject({ failures: 5, blocked: true });
    expect(await getSigninStatus({ ip: other, now })).toMatchObject({ failures: 0, blocked: false });
    await clearFailedSignins({ ip, now });
  });

  it("counts concurrent failures from many instances exactly (atomic increments)", async () => {
    const ip = uniqueIp();
    const now = new Date();
    await Promise.all(Array.from({ length: 20 }, () => recordFailedSignin({ ip, now })));
    expect((await getSigninStatus({ ip, now })).failures).toBe(20);
    await clearFailedSignins({ ip, now });
  });

  it("starts again in the next window", async () => {
    const ip = uniqueIp();
    const now = new Date("2026-11-25T09:14:00.000Z");
    for (let i = 0; i < 5; i++) await recordFailedSignin({ ip, now });
    expect((await getSigninStatus({ ip, now })).blocked).toBe(true);
    const later = new Date("2026-11-25T09:15:00.000Z");
    expect(await getSigninStatus({ ip, now: later })).toMatchObject({ failures: 0, blocked: false });
    await clearFailedSignins({ ip, now });
  });

  it("clears a client's failures after a successful sign-in", async () => {
    const ip = uniqueIp();
    const now = new Date();
    await recordFailedSignin({ ip, now });
    await recordFailedSignin({ ip, now });
    await clearFailedSignins({ ip, now });
    expect((await getSigninStatus({ ip, now })).failures).toBe(0);
  });

  it("stores the TTL attribute expiresAt, in epoch seconds, in its own keys", async () => {
    const ip = uniqueIp();
    const now = new Date();
    await recordFailedSignin({ ip, now });
    const { client, table } = await getDb();
    const entity = makeSigninAttemptEntity(client, table);
    const params = entity.get({ ip, window: signinWindow(now).window }).params() as { Key: { pk: string; sk: string } };
    expect(params.Key.pk).toBe(`$vanity#ip_${ip}`);
    expect(params.Key.sk).toMatch(/^\$signinattempt_1#window_/);
    const { data } = await entity.get({ ip, window: signinWindow(now).window }).go();
    expect(data?.expiresAt).toBe(signinWindow(now).expiresAt);
    expect(data!.expiresAt).toBeGreaterThan(Date.now() / 1000);
    expect(data!.expiresAt).toBeLessThan(Date.now() / 1000 + 3 * SIGNIN_LIMIT.windowSeconds);
    await clearFailedSignins({ ip, now });
  });
});
