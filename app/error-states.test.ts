// The pages' error states, through the real Remix server build (`npm run build` makes it) and a
// real DynamoDB client pointed at a port where nothing listens: what a visitor sees when the
// table can't be reached. Pages say what happened in words; nothing leaks a stack trace.
import { createServer } from "node:net";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { cookieForSession } from "./lib/session.server";

const serverBuild = fileURLToPath(new URL("../server/index.mjs", import.meta.url));

type Handler = (
  event: unknown,
  context: unknown,
) => Promise<{ statusCode: number; headers: Record<string, string>; body: string; cookies?: string[] }>;
let handler: Handler;
let sessionCookie: string;

/** A localhost port that was free a moment ago (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** An API Gateway HTTP API (v2) event, as Architect's `@http` hands it to the Remix Lambda. */
function get(path: string) {
  const [rawPath, rawQueryString = ""] = path.split("?");
  return handler(
    {
      version: "2.0",
      rawPath,
      rawQueryString,
      headers: { host: "localhost", accept: "text/html" },
      cookies: [sessionCookie], // signed in: the dashboard's pages need a session
      isBase64Encoded: false,
      requestContext: { http: { method: "GET", path: rawPath } },
    },
    {},
  );
}

beforeAll(async () => {
  if (!existsSync(serverBuild)) throw new Error(`No server build at ${serverBuild}: run \`npm run build\` first.`);
  // Before the build is imported: the data layer reads these once per process.
  delete process.env.ARC_SANDBOX;
  process.env.ARC_TABLES_PORT = String(await closedPort());
  process.env.VANITY_TABLE = "unreachable-data";
  process.env.AWS_REGION = "us-west-2";
  process.env.AWS_MAX_ATTEMPTS = "1"; // fail at once instead of retrying a refused connection
  ({ handler } = (await import(/* @vite-ignore */ serverBuild)) as { handler: Handler });
  // A cookie as sign-in would set it (the build and this file share the development secret);
  // the session it names can't be looked up, which is the point.
  sessionCookie = (await cookieForSession("a-session-id")).split(";")[0]!;
}, 30_000);

// Everything the server writes (its logger, and console, which it routes through the logger),
// kept for the test that checks it instead of printed: every test here logs expected errors.
let written: string[] = [];
const saved = { out: process.stdout.write, err: process.stderr.write };
beforeEach(() => {
  written = [];
  const keep = (chunk: unknown) => (written.push(String(chunk)), true);
  process.stdout.write = keep as typeof process.stdout.write;
  process.stderr.write = keep as typeof process.stderr.write;
});
afterEach(() => {
  Object.assign(process.stdout, { write: saved.out });
  Object.assign(process.stderr, { write: saved.err });
});

describe("when the table can't be reached", () => {
  it("the dashboard answers 500 with a friendly message inside the normal layout (the session can't be checked: fail closed)", async () => {
    const response = await get("/");
    expect(response.statusCode).toBe(500);
    expect(response.body).toContain("We couldn&#x27;t load the callers");
    expect(response.body).toContain("Try a number"); // the navigation is still there
    expect(response.body).not.toMatch(/ECONNREFUSED|at .+\.(m?js|ts):\d+|stack/i);
  });

  it("/api/recent answers a JSON error without details", async () => {
    const response = await get("/api/recent?limit=3");
    expect(response.statusCode).toBe(500);
    expect(response.headers["content-type"]).toMatch(/^application\/json/);
    expect(response.headers["cache-control"]).toBe("no-store");
    expect(JSON.parse(response.body)).toEqual({ error: "Your session could not be checked. Please try again in a moment." });
  });

  it("a caller page answers 500 with a friendly message", async () => {
    const response = await get("/callers/+18003569377");
    expect(response.statusCode).toBe(500);
    expect(response.body).toContain("We could not load this caller");
    expect(response.body).not.toMatch(/ECONNREFUSED|at .+\.(m?js|ts):\d+/);
  });

  it("sign-in fails closed with a friendly 500: the attempt limiter's table is out of reach too", async () => {
    const form = await handler(
      {
        version: "2.0",
        rawPath: "/login",
        rawQueryString: "",
        headers: { host: "localhost", accept: "text/html" },
        cookies: [],
        isBase64Encoded: false,
        requestContext: { http: { method: "GET", path: "/login" } },
      },
      {},
    );
    expect(form.statusCode).toBe(200); // the form itself needs no table
    const formCookie = form.cookies![0]!.split(";")[0]!;
    const csrf = /name="csrf" value="([^"]+)"/.exec(form.body)![1]!;
    const response = await handler(
      {
        version: "2.0",
        rawPath: "/login",
        rawQueryString: "",
        headers: { host: "localhost", accept: "text/html", "content-type": "application/x-www-form-urlencoded" },
        cookies: [formCookie],
        body: new URLSearchParams({ csrf, name: "admin", password: "x" }).toString(),
        isBase64Encoded: false,
        requestContext: { http: { method: "POST", path: "/login" } },
      },
      {},
    );
    expect(response.statusCode).toBe(500); // not an unlimited sign-in
    expect(response.body).toContain("We could not show this page");
    expect(response.body).not.toMatch(/ECONNREFUSED|at .+\.(m?js|ts):\d+/);
    expect(response.cookies ?? []).toEqual([]); // nobody was signed in
  });

  it("the framework's errors reach the log masked: an unmatched URL with a number is one quiet line, a failing loader no whole number", async () => {
    expect((await get("/no/such/page/+18005550199")).statusCode).toBe(404);
    expect((await get("/callers/+18005550177")).statusCode).toBe(500);
    const text = written.join("\n");
    expect(text).not.toMatch(/8005550199|8005550177/);
    const notFound = written.filter((line) => line.includes('"not found"'));
    expect(notFound).toHaveLength(1);
    expect(JSON.parse(notFound[0]!)).toMatchObject({ level: "info", status: 404 });
    expect(text).not.toMatch(/No route matches URL/);
  });

  it("pages that need no table still work", async () => {
    const response = await get("/try?number=800-356-9377");
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain("1-800-FLOWERS");
  });
});
