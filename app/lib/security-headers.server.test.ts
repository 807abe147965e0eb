import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, createNonce, securityHeaderValues } from "./security-headers.server";

function directives(policy: string): Map<string, string> {
  return new Map(policy.split(/;\s*/).map((d) => [d.split(" ")[0]!, d.slice(d.indexOf(" ") + 1)]));
}

describe("contentSecurityPolicy", () => {
  it("deployed: self only, the nonce for Remix's inline scripts, no framing, no live reload", () => {
    const policy = directives(contentSecurityPolicy({ nonce: "abc123", deployed: true }));
    expect(policy.get("default-src")).toBe("'self'");
    expect(policy.get("script-src")).toBe("'self' 'nonce-abc123'");
    expect(policy.get("connect-src")).toBe("'self'");
    expect(policy.get("frame-ancestors")).toBe("'none'");
    expect(policy.get("base-uri")).toBe("'self'");
    expect(policy.get("form-action")).toBe("'self'");
    expect(policy.get("object-src")).toBe("'none'");
    expect(policy.has("upgrade-insecure-requests")).toBe(true);
    expect(contentSecurityPolicy({ nonce: "abc123", deployed: true })).not.toMatch(/unsafe|ws:/);
  });

  it("locally: also the live-reload websocket", () => {
    const policy = directives(contentSecurityPolicy({ deployed: false }));
    expect(policy.get("connect-src")).toBe("'self' ws://localhost:*");
    expect(policy.has("upgrade-insecure-requests")).toBe(false);
  });
});

describe("securityHeaderValues", () => {
  it("sends HSTS only when deployed (sandbox is plain http)", () => {
    expect(securityHeaderValues({ deployed: true })["Strict-Transport-Security"]).toMatch(/^max-age=\d{8}/);
    expect(securityHeaderValues({ deployed: false })["Strict-Transport-Security"]).toBeUndefined();
  });

  it("always forbids framing and sniffing and limits referrers", () => {
    for (const deployed of [true, false]) {
      expect(securityHeaderValues({ deployed })).toMatchObject({
        "X-Frame-Options": "DENY",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "Permissions-Policy": expect.stringContaining("camera=()"),
      });
    }
  });
});

describe("createNonce", () => {
  it("is fresh and unguessable each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});
