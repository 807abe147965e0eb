// Callers and the vanity numbers they were given.
// Answers: a caller by number (byNumber) · the callers who called most recently, newest first
// (recent) · a caller with their calls, newest first (the "history" collection: the caller's
// record and their call items share a partition, so that is one Query).
// One record per phone number, made at its first call: the numbers are made then and a repeat
// caller hears them again. Every answered call is also stored (calls.server.ts), and the record
// keeps the first and latest call time and a call count.
//
// Records expire: `expiresAt` (epoch seconds, the table's TTL attribute in app.arc) is set to
// VANITY_RETENTION_DAYS (default 90) after the latest call. DynamoDB deletes expired items
// lazily (usually within days), so reads treat an expired record as gone, and a new call from
// that number replaces it.
//
// "recent" is spread over RECENT_SHARDS partitions of the gsi1 index so that no single
// partition takes every write; a read queries all shards in parallel and merges them.
// Why, and the alternatives: docs/design.md, "Recent callers without a hot partition".
//
// The key formats are those of records stored before calls were kept ("$caller_1", and the
// latest call where the first call used to be): those records still show, with their one call.
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { randomUUID } from "node:crypto";
import { Entity, Service, type EntityItem } from "electrodb";
import { logger, maskPhoneNumber, type Logger } from "../log.js";
import { retentionDays } from "../config.js";
import {
  capCallRetention,
  capHourlyRetention,
  countCall,
  deleteCalls,
  isConditionFailure,
  makeCallEntity,
  putCall,
  toCallRecord,
  type CallItem,
  type CallRecord,
} from "./calls.server.js";
import { entityOnDb } from "./db.server.js";

const defaultLog = logger.child({ module: "callers" });

export interface CallerRecord {
  /** The caller's number in E.164, "+18003569377". */
  e164: string;
  /** Five display forms, best first: "1-800-FLOWERS". */
  vanity: string[];
  /** When the number first called, ISO 8601. */
  calledAt: string;
  /** When the number last called, ISO 8601 (the first call, until it calls again). */
  lastCalledAt: string;
  /** Answered calls from the number, the first included. */
  callCount: number;
  /** The dictionary words in each of `vanity` (the engine speaks words differently from letters); absent on old records. */
  words?: string[][];
  /** Which dictionary made the numbers ("2-1f0c9a3e"); absent on records made before it was noted. */
  dictionary?: string;
}

/** How many partitions the "recent" index is spread over. Changing it needs a backfill. */
export const RECENT_SHARDS = 8;
export const RECENT_LIMIT_MAX = 50;
export const RECENT_LIMIT_DEFAULT = 5;
/** Pages one shard may read past expired records for one page of callers. */
const MAX_RECENT_PAGES = 3;

const E164 = /^\+[1-9]\d{1,14}$/;

/** The TTL for a record written at `now`: epoch seconds, `days` later. */
export function expiresAtFor(now: Date, days: number = retentionDays()): number {
  return Math.floor(now.getTime() / 1000) + days * 86_400;
}

/** Whether DynamoDB may delete the record now (TTL has passed) even if it has not yet. */
export function isExpired(item: { expiresAt?: number | undefined }, now: Date = new Date()): boolean {
  return item.expiresAt !== undefined && item.expiresAt <= Math.floor(now.getTime() / 1000);
}

/** Per-call options: an AbortSignal bounds the whole command, retries included; `log` is the caller's logger (the handler passes its per-contact child). */
export interface DbCallOptions {
  signal?: AbortSignal;
  log?: Logger;
}

export function makeCallerEntity(client: DynamoDBClient, table: string) {
  return new Entity(
    {
      model: { service: "vanity", entity: "caller", version: "1" },
      attributes: {
        e164: { type: "string", required: true, readOnly: true, validate: E164 },
        shard: { type: "string", required: true, readOnly: true }, // which "recent" partition
        vanity: { type: "list", items: { type: "string" }, required: true },
        words: { type: "list", items: { type: "string" } }, // per vanity number, its words joined by " "
        dictionary: { type: "string" }, // the dictionary build that made the numbers (the engine's ranking version)
        calledAt: { type: "string", required: true, readOnly: true }, // the first call
        lastCalledAt: { type: "string", required: true }, // absent on records stored before calls were kept: calledAt
        callCount: { type: "number" }, // absent on records stored before calls were kept: 1
        lastContactId: { type: "string" }, // the latest call's contact, so a retry of it counts once
        expiresAt: { type: "number" }, // TTL, epoch seconds; absent on records stored before retention existed
      },
      indexes: {
        byNumber: {
          collection: "history",
          pk: { field: "pk", composite: ["e164"] },
          sk: { field: "sk", composite: [], template: "$caller_1" },
        },
        recent: {
          index: "gsi1", // the name given in app.arc @tables-indexes
          pk: { field: "gsi1pk", composite: ["shard"] },
          sk: { field: "gsi1sk", composite: ["lastCalledAt"], template: "$caller_1#calledat_${lastCalledAt}" },
        },
      },
    },
    { client, table },
  );
}

export type CallerEntity = ReturnType<typeof makeCallerEntity>;
export type CallerItem = EntityItem<CallerEntity>;

/** The entity on the shared client and table. */
const callers = entityOnDb(makeCallerEntity);
/** The caller and their calls, read together. */
const history = entityOnDb(
  (client, table) => new Service({ caller: makeCallerEntity(client, table), call: makeCallEntity(client, table) }, { client, table }),
);

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

type StoredCaller = Pick<CallerItem, "e164" | "vanity" | "calledAt" | "words" | "dictionary" | "callCount"> & { lastCalledAt?: string };

function toRecord(item: StoredCaller): CallerRecord {
  const record: CallerRecord = {
    e164: item.e164,
    vanity: item.vanity,
    calledAt: item.calledAt,
    lastCalledAt: item.lastCalledAt ?? item.calledAt,
    callCount: item.callCount ?? 1,
  };
  if (item.dictionary) record.dictionary = item.dictionary;
  if (item.words && item.words.length > 0) record.words = item.words.map((w) => w.split(" ").filter(Boolean));
  return record;
}

export async function getCaller({ e164 }: { e164: string }, { signal }: DbCallOptions = {}): Promise<CallerRecord | null> {
  if (!E164.test(e164)) return null; // cannot be stored, so cannot be found
  const { data } = await (await callers()).get({ e164 }).go(signal ? { abortSignal: signal } : {});
  if (!data || isExpired(data)) return null;
  return toRecord(data);
}

/** One answered call from a number, as the Connect handler (or the retry queue) stores it. */
export interface CallToSave {
  e164: string;
  /** The numbers made for this call: stored if this is the number's first call. */
  vanity: string[];
  words?: ReadonlyArray<readonly string[]>;
  dictionary?: string;
  /** When the call was answered; defaults to now (the seed script passes older times). */
  calledAt?: string;
  /** The Connect contact: a retry of the same contact counts once. Absent: a call of its own. */
  contactId?: string | null;
}

/**
 * Stores a call. A number's first call stores the caller (a conditional write, so two
 * concurrent first calls still leave one record) with the numbers given; a later call stores
 * nothing new but the call, and returns the stored record (`created: false`) with its numbers.
 * An expired record (TTL passed, not yet deleted) does not count as stored: it is replaced.
 * `expiresAt` counts from now.
 */
export async function saveCaller(
  { e164, vanity, words, dictionary, calledAt, contactId }: CallToSave,
  { signal, log = defaultLog }: DbCallOptions = {},
): Promise<{ caller: CallerRecord; created: boolean }> {
  const entity = await callers();
  const now = new Date();
  const at = calledAt ?? now.toISOString();
  const contact = contactId ?? randomUUID();
  const item = {
    e164,
    vanity,
    shard: recentShard(e164),
    expiresAt: expiresAtFor(now),
    ...(words ? { words: words.map((w) => w.join(" ")) } : {}),
    ...(dictionary ? { dictionary } : {}),
    calledAt: at,
    lastCalledAt: at,
    callCount: 1,
    lastContactId: contact,
  };
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const result = await entity
    .put(item)
    // New (no record), or replacing one whose TTL has passed. A record without expiresAt never expires.
    .where(({ e164: number, expiresAt }, { notExists, lte }) => `${notExists(number)} OR ${lte(expiresAt, nowSeconds)}`)
    .go({ returnOnConditionCheckFailure: "all_old", ...(signal ? { abortSignal: signal } : {}) });
  // The handler's logger already names the (masked) caller; the default one does not.
  const lineLog = log === defaultLog ? log.child({ caller: maskPhoneNumber(e164) }) : log;
  if (!result.rejected) {
    await Promise.all([
      putCall({ e164, contactId: contact, calledAt: at, numbers: "new", expiresAt: item.expiresAt }, { signal }),
      countCall({ calledAt: at, newCaller: true, expiresAt: item.expiresAt }, { signal }),
    ]);
    lineLog.debug("caller stored");
    return { caller: toRecord(result.data), created: true };
  }
  // DynamoDB returns the stored item with the failure; local dynalite does not, so read it.
  const existing = result.data ?? (await entity.get({ e164 }).go(signal ? { abortSignal: signal } : {})).data;
  if (!existing) throw new Error(`saveCaller: ${maskPhoneNumber(e164)} exists but could not be read back`);
  const caller = toRecord(existing);
  const counted = await saveRepeatCall({ e164, calledAt: at, contactId: contact }, { signal, log: lineLog });
  lineLog.debug(counted ? "caller already stored: call recorded" : "caller already stored: this contact's call was recorded before");
  return { caller: counted ? { ...caller, lastCalledAt: at, callCount: caller.callCount + 1 } : caller, created: false };
}

/**
 * Stores a call from a number that is already stored: the call, its hour's count, and on the
 * caller's record the latest call and one more in the count. The record's update is the gate: it
 * is conditional on the contact id, so a retry of the same contact stores nothing twice (false).
 * A record stored before calls were kept gets its first call as a call item too.
 */
export async function saveRepeatCall(
  { e164, calledAt = new Date().toISOString(), contactId }: { e164: string; calledAt?: string; contactId?: string | null },
  { signal }: DbCallOptions = {},
): Promise<boolean> {
  const entity = await callers();
  const contact = contactId ?? randomUUID();
  const expiresAt = expiresAtFor(new Date());
  const options = { response: "all_old", ...(signal ? { abortSignal: signal } : {}) } as const;
  const update = (firstCount: boolean) =>
    entity
      .patch({ e164 })
      .set({ lastCalledAt: calledAt, lastContactId: contact, expiresAt })
      .add({ callCount: firstCount ? 2 : 1 }) // a record from before calls were kept has had one call
      .where(({ callCount, lastContactId }, { exists, notExists, ne }) =>
        firstCount ? notExists(callCount) : `${exists(callCount)} AND (${notExists(lastContactId)} OR ${ne(lastContactId, contact)})`,
      )
      .go(options)
      .then(
        (result) => result.data as Partial<CallerItem> | null,
        (error: unknown) => {
          if (isConditionFailure(error)) return undefined;
          throw error;
        },
      );
  let before = await update(false);
  const olderRecord = before === undefined ? await update(true) : undefined;
  if (before === undefined && olderRecord === undefined) {
    await ensureCallStored({ e164, contactId: contact, expiresAt }, { signal });
    return false; // this contact was counted already
  }
  before ??= olderRecord;
  await Promise.all([
    putCall({ e164, contactId: contact, calledAt, numbers: "repeat", expiresAt }, { signal }),
    countCall(
      { calledAt, newCaller: false, ...(olderRecord || !before?.lastCalledAt ? {} : { previousCall: before.lastCalledAt }), expiresAt },
      { signal },
    ),
    olderRecord?.calledAt
      ? putCall({ e164, contactId: "first", calledAt: olderRecord.calledAt, numbers: "new", expiresAt }, { signal })
      : undefined,
  ]);
  return true;
}

/**
 * A contact counted on the record whose call item may be missing: its first attempt passed the
 * gate, then ran out of time (the handler's deadline) before the item was written. The record's
 * latest call is that attempt's, so the item is written with its time (a conditional put: when it
 * is there already, nothing changes). Its hour's count is not redone: the chart may be one short.
 */
async function ensureCallStored(
  { e164, contactId, expiresAt }: { e164: string; contactId: string; expiresAt: number },
  { signal }: DbCallOptions,
): Promise<void> {
  const { data } = await (await callers()).get({ e164 }).go(signal ? { abortSignal: signal } : {});
  if (!data || data.lastContactId !== contactId) return; // a later call has come since: this one was stored then
  const first = (data.callCount ?? 1) === 1;
  await putCall({ e164, contactId, calledAt: data.lastCalledAt, numbers: first ? "new" : "repeat", expiresAt }, { signal });
}

/** A caller with their calls, newest first, a page at a time (the first page in one Query). */
export async function getCallerWithCalls(
  { e164, limit, cursor = null }: { e164: string; limit: number; cursor?: string | null },
  { signal }: DbCallOptions = {},
): Promise<{ caller: CallerRecord; calls: CallRecord[]; cursor: string | null } | null> {
  if (!E164.test(e164)) return null;
  const service = await history();
  const go = { order: "desc", ...(signal ? { abortSignal: signal } : {}) } as const;
  // The caller's item sorts above their calls, so the first page holds it; a later page is calls only.
  const page = cursor
    ? await service.entities.call.query.byNumber({ e164 }).go({ ...go, limit, cursor })
    : await service.collections.history({ e164 }).go({ ...go, limit: limit + 1 });
  const now = new Date();
  const callItems: CallItem[] = "caller" in page.data ? page.data.call : page.data;
  const stored =
    "caller" in page.data
      ? page.data.caller[0]
      : await (
          await callers()
        )
          .get({ e164 })
          .go(go)
          .then((r) => r.data);
  if (!stored || isExpired(stored, now)) return null;
  const caller = toRecord(stored);
  // Calls from before the record's first call belong to an earlier, expired record of the number.
  const calls = callItems.filter((c) => !isExpired(c, now) && c.calledAt >= caller.calledAt).map(toCallRecord);
  // A record stored before calls were kept, never called since: its one call is its first.
  if (calls.length === 0 && !cursor && stored.callCount === undefined)
    calls.push({ calledAt: caller.calledAt, contactId: "first", numbers: "new" });
  return { caller, calls, cursor: page.cursor };
}

/** The most recent callers, newest first (`limit` 1 to RECENT_LIMIT_MAX): the first page of listCallers. */
export async function listRecentCallers({ limit }: { limit: number }, options: DbCallOptions = {}): Promise<CallerRecord[]> {
  return (await listCallers({ limit: clampRecentLimit(limit) }, options)).callers;
}

/** Where a page of callers starts: the last (or first) row of the page beside it. */
export interface CallerCursor {
  lastCalledAt: string;
  e164: string;
}

export const CALLERS_PAGE_MAX = 100;

/** The order of every caller list: latest call first, then by number. Negative when `a` comes first. */
function byLatestCall(a: CallerCursor, b: CallerCursor): number {
  if (a.lastCalledAt !== b.lastCalledAt) return a.lastCalledAt < b.lastCalledAt ? 1 : -1;
  return a.e164 < b.e164 ? -1 : a.e164 > b.e164 ? 1 : 0;
}

export interface CallerPage {
  callers: CallerRecord[];
  /** Where the next page of older callers starts, or null on the last one. */
  older: CallerCursor | null;
  /** Where the page of newer callers ends, or null on the first one. */
  newer: CallerCursor | null;
}

/**
 * Callers by their latest call, newest first, a page at a time, expired ones left out:
 * `from`/`to` (ISO instants, `to` excluded) keep the callers whose latest call is in that range;
 * `before` gives the page after a cursor (older), `after` the page before one (newer).
 *
 * One Query per shard of the recent index, in parallel, each with the page's size (the page's
 * callers are among the nearest `limit` of every shard), merged. Cost: RECENT_SHARDS × limit
 * items, whatever the table's size. Expired records are dropped here rather than by a
 * FilterExpression, which would make DynamoDB read on past them with no bound. Nothing live is
 * lost: expiresAt follows the latest call, so a shard's expired records sit below its live ones.
 * (Only after VANITY_RETENTION_DAYS is shortened can a newer record expire before an older one;
 * the list may then come up short until TTL deletes it, usually within a few days.)
 */
export async function listCallers(
  {
    limit,
    from,
    to,
    before,
    after,
  }: { limit: number; from?: string | undefined; to?: string | undefined; before?: CallerCursor | null; after?: CallerCursor | null },
  { signal }: DbCallOptions = {},
): Promise<CallerPage> {
  const entity = await callers();
  const count = Math.min(CALLERS_PAGE_MAX, Math.max(1, Math.trunc(limit)));
  const now = new Date();
  const forward = !after; // towards older callers (the usual way), or back towards newer ones
  const cursor = after ?? before ?? null;
  // The range of latest-call times to read, in key order.
  const upper = cursor && forward ? cursor.lastCalledAt : to;
  const lower = cursor && !forward ? cursor.lastCalledAt : from;
  const wanted = (item: CallerRecord) =>
    (!to || item.lastCalledAt < to) &&
    (!from || item.lastCalledAt >= from) &&
    (!cursor || (forward ? byLatestCall(item, cursor) > 0 : byLatestCall(item, cursor) < 0));

  // Per shard, the nearest `count + 1` wanted records (one more tells whether another page follows).
  // Expired records use up a page's Limit, so a shard whose page held some reads on, a bounded number of pages.
  const nearest = async (shard: string): Promise<CallerRecord[]> => {
    const found: CallerRecord[] = [];
    let page: string | null = null;
    for (let read = 0; read < MAX_RECENT_PAGES; read++) {
      const query = entity.query.recent({ shard });
      const ranged =
        upper && lower
          ? query.between({ lastCalledAt: lower }, { lastCalledAt: upper })
          : upper
            ? query.lte({ lastCalledAt: upper })
            : lower
              ? query.gte({ lastCalledAt: lower })
              : query;
      const result: { data: CallerItem[]; cursor: string | null } = await ranged.go({
        order: forward ? "desc" : "asc",
        limit: count + 1,
        cursor: page,
        ...(signal ? { abortSignal: signal } : {}),
      });
      for (const item of result.data) if (!isExpired(item, now)) found.push(toRecord(item));
      page = result.cursor;
      if (found.filter(wanted).length > count || !page) break;
    }
    return found.filter(wanted);
  };
  const shards = Array.from({ length: RECENT_SHARDS }, (_, i) => String(i));
  const merged = (await Promise.all(shards.map(nearest))).flat().sort(forward ? byLatestCall : (a, b) => byLatestCall(b, a));
  const more = merged.length > count;
  const page = merged.slice(0, count);
  if (!forward) page.reverse();
  const position = (record: CallerRecord | undefined): CallerCursor | null =>
    record ? { lastCalledAt: record.lastCalledAt, e164: record.e164 } : null;
  return {
    callers: page,
    older: forward ? (more ? position(page.at(-1)) : null) : position(page.at(-1)),
    newer: forward ? (cursor ? position(page[0]) : null) : more ? position(page[0]) : null,
  };
}

/**
 * Brings every stored record's TTL down to `days` after its call, for records written under a
 * longer VANITY_RETENTION_DAYS (or before retention existed, with no TTL at all). Reads the
 * "recent" index shard by shard, a page at a time (a Query per page, never a Scan), and
 * shortens with a conditional update, so a record a call replaced meanwhile keeps its own TTL.
 * Run daily by the retention Lambda (src/retention/handler.ts).
 */
export async function capRetention({ days = retentionDays() }: { days?: number } = {}): Promise<{
  checked: number;
  shortened: number;
  calls: number;
  hours: number;
}> {
  const entity = await callers();
  let checked = 0;
  let shortened = 0;
  let calls = 0;
  for (let shard = 0; shard < RECENT_SHARDS; shard++) {
    let cursor: string | null = null;
    do {
      const page: { data: Pick<CallerItem, "e164" | "calledAt" | "lastCalledAt" | "expiresAt">[]; cursor: string | null } =
        await entity.query
          .recent({ shard: String(shard) })
          .go({ cursor, limit: 100, attributes: ["e164", "calledAt", "lastCalledAt", "expiresAt"] });
      for (const item of page.data) {
        checked++;
        // Counted from the latest call; a record from before calls were kept has only its first.
        const latest = (item as { lastCalledAt?: string }).lastCalledAt;
        const cap = expiresAtFor(new Date(latest ?? item.calledAt), days);
        if (item.expiresAt !== undefined && item.expiresAt <= cap) continue;
        const result = await entity
          .patch({ e164: item.e164 })
          .set({ expiresAt: cap })
          // Unless a call replaced the record or called again meanwhile.
          .where(
            ({ calledAt, lastCalledAt, expiresAt }, { eq, notExists, gt }) =>
              `${eq(calledAt, item.calledAt)} AND ${latest ? eq(lastCalledAt, latest) : notExists(lastCalledAt)} AND (${notExists(expiresAt)} OR ${gt(expiresAt, cap)})`,
          )
          .go({ response: "none" })
          .then(
            () => true,
            (error: unknown) => {
              if (isConditionFailure(error)) return false; // replaced or called again meanwhile
              throw error;
            },
          );
        if (result) {
          shortened++;
          calls += await capCallRetention({ e164: item.e164, days }); // written under the same longer setting
        }
      }
      cursor = page.cursor;
    } while (cursor);
  }
  return { checked, shortened, calls, hours: await capHourlyRetention({ days }) };
}

/** Removes a caller and their calls (tests clean up after themselves). */
export async function deleteCaller({ e164 }: { e164: string }): Promise<void> {
  await Promise.all([(await callers()).delete({ e164 }).go(), deleteCalls({ e164 })]);
}
