// A deployed stage with its secrets configured, through the real Remix server build and
// sandbox's DynamoDB (src/test/sandbox-setup.ts): the cookie is Secure, HSTS is sent, and the
// per-client sign-in limit keys on the address API Gateway appended to X-Forwarded-For, so a
// client that makes up the rest of the header does not get fresh attempts.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clearSigninAttempts } from "../src/data/signin-attempts.server.js";
import { assertLocalDb } from "../src/test/local-db.js";

const serverBuild = fileURLToPath(new URL("../server/index.mjs", import.meta.url));
// Made for this run: a deployed stage refuses every secret written in the repository.
const PASSWORD = `deployed-${randomBytes(12).toString("base64url")}`;
const SECRET = randomBytes(48).toString("base64url");

type Response = { statusCode: number; headers: Record<string, string>; body: string; cookies?: string[] };
type Handler = (event: unknown, context: unknown) => Promise<Response>;
let handler: Handler;

function request(method: string, path: string, { cookies = [], body, headers = {} }: { cookies?: string[]; body?: string; headers?: Record<string, string> } = {}) {
  return handler(
    {
      version: "2.0",
      rawPath: path,
      rawQueryString: "",
      headers: { host: "vanity.example", accept: "text/html", "content-type": "application/x-www-form-urlencoded", ...headers },
      cookies,
      body,
      isBase64Encoded: false,
      requestContext: { http: { method, path } },
    },
    {},
  );
}

const saved = { ...process.env };

beforeAll(async () => {
  if (!existsSync(serverBuild)) throw new Error(`No server build at ${serverBuild}: run \`npm run build\` first.`);
  assertLocalDb();
  process.env.ARC_ENV = "production";
  delete process.env.ARC_SANDBOX;
  process.env.DASHBOARD_PASSWORD = PASSWORD;
  process.env.SESSION_SECRET = SECRET;
  // Its own copy of the build: the build reads the environment once.
  ({ handler } = (await import(/* @vite-ignore */ `${pathToFileURL(serverBuild).href}?stage=deployed`)) as { handler: Handler });
}, 30_000);

afterAll(() => {
  for (const name of ["ARC_ENV", "ARC_SANDBOX", "DASHBOARD_PASSWORD", "SESSION_SECRET"]) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

/** GET /login: the session cookie (name=value) and the form's CSRF token. */
async function loginForm() {
  const page = await request("GET", "/login");
  expect(page.statusCode).toBe(200);
  const setCookie = page.cookies?.[0] ?? "";
  const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? "";
  return { setCookie, cookie: setCookie.split(";")[0]!, csrf };
}

describe("a deployed stage with its secrets", () => {
  it("sets a Secure, HttpOnly, SameSite=Lax session cookie and sends HSTS", async () => {
    const page = await request("GET", "/login");
    const { setCookie } = await loginForm();
    expect(setCookie).toMatch(/^__session=/);
    expect(setCookie).toMatch(/; Secure/);
    expect(setCookie).toMatch(/; HttpOnly/);
    expect(setCookie).toMatch(/; SameSite=Lax/);
    expect(setCookie).toMatch(/; Max-Age=43200/);
    expect(page.headers["strict-transport-security"]).toMatch(/^max-age=31536000/);
    expect(page.headers["content-security-policy"]).toContain("upgrade-insecure-requests");
  });

  it("signs in with the configured password", async () => {
    const { cookie, csrf } = await loginForm();
    const ip = "203.0.113.10";
    const response = await request("POST", "/login", {
      cookies: [cookie],
      body: new URLSearchParams({ csrf, password: PASSWORD, redirectTo: "/" }).toString(),
      headers: { "x-forwarded-for": ip },
    });
    expect(response.statusCode).toBe(302);
    expect(response.headers["location"]).toBe("/");
    expect(response.cookies?.[0]).toMatch(/^__session=.+; Secure/);
  });

  it("50 guesses sent at once from one address: at most the limit have their password checked", async () => {
    const ip = "203.0.113.150";
    const { cookie, csrf } = await loginForm();
    try {
      const responses = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          request("POST", "/login", {
            cookies: [cookie],
            body: new URLSearchParams({ csrf, password: `guess-${i}` }).toString(),
            headers: { "x-forwarded-for": ip },
          }),
        ),
      );
      const statuses = responses.map((r) => r.statusCode);
      const checked = statuses.filter((status) => status !== 429);
      expect(checked).toEqual([401, 401, 401, 401, 401]); // the limit's worth were checked, the rest refused unchecked
      expect(statuses.filter((status) => status === 429)).toHaveLength(45);
    } finally {
      await clearSigninAttempts({ ip });
    }
  });

  it("counts attempts against the address API Gateway saw, whatever the client put before it", async () => {
    const gatewaySaw = "203.0.113.77";
    const { cookie, csrf } = await loginForm();
    const attempt = (spoofed: string, password: string) =>
      request("POST", "/login", {
        cookies: [cookie],
        body: new URLSearchParams({ csrf, password }).toString(),
        headers: { "x-forwarded-for": `${spoofed}, ${gatewaySaw}` },
      });
    try {
      const statuses: number[] = [];
      for (let i = 1; i <= 5; i++) statuses.push((await attempt(`192.0.2.${i}`, "wrong")).statusCode);
      expect(statuses).toEqual([401, 401, 401, 401, 401]);
      const sixth = await attempt("192.0.2.99", PASSWORD);
      expect(sixth.statusCode).toBe(429);
      expect(Number(sixth.headers["retry-after"])).toBeGreaterThan(0);
    } finally {
      await clearSigninAttempts({ ip: gatewaySaw });
    }
  });
});
