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
  noteLookup,
  putCall,
  toCallRecord,
  written,
  type CallItem,
  type CallRecord,
} from "./calls.server.js";
import { entityOnDb } from "./db.server.js";
import { capTextRetention, deleteTexts } from "./texts.server.js";

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
  /** Which dictionary made the numbers ("3-1f0c9a3e"); absent on records made before it was noted. */
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
 * Stores a call: a number's first call stores the caller with the numbers given; a later call
 * records the call and returns the stored record (`created: false`), whose numbers the caller
 * hears again. `counted` is false for a retry of a contact already stored (nothing is written
 * twice). An expired record (TTL passed, not yet deleted) does not count as stored: it is
 * replaced. `expiresAt` counts from now.
 *
 * One conditional write decides, whether the number is new or not (an upsert: the numbers and
 * the first call's time are set only if absent, the count goes up by one, and the condition on
 * the contact id stops a retry); then the call item and its hour's counts are written together.
 * So a call costs two round trips, new caller or repeat.
 */
export async function saveCaller(
  { e164, vanity, words, dictionary, calledAt, contactId }: CallToSave,
  { signal, log = defaultLog }: DbCallOptions = {},
): Promise<{ caller: CallerRecord; created: boolean; counted: boolean }> {
  const entity = await callers();
  const now = new Date();
  const at = calledAt ?? now.toISOString();
  const contact = contactId ?? randomUUID();
  const expiresAt = expiresAtFor(now);
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const abort = signal ? { abortSignal: signal } : {};
  const numbers = { vanity, ...(words ? { words: words.map((w) => w.join(" ")) } : {}), ...(dictionary ? { dictionary } : {}) };
  const fresh = {
    e164,
    shard: recentShard(e164),
    ...numbers,
    calledAt: at,
    lastCalledAt: at,
    callCount: 1,
    lastContactId: contact,
    expiresAt,
  };
  // The handler's logger already names the (masked) caller; the default one does not.
  const lineLog = log === defaultLog ? log.child({ caller: maskPhoneNumber(e164) }) : log;

  const gate = await entity
    .upsert({ e164, shard: fresh.shard, lastCalledAt: at, lastContactId: contact, expiresAt })
    .ifNotExists({ ...numbers, calledAt: at })
    .add({ callCount: 1 })
    // Not a retry of this contact, and not a record whose TTL has passed (that one is replaced below).
    .where(
      ({ lastContactId, expiresAt: ttl }, { notExists, ne, gt }) =>
        `(${notExists(lastContactId)} OR ${ne(lastContactId, contact)}) AND (${notExists(ttl)} OR ${gt(ttl, nowSeconds)})`,
    )
    .go({ response: "all_old", ...abort })
    .then(
      (result) => ({ passed: true as const, before: (result.data ?? null) as StoredCaller | null }),
      (error: unknown) => {
        if (isConditionFailure(error)) return { passed: false as const };
        throw error;
      },
    );

  if (!gate.passed) {
    const stored = (await entity.get({ e164 }).go(abort)).data;
    if (stored && !isExpired(stored, now)) {
      // A retry of a contact that was counted: its call item may still be missing.
      await ensureCallStored(stored, contact, { signal });
      lineLog.debug("caller already stored: this contact's call was recorded before");
      return { caller: toRecord(stored), created: false, counted: false };
    }
    // Expired (or deleted since): a new record, on condition that no other call has replaced it first.
    await entity
      .put(fresh)
      .where(({ e164: key, expiresAt: ttl }, { notExists, lte }) => `${notExists(key)} OR ${lte(ttl, nowSeconds)}`)
      .go({ response: "none", ...abort });
  }

  const before = gate.passed ? gate.before : null;
  const created = before === null;
  const legacy = before !== null && before.callCount === undefined; // stored before calls were kept: one call so far
  await Promise.all([
    putCall({ e164, contactId: contact, calledAt: at, numbers: created ? "new" : "repeat", expiresAt }, { signal }),
    countCall(
      { calledAt: at, newCaller: created, ...(before && !legacy ? { previousCall: before.lastCalledAt } : {}), expiresAt },
      { signal },
    ),
    legacy
      ? entity
          .patch({ e164 })
          .add({ callCount: 1 })
          .go({ response: "none", ...abort })
      : undefined,
    legacy ? putCall({ e164, contactId: "first", calledAt: before.calledAt, numbers: "new", expiresAt }, { signal }) : undefined,
  ]);
  if (created) {
    lineLog.debug("caller stored");
    return { caller: toRecord(fresh), created, counted: true };
  }
  lineLog.debug("caller already stored: call recorded");
  const callCount = (before.callCount ?? 1) + 1;
  return { caller: { ...toRecord(before), lastCalledAt: at, callCount }, created, counted: true };
}

/**
 * A contact counted on the record whose call item may be missing: its first attempt passed the
 * gate, then ran out of time (the handler's deadline) before the item was written. The record's
 * latest call is that attempt's, so the item is written with its time (a conditional put: when it
 * is there already, nothing changes). Its hour's count is not redone: the chart may be one short.
 */
async function ensureCallStored(stored: CallerItem, contactId: string, { signal }: DbCallOptions): Promise<void> {
  if (stored.lastContactId !== contactId) return; // a later call has come since: this one was stored then
  const first = (stored.callCount ?? 1) === 1;
  await putCall(
    {
      e164: stored.e164,
      contactId,
      calledAt: stored.lastCalledAt,
      numbers: first ? "new" : "repeat",
      expiresAt: stored.expiresAt ?? expiresAtFor(new Date()),
    },
    { signal },
  );
}

/**
 * Notes on a contact's stored call a number the caller keyed in (the menu's option 3). The
 * record's latest call is the contact's own while the call goes on; false (nothing written) when
 * the contact's call is not stored.
 */
export async function noteLookupOnCall(
  { e164, contactId, lookedUp }: { e164: string; contactId: string; lookedUp: string },
  { signal }: DbCallOptions = {},
): Promise<boolean> {
  const { data } = await (await callers()).get({ e164 }).go(signal ? { abortSignal: signal } : {});
  if (!data || data.lastContactId !== contactId) return false;
  return noteLookup({ e164, calledAt: data.lastCalledAt, contactId, lookedUp }, { signal });
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
  // An earlier, expired record's calls have expired too (a call item's TTL is that of the record
  // it was stored with, and a shortened retention shortens both); calls placed at the same moment
  // as the first call may carry a time a little before the record's.
  const calls = callItems.filter((c) => !isExpired(c, now)).map(toCallRecord);
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
        const result = await written(
          entity
            .patch({ e164: item.e164 })
            .set({ expiresAt: cap })
            // Unless a call replaced the record or called again meanwhile.
            .where(
              ({ calledAt, lastCalledAt, expiresAt }, { eq, notExists, gt }) =>
                `${eq(calledAt, item.calledAt)} AND ${latest ? eq(lastCalledAt, latest) : notExists(lastCalledAt)} AND (${notExists(expiresAt)} OR ${gt(expiresAt, cap)})`,
            )
            .go({ response: "none" }),
        );
        if (result) {
          shortened++;
          calls += await capCallRetention({ e164: item.e164, days }); // written under the same longer setting
          await capTextRetention({ e164: item.e164, days });
        }
      }
      cursor = page.cursor;
    } while (cursor);
  }
  return { checked, shortened, calls, hours: await capHourlyRetention({ days }) };
}

/** Removes a caller and their calls (tests clean up after themselves). */
export async function deleteCaller({ e164 }: { e164: string }): Promise<void> {
  await Promise.all([(await callers()).delete({ e164 }).go(), deleteCalls({ e164 }), deleteTexts({ e164 })]);
}
