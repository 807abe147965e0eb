// The Lambda handler: Remix on Architect, behind one check of our own, with every console line
// going through the masking logger. Remix refuses a write
// whose Origin names another host by throwing, which would answer 500; a cross-site write is
// refused here first with 403 and the security headers, as the sign-in form promises.
import { createRequestHandler } from "@remix-run/architect";
import * as build from "@remix-run/dev/server-build";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { routeConsoleThroughLogger } from "./app/lib/log.server";
import { securityHeaderValues } from "./app/lib/security-headers.server";

routeConsoleThroughLogger();

// The build's own mode: `remix watch` (npm run dev) builds for development, with error details
// on the page; `remix build` (tests, deploys) for production.
const remix = createRequestHandler({ build, mode: build.mode });
const READS = new Set(["GET", "HEAD", "OPTIONS"]);

export const handler: typeof remix = async (event, context, callback) => {
  if (isCrossSiteWrite(event)) {
    return {
      statusCode: 403,
      headers: { ...securityHeaderValues(), "content-type": "application/json; charset=utf-8", "cache-control": "no-store" },
      body: JSON.stringify({ error: "Cross-site form posts are refused." }),
    };
  }
  return (await remix(event, context, callback))!;
};

function isCrossSiteWrite(event: APIGatewayProxyEventV2): boolean {
  if (READS.has(event.requestContext?.http?.method ?? "GET")) return false;
  const origin = event.headers?.origin;
  if (!origin || origin === "null") return origin === "null"; // an opaque origin (a sandboxed frame, a file) is never this site
  const host = event.headers?.["x-forwarded-host"] ?? event.headers?.host;
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}
