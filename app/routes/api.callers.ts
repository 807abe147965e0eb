// GET /api/callers?q=…&from=…&to=…&limit=N&cursor=… → { callers: CallerRecord[], cursor?: string }
// The callers page's list as JSON: by latest call, newest first, with the page's filters (q a
// number in any format: that caller alone, if their latest call is in the range; from/to days,
// UTC, both included). limit: 1..100, default 25. `cursor` is on every page but the last: pass
// it back for the next (older) page. 400 JSON for a bad limit, filter or cursor; 401 without a
// dashboard session.
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { decodeCallerCursor, encodeCallerCursor } from "~/lib/caller-filters";
import { parseCallerFilters } from "~/lib/caller-filters.server";
import { listFilteredCallers } from "~/lib/caller-list.server";
import { CALLERS_PAGE_MAX, type CallerRecord } from "~/lib/callers.server";
import { parseLimit } from "~/lib/limit";
import { logger } from "~/lib/log.server";
import { securityHeaders } from "~/lib/security-headers.server";
import { requireSignedInJson } from "~/lib/session.server";

export const CALLERS_LIMIT_DEFAULT = 25;

// A resource route: entry.server never sees its responses, so the headers are set here.
const NO_STORE = securityHeaders({ "Cache-Control": "no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSignedInJson(request);
  const params = new URL(request.url).searchParams;
  const limit = parseLimit(params.get("limit"), { max: CALLERS_PAGE_MAX, fallback: CALLERS_LIMIT_DEFAULT });
  if (!limit.ok) return json({ error: limit.message }, { status: 400, headers: NO_STORE });
  const parsed = parseCallerFilters(params);
  if (!parsed.ok) return json({ error: parsed.problems.join(" ") }, { status: 400, headers: NO_STORE });
  const rawCursor = params.get("cursor") ?? "";
  const before = rawCursor ? decodeCallerCursor(rawCursor) : null;
  if (rawCursor && !before)
    return json({ error: "cursor must be one a page of /api/callers returned." }, { status: 400, headers: NO_STORE });
  try {
    const page = await listFilteredCallers(parsed.filters, { limit: limit.limit, before, signal: request.signal });
    const body: { callers: CallerRecord[]; cursor?: string } = { callers: page.callers };
    if (page.older) body.cursor = encodeCallerCursor(page.older);
    return json(body, { headers: NO_STORE });
  } catch (error) {
    logger.error({ err: error, route: "api.callers" }, "the callers could not be loaded"); // the details stay in the log
    return json({ error: "The callers could not be loaded. Please try again." }, { status: 500, headers: NO_STORE });
  }
}
