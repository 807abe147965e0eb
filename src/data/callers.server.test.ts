// The data layer against sandbox's real DynamoDB (dynalite), started by test/sandbox-setup.ts.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { assertLocalDb, callersToDelete, uniqueNumber } from "../../test/local-db.js";
import { retentionDays } from "../config.js";
import { makeLegacyCallerEntity } from "../../test/legacy-caller.js";
import { makeCallEntity, makeHourlyCallsEntity } from "./calls.server.js";
import { getDb } from "./db.server.js";
import { claimText, makeTextEntity } from "./texts.server.js";
import {
  clampRecentLimit,
  deleteCaller,
  expiresAtFor,
  isExpired,
  getCaller,
  listRecentCallers,
  makeCallerEntity,
  recentShard,
  RECENT_SHARDS,
  saveCaller,
  capRetention,
} from "./callers.server.js";

const FIVE = ["1-206-FLOWERS", "1-206-FLOWER-S", "1-206-356-9377", "1-206-ABC-DEFG", "1-206-DOG-CATS"];
const created = callersToDelete();

async function save(e164: string, calledAt?: string) {
  created.push(e164);
  return saveCaller({ e164, vanity: FIVE, words: [["FLOWERS"], ["FLOWER"], [], [], ["DOG", "CATS"]], ...(calledAt ? { calledAt } : {}) });
}

beforeAll(() => assertLocalDb());

describe("getCaller and saveCaller", () => {
  it("stores a new caller and reads it back", async () => {
    const e164 = uniqueNumber();
    const before = Date.now();
    const { caller, created } = await save(e164);
    expect(created).toBe(true);
    expect(caller).toMatchObject({ e164, vanity: FIVE });
    expect(Date.parse(caller.calledAt)).toBeGreaterThanOrEqual(before - 1);
    expect(caller.calledAt).toBe(new Date(caller.calledAt).toISOString());

    const read = await getCaller({ e164 });
    expect(read).toEqual({
      e164,
      vanity: FIVE,
      calledAt: caller.calledAt,
      lastCalledAt: caller.calledAt,
      callCount: 1,
      words: [["FLOWERS"], ["FLOWER"], [], [], ["DOG", "CATS"]],
    });
  });

  it("returns null for a number never stored, or one that cannot be stored", async () => {
    expect(await getCaller({ e164: uniqueNumber() })).toBeNull();
    expect(await getCaller({ e164: "not a number" })).toBeNull();
  });

  it("creates only once: a later call keeps the stored numbers and counts the call", async () => {
    const e164 = uniqueNumber();
    const first = await save(e164, "2026-01-02T03:04:05.006Z");
    const second = await saveCaller({ e164, vanity: ["1-999-DIFFERENT"], calledAt: "2026-06-01T00:00:00.000Z" });
    expect(second.created).toBe(false);
    expect(second.caller).toEqual({ ...first.caller, lastCalledAt: "2026-06-01T00:00:00.000Z", callCount: 2 });
    expect(await getCaller({ e164 })).toEqual(second.caller);
  });

  it("leaves one record when the same number is saved concurrently", async () => {
    const e164 = uniqueNumber();
    created.push(e164);
    const results = await Promise.all(Array.from({ length: 5 }, () => saveCaller({ e164, vanity: FIVE })));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const calledAts = new Set(results.map((r) => r.caller.calledAt));
    expect(calledAts.size).toBe(1);
  });

  it("rejects a number that is not E.164", async () => {
    await expect(saveCaller({ e164: "2065550100", vanity: FIVE })).rejects.toThrow();
  });
});

describe("listRecentCallers", () => {
  // Far-future times keep these records the newest in the table while other tests write "now".
  const base = Date.parse("2100-01-01T00:00:00.000Z");
  const recent: { e164: string; calledAt: string }[] = [];

  beforeAll(async () => {
    // Enough callers that every shard holds some, with times that interleave across shards.
    for (let i = 0; i < 24; i++) recent.push({ e164: uniqueNumber(), calledAt: new Date(base + i * 60_000).toISOString() });
    await Promise.all(recent.map(({ e164, calledAt }) => save(e164, calledAt)));
    expect(new Set(recent.map((r) => recentShard(r.e164))).size).toBeGreaterThan(1);
  });

  const newestFirst = () => [...recent].sort((a, b) => b.calledAt.localeCompare(a.calledAt));

  it("returns the newest callers first, across all shards", async () => {
    const list = await listRecentCallers({ limit: 10 });
    expect(list.map((c) => c.e164)).toEqual(
      newestFirst()
        .slice(0, 10)
        .map((r) => r.e164),
    );
    expect(list.map((c) => c.calledAt)).toEqual(
      newestFirst()
        .slice(0, 10)
        .map((r) => r.calledAt),
    );
    expect(list[0]).toMatchObject({ vanity: FIVE });
  });

  it("returns exactly `limit` callers", async () => {
    expect(await listRecentCallers({ limit: 1 })).toHaveLength(1);
    const five = await listRecentCallers({ limit: 5 });
    expect(five.map((c) => c.e164)).toEqual(
      newestFirst()
        .slice(0, 5)
        .map((r) => r.e164),
    );
  });

  it("clamps the limit to 1..50", async () => {
    expect(await listRecentCallers({ limit: 0 })).toHaveLength(1);
    expect(await listRecentCallers({ limit: -3 })).toHaveLength(1);
    const many = await listRecentCallers({ limit: 1000 });
    expect(many.length).toBeGreaterThanOrEqual(24);
    expect(many.length).toBeLessThanOrEqual(50);
  });
});

describe("retention: records expire", () => {
  const DAY = 86_400;
  const rawItem = async (e164: string) => {
    const { client, table } = await getDb();
    return (await makeCallerEntity(client, table).get({ e164 }).go()).data;
  };

  it("reads VANITY_RETENTION_DAYS: 90 by default, whole days from 1 to 3650, anything else refused", () => {
    expect(retentionDays({})).toBe(90);
    expect(retentionDays({ VANITY_RETENTION_DAYS: "" })).toBe(90);
    expect(retentionDays({ VANITY_RETENTION_DAYS: " 30 " })).toBe(30);
    expect(retentionDays({ VANITY_RETENTION_DAYS: "3650" })).toBe(3650);
    for (const bad of ["0", "-1", "30d", "1.5", "3651", "1e3", "ninety", "0x10"]) {
      expect(() => retentionDays({ VANITY_RETENTION_DAYS: bad }), bad).toThrow(/VANITY_RETENTION_DAYS/);
    }
  });

  it("sets expiresAt (epoch seconds) on create, retention days after the write", async () => {
    const e164 = uniqueNumber();
    const before = Math.floor(Date.now() / 1000);
    await save(e164, "2026-01-02T03:04:05.006Z"); // an old call (the seed's): retention counts from the write
    const after = Math.floor(Date.now() / 1000);
    const item = await rawItem(e164);
    expect(item?.expiresAt).toBeGreaterThanOrEqual(before + 90 * DAY);
    expect(item?.expiresAt).toBeLessThanOrEqual(after + 90 * DAY);
    expect(expiresAtFor(new Date(0), 7)).toBe(7 * DAY);
  });

  it("follows VANITY_RETENTION_DAYS, and stores nothing when it is invalid", async () => {
    const saved = process.env.VANITY_RETENTION_DAYS;
    try {
      process.env.VANITY_RETENTION_DAYS = "7";
      const e164 = uniqueNumber();
      await save(e164);
      expect((await rawItem(e164))?.expiresAt).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 7 * DAY);
      process.env.VANITY_RETENTION_DAYS = "forever";
      const refused = uniqueNumber();
      await expect(saveCaller({ e164: refused, vanity: FIVE })).rejects.toThrow(/VANITY_RETENTION_DAYS/);
      expect(await rawItem(refused)).toBeNull();
    } finally {
      if (saved === undefined) delete process.env.VANITY_RETENTION_DAYS;
      else process.env.VANITY_RETENTION_DAYS = saved;
    }
  });

  it("hides an expired record that DynamoDB has not deleted yet, from getCaller and the recent list, and a new call replaces it", async () => {
    const { client, table } = await getDb();
    const entity = makeLegacyCallerEntity(client, table);
    const now = Math.floor(Date.now() / 1000);
    // Far-future call times put both at the top of the recent list, were it not for expiry.
    const live = uniqueNumber();
    // In the same shard, so the expired record takes the live one's place in that shard's page.
    let expired = uniqueNumber();
    while (recentShard(expired) !== recentShard(live)) expired = uniqueNumber();
    created.push(live, expired);
    await entity
      .put({ e164: live, shard: recentShard(live), vanity: FIVE, calledAt: "2200-01-01T00:00:00.000Z", expiresAt: now + DAY })
      .go();
    await entity
      .put({ e164: expired, shard: recentShard(expired), vanity: FIVE, calledAt: "2200-01-01T00:01:00.000Z", expiresAt: now - 1 })
      .go();
    expect(isExpired((await rawItem(expired))!)).toBe(true); // still in the table

    expect(await getCaller({ e164: expired })).toBeNull();
    expect((await getCaller({ e164: live }))?.e164).toBe(live);
    expect((await listRecentCallers({ limit: 1 })).map((c) => c.e164)).toEqual([live]);
    expect((await listRecentCallers({ limit: 50 })).map((c) => c.e164)).not.toContain(expired);

    const again = await saveCaller({ e164: expired, vanity: ["1-206-NEW-ONE"] });
    expect(again.created).toBe(true);
    expect(again.caller.vanity).toEqual(["1-206-NEW-ONE"]);
    expect((await rawItem(expired))?.expiresAt).toBeGreaterThan(now + 89 * DAY);
    expect(await getCaller({ e164: expired })).toMatchObject({ vanity: ["1-206-NEW-ONE"] });
    await Promise.all([deleteCaller({ e164: live }), deleteCaller({ e164: expired })]); // off the top of the list
  });

  it("keeps a record stored before retention existed (no expiresAt): shown, never replaced", async () => {
    const { client, table } = await getDb();
    const e164 = uniqueNumber();
    created.push(e164);
    await makeLegacyCallerEntity(client, table)
      .put({ e164, shard: recentShard(e164), vanity: FIVE, calledAt: new Date().toISOString() })
      .go();
    expect(await getCaller({ e164 })).toMatchObject({ e164, vanity: FIVE });
    const second = await saveCaller({ e164, vanity: ["1-206-NEW-ONE"] });
    expect(second).toMatchObject({ created: false, caller: { vanity: FIVE } });
  });
});

describe("keys and queries (no database)", () => {
  const entity = makeCallerEntity(new DynamoDBClient({ region: "us-west-2" }), "table");

  it("reads recent callers with a descending Query on gsi1, never a Scan", () => {
    const params = entity.query.recent({ shard: "3" }).params({ order: "desc", limit: 5 }) as Record<string, unknown>;
    expect(params).toMatchObject({ IndexName: "gsi1", ScanIndexForward: false, Limit: 5 });
    expect(params.KeyConditionExpression).toContain("#pk = :pk");
  });

  it("writes a caller with a condition: no record yet, or only an expired one", () => {
    const params = entity
      .put({
        e164: "+12065550100",
        shard: "1",
        vanity: FIVE,
        calledAt: "2026-01-01T00:00:00.000Z",
        lastCalledAt: "2026-01-01T00:00:00.000Z",
        expiresAt: 1,
      })
      .where(({ e164, expiresAt }, { notExists, lte }) => `${notExists(e164)} OR ${lte(expiresAt, 100)}`)
      .params() as { ConditionExpression: string };
    expect(params.ConditionExpression).toMatch(/attribute_not_exists\(#e164\) OR #expiresAt <= :expiresAt/);
  });

  it("spreads numbers over every shard, the same number always to the same one", () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 4000; i++) {
      const shard = recentShard(`+1206${String(2_000_000 + i * 37)}`);
      counts.set(shard, (counts.get(shard) ?? 0) + 1);
    }
    expect(counts.size).toBe(RECENT_SHARDS);
    for (const n of counts.values()) expect(n).toBeGreaterThan((4000 / RECENT_SHARDS) * 0.8);
    expect(recentShard("+12065550100")).toBe(recentShard("+12065550100"));
  });

  it("clamps odd limits", () => {
    expect(clampRecentLimit(Number.NaN)).toBe(5);
    expect(clampRecentLimit("7")).toBe(7);
    expect(clampRecentLimit(2.9)).toBe(2);
    expect(clampRecentLimit(51)).toBe(50);
  });
});

describe("capRetention", () => {
  it("brings records written under a longer retention down to the current one, counted from the call", async () => {
    const { client, table } = await getDb();
    const entity = makeCallerEntity(client, table);
    const ttl = async (e164: string) => (await entity.get({ e164 }).go()).data?.expiresAt;
    const day = 86_400;

    const recent = uniqueNumber();
    await save(recent); // 90 days from now
    const old = uniqueNumber();
    const calledLongAgo = new Date(Date.now() - 100 * day * 1000).toISOString();
    await save(old, calledLongAgo); // called 100 days ago, kept 90 days from its write
    const short = uniqueNumber();
    const savedDays = process.env.VANITY_RETENTION_DAYS;
    process.env.VANITY_RETENTION_DAYS = "30";
    try {
      await save(short); // already shorter than the new setting
    } finally {
      if (savedDays === undefined) delete process.env.VANITY_RETENTION_DAYS;
      else process.env.VANITY_RETENTION_DAYS = savedDays;
    }
    const shortBefore = await ttl(short);
    // A text the recent caller asked for, kept as long as their call (90 days).
    const sentAt = new Date().toISOString();
    await claimText({
      e164: recent,
      contactId: "text-1",
      body: "Your vanity numbers: 1-206-FLOWERS",
      sentAt,
      status: "outbox",
      expiresAt: expiresAtFor(new Date()),
    });

    // 89 days: shortens by a day what other tests wrote just now, never anything they still read.
    const result = await capRetention({ days: 89 });
    expect(result.shortened).toBeGreaterThanOrEqual(2); // other tests' records may be shortened too
    expect(result.checked).toBeGreaterThanOrEqual(3);

    const recentRecord = (await entity.get({ e164: recent }).go()).data!;
    expect(recentRecord.expiresAt).toBe(expiresAtFor(new Date(recentRecord.calledAt), 89));
    expect(await ttl(old)).toBe(expiresAtFor(new Date(calledLongAgo), 89));
    // Its call went with it, and the hour it was counted in.
    expect(result.calls).toBeGreaterThanOrEqual(2);
    const { data: oldCalls } = await makeCallEntity(client, table).query.byNumber({ e164: old }).go();
    expect(oldCalls.map((c) => c.expiresAt)).toEqual([expiresAtFor(new Date(calledLongAgo), 89)]);
    const { data: hours } = await makeHourlyCallsEntity(client, table).query.byHour({ series: "calls" }).go({ pages: "all" });
    for (const hour of hours) expect(hour.expiresAt).toBeLessThanOrEqual(Date.parse(`${hour.hour}:00:00.000Z`) / 1000 + 3600 + 89 * day);
    expect(await getCaller({ e164: old })).toBeNull(); // past its retention: gone for the dashboard and the Lambda
    expect(await ttl(short)).toBe(shortBefore); // never lengthened
    const { data: texts } = await makeTextEntity(client, table).query.byNumber({ e164: recent }).go();
    expect(texts.map((t) => t.expiresAt)).toEqual([Math.floor(Date.parse(sentAt) / 1000) + 89 * day]);
    await capRetention({ days: 89 }); // again: what is already at the setting stays as it is
    expect((await entity.get({ e164: recent }).go()).data!.expiresAt).toBe(recentRecord.expiresAt);
  });
});
