// Reads a list's filters from the URL (see caller-filters.ts), with a clear message for each bad one.
import { parseCallerId, PhoneNumberError } from "../../src/vanity/index.js";
import { decodeCallerCursor, type CallerFilters } from "./caller-filters";

export type ParsedFilters = { ok: true; filters: CallerFilters } | { ok: false; filters: CallerFilters; problems: string[] };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A day as written in a date field, or null when it is not a real one ("2026-02-30"). */
function parseDay(value: string): string | null {
  if (!DAY.test(value)) return null;
  const date = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) ? value : null;
}

export function parseCallerFilters(params: URLSearchParams): ParsedFilters {
  const problems: string[] = [];
  const q = (params.get("q") ?? "").trim().slice(0, 64);
  let e164: string | null = null;
  if (q) {
    try {
      e164 = parseCallerId(q).e164;
    } catch (error) {
      if (!(error instanceof PhoneNumberError)) throw error;
      problems.push(`“${q}” is not a phone number we can look up: ${error.message}`);
    }
  }
  const day = (name: "from" | "to") => {
    const raw = (params.get(name) ?? "").trim();
    if (!raw) return "";
    const parsed = parseDay(raw);
    if (!parsed) problems.push(`The ${name === "from" ? "first" : "last"} day must be a date like 2026-12-01.`);
    return parsed ?? "";
  };
  const from = day("from");
  const to = day("to");
  if (from && to && from > to) problems.push("The first day is after the last day.");
  const filters: CallerFilters = {
    q,
    e164,
    from,
    to,
    before: decodeCallerCursor(params.get("before")),
    after: decodeCallerCursor(params.get("after")),
  };
  return problems.length > 0 ? { ok: false, filters, problems } : { ok: true, filters };
}
