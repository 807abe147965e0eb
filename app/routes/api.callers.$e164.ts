// GET /api/callers/+12065550100?limit=N&cursor=… → { caller: CallerRecord, calls: CallRecord[], cursor?: string }
// One caller and their calls, newest first, a page at a time: limit 1..100 (default 25); `cursor`
// is there while older calls are left: pass it back for them. The number may be written any way
// people write one ("12065550100", "(206) 555-0100", URL-encoded). 400 JSON for something that is
// not a number, a bad limit or cursor; 404 JSON for a number that has not called (or whose record
// has expired); 401 without a dashboard session.
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { isCallsCursor, parseCallerNumber } from "~/lib/caller-list.server";
import { CALLERS_PAGE_MAX, getCallerWithCalls, type CallerRecord, type CallRecord } from "~/lib/callers.server";
import { parseLimit } from "~/lib/limit";
import { logger, maskPhoneNumber } from "~/lib/log.server";
import { securityHeaders } from "~/lib/security-headers.server";
import { requireSignedInJson } from "~/lib/session.server";

export const CALLS_LIMIT_DEFAULT = 25;

// A resource route: entry.server never sees its responses, so the headers are set here.
const NO_STORE = securityHeaders({ "Cache-Control": "no-store" });

export async function loader({ params, request }: LoaderFunctionArgs) {
  await requireSignedInJson(request);
  const number = parseCallerNumber(params.e164 ?? "");
  if (!number.ok) return json({ error: number.message }, { status: 400, headers: NO_STORE });
  const search = new URL(request.url).searchParams;
  const limit = parseLimit(search.get("limit"), { max: CALLERS_PAGE_MAX, fallback: CALLS_LIMIT_DEFAULT });
  if (!limit.ok) return json({ error: limit.message }, { status: 400, headers: NO_STORE });
  const cursor = search.get("cursor") || null;
  const badCursor = json({ error: "cursor must be one a page of this caller's calls returned." }, { status: 400, headers: NO_STORE });
  if (cursor && !isCallsCursor(cursor)) return badCursor;
  try {
    const found = await getCallerWithCalls({ e164: number.e164, limit: limit.limit, cursor }, { signal: request.signal });
    if (!found) return json({ error: "This number has not called yet." }, { status: 404, headers: NO_STORE });
    const body: { caller: CallerRecord; calls: CallRecord[]; cursor?: string } = { caller: found.caller, calls: found.calls };
    if (found.cursor) body.cursor = found.cursor;
    return json(body, { headers: NO_STORE });
  } catch (error) {
    // A well-formed cursor for another place in the table: DynamoDB refuses its starting key.
    if (cursor && isRefusedStartKey(error)) return badCursor;
    logger.error({ err: error, route: "api.callers.$e164", caller: maskPhoneNumber(number.e164) }, "the caller could not be loaded");
    return json({ error: "The caller could not be loaded. Please try again." }, { status: 500, headers: NO_STORE });
  }
}

/** DynamoDB's ValidationException, however ElectroDB wraps it. */
function isRefusedStartKey(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if (typeof e === "object" && (e as { name?: unknown }).name === "ValidationException") return true;
  }
  return false;
}
