// The security headers every response carries, in one place. entry.server.tsx applies them to
// documents (with the request's script nonce) and data requests; resource routes and redirects
// made in app/lib take them from securityHeaders().
import { sandbox as sandboxInfo } from "../../src/config.js";
import { createHash, randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import { serverEnv } from "./env.server";

export interface PolicyOptions {
  /** The per-request nonce that Remix's inline scripts carry (documents only). */
  nonce?: string;
  deployed?: boolean;
}

/** The Content-Security-Policy value. */
export function contentSecurityPolicy({ nonce, deployed = serverEnv().deployed }: PolicyOptions = {}): string {
  const scripts = ["'self'"];
  if (nonce) scripts.push(`'nonce-${nonce}'`);
  const connect = ["'self'"];
  if (!deployed) {
    // Sandbox's live reload: an inline script it adds to every page, and its websocket.
    const liveReload = sandboxLiveReloadHash();
    if (liveReload) scripts.push(`'${liveReload}'`);
    connect.push("ws://localhost:*");
  }
  const directives = [
    "default-src 'self'",
    `script-src ${scripts.join(" ")}`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${connect.join(" ")}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  if (deployed) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

/** All the security headers, as a plain record. */
export function securityHeaderValues(options: PolicyOptions = {}): Record<string, string> {
  const deployed = options.deployed ?? serverEnv().deployed;
  const values: Record<string, string> = {
    "Content-Security-Policy": contentSecurityPolicy({ ...options, deployed }),
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Content-Type-Options": "nosniff",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
  };
  if (deployed) values["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
  return values;
}

/** Sets the security headers on `headers` (replacing any earlier values) and returns it. */
export function applySecurityHeaders(headers: Headers, options: PolicyOptions = {}): Headers {
  for (const [name, value] of Object.entries(securityHeaderValues(options))) headers.set(name, value);
  return headers;
}

/** `extra` plus the security headers, for `json(…, { headers })`, `redirect` and `new Response`. */
export function securityHeaders(extra: Record<string, string> = {}): Headers {
  return applySecurityHeaders(new Headers(extra));
}

/** A per-request nonce for inline scripts. */
export function createNonce(): string {
  return randomBytes(16).toString("base64");
}

let liveReloadHash: string | null | undefined;

/**
 * The CSP hash of the live-reload script sandbox injects into pages, or null outside sandbox.
 * The script names the sandbox's `_arc` port, so the hash is worked out from sandbox's own code
 * for this run rather than written down. Local only; never runs on AWS (no ARC_SANDBOX there).
 */
function sandboxLiveReloadHash(): string | null {
  if (liveReloadHash !== undefined) return liveReloadHash;
  liveReloadHash = null;
  try {
    const sandbox = sandboxInfo();
    if (!sandbox?.cwd || !sandbox.ports) return null;
    const require = createRequire(`${sandbox.cwd}/package.json`);
    const inject = require("@architect/sandbox/src/http/invoke-http/utils/livereload.js") as (
      res: { getHeaders(): Record<string, string>; end(body: string): void },
      body: string,
      ports: unknown,
    ) => void;
    let page = "";
    inject({ getHeaders: () => ({ "content-type": "text/html" }), end: (body) => (page = body) }, "</head>", sandbox.ports);
    const script = /<script>([\s\S]*)<\/script>/.exec(page)?.[1];
    if (script) liveReloadHash = `sha256-${createHash("sha256").update(script, "utf8").digest("base64")}`;
  } catch {
    // No sandbox package (a production install): no live reload to allow.
  }
  return liveReloadHash;
}
