// Every call stored, against sandbox's real DynamoDB (dynalite), started by test/sandbox-setup.ts.
import { describe, expect, it } from "vitest";
import { uniqueNumber, useOwnTable } from "../../test/local-db.js";
import { makeLegacyCallerEntity } from "../../test/legacy-caller.js";
import { getCaller, getCallerWithCalls, listCallers, listRecentCallers, recentShard, saveCaller } from "./callers.server.js";
import { callsByHour, hourOf, listCalls } from "./calls.server.js";
import { getDb } from "./db.server.js";

const FIVE = ["1-206-FLOWERS", "1-206-FLOWER-S", "1-206-356-9377", "1-206-ABC-DEFG", "1-206-DOG-CATS"];
const number = uniqueNumber;
/** A later call from a stored number; whether it was counted (false for a retry of the same contact). */
const callAgain = async (call: { e164: string; calledAt?: string; contactId?: string }) =>
  (await saveCaller({ vanity: ["1-206-NOT-USED"], ...call })).counted;

// A table of this file's own, so the recent list and the hourly counts hold only what it wrote.
useOwnTable();

/** A time in an hour of its own, later than "now" (which the TTL test writes). */
let nextHour = Date.parse("2100-01-01T00:00:00.000Z");
const freshHour = () => new Date((nextHour += 3_600_000)).toISOString();
const minutesAfter = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

describe("every call", () => {
  it("stores each contact's call once, and counts them on the caller's record", async () => {
    const e164 = number();
    const start = freshHour();
    await saveCaller({ e164, vanity: FIVE, calledAt: start, contactId: "contact-a" });
    expect(await callAgain({ e164, calledAt: minutesAfter(start, 5), contactId: "contact-b" })).toBe(true);
    expect(await callAgain({ e164, calledAt: minutesAfter(start, 6), contactId: "contact-b" })).toBe(false); // Connect's retry
    expect(await callAgain({ e164, calledAt: minutesAfter(start, 9), contactId: "contact-c" })).toBe(true);

    const history = await getCallerWithCalls({ e164, limit: 25 });
    expect(history?.caller).toMatchObject({ vanity: FIVE, calledAt: start, lastCalledAt: minutesAfter(start, 9), callCount: 3 });
    expect(history?.calls).toEqual([
      { calledAt: minutesAfter(start, 9), contactId: "contact-c", numbers: "repeat" },
      { calledAt: minutesAfter(start, 5), contactId: "contact-b", numbers: "repeat" },
      { calledAt: start, contactId: "contact-a", numbers: "new" },
    ]);
    expect(history?.cursor).toBeNull();
  });

  it("writes a counted contact's missing call item when the contact comes again (its first attempt ran out of time)", async () => {
    const e164 = number();
    const start = freshHour();
    await saveCaller({ e164, vanity: FIVE, calledAt: start, contactId: "late-1" });
    await callAgain({ e164, calledAt: minutesAfter(start, 1), contactId: "late-2" });
    // As if the attempt had passed the gate and then lost its call item to the deadline.
    const { client, table } = await getDb();
    const { makeCallEntity } = await import("./calls.server.js");
    await makeCallEntity(client, table)
      .delete({ e164, calledAt: minutesAfter(start, 1), contactId: "late-2" })
      .go();
    expect(await callAgain({ e164, calledAt: minutesAfter(start, 2), contactId: "late-2" })).toBe(false); // the retry
    const history = await getCallerWithCalls({ e164, limit: 25 });
    expect(history?.caller.callCount).toBe(2);
    expect(history?.calls).toEqual([
      { calledAt: minutesAfter(start, 1), contactId: "late-2", numbers: "repeat" },
      { calledAt: start, contactId: "late-1", numbers: "new" },
    ]);
  });

  it("a second first call of the same number (two calls at once) counts as a repeat, with the stored numbers", async () => {
    const e164 = number();
    const at = freshHour();
    const [one, two] = await Promise.all([
      saveCaller({ e164, vanity: FIVE, calledAt: at, contactId: "first-1" }),
      saveCaller({ e164, vanity: ["1-206-OTHER"], calledAt: at, contactId: "first-2" }),
    ]);
    expect([one.created, two.created].sort()).toEqual([false, true]);
    const history = await getCallerWithCalls({ e164, limit: 25 });
    expect(history?.caller.callCount).toBe(2);
    expect(history?.calls.map((c) => c.numbers).sort()).toEqual(["new", "repeat"]);
    expect(history?.caller.vanity).toEqual((one.created ? one : two).caller.vanity);
  });

  it("keeps a call that raced the first one and carries a slightly earlier time (another Lambda environment's clock)", async () => {
    const e164 = number();
    const at = freshHour();
    const earlier = new Date(Date.parse(at) - 40).toISOString();
    await saveCaller({ e164, vanity: FIVE, calledAt: at, contactId: "race-1" });
    expect((await saveCaller({ e164, vanity: FIVE, calledAt: earlier, contactId: "race-2" })).created).toBe(false);
    const history = await getCallerWithCalls({ e164, limit: 25 });
    expect(history?.caller.callCount).toBe(2);
    expect(history?.calls.map((c) => c.contactId).sort()).toEqual(["race-1", "race-2"]);
  });
  it("pages a caller's calls newest first, with a cursor", async () => {
    const e164 = number();
    const start = freshHour();
    await saveCaller({ e164, vanity: FIVE, calledAt: start, contactId: "call-00" });
    for (let i = 1; i < 30; i++)
      await callAgain({ e164, calledAt: minutesAfter(start, i), contactId: `call-${String(i).padStart(2, "0")}` });

    const first = await getCallerWithCalls({ e164, limit: 25 });
    expect(first?.caller.callCount).toBe(30);
    expect(first?.calls.map((c) => c.contactId)).toEqual(Array.from({ length: 25 }, (_, i) => `call-${String(29 - i).padStart(2, "0")}`));
    expect(first?.cursor).toBeTruthy();
    const second = await getCallerWithCalls({ e164, limit: 25, cursor: first!.cursor });
    expect(second?.calls.map((c) => c.contactId)).toEqual(["call-04", "call-03", "call-02", "call-01", "call-00"]);
    expect(second?.cursor).toBeNull();
    expect((await listCalls({ e164, limit: 3 })).calls.map((c) => c.contactId)).toEqual(["call-29", "call-28", "call-27"]);
  });

  it("gives call items the caller's retention (TTL)", async () => {
    const e164 = number();
    await saveCaller({ e164, vanity: FIVE, contactId: "ttl-1" });
    const { client, table } = await getDb();
    const { makeCallEntity } = await import("./calls.server.js");
    const { data } = await makeCallEntity(client, table).query.byNumber({ e164 }).go();
    const days = (data[0]!.expiresAt! - Date.now() / 1000) / 86_400;
    expect(days).toBeGreaterThan(89.9);
    expect(days).toBeLessThanOrEqual(90);
  });
});

describe("recent callers, by their latest call", () => {
  it("moves a repeat caller to the top, listed once", async () => {
    const start = freshHour();
    const [a, b, c] = [number(), number(), number()];
    await saveCaller({ e164: a, vanity: FIVE, calledAt: start });
    await saveCaller({ e164: b, vanity: FIVE, calledAt: minutesAfter(start, 1) });
    await saveCaller({ e164: c, vanity: FIVE, calledAt: minutesAfter(start, 2) });
    expect((await listRecentCallers({ limit: 3 })).map((r) => r.e164)).toEqual([c, b, a]);
    await callAgain({ e164: a, calledAt: minutesAfter(start, 3) });
    const list = await listRecentCallers({ limit: 50 });
    expect(list.slice(0, 3).map((r) => r.e164)).toEqual([a, c, b]);
    expect(list.filter((r) => r.e164 === a)).toHaveLength(1);
    expect(list[0]).toMatchObject({ calledAt: start, lastCalledAt: minutesAfter(start, 3), callCount: 2 });
  });
});

describe("records stored before every call was kept", () => {
  it("still show, with their one call, and count on when the number calls again", async () => {
    const e164 = number();
    const first = freshHour();
    const { client, table } = await getDb();
    await makeLegacyCallerEntity(client, table)
      .put({ e164, shard: recentShard(e164), vanity: FIVE, calledAt: first })
      .go();

    expect(await getCaller({ e164 })).toMatchObject({ vanity: FIVE, calledAt: first, lastCalledAt: first, callCount: 1 });
    expect((await getCallerWithCalls({ e164, limit: 25 }))?.calls).toEqual([{ calledAt: first, contactId: "first", numbers: "new" }]);
    expect((await listRecentCallers({ limit: 50 })).find((r) => r.e164 === e164)).toMatchObject({ callCount: 1 });

    const again = minutesAfter(first, 30);
    expect(await callAgain({ e164, calledAt: again, contactId: "after-upgrade" })).toBe(true);
    const history = await getCallerWithCalls({ e164, limit: 25 });
    expect(history?.caller).toMatchObject({ vanity: FIVE, calledAt: first, lastCalledAt: again, callCount: 2 });
    expect(history?.calls).toEqual([
      { calledAt: again, contactId: "after-upgrade", numbers: "repeat" },
      { calledAt: first, contactId: "first", numbers: "new" },
    ]);
    expect(await callAgain({ e164, calledAt: again, contactId: "after-upgrade" })).toBe(false);
    expect((await getCaller({ e164 }))?.callCount).toBe(2);
  });
});

describe("calls per hour", () => {
  it("counts every call, every new caller and each caller's latest call in its hour, read for a range with one Query", async () => {
    const hour = freshHour();
    const next = freshHour();
    const [a, b] = [number(), number()];
    await saveCaller({ e164: a, vanity: FIVE, calledAt: minutesAfter(hour, 1) });
    await saveCaller({ e164: b, vanity: FIVE, calledAt: minutesAfter(hour, 2) });
    await Promise.all([1, 2, 3].map((i) => callAgain({ e164: a, calledAt: minutesAfter(hour, 10 + i) })));
    await callAgain({ e164: b, calledAt: minutesAfter(next, 5) });

    // "latest": A's latest call is in the first hour, B's moved to the next; so 2 numbers called since the first hour, 1 since the next.
    expect(await callsByHour({ from: hour, to: next })).toEqual([
      { hour: hourOf(hour), calls: 5, newCallers: 2, latest: 1 },
      { hour: hourOf(next), calls: 1, newCallers: 0, latest: 1 },
    ]);
    expect(await callsByHour({ from: next, to: next })).toEqual([{ hour: hourOf(next), calls: 1, newCallers: 0, latest: 1 }]);
  });
});

describe("pages of callers", () => {
  // 60 callers a minute apart (spread over every shard), in an hour range of their own.
  const callers: string[] = []; // newest first
  let start = "";
  const page = (p: { callers: { e164: string }[] }) => p.callers.map((c) => c.e164);

  it("pages forward and back by cursor, across shards, with every caller once", async () => {
    start = freshHour();
    freshHour();
    for (let i = 0; i < 60; i++) {
      const e164 = number();
      callers.unshift(e164);
      await saveCaller({ e164, vanity: FIVE, calledAt: minutesAfter(start, i) });
    }
    const range = { from: start, to: minutesAfter(start, 60) };
    const first = await listCallers({ limit: 25, ...range });
    expect(page(first)).toEqual(callers.slice(0, 25));
    expect(first.newer).toBeNull();
    const second = await listCallers({ limit: 25, ...range, before: first.older });
    expect(page(second)).toEqual(callers.slice(25, 50));
    const third = await listCallers({ limit: 25, ...range, before: second.older });
    expect(page(third)).toEqual(callers.slice(50));
    expect(third.older).toBeNull();
    // And back.
    const back = await listCallers({ limit: 25, ...range, after: third.newer });
    expect(page(back)).toEqual(callers.slice(25, 50));
    const top = await listCallers({ limit: 25, ...range, after: back.newer });
    expect(page(top)).toEqual(callers.slice(0, 25));
    expect(top.newer).toBeNull();
  });

  it("keeps the callers whose latest call is in a time range", async () => {
    const window = await listCallers({ limit: 100, from: minutesAfter(start, 10), to: minutesAfter(start, 20) });
    expect(page(window)).toEqual(callers.slice(40, 50)); // minutes 19 down to 10
    expect(window.older).toBeNull();
  });
});
