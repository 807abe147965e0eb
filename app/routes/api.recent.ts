// GET /api/recent?limit=N → { callers: CallerRecord[] }, newest first. limit: 1..50, default 5.
// Needs a dashboard session: 401 JSON without one (503 JSON if a deployed stage has no secrets).
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { parseLimit } from "~/lib/limit";
import { listRecentCallers } from "~/lib/callers.server";
import { logger } from "~/lib/log.server";
import { securityHeaders } from "~/lib/security-headers.server";
import { requireSignedInJson } from "~/lib/session.server";

// A resource route: entry.server never sees its responses, so the headers are set here.
const NO_STORE = securityHeaders({ "Cache-Control": "no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSignedInJson(request);
  const parsed = parseLimit(new URL(request.url).searchParams.get("limit"));
  if (!parsed.ok) return json({ error: parsed.message }, { status: 400, headers: NO_STORE });
  try {
    const callers = await listRecentCallers({ limit: parsed.limit });
    return json({ callers }, { headers: NO_STORE });
  } catch (error) {
    logger.error({ err: error, route: "api.recent" }, "the recent callers could not be loaded"); // the details stay in the log
    return json({ error: "The recent callers could not be loaded. Please try again." }, { status: 500, headers: NO_STORE });
  }
}
