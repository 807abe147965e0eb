// Every address no other route answers. Matching it here, rather than leaving Remix with no
// route, lets the root loader run, so the 404 page keeps the navigation as the visitor knows it
// (signed in: "Sign out" too). One quiet log line; the path goes through the masking logger.
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useRouteError } from "@remix-run/react";
import { NotFound } from "~/components/NotFound";
import { logger } from "~/lib/log.server";

export async function loader({ request }: LoaderFunctionArgs) {
  logger.info({ method: request.method, path: new URL(request.url).pathname, status: 404 }, "not found");
  throw json(null, { status: 404, headers: { "Cache-Control": "no-store" } });
}

export const action = loader;

// Never rendered: the loader always throws, and the boundary shows the page.
export default function Unmatched() {
  return null;
}

export function ErrorBoundary() {
  useRouteError();
  return <NotFound />;
}
