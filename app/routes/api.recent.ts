// GET /api/recent?limit=N → { callers: CallerRecord[] }, newest first. limit: 1..50, default 5.
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { parseLimit } from "~/lib/limit";
import { listRecentCallers } from "~/lib/callers.server";

const NO_STORE = { "Cache-Control": "no-store" };

export async function loader({ request }: LoaderFunctionArgs) {
  const parsed = parseLimit(new URL(request.url).searchParams.get("limit"));
  if (!parsed.ok) return json({ error: parsed.message }, { status: 400, headers: NO_STORE });
  try {
    const callers = await listRecentCallers({ limit: parsed.limit });
    return json({ callers }, { headers: NO_STORE });
  } catch (error) {
    console.error(error); // the details stay in the log
    return json({ error: "The recent callers could not be loaded. Please try again." }, { status: 500, headers: NO_STORE });
  }
}
