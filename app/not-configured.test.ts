// A deployed stage without SESSION_SECRET, through the real Remix server
// build (`npm run build` makes it): the dashboard refuses with a 503 that says what to set, never
// a default password; the public try-a-number page keeps working.
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_ADMIN_PASSWORD } from "./lib/env.server";

const serverBuild = fileURLToPath(new URL("../server/index.mjs", import.meta.url));

type Response = { statusCode: number; headers: Record<string, string>; body: string; cookies?: string[] };
type Handler = (event: unknown, context: unknown) => Promise<Response>;
let handler: Handler;

function request(method: string, path: string, body?: string) {
  const [rawPath, rawQueryString = ""] = path.split("?");
  return handler(
    {
      version: "2.0",
      rawPath,
      rawQueryString,
      headers: { host: "vanity.example", accept: "text/html", "content-type": "application/x-www-form-urlencoded" },
      cookies: [],
      body,
      isBase64Encoded: false,
      requestContext: { http: { method, path: rawPath } },
    },
    {},
  );
}

const saved = { ARC_ENV: process.env.ARC_ENV, ARC_SANDBOX: process.env.ARC_SANDBOX };

beforeAll(async () => {
  if (!existsSync(serverBuild)) throw new Error(`No server build at ${serverBuild}: run \`npm run build\` first.`);
  // What Architect sets on AWS; no secrets. The query gives this file its own copy of the
  // build, which reads the environment once.
  process.env.ARC_ENV = "production";
  delete process.env.ARC_SANDBOX;
  delete process.env.SESSION_SECRET;
  ({ handler } = (await import(/* @vite-ignore */ `${pathToFileURL(serverBuild).href}?stage=production`)) as { handler: Handler });
}, 30_000);

afterAll(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe("a deployed stage without the dashboard's secrets", () => {
  it("answers the dashboard with a 503 page that says what to set", async () => {
    const response = await request("GET", "/");
    expect(response.statusCode).toBe(503);
    expect(response.body).toContain("The dashboard is not configured");
    expect(response.body).toContain("SESSION_SECRET is not set.");
    expect(response.body).toContain("npx arc env --add --env production SESSION_SECRET");
    expect(response.headers["strict-transport-security"]).toMatch(/^max-age=/);
    expect(response.headers["content-security-policy"]).not.toContain("ws://");
  });

  it("does not let anyone sign in, not even with the development default", async () => {
    expect((await request("GET", "/login")).statusCode).toBe(503);
    const response = await request("POST", "/login", new URLSearchParams({ name: "admin", password: DEV_ADMIN_PASSWORD }).toString());
    expect(response.statusCode).toBe(503);
    expect(response.cookies ?? []).toEqual([]);
  });

  it("answers the JSON route with a 503 too", async () => {
    const response = await request("GET", "/api/recent");
    expect(response.statusCode).toBe(503);
    expect(JSON.parse(response.body)).toMatchObject({ notConfigured: true, problems: expect.any(Array) });
  });

  it("keeps the public try-a-number page working", async () => {
    const response = await request("GET", "/try?number=800-356-9377");
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain("1-800-FLOWERS");
    expect(response.body).not.toContain("Sign out");
  });
});
