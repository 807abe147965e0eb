// The `limit` query parameter of the JSON routes: a whole number from 1 to a maximum, a default
// when absent. /api/recent: 1 to 50, 5 by default (the defaults here); /api/callers and
// /api/callers/:e164: 1 to 100, 25 by default.

export const DEFAULT_LIMIT = 5;
export const MAX_LIMIT = 50;

export type LimitResult = { ok: true; limit: number } | { ok: false; message: string };

export function parseLimit(
  raw: string | null,
  { max = MAX_LIMIT, fallback = DEFAULT_LIMIT }: { max?: number; fallback?: number } = {},
): LimitResult {
  if (raw === null || raw.trim() === "") return { ok: true, limit: fallback };
  const text = raw.trim();
  // Strictly digits: Number() would accept "1e1", "0x10" and " 5 ".
  if (!/^\d{1,3}$/.test(text) || Number(text) < 1 || Number(text) > max) {
    return { ok: false, message: `limit must be a whole number from 1 to ${max}, got "${raw.slice(0, 20)}".` };
  }
  return { ok: true, limit: Number(text) };
}
