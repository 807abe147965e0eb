// The callers a list's filters ask for, outside the callers page: GET /api/callers (a page at a
// time, by cursor) and /callers.csv (every page, streamed as CSV, up to EXPORT_MAX_ROWS).
// A search that is a number narrows the list to that one caller, when their latest call is in
// the date range, as on the page. The data layer is passed in (`source`) so the tests can feed
// pages of their own.
import { parseCallerId, PhoneNumberError } from "../../src/vanity/index.js";
import { timeRange, type CallerFilters } from "./caller-filters";
import { getCaller, listCallers, type CallerCursor, type CallerPage, type CallerRecord } from "./callers.server";
import { csvLine } from "./csv";

export interface CallerSource {
  getCaller: typeof getCaller;
  listCallers: typeof listCallers;
}

const tableSource: CallerSource = { getCaller, listCallers };

/** The filters that choose callers (not the page: the cursor is given separately). */
export type ListFilters = Pick<CallerFilters, "e164" | "from" | "to">;

/** One page of the callers the filters choose, newest first; `older` and `newer` are where the pages beside it start. */
export async function listFilteredCallers(
  filters: ListFilters,
  {
    limit,
    before = null,
    after = null,
    signal,
  }: { limit: number; before?: CallerCursor | null; after?: CallerCursor | null; signal?: AbortSignal },
  source: CallerSource = tableSource,
): Promise<CallerPage> {
  const range = timeRange(filters);
  const options = signal ? { signal } : {};
  if (filters.e164) {
    if (before || after) return { callers: [], older: null, newer: null }; // one caller: there is no other page
    const caller = await source.getCaller({ e164: filters.e164 }, options);
    const inRange = caller && (!range.from || caller.lastCalledAt >= range.from) && (!range.to || caller.lastCalledAt < range.to);
    return { callers: inRange ? [caller] : [], older: null, newer: null };
  }
  return source.listCallers({ limit, ...range, before, after }, options);
}

/** A number as someone wrote it in an address ("+12065550100", "12065550100", "(206) 555-0100"), in E.164. */
export function parseCallerNumber(value: string): { ok: true; e164: string } | { ok: false; message: string } {
  try {
    return { ok: true, e164: parseCallerId(value).e164 };
  } catch (error) {
    if (error instanceof PhoneNumberError) return { ok: false, message: `“${value.slice(0, 40)}” is not a phone number: ${error.message}` };
    throw error;
  }
}

/**
 * Whether `value` could be a cursor that getCallerWithCalls returned (ElectroDB's: base64url of a
 * JSON object of key fields), so that a hand-made one is a 400 rather than a failed query.
 */
export function isCallsCursor(value: string): boolean {
  if (!/^[A-Za-z0-9_-]{1,2048}$/.test(value)) return false;
  try {
    const key: unknown = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
    return (
      typeof key === "object" &&
      key !== null &&
      !Array.isArray(key) &&
      Object.keys(key).length > 0 &&
      Object.values(key).every((v) => typeof v === "string")
    );
  } catch {
    return false;
  }
}

// The export.

export const EXPORT_MAX_ROWS = 10_000;
export const EXPORT_PAGE_SIZE = 100;
export const EXPORT_HEADER = ["number", "best vanity number", "vanity numbers", "first call", "latest call", "calls"] as const;
export const exportCappedNote = (max: number) => `Capped at ${max.toLocaleString("en-US")} rows: narrow the date range to export the rest`;
export const exportFailedNote = (rows: number) =>
  `Export stopped after ${rows.toLocaleString("en-US")} rows: the callers could not be loaded. Download it again.`;

/** "callers-2026-12-02.csv": the file's name on the day (UTC) it was made. */
export function exportFileName(now: Date = new Date()): string {
  return `callers-${now.toISOString().slice(0, 10)}.csv`;
}

/** ISO 8601 in UTC, "2026-12-02T09:41:07.000Z" (stored times already are; anything else as stored). */
function utc(at: string): string {
  const time = Date.parse(at);
  return Number.isNaN(time) ? at : new Date(time).toISOString();
}

/** One caller's line: number in E.164, best vanity number, all five joined by " | ", first and latest call, calls. */
export function exportLine(caller: CallerRecord): string {
  return csvLine([
    caller.e164,
    caller.vanity[0] ?? "",
    caller.vanity.join(" | "),
    utc(caller.calledAt),
    utc(caller.lastCalledAt),
    caller.callCount,
  ]);
}

export interface ExportSummary {
  rows: number;
  /** More callers were left when the file reached its maximum. */
  capped: boolean;
  /** A read failed: the file ends with a line that says so. */
  failed: boolean;
  /** The request went away before the end (the rest was never read). */
  cancelled: boolean;
}

/**
 * The filters' callers as a CSV stream: the header line, then a page of lines at a time as each
 * page is read (pulled, so a slow reader slows the reads), up to `maxRows`. When more callers
 * are left, a last line says so (headers have gone by then). A failure mid-way ends the file
 * with a line that says it stopped, never a hang or a half-sent page. `onEnd` hears how it went.
 */
export function exportCallersCsv(
  filters: ListFilters,
  {
    signal,
    source = tableSource,
    maxRows = EXPORT_MAX_ROWS,
    pageSize = EXPORT_PAGE_SIZE,
    onEnd,
  }: {
    signal?: AbortSignal;
    source?: CallerSource;
    maxRows?: number;
    pageSize?: number;
    onEnd?: (summary: ExportSummary, error?: unknown) => void;
  } = {},
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const reads = new AbortController(); // ends a read under way when the download is cancelled
  const stop = () => reads.abort();
  if (signal?.aborted) stop();
  else signal?.addEventListener("abort", stop, { once: true });
  let before: CallerCursor | null = null;
  let rows = 0;
  let started = false;
  let ended = false;
  const end = (controller: ReadableStreamDefaultController<Uint8Array>, summary: Omit<ExportSummary, "rows">, error?: unknown) => {
    ended = true;
    signal?.removeEventListener("abort", stop);
    controller.close();
    onEnd?.({ rows, ...summary }, error);
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode(csvLine(EXPORT_HEADER)));
          return;
        }
        let page: Pick<CallerPage, "callers" | "older">;
        try {
          page = await listFilteredCallers(filters, { limit: Math.min(pageSize, maxRows - rows), before, signal: reads.signal }, source);
        } catch (error) {
          if (ended) return; // cancelled meanwhile: nobody is reading
          if (reads.signal.aborted) return end(controller, { capped: false, failed: false, cancelled: true });
          controller.enqueue(encoder.encode(csvLine([exportFailedNote(rows)])));
          return end(controller, { capped: false, failed: true, cancelled: false }, error);
        }
        if (ended) return;
        const lines = page.callers.slice(0, maxRows - rows).map(exportLine);
        rows += lines.length;
        if (lines.length > 0) controller.enqueue(encoder.encode(lines.join("")));
        before = page.older;
        if (!before || page.callers.length === 0) end(controller, { capped: false, failed: false, cancelled: false });
        else if (rows >= maxRows) {
          controller.enqueue(encoder.encode(csvLine([exportCappedNote(maxRows)])));
          end(controller, { capped: true, failed: false, cancelled: false });
        }
      },
      cancel() {
        if (ended) return;
        ended = true;
        stop();
        signal?.removeEventListener("abort", stop);
        onEnd?.({ rows, capped: false, failed: false, cancelled: true });
      },
    },
    { highWaterMark: 1 },
  );
}
