// The filters of a list of callers, as they live in the URL (so a view can be bookmarked and
// shared): the callers page, its CSV export and GET /api/callers read them the same way.
//   q       a phone number in any format people type ("(206) 555-0100", "+44 20 7946 0958")
//   from    the first day (UTC, YYYY-MM-DD) of the latest call
//   to      the last day, included
//   before  a cursor: the page of older callers after it
//   after   a cursor: the page of newer callers before it
// This module goes to the browser too (links); parsing is in caller-filters.server.ts.
import type { CallerCursor } from "../../src/data/callers.server.js";

export interface CallerFilters {
  /** The search as typed, trimmed. */
  q: string;
  /** The number searched for, in E.164, when `q` holds one. */
  e164: string | null;
  from: string;
  to: string;
  before: CallerCursor | null;
  after: CallerCursor | null;
}

/** "2026-12-02T09:41:07.000Z~+12065550100": a cursor as it goes in a URL. */
export function encodeCallerCursor(cursor: CallerCursor): string {
  return `${cursor.lastCalledAt}~${cursor.e164}`;
}

/** A cursor from a URL, or null when it is not one (a hand-edited address): the list starts at the top. */
export function decodeCallerCursor(value: string | null | undefined): CallerCursor | null {
  const match = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)~(\+[1-9]\d{1,14})$/.exec(value ?? "");
  if (!match) return null;
  const at = new Date(match[1]!);
  return !Number.isNaN(at.getTime()) && at.toISOString() === match[1] ? { lastCalledAt: match[1]!, e164: match[2]! } : null;
}

/** The filters' time range as the data layer takes it: ISO instants, `to` excluded. */
export function timeRange(filters: Pick<CallerFilters, "from" | "to">): { from?: string; to?: string } {
  const range: { from?: string; to?: string } = {};
  if (filters.from) range.from = `${filters.from}T00:00:00.000Z`;
  if (filters.to) range.to = new Date(Date.parse(`${filters.to}T00:00:00.000Z`) + 86_400_000).toISOString();
  return range;
}

/** The query string for these filters (no page cursor unless given): "?q=…&from=…". */
export function filterQuery(
  filters: Pick<CallerFilters, "q" | "from" | "to">,
  page: { before?: CallerCursor | null; after?: CallerCursor | null } = {},
): string {
  const params = new URLSearchParams();
  if (filters.q) params.set("q", filters.q);
  if (filters.from) params.set("from", filters.from);
  if (filters.to) params.set("to", filters.to);
  if (page.before) params.set("before", encodeCallerCursor(page.before));
  if (page.after) params.set("after", encodeCallerCursor(page.after));
  const query = params.toString();
  return query ? `?${query}` : "";
}
