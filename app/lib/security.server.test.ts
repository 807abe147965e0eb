// The small pieces the sign-in and forms rely on: password comparison, redirect targets,
// CSRF checks and the client address.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clientIp, UNKNOWN_CLIENT } from "./client-ip.server";
import { csrfTokenValid, isSameOriginRequest, newCsrfToken } from "./csrf.server";
import { secretsMatch } from "./password.server";
import { safeRedirect } from "./redirect";

describe("secretsMatch", () => {
  it("is true only for the same string", () => {
    expect(secretsMatch("vanity-dev", "vanity-dev")).toBe(true);
    expect(secretsMatch("vanity-dev ", "vanity-dev")).toBe(false);
    expect(secretsMatch("Vanity-dev", "vanity-dev")).toBe(false);
    expect(secretsMatch("", "vanity-dev")).toBe(false);
  });

  it("compares strings of different lengths without throwing (both sides are hashed)", () => {
    expect(secretsMatch("a", "a much longer expected password")).toBe(false);
    expect(secretsMatch("ü".repeat(1000), "u")).toBe(false);
  });
});

describe("safeRedirect", () => {
  it("keeps same-site paths with their query and hash", () => {
    expect(safeRedirect("/")).toBe("/");
    expect(safeRedirect("/callers/+18003569377")).toBe("/callers/+18003569377");
    expect(safeRedirect("/api/recent?limit=3#x")).toBe("/api/recent?limit=3#x");
  });

  for (const evil of [
    "https://evil.example/",
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "javascript:alert(1)",
    "evil.example",
    "/\t/evil.example",
    "/%0d%0aSet-Cookie:x", // encoded stays encoded: fine as a path, but check it doesn't escape
    // Dot segments that the URL parser resolves into a protocol-relative path.
    "/.//evil.example",
    "/..//evil.example",
    "/./../..//evil.example/x",
    "/%2e//evil.example",
    "/%2E%2E//evil.example",
    "/a/..//evil.example",
    "/a/%2e%2e//evil.example",
  ]) {
    it(`never leaves the site for ${JSON.stringify(evil)}`, () => {
      const to = safeRedirect(evil);
      expect(to.startsWith("/")).toBe(true);
      expect(to.startsWith("//")).toBe(false);
      expect(new URL(to, "https://vanity.example").host).toBe("vanity.example");
    });
  }

  it("any string: the result stays on this site and is never protocol-relative", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.webPath(), fc.stringMatching(/^[/.%2eE\\a-z]{0,16}$/)), (input) => {
        const to = safeRedirect(input);
        expect(to.startsWith("/")).toBe(true);
        expect(to.startsWith("//")).toBe(false);
        expect(new URL(to, "https://vanity.example").host).toBe("vanity.example");
      }),
      { numRuns: 3000 },
    );
  });

  it("falls back for non-strings, empty and overlong values, and the sign-in pages themselves", () => {
    expect(safeRedirect(null)).toBe("/");
    expect(safeRedirect(undefined, "/try")).toBe("/try");
    expect(safeRedirect("")).toBe("/");
    expect(safeRedirect(`/${"a".repeat(3000)}`)).toBe("/");
    expect(safeRedirect("/login?redirectTo=/")).toBe("/");
    expect(safeRedirect("/logout")).toBe("/");
  });
});

describe("csrfTokenValid", () => {
  const token = newCsrfToken();

  it("makes long random tokens", () => {
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newCsrfToken()).not.toBe(token);
  });

  it("accepts the session's token and nothing else", () => {
    expect(csrfTokenValid(token, token)).toBe(true);
    expect(csrfTokenValid(token, newCsrfToken())).toBe(false);
    expect(csrfTokenValid(token, "")).toBe(false);
    expect(csrfTokenValid(token, null)).toBe(false);
    expect(csrfTokenValid(undefined, token)).toBe(false); // no session token: a session that never saw the form
    expect(csrfTokenValid("", "")).toBe(false);
  });
});

describe("isSameOriginRequest", () => {
  const post = (headers: Record<string, string>) => new Request("http://localhost:3333/logout", { method: "POST", headers });

  it("accepts same-origin posts and requests that name no origin (curl)", () => {
    expect(isSameOriginRequest(post({ origin: "http://localhost:3333", "sec-fetch-site": "same-origin" }))).toBe(true);
    expect(isSameOriginRequest(post({ "sec-fetch-site": "none" }))).toBe(true);
    expect(isSameOriginRequest(post({}))).toBe(true);
  });

  it("refuses what the browser says is cross-site or same-site-but-another-origin", () => {
    expect(isSameOriginRequest(post({ origin: "https://evil.example", "sec-fetch-site": "cross-site" }))).toBe(false);
    expect(isSameOriginRequest(post({ "sec-fetch-site": "same-site" }))).toBe(false);
    expect(isSameOriginRequest(post({ origin: "https://evil.example" }))).toBe(false);
    expect(isSameOriginRequest(post({ origin: "null" }))).toBe(false);
    expect(isSameOriginRequest(post({ origin: "http://localhost:4444" }))).toBe(false);
  });
});

describe("clientIp", () => {
  const withForwardedFor = (value?: string) =>
    new Request("http://localhost/login", value === undefined ? {} : { headers: { "x-forwarded-for": value } });

  it("locally, trusts the left-most X-Forwarded-For entry (tests play several clients)", () => {
    expect(clientIp(withForwardedFor("192.0.2.7, 10.0.0.1"), true)).toBe("192.0.2.7");
  });

  it("deployed, uses the entry API Gateway appended (right-most): the rest is the client's say-so", () => {
    expect(clientIp(withForwardedFor("192.0.2.7, 203.0.113.9"), false)).toBe("203.0.113.9");
    expect(clientIp(withForwardedFor("2001:db8::1"), false)).toBe("2001:db8::1");
  });

  it("names no client from a missing or malformed header", () => {
    expect(clientIp(withForwardedFor(), true)).toBe(UNKNOWN_CLIENT);
    expect(clientIp(withForwardedFor(""), false)).toBe(UNKNOWN_CLIENT);
    expect(clientIp(withForwardedFor("<script>, x"), true)).toBe(UNKNOWN_CLIENT);
    expect(clientIp(withForwardedFor("1".repeat(100)), true)).toBe(UNKNOWN_CLIENT);
  });
});
