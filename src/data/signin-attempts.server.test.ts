// The sign-in limiter: window arithmetic (pure) and counting against sandbox's real DynamoDB
// (started by test/sandbox-setup.ts).
import { randomInt } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { assertLocalDb } from "../../test/local-db.js";
import { getDb } from "./db.server.js";
import {
  clearSigninAttempts,
  countSigninAttempt,
  countSigninAttempts,
  makeSigninAttemptEntity,
  SIGNIN_LIMIT,
  SIGNIN_LIMITS,
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

  it("counts attempts per subject and refuses the sixth", async () => {
    const ip = uniqueIp();
    const other = uniqueIp();
    const now = new Date();
    const standings = [];
    for (let i = 0; i < 6; i++) standings.push(await countSigninAttempt({ subject: { address: ip }, now }));
    expect(standings.map((s) => s.attempts)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(standings.map((s) => s.blocked)).toEqual([false, false, false, false, false, true]);
    expect(await countSigninAttempt({ subject: { address: other }, now })).toMatchObject({ attempts: 1, blocked: false });
    await clearSigninAttempts({ subject: { address: ip }, now });
    await clearSigninAttempts({ subject: { address: other }, now });
  });

  it("guesses sent together: each gets its own count, so no more than the limit get through (the race is gone)", async () => {
    const ip = uniqueIp();
    const now = new Date();
    const standings = await Promise.all(Array.from({ length: 20 }, () => countSigninAttempt({ subject: { address: ip }, now })));
    expect(standings.map((s) => s.attempts).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(standings.filter((s) => !s.blocked)).toHaveLength(SIGNIN_LIMIT.maxFailures);
    await clearSigninAttempts({ subject: { address: ip }, now });
  });

  it("slides: just after a window ends the last window's attempts still count, and fade out over the next", async () => {
    const ip = uniqueIp();
    const now = new Date("2026-11-25T09:14:59.000Z");
    for (let i = 0; i < 5; i++) await countSigninAttempt({ subject: { address: ip }, now });
    // A second later, in the next window: five just before and one now are six, over the limit.
    expect(await countSigninAttempt({ subject: { address: ip }, now: new Date("2026-11-25T09:15:00.000Z") })).toMatchObject({
      attempts: 6,
      blocked: true,
    });
    // Most of a window later the old five have faded to one: with the two since, three in all.
    expect(await countSigninAttempt({ subject: { address: ip }, now: new Date("2026-11-25T09:27:00.000Z") })).toMatchObject({
      attempts: 3,
      blocked: false,
    });
    // Two windows on, nothing is carried.
    expect(await countSigninAttempt({ subject: { address: ip }, now: new Date("2026-11-25T09:45:00.000Z") })).toMatchObject({
      attempts: 1,
      blocked: false,
    });
    for (const at of ["2026-11-25T09:14:59.000Z", "2026-11-25T09:27:00.000Z", "2026-11-25T09:45:00.000Z"])
      await clearSigninAttempts({ subject: { address: ip }, now: new Date(at) });
  });

  it("clearing forgets the subject's attempts", async () => {
    const ip = uniqueIp();
    const now = new Date();
    await countSigninAttempt({ subject: { address: ip }, now });
    await countSigninAttempt({ subject: { address: ip }, now });
    await clearSigninAttempts({ subject: { address: ip }, now });
    expect((await countSigninAttempt({ subject: { address: ip }, now })).attempts).toBe(1);
    await clearSigninAttempts({ subject: { address: ip }, now });
  });

  it("stores the TTL attribute expiresAt, in epoch seconds, in its own keys", async () => {
    const ip = uniqueIp();
    const now = new Date();
    await countSigninAttempt({ subject: { address: ip }, now });
    const { client, table } = await getDb();
    const entity = makeSigninAttemptEntity(client, table);
    const key = { subject: `address:${ip}`, window: signinWindow(now).window };
    const params = entity.get(key).params() as { Key: { pk: string; sk: string } };
    expect(params.Key.pk).toBe(`$vanity#subject_address:${ip}`);
    expect(params.Key.sk).toMatch(/^\$signinattempt_3#window_/);
    const { data } = await entity.get(key).go();
    expect(data?.expiresAt).toBe(signinWindow(now).expiresAt);
    expect(data!.expiresAt).toBeGreaterThan(Date.now() / 1000);
    expect(data!.expiresAt).toBeLessThan(Date.now() / 1000 + 3 * SIGNIN_LIMIT.windowSeconds);
    await clearSigninAttempts({ subject: { address: ip }, now });
  });

  it("an account and an address are counted apart: one address guessing many names meets the address limit, many addresses guessing one name meet the account's", async () => {
    const now = new Date();
    const address = uniqueIp();
    const name = `limit-${randomInt(1e9)}`;
    const spread = [];
    for (let i = 0; i < SIGNIN_LIMITS.address.maxFailures + 1; i++)
      spread.push(await countSigninAttempts({ account: `${name}-${i}`, address, now }));
    expect(spread.slice(0, -1).every((s) => s.refusedBy === null)).toBe(true);
    expect(spread.at(-1)).toMatchObject({ blocked: true, refusedBy: "address" });

    const many = [];
    for (let i = 0; i < SIGNIN_LIMITS.account.maxFailures + 1; i++)
      many.push(await countSigninAttempts({ account: name, address: uniqueIp(), now }));
    expect(many.map((s) => s.refusedBy)).toEqual([null, null, null, null, null, "account"]);
    expect(many.map((s) => s.attempts)).toEqual([1, 2, 3, 4, 5, 6]);

    await clearSigninAttempts({ subject: { address }, now });
    await clearSigninAttempts({ subject: { account: name }, now });
  });

  it("everyone's attempts meet one ceiling", async () => {
    const now = new Date("2026-11-25T03:00:00.000Z"); // a window no other test counts in
    const limit = { maxFailures: 3, windowSeconds: 60 };
    const standings = [];
    for (let i = 0; i < 4; i++) standings.push(await countSigninAttempt({ subject: "everyone", now, limit }));
    expect(standings.map((s) => s.blocked)).toEqual([false, false, false, true]);
    await clearSigninAttempts({ subject: "everyone", now, limit });
  });
});
