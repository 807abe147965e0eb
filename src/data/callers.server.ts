// Callers and the vanity numbers they were given.
// Answers: a caller by number (byNumber) · the most recent callers, newest first (recent).
// One record per phone number; `calledAt` is when the number first called (a repeat call
// reads the stored record and changes nothing).
//
// "recent" is spread over RECENT_SHARDS partitions of the gsi1 index so that no single
// partition takes every write; a read queries all shards in parallel and merges them.
// Why, and the alternatives: docs/design.md, "Recent callers without a hot partition".
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { Entity, type EntityItem } from "electrodb";
import { getDb, type Db } from "./db.server.js";

export interface CallerRecord {
  /** The caller's number in E.164, "+18003569377". */
  e164: string;
  /** Five display forms, best first: "1-800-FLOWERS". */
  vanity: string[];
  /** When the number first called, ISO 8601. */
  calledAt: string;
  /** The dictionary words in each of `vanity` (the engine speaks words differently from letters); absent on old records. */
  words?: string[][];
}

/** How many partitions the "recent" index is spread over. Changing it needs a backfill. */
export const RECENT_SHARDS = 8;
export const RECENT_LIMIT_MAX = 50;
export const RECENT_LIMIT_DEFAULT = 5;

const E164 = /^\+[1-9]\d{1,14}$/;

export function makeCallerEntity(client: DynamoDBClient, table: string) {
  return new Entity(
    {
      model: { service: "vanity", entity: "caller", version: "1" },
      attributes: {
        e164: { type: "string", required: true, readOnly: true, validate: E164 },
        shard: { type: "string", required: true, readOnly: true }, // which "recent" partition
        vanity: { type: "list", items: { type: "string" }, required: true },
        words: { type: "list", items: { type: "string" } }, // per vanity number, its words joined by " "
        calledAt: { type: "string", required: true, readOnly: true, default: () => new Date().toISOString() },
      },
      indexes: {
        byNumber: { pk: { field: "pk", composite: ["e164"] }, sk: { field: "sk", composite: [] } },
        recent: {
          index: "gsi1", // the name given in app.arc @tables-indexes
          pk: { field: "gsi1pk", composite: ["shard"] },
          sk: { field: "gsi1sk", composite: ["calledAt"] },
        },
      },
    },
    { client, table },
  );
}

export type CallerEntity = ReturnType<typeof makeCallerEntity>;
export type CallerItem = EntityItem<CallerEntity>;

let cached: { db: Db; entity: CallerEntity } | undefined;
/** The entity on the shared client and table (made again if resetDb() changed them). */
async function callers(): Promise<CallerEntity> {
  const db = await getDb();
  if (cached?.db !== db) cached = { db, entity: makeCallerEntity(db.client, db.table) };
  return cached.entity;
}

/**
 * The "recent" partition for a number: a stable hash (FNV-1a) of the number, so the same
 * caller always lands in the same shard and callers spread evenly over all of them.
 */
export function recentShard(e164: string, shards = RECENT_SHARDS): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < e164.length; i++) {
    hash ^= e164.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return String((hash >>> 0) % shards);
}

/** `limit` made safe for a query: a whole number from 1 to RECENT_LIMIT_MAX. */
export function clampRecentLimit(limit: unknown): number {
  const n = typeof limit === "number" ? limit : Number(limit);
  if (!Number.isFinite(n)) return RECENT_LIMIT_DEFAULT;
  return Math.min(RECENT_LIMIT_MAX, Math.max(1, Math.trunc(n)));
}

function toRecord(item: Pick<CallerItem, "e164" | "vanity" | "calledAt" | "words">): CallerRecord {
  const record: CallerRecord = { e164: item.e164, vanity: item.vanity, calledAt: item.calledAt };
  if (item.words && item.words.length > 0) record.words = item.words.map((w) => w.split(" ").filter(Boolean));
  return record;
}

export async function getCaller({ e164 }: { e164: string }): Promise<CallerRecord | null> {
  if (!E164.test(e164)) return null; // cannot be stored, so cannot be found
  const { data } = await (await callers()).get({ e164 }).go();
  return data ? toRecord(data) : null;
}

/**
 * Stores a caller unless the number is already stored (a conditional create, so two
 * concurrent first calls still leave one record). On conflict returns the stored record.
 * `calledAt` defaults to now; the seed script passes older times.
 */
export async function saveCaller({
  e164,
  vanity,
  words,
  calledAt,
}: {
  e164: string;
  vanity: string[];
  words?: ReadonlyArray<readonly string[]>;
  calledAt?: string;
}): Promise<{ caller: CallerRecord; created: boolean }> {
  const entity = await callers();
  const item = { e164, vanity, shard: recentShard(e164), ...(words ? { words: words.map((w) => w.join(" ")) } : {}), ...(calledAt ? { calledAt } : {}) };
  const result = await entity.create(item).go({ returnOnConditionCheckFailure: "all_old" });
  if (!result.rejected) return { caller: toRecord(result.data), created: true };
  // DynamoDB returns the stored item with the failure; local dynalite does not, so read it.
  const existing = result.data ?? (await entity.get({ e164 }).go()).data;
  if (!existing) throw new Error(`saveCaller: ${e164} exists but could not be read back`);
  return { caller: toRecord(existing), created: false };
}

/**
 * The most recent callers, newest first. One Query per shard, each newest first with the
 * full limit (the newest `limit` overall are among the newest `limit` of every shard), in
 * parallel, merged. Cost: RECENT_SHARDS × limit items at most, whatever the table's size.
 */
export async function listRecentCallers({ limit }: { limit: number }): Promise<CallerRecord[]> {
  const entity = await callers();
  const count = clampRecentLimit(limit);
  const shards = Array.from({ length: RECENT_SHARDS }, (_, i) => String(i));
  const pages = await Promise.all(
    shards.map((shard) => entity.query.recent({ shard }).go({ order: "desc", limit: count })),
  );
  return pages
    .flatMap((page) => page.data)
    .sort((a, b) => (a.calledAt === b.calledAt ? a.e164.localeCompare(b.e164) : a.calledAt < b.calledAt ? 1 : -1))
    .slice(0, count)
    .map(toRecord);
}

/** Removes a caller (tests clean up after themselves). */
export async function deleteCaller({ e164 }: { e164: string }): Promise<void> {
  await (await callers()).delete({ e164 }).go();
}
