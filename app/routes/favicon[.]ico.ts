// Browsers that ask for /favicon.ico (bookmarks, some tabs) get the site's SVG icon, which
// sandbox and the deployed app serve from public/ under /_static/.
import { redirect } from "@remix-run/node";

export function loader() {
  return redirect("/_static/favicon.svg", { status: 301, headers: { "Cache-Control": "public, max-age=86400" } });
}
