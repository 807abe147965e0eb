// Remix's Node entry (the default one, rendered with a script nonce) plus the security headers:
// every document gets a fresh nonce that its Content-Security-Policy allows and that Remix puts
// on its inline scripts; data requests get the same headers without one. The framework's own
// errors go through the masking logger (handleError), never console.error with a whole number.
import { PassThrough } from "node:stream";
import type { EntryContext, HandleDataRequestFunction, HandleErrorFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse } from "@remix-run/react";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { logger } from "~/lib/log.server";
import { NonceProvider } from "~/lib/nonce";
import { applySecurityHeaders, createNonce } from "~/lib/security-headers.server";

const ABORT_DELAY = 5_000;

export default function handleRequest(request: Request, responseStatusCode: number, responseHeaders: Headers, remixContext: EntryContext) {
  const nonce = createNonce();
  applySecurityHeaders(responseHeaders, { nonce });
  privateUnlessSaid(responseHeaders);
  // Crawlers (and SPA mode) get the whole page at once; browsers get the shell as soon as it's ready.
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode;

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const ready = () => {
      shellRendered = true;
      const body = new PassThrough();
      responseHeaders.set("Content-Type", "text/html; charset=utf-8");
      resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
      pipe(body);
    };
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider nonce={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} />
      </NonceProvider>,
      {
        nonce,
        ...(waitForAll ? { onAllReady: ready } : { onShellReady: ready }),
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors before the shell is ready are logged by Remix when the promise rejects.
          if (shellRendered) logger.error({ err: error }, "rendering failed");
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

export const handleDataRequest: HandleDataRequestFunction = (response) => {
  try {
    applySecurityHeaders(response.headers);
    privateUnlessSaid(response.headers);
    return response;
  } catch {
    // Immutable headers (a Response.redirect()): copy the response, then set them.
    const copy = new Response(response.body, response);
    applySecurityHeaders(copy.headers);
    privateUnlessSaid(copy.headers);
    return copy;
  }
};

// Pages and data carry callers' numbers: no shared or browser cache keeps them unless a route
// says otherwise with its own Cache-Control (a route's plain "no-store" is made private too).
function privateUnlessSaid(headers: Headers): void {
  const said = headers.get("Cache-Control");
  if (!said) headers.set("Cache-Control", "no-store, private");
  else if (/\bno-store\b/.test(said) && !/\bprivate\b/.test(said)) headers.set("Cache-Control", `${said}, private`);
}

/**
 * Remix's errors (a loader that threw, an unmatched URL) as JSON lines through the logger, which
 * masks phone numbers in messages and stacks. A 404 is one quiet line, not a stack trace.
 */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  const path = new URL(request.url).pathname;
  if (isRouteErrorResponse(error) && error.status === 404) {
    logger.info({ method: request.method, path, status: 404 }, "not found");
    return;
  }
  // A route error response carries the error behind it in `error` (private to Remix, but what it logs itself).
  const cause = isRouteErrorResponse(error) && (error as { error?: unknown }).error ? (error as { error?: unknown }).error : error;
  logger.error({ err: cause, method: request.method, path }, "request failed");
};
