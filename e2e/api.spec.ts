// GET /api/recent: JSON, newest first, a bounded limit.
import { expect, test } from "@playwright/test";
import { call, uniqueCallerNumber } from "./support";

interface Recent {
  callers: Array<{ e164: string; vanity: string[]; calledAt: string }>;
}

test.describe("/api/recent", () => {
  test("answers JSON, newest first, never cached", async ({ request }) => {
    const older = uniqueCallerNumber();
    const newer = uniqueCallerNumber();
    await call(request, older);
    await call(request, newer);

    const response = await request.get("/api/recent?limit=2");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toMatch(/^application\/json/);
    expect(response.headers()["cache-control"]).toBe("no-store");
    const body = (await response.json()) as Recent;
    expect(body.callers.map((c) => c.e164)).toEqual([newer, older]);
    for (const caller of body.callers) {
      expect(caller.vanity).toHaveLength(5);
      expect(new Date(caller.calledAt).toISOString()).toBe(caller.calledAt);
    }
    expect(body.callers[0]!.calledAt >= body.callers[1]!.calledAt).toBe(true);
  });

  test("limit defaults to five", async ({ request }) => {
    for (let i = 0; i < 6; i++) await call(request, uniqueCallerNumber());
    const body = (await (await request.get("/api/recent")).json()) as Recent;
    expect(body.callers).toHaveLength(5);
    const times = body.callers.map((c) => c.calledAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  for (const limit of ["abc", "0", "51", "-3", "2.5"]) {
    test(`rejects limit=${limit} with a 400 and a message`, async ({ request }) => {
      const response = await request.get(`/api/recent?limit=${limit}`);
      expect(response.status()).toBe(400);
      expect(response.headers()["content-type"]).toMatch(/^application\/json/);
      expect(await response.json()).toEqual({ error: expect.stringMatching(/limit must be a whole number from 1 to 50/) });
    });
  }
});
