// GET /api/callers and GET /api/callers/:e164: the callers list and one caller's calls as JSON,
// a page at a time by cursor, with the list's filters; /api/recent as before.
import type { APIResponse } from "@playwright/test";
import { expect, test } from "./own-session";
import { call, SIGNED_OUT, uniqueCallerNumber } from "./support";

interface Caller {
  e164: string;
  vanity: string[];
  calledAt: string;
  lastCalledAt: string;
  callCount: number;
}
interface CallersPage {
  callers: Caller[];
  cursor?: string;
}
interface CallerWithCalls {
  caller: Caller;
  calls: Array<{ calledAt: string; contactId: string; numbers: "new" | "repeat" }>;
  cursor?: string;
}

const today = () => new Date().toISOString().slice(0, 10);

async function jsonOf<T>(response: APIResponse, status = 200): Promise<T> {
  expect(response.status(), await response.text()).toBe(status);
  expect(response.headers()["content-type"]).toMatch(/^application\/json/);
  expect(response.headers()["cache-control"]).toBe("no-store");
  return (await response.json()) as T;
}

test.describe("/api/callers", () => {
  test("pages through the callers newest first with the cursor, which the last page leaves out", async ({ request }) => {
    const numbers = [uniqueCallerNumber(), uniqueCallerNumber(), uniqueCallerNumber()];
    for (const e164 of numbers) await call(request, e164);

    const first = await jsonOf<CallersPage>(await request.get("/api/callers?limit=2"));
    expect(first.callers.map((c) => c.e164)).toEqual([numbers[2], numbers[1]]);
    expect(first.cursor).toEqual(expect.any(String));
    for (const caller of first.callers) {
      expect(caller.vanity).toHaveLength(5);
      expect(caller.callCount).toBe(1);
      expect(new Date(caller.lastCalledAt).toISOString()).toBe(caller.lastCalledAt);
    }
    const second = await jsonOf<CallersPage>(await request.get(`/api/callers?limit=2&cursor=${encodeURIComponent(first.cursor!)}`));
    expect(second.callers[0]!.e164).toBe(numbers[0]);

    // Every page to the end: no caller twice, newest first throughout, no cursor on the last page.
    const seen: Caller[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 50; pages++) {
      const page = await jsonOf<CallersPage>(
        await request.get(`/api/callers?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`),
      );
      seen.push(...page.callers);
      cursor = page.cursor;
      if (!cursor) break;
      expect(page.callers).toHaveLength(100);
    }
    expect(cursor).toBeUndefined();
    expect(new Set(seen.map((c) => c.e164)).size).toBe(seen.length);
    for (const e164 of numbers) expect(seen.map((c) => c.e164)).toContain(e164);
    const times = seen.map((c) => c.lastCalledAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  test("takes the page's filters: a number in any format, and a day range", async ({ request }) => {
    const e164 = uniqueCallerNumber();
    await call(request, e164);
    const typed = encodeURIComponent(`(${e164.slice(2, 5)}) ${e164.slice(5, 8)}-${e164.slice(8)}`);
    const one = await jsonOf<CallersPage>(await request.get(`/api/callers?q=${typed}&from=${today()}&to=${today()}`));
    expect(one.callers.map((c) => c.e164)).toEqual([e164]);
    expect(one).not.toHaveProperty("cursor");

    expect(await jsonOf<CallersPage>(await request.get(`/api/callers?q=${typed}&to=2001-01-31`))).toEqual({ callers: [] });
    expect(await jsonOf<CallersPage>(await request.get("/api/callers?from=2001-01-01&to=2001-01-31"))).toEqual({ callers: [] });
    const todays = await jsonOf<CallersPage>(await request.get(`/api/callers?from=${today()}&limit=100`));
    expect(todays.callers.map((c) => c.e164)).toContain(e164);
    expect(todays.callers.every((c) => c.lastCalledAt.startsWith(today()))).toBe(true);
  });

  test("defaults to 25 a page", async ({ request }) => {
    for (let i = 0; i < 26; i++) await call(request, uniqueCallerNumber());
    const page = await jsonOf<CallersPage>(await request.get("/api/callers"));
    expect(page.callers).toHaveLength(25);
    expect(page.cursor).toEqual(expect.any(String));
  });

  for (const limit of ["0", "101", "abc", "-1", "2.5", "1e2"]) {
    test(`rejects limit=${limit} with a 400 and a message`, async ({ request }) => {
      const body = await jsonOf<{ error: string }>(await request.get(`/api/callers?limit=${limit}`), 400);
      expect(body).toEqual({ error: expect.stringMatching(/limit must be a whole number from 1 to 100/) });
    });
  }

  test("rejects bad filters and a cursor it did not give out", async ({ request }) => {
    const bad = await jsonOf<{ error: string }>(await request.get("/api/callers?q=pizza"), 400);
    expect(bad.error).toContain("“pizza” is not a phone number");
    const days = await jsonOf<{ error: string }>(await request.get("/api/callers?from=2026-12-02&to=2026-12-01"), 400);
    expect(days.error).toBe("The first day is after the last day.");
    const cursor = await jsonOf<{ error: string }>(await request.get("/api/callers?cursor=yesterday"), 400);
    expect(cursor.error).toMatch(/cursor/);
  });

  test("needs a session: 401 JSON without one", async ({ playwright, baseURL }) => {
    const signedOut = await playwright.request.newContext({ baseURL: baseURL!, storageState: SIGNED_OUT });
    for (const path of ["/api/callers", "/api/callers/+12065550100"]) {
      const body = await jsonOf<{ error: string }>(await signedOut.get(path, { maxRedirects: 0 }), 401);
      expect(body.error).toMatch(/Sign in first/);
    }
    await signedOut.dispose();
  });
});

test.describe("/api/callers/:e164", () => {
  test("returns the caller and their calls, newest first, after two calls from one number", async ({ request }) => {
    const e164 = uniqueCallerNumber();
    const answer = await call(request, e164);
    await call(request, e164);

    const body = await jsonOf<CallerWithCalls>(await request.get(`/api/callers/${e164}`));
    expect(body.caller).toMatchObject({ e164, callCount: 2 });
    expect(body.caller.vanity[0]).toBe(answer.vanity1);
    expect(body.calls).toHaveLength(2);
    expect(body.calls.map((c) => c.numbers)).toEqual(["repeat", "new"]);
    expect(body.calls[0]!.calledAt > body.calls[1]!.calledAt).toBe(true);
    expect(body.calls[0]!.calledAt).toBe(body.caller.lastCalledAt);
    expect(body.calls[1]!.calledAt).toBe(body.caller.calledAt);
    expect(body).not.toHaveProperty("cursor");

    // A page at a time.
    const first = await jsonOf<CallerWithCalls>(await request.get(`/api/callers/${e164}?limit=1`));
    expect(first.calls).toEqual([body.calls[0]]);
    expect(first.cursor).toEqual(expect.any(String));
    const second = await jsonOf<CallerWithCalls>(
      await request.get(`/api/callers/${e164}?limit=1&cursor=${encodeURIComponent(first.cursor!)}`),
    );
    expect(second.caller.e164).toBe(e164);
    expect(second.calls).toEqual([body.calls[1]]);
  });

  test("accepts the number written other ways", async ({ request }) => {
    const e164 = uniqueCallerNumber();
    await call(request, e164);
    const [area, exchange, line] = [e164.slice(2, 5), e164.slice(5, 8), e164.slice(8)];
    // Each spelling URL-encoded once, as a client would put it in the path ("+" encoded too).
    for (const spelling of [e164.slice(1), `(${area}) ${exchange}-${line}`, `+1 ${area} ${exchange} ${line}`, e164]) {
      const body = await jsonOf<CallerWithCalls>(await request.get(`/api/callers/${encodeURIComponent(spelling)}`));
      expect(body.caller.e164).toBe(e164);
    }
  });

  test("is a 404 for a number that has not called, a 400 for one that is not a number", async ({ request }) => {
    const unknown = await jsonOf<{ error: string }>(await request.get(`/api/callers/${uniqueCallerNumber()}`), 404);
    expect(unknown).toEqual({ error: "This number has not called yet." });
    const invalid = await jsonOf<{ error: string }>(await request.get("/api/callers/pizza"), 400);
    expect(invalid.error).toContain("is not a phone number");
    expect(invalid.error).not.toMatch(/\bat \S+:\d+/); // never a stack
  });

  test("rejects a bad limit or a cursor it did not give out", async ({ request }) => {
    const e164 = uniqueCallerNumber();
    await call(request, e164);
    const limit = await jsonOf<{ error: string }>(await request.get(`/api/callers/${e164}?limit=101`), 400);
    expect(limit.error).toMatch(/limit must be a whole number from 1 to 100/);
    for (const cursor of ["nope!", Buffer.from('{"pk":"$vanity#e164_+1","sk":"x"}').toString("base64url")]) {
      const body = await jsonOf<{ error: string }>(await request.get(`/api/callers/${e164}?cursor=${encodeURIComponent(cursor)}`), 400);
      expect(body.error).toMatch(/cursor/);
    }
  });
});

test("/api/recent keeps its limits", async ({ request }) => {
  await call(request, uniqueCallerNumber());
  const recent = await jsonOf<{ callers: Caller[] }>(await request.get("/api/recent"));
  expect(recent.callers.length).toBeLessThanOrEqual(5);
  const body = await jsonOf<{ error: string }>(await request.get("/api/recent?limit=51"), 400);
  expect(body.error).toMatch(/limit must be a whole number from 1 to 50/);
});
