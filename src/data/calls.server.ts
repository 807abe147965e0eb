// Every answered call, and how many there were each hour.
// Answers: a caller's calls, newest first (calls.byNumber, in the caller's partition: the
// "history" collection with the caller's record, see callers.server.ts) · calls per hour over a
// time range (hourlyCalls.byHour, one Query, for the dashboard's chart).
//
// A call item's key holds the Connect contact id, so writing the same call twice leaves one item.
// The hourly counters are DynamoDB ADDs, so concurrent calls never lose a count. Both expire with
// the caller's retention setting (expiresAt, the table's TTL).
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { Entity, type EntityItem } from "electrodb";
import type { DbCallOptions } from "./callers.server.js";
import { entityOnDb } from "./db.server.js";

/** Whether the caller heard numbers made for this call or the ones stored at their first call. */
export type CallNumbers = "new" | "repeat";

export interface CallRecord {
  /** When the call was answered, ISO 8601. */
  calledAt: string;
  /** The Connect contact id ("first" for the one call of a record stored before calls were kept). */
  contactId: string;
  numbers: CallNumbers;
  /** Numbers the caller keyed in during the call to hear their vanity numbers (the menu's option 3), E.164. */
  lookups?: string[];
}

const E164 = /^\+[1-9]\d{1,14}$/;

export function makeCallEntity(client: DynamoDBClient, table: string) {
  return new Entity(
    {
      model: { service: "vanity", entity: "call", version: "1" },
      attributes: {
        e164: { type: "string", required: true, readOnly: true, validate: E164 },
        contactId: { type: "string", required: true, readOnly: true },
        calledAt: { type: "string", required: true, readOnly: true },
        numbers: { type: ["new", "repeat"] as const, required: true },
        lookups: { type: "list", items: { type: "string" } },
        expiresAt: { type: "number" },
      },
      indexes: {
        // In the caller's partition, below the caller's own item ("$call_1#…" < "$caller_1"), so
        // one descending Query of the partition reads the caller, then their newest calls.
        byNumber: {
          collection: "history",
          pk: { field: "pk", composite: ["e164"] },
          sk: { field: "sk", composite: ["calledAt", "contactId"], template: "$call_1#calledat_${calledAt}#${contactId}" },
        },
      },
    },
    { client, table },
  );
}

/** One hour's calls: "2026-12-02T09" (UTC). */
export function makeHourlyCallsEntity(client: DynamoDBClient, table: string) {
  return new Entity(
    {
      model: { service: "vanity", entity: "hourlyCalls", version: "1" },
      attributes: {
        series: { type: "string", required: true, readOnly: true, default: "calls" },
        hour: { type: "string", required: true, readOnly: true },
        calls: { type: "number" },
        /** Calls from numbers that had not called before. */
        newCallers: { type: "number" },
        /**
         * Callers whose latest call is in this hour: a call adds one here and takes one from the
         * hour of the caller's call before, so the sum from any hour up to now is how many
         * different numbers called since then.
         */
        latest: { type: "number" },
        expiresAt: { type: "number" },
      },
      indexes: {
        byHour: { pk: { field: "pk", composite: ["series"] }, sk: { field: "sk", composite: ["hour"] } },
      },
    },
    { client, table },
  );
}

export type CallEntity = ReturnType<typeof makeCallEntity>;
export type CallItem = EntityItem<CallEntity>;

const calls = entityOnDb(makeCallEntity);
const hourlyCalls = entityOnDb(makeHourlyCallsEntity);

const go = (signal: AbortSignal | undefined) => (signal ? { abortSignal: signal } : {});

/** "2026-12-02T09:41:07.000Z" → "2026-12-02T09". */
export function hourOf(iso: string): string {
  return new Date(iso).toISOString().slice(0, 13);
}

export function toCallRecord(item: Pick<CallItem, "calledAt" | "contactId" | "numbers" | "lookups">): CallRecord {
  return {
    calledAt: item.calledAt,
    contactId: item.contactId,
    numbers: item.numbers,
    ...(item.lookups?.length ? { lookups: item.lookups } : {}),
  };
}

/**
 * Notes on a stored call a number the caller keyed in to hear its vanity numbers; false when the
 * call is not stored (nothing is written then: no half item).
 */
export async function noteLookup(
  { e164, calledAt, contactId, lookedUp }: { e164: string; calledAt: string; contactId: string; lookedUp: string },
  { signal }: DbCallOptions = {},
): Promise<boolean> {
  return written(
    (await calls())
      .patch({ e164, calledAt, contactId })
      .append({ lookups: [lookedUp] })
      .go({ response: "none", ...go(signal) }),
  );
}

/** Stores one call; false when this contact's call is already stored (a retry of the same contact). */
export async function putCall(
  call: { e164: string; contactId: string; calledAt: string; numbers: CallNumbers; expiresAt: number },
  { signal }: DbCallOptions = {},
): Promise<boolean> {
  return written(
    (await calls())
      .put(call)
      .where(({ e164 }, { notExists }) => notExists(e164))
      .go({ response: "none", ...go(signal) }),
  );
}

/**
 * Adds one call to its hour's counters (atomic ADDs, so concurrent calls all count), and moves
 * the caller's "latest" count from the hour of their call before (`previousCall`, when it was
 * counted: records stored before calls were kept have none) to this one.
 */
export async function countCall(
  { calledAt, newCaller, previousCall, expiresAt }: { calledAt: string; newCaller: boolean; previousCall?: string; expiresAt: number },
  { signal }: DbCallOptions = {},
): Promise<void> {
  const entity = await hourlyCalls();
  const moved = previousCall !== undefined && hourOf(previousCall) !== hourOf(calledAt);
  const stays = previousCall !== undefined && !moved; // the caller's latest call was already in this hour
  await Promise.all([
    entity
      .update({ series: "calls", hour: hourOf(calledAt) })
      .add({ calls: 1, newCallers: newCaller ? 1 : 0, latest: stays ? 0 : 1 })
      .set({ expiresAt })
      .go({ response: "none", ...go(signal) }),
    moved
      ? entity
          .update({ series: "calls", hour: hourOf(previousCall) })
          .add({ latest: -1 })
          .go({ response: "none", ...go(signal) })
      : undefined,
  ]);
}

export interface HourCount {
  /** "2026-12-02T09" */
  hour: string;
  calls: number;
  newCallers: number;
  /** Callers whose latest call is in this hour (see the attribute). */
  latest: number;
}

/** Calls per hour from `from` to `to` (ISO times, both hours included), hours with no calls left out. One Query. */
export async function callsByHour({ from, to }: { from: string; to: string }, { signal }: DbCallOptions = {}): Promise<HourCount[]> {
  const entity = await hourlyCalls();
  const hours: HourCount[] = [];
  let cursor: string | null = null;
  do {
    const page: { data: EntityItem<ReturnType<typeof makeHourlyCallsEntity>>[]; cursor: string | null } = await entity.query
      .byHour({ series: "calls" })
      .between({ hour: hourOf(from) }, { hour: hourOf(to) })
      .go({ cursor, ...go(signal) });
    for (const item of page.data)
      hours.push({ hour: item.hour, calls: item.calls ?? 0, newCallers: item.newCallers ?? 0, latest: item.latest ?? 0 });
    cursor = page.cursor;
  } while (cursor);
  return hours;
}

/** A caller's calls, newest first, a page at a time; `cursor` is null on the last page. */
export async function listCalls(
  { e164, limit, cursor = null }: { e164: string; limit: number; cursor?: string | null },
  { signal }: DbCallOptions = {},
): Promise<{ calls: CallRecord[]; cursor: string | null }> {
  if (!E164.test(e164)) return { calls: [], cursor: null };
  const page = await (await calls()).query.byNumber({ e164 }).go({ order: "desc", limit, cursor, ...go(signal) });
  return { calls: page.data.map(toCallRecord), cursor: page.cursor };
}

/**
 * Brings the TTL of a number's calls, and of the hourly counts, down to `days` after the call (or
 * the hour): for calls and counts written under a longer VANITY_RETENTION_DAYS. Returns how many
 * it shortened. (The retention Lambda runs these beside capRetention.)
 */
export async function capCallRetention({ e164, days }: { e164: string; days: number }): Promise<number> {
  const entity = await calls();
  let shortened = 0;
  let cursor: string | null = null;
  do {
    const page: { data: CallItem[]; cursor: string | null } = await entity.query.byNumber({ e164 }).go({ cursor, limit: 100 });
    for (const call of page.data) {
      const cap = Math.floor(Date.parse(call.calledAt) / 1000) + days * 86_400;
      if (call.expiresAt !== undefined && call.expiresAt <= cap) continue;
      await entity.patch({ e164, calledAt: call.calledAt, contactId: call.contactId }).set({ expiresAt: cap }).go({ response: "none" });
      shortened++;
    }
    cursor = page.cursor;
  } while (cursor);
  return shortened;
}

export async function capHourlyRetention({ days }: { days: number }): Promise<number> {
  const entity = await hourlyCalls();
  let shortened = 0;
  let cursor: string | null = null;
  do {
    const page: { data: EntityItem<ReturnType<typeof makeHourlyCallsEntity>>[]; cursor: string | null } = await entity.query
      .byHour({ series: "calls" })
      .go({ cursor, limit: 500 });
    for (const hour of page.data) {
      const cap = Math.floor(Date.parse(`${hour.hour}:00:00.000Z`) / 1000) + 3600 + days * 86_400;
      if (hour.expiresAt !== undefined && hour.expiresAt <= cap) continue;
      await entity.patch({ series: "calls", hour: hour.hour }).set({ expiresAt: cap }).go({ response: "none" });
      shortened++;
    }
    cursor = page.cursor;
  } while (cursor);
  return shortened;
}

/** Deletes every call of a number (tests and deleteCaller). */
export async function deleteCalls({ e164 }: { e164: string }): Promise<void> {
  const entity = await calls();
  let cursor: string | null = null;
  do {
    const page: { data: CallItem[]; cursor: string | null } = await entity.query.byNumber({ e164 }).go({ cursor });
    if (page.data.length > 0) await entity.delete(page.data.map((c) => ({ e164, calledAt: c.calledAt, contactId: c.contactId }))).go();
    cursor = page.cursor;
  } while (cursor);
}

/** Whether a conditional write was made: false when its condition failed; any other failure is thrown. */
export function written(write: Promise<unknown>): Promise<boolean> {
  return write.then(
    () => true,
    (error: unknown) => {
      if (isConditionFailure(error)) return false;
      throw error;
    },
  );
}

export function isConditionFailure(error: unknown): boolean {
  return String((error as Error)?.message).includes("conditional request failed");
}
