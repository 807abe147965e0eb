// The data layer against sandbox's real DynamoDB (dynalite), started by src/test/sandbox-setup.ts.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertLocalDb, uniqueNumber } from "../test/local-db.js";
import {
  clampRecentLimit,
  deleteCaller,
  getCaller,
  listRecentCallers,
  makeCallerEntity,
  recentShard,
  RECENT_SHARDS,
  saveCaller,
} from "./callers.server.js";

const FIVE = ["1-206-FLOWERS", "1-206-FLOWER-S", "1-206-356-9377", "1-206-ABC-DEFG", "1-206-DOG-CATS"];
const created: string[] = [];

async function save(e164: string, calledAt?: string) {
  created.push(e164);
  return saveCaller({ e164, vanity: FIVE, words: [["FLOWERS"], ["FLOWER"], [], [], ["DOG", "CATS"]], ...(calledAt ? { calledAt } : {}) });
}

beforeAll(() => assertLocalDb());
afterAll(async () => {
  await Promise.all(created.map((e164) => deleteCaller({ e164 })));
});

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
    expect(read).toEqual({ e164, vanity: FIVE, calledAt: caller.calledAt, words: [["FLOWERS"], ["FLOWER"], [], [], ["DOG", "CATS"]] });
  });

  it("returns null for a number never stored, or one that cannot be stored", async () => {
    expect(await getCaller({ e164: uniqueNumber() })).toBeNull();
    expect(await getCaller({ e164: "not a number" })).toBeNull();
  });

  it("creates only once: a second save returns the stored record untouched, created=false", async () => {
    const e164 = uniqueNumber();
    const first = await save(e164, "2026-01-02T03:04:05.006Z");
    const second = await saveCaller({ e164, vanity: ["1-999-DIFFERENT"], calledAt: "2026-06-01T00:00:00.000Z" });
    expect(second.created).toBe(false);
    expect(second.caller).toEqual(first.caller);
    expect((await getCaller({ e164 }))?.vanity).toEqual(FIVE);
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
    expect(list.map((c) => c.e164)).toEqual(newestFirst().slice(0, 10).map((r) => r.e164));
    expect(list.map((c) => c.calledAt)).toEqual(newestFirst().slice(0, 10).map((r) => r.calledAt));
    expect(list[0]).toMatchObject({ vanity: FIVE });
  });

  it("returns exactly `limit` callers", async () => {
    expect(await listRecentCallers({ limit: 1 })).toHaveLength(1);
    const five = await listRecentCallers({ limit: 5 });
    expect(five.map((c) => c.e164)).toEqual(newestFirst().slice(0, 5).map((r) => r.e164));
  });

  it("clamps the limit to 1..50", async () => {
    expect(await listRecentCallers({ limit: 0 })).toHaveLength(1);
    expect(await listRecentCallers({ limit: -3 })).toHaveLength(1);
    const many = await listRecentCallers({ limit: 1000 });
    expect(many.length).toBeGreaterThanOrEqual(24);
    expect(many.length).toBeLessThanOrEqual(50);
  });
});

describe("keys and queries (no database)", () => {
  const entity = makeCallerEntity(new DynamoDBClient({ region: "us-west-2" }), "table");

  it("reads recent callers with a descending Query on gsi1, never a Scan", () => {
    const params = entity.query.recent({ shard: "3" }).params({ order: "desc", limit: 5 }) as Record<string, unknown>;
    expect(params).toMatchObject({ IndexName: "gsi1", ScanIndexForward: false, Limit: 5 });
    expect(params.KeyConditionExpression).toContain("#pk = :pk");
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
