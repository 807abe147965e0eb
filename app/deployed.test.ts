// A deployed stage with its secrets configured, through the real Remix server build and
// sandbox's DynamoDB (test/sandbox-setup.ts): the cookie is Secure, HSTS is sent, and the
// sign-in limits hold: per account, however many guesses arrive at once, and per address, keyed on
// the address API Gateway appended to X-Forwarded-For (a client that makes up the rest of the
// header does not get fresh attempts).
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAccount } from "../src/accounts/accounts.js";
import { deleteAccount } from "../src/data/accounts.server.js";
import { clearSigninAttempts, SIGNIN_LIMITS } from "../src/data/signin-attempts.server.js";
import { assertLocalDb } from "../test/local-db.js";

const serverBuild = fileURLToPath(new URL("../server/index.mjs", import.meta.url));
// Made for this run: a deployed stage refuses every secret written in the repository.
const NAME = `deployed-${randomBytes(6).toString("hex")}`;
const PASSWORD = `deployed-${randomBytes(12).toString("base64url")}`;
const SECRET = randomBytes(48).toString("base64url");

type Response = { statusCode: number; headers: Record<string, string>; body: string; cookies?: string[] };
type Handler = (event: unknown, context: unknown) => Promise<Response>;
let handler: Handler;

function request(
  method: string,
  path: string,
  { cookies = [], body, headers = {} }: { cookies?: string[]; body?: string; headers?: Record<string, string> } = {},
) {
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
  process.env.SESSION_SECRET = SECRET;
  process.env.LOG_LEVEL = "silent"; // the build's sign-in log lines (warnings for every refusal) stay out of the test output
  await addAccount({ name: NAME, role: "agent", password: PASSWORD });
  // Its own copy of the build: the build reads the environment once.
  ({ handler } = (await import(/* @vite-ignore */ `${pathToFileURL(serverBuild).href}?stage=deployed`)) as { handler: Handler });
}, 30_000);

afterAll(async () => {
  await deleteAccount(NAME);
  for (const name of ["ARC_ENV", "ARC_SANDBOX", "SESSION_SECRET", "LOG_LEVEL"]) {
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

  it("signs in with an account's name and password", async () => {
    const { cookie, csrf } = await loginForm();
    const ip = "203.0.113.10";
    const response = await request("POST", "/login", {
      cookies: [cookie],
      body: new URLSearchParams({ csrf, name: NAME, password: PASSWORD, redirectTo: "/" }).toString(),
      headers: { "x-forwarded-for": ip },
    });
    expect(response.statusCode).toBe(302);
    expect(response.headers["location"]).toBe("/");
    expect(response.cookies?.[0]).toMatch(/^__session=.+; Secure/);
  });

  it("20 guesses at one account sent at once: at most the limit have their password checked, the rest are refused", async () => {
    const ip = "203.0.113.150";
    const { cookie, csrf } = await loginForm();
    try {
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          request("POST", "/login", {
            cookies: [cookie],
            body: new URLSearchParams({ csrf, name: NAME, password: `guess-${i}` }).toString(),
            headers: { "x-forwarded-for": ip },
          }),
        ),
      );
      // The count goes up atomically before anything is checked, so however the 20 interleave, at
      // most the first 5 counted are checked (401) and the rest are refused unchecked (429). On a
      // busy machine the local DynamoDB can time a request out: that attempt fails closed (500),
      // also unchecked. Nobody signs in.
      const statuses = responses.map((r) => r.statusCode);
      const count = (status: number) => statuses.filter((s) => s === status).length;
      expect(count(401)).toBeLessThanOrEqual(5);
      expect(count(429)).toBeGreaterThan(0);
      expect(count(401) + count(429) + count(500)).toBe(20);
    } finally {
      await clearSigninAttempts({ subject: { account: NAME } });
      await clearSigninAttempts({ subject: { address: ip } });
    }
  });

  it("counts every spelling of a name as the one account: capitals and full-width letters get no attempts of their own", async () => {
    const ip = "203.0.113.151";
    const { cookie, csrf } = await loginForm();
    const spellings = [
      NAME,
      NAME.toUpperCase(),
      NAME.normalize("NFKC").replace(/[a-z]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0)),
      ` ${NAME} `,
    ];
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        const response = await request("POST", "/login", {
          cookies: [cookie],
          body: new URLSearchParams({ csrf, name: spellings[i % spellings.length]!, password: `guess-${i}` }).toString(),
          headers: { "x-forwarded-for": ip },
        });
        statuses.push(response.statusCode);
      }
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    } finally {
      await clearSigninAttempts({ subject: { account: NAME } });
      await clearSigninAttempts({ subject: { address: ip } });
    }
  });

  it("counts attempts against the address API Gateway saw, whatever the client put before it", async () => {
    const gatewaySaw = "203.0.113.77";
    const { cookie, csrf } = await loginForm();
    const attempt = (spoofed: string, name: string) =>
      request("POST", "/login", {
        cookies: [cookie],
        body: new URLSearchParams({ csrf, name, password: "wrong-password" }).toString(),
        headers: { "x-forwarded-for": `${spoofed}, ${gatewaySaw}` },
      });
    const names: string[] = [];
    try {
      // A different made-up address and a different name each time: only the address limit can apply.
      const limit = SIGNIN_LIMITS.address.maxFailures;
      const statuses: number[] = [];
      for (let i = 1; i <= limit; i++) {
        names.push(`nobody-${i}`);
        statuses.push((await attempt(`192.0.2.${i}`, `nobody-${i}`)).statusCode);
      }
      expect(statuses).toEqual(Array(limit).fill(401));
      const next = await attempt("192.0.2.250", NAME);
      expect(next.statusCode).toBe(429);
      expect(next.body).toContain("Too many failed attempts from your network");
      expect(Number(next.headers["retry-after"])).toBeGreaterThan(0);
    } finally {
      await clearSigninAttempts({ subject: { address: gatewaySaw } });
      await Promise.all([...names, NAME].map((account) => clearSigninAttempts({ subject: { account } })));
    }
  });
});
