// GET /callers.csv?q=…&from=…&to=… → the callers list's filtered view as a CSV file (admins: see
// mayExport), newest first, every page of it up to 10,000 rows (then a last line says it was
// capped). Columns: number (E.164), best vanity number, vanity numbers (the five, " | "), first
// call, latest call (ISO 8601, UTC), calls. Safe to open in a spreadsheet: app/lib/csv.ts.
// The page cursor (before/after) is not part of the export: it always starts at the newest.
// Signed out: a redirect to /login, like the pages; an agent: 403; bad filters: 400 (text).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { mayExport } from "../../src/accounts/policy.js";
import { exportCallersCsv, exportFileName } from "~/lib/caller-list.server";
import { parseCallerFilters } from "~/lib/caller-filters.server";
import { logger } from "~/lib/log.server";
import { securityHeaders } from "~/lib/security-headers.server";
import { requireSignedIn } from "~/lib/session.server";

const log = logger.child({ route: "callers.csv" });

/** A short plain-text answer (a download link has no page to show an error on). */
function text(status: number, message: string) {
  return new Response(`${message}\n`, {
    status,
    headers: securityHeaders({ "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" }),
  });
}

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireSignedIn(request); // personal data: signed-in staff only
  if (!mayExport(session.role)) return text(403, "Exporting callers is for admins; ask an admin if you need a list.");
  const parsed = parseCallerFilters(new URL(request.url).searchParams);
  if (!parsed.ok) return text(400, ["This export's filters need fixing:", ...parsed.problems.map((p) => `- ${p}`)].join("\n"));
  const { filters } = parsed;
  // Headers go out before the rows are read, so a failure later can only be a line in the file.
  const body = exportCallersCsv(filters, {
    signal: request.signal,
    onEnd: (summary, error) => {
      const line = { account: session.account, filtered: Boolean(filters.e164 || filters.from || filters.to), ...summary };
      if (summary.failed) log.error({ err: error, ...line }, "the callers export stopped: a page could not be read");
      else log.info(line, "callers exported");
    },
  });
  return new Response(body, {
    headers: securityHeaders({
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${exportFileName()}"`,
      "Cache-Control": "no-store",
    }),
  });
}
