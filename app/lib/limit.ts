// The `limit` query parameter of /api/recent: a whole number from 1 to 50, 5 when absent.

export const DEFAULT_LIMIT = 5;
export const MAX_LIMIT = 50;

export type LimitResult = { ok: true; limit: number } | { ok: false; message: string };

export function parseLimit(raw: string | null): LimitResult {
  if (raw === null || raw.trim() === "") return { ok: true, limit: DEFAULT_LIMIT };
  const text = raw.trim();
  // Strictly digits: Number() would accept "1e1", "0x10" and " 5 ".
  if (!/^\d{1,3}$/.test(text) || Number(text) < 1 || Number(text) > MAX_LIMIT) {
    return { ok: false, message: `limit must be a whole number from 1 to ${MAX_LIMIT}, got "${raw.slice(0, 20)}".` };
  }
  return { ok: true, limit: Number(text) };
}
