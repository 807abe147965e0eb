// /callers.csv: the callers list's filtered view as a file an admin downloads and opens in a
// spreadsheet; numbers in E.164, nothing that a spreadsheet would run as a formula; agents may not.
import { readFile } from "node:fs/promises";
import { expect, test } from "./own-session";
import { parseCsv } from "../app/lib/csv";
import { addAccountAsAdmin, call, SIGNED_OUT, signedInAs, uniqueCallerNumber } from "./support";

const HEADER = ["number", "best vanity number", "vanity numbers", "first call", "latest call", "calls"];
const FORMULA_START = /^[=+\-@\t\r]/;
const E164 = /^\+[1-9]\d{1,14}$/;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** Today in UTC, as the date fields write it. */
const today = () => new Date().toISOString().slice(0, 10);

/** A London number nobody else uses in this run (Ofcom's drama range, 020 7946 0000 to 0999). */
function uniqueLondonNumber(): string {
  return `+442079460${String(Math.floor(Math.random() * 1000)).padStart(3, "0")}`;
}

test.describe("the callers export", () => {
  test("downloads the filtered list from the dashboard as a CSV file that opens", async ({ page, request }) => {
    const e164 = uniqueCallerNumber();
    const answer = await call(request, e164);

    await page.goto(`/?q=${encodeURIComponent(e164)}`);
    const link = page.getByRole("link", { name: "Download CSV" });
    await expect(link).toHaveAttribute("href", `/callers.csv?q=${encodeURIComponent(e164)}`);
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toBe(`callers-${today()}.csv`);
    const text = await readFile((await download.path())!, "utf8");

    expect(text.endsWith("\r\n")).toBe(true);
    const rows = parseCsv(text);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual(HEADER);
    const [number, best, all, first, latest, calls] = rows[1]!;
    expect(number).toBe(e164);
    expect(best).toBe(answer.vanity1);
    expect(all!.split(" | ")).toHaveLength(5);
    expect(all!.split(" | ")[0]).toBe(answer.vanity1);
    expect(first).toMatch(ISO);
    expect(latest).toMatch(ISO);
    expect(calls).toBe("1");
  });

  test("is a streamed text/csv attachment of the day's callers, newest first, formula-safe", async ({ request }) => {
    const older = uniqueCallerNumber();
    const london = uniqueLondonNumber(); // its vanity numbers begin with "+44-": a formula to a spreadsheet
    await call(request, older);
    await call(request, london);
    await call(request, older); // a second call makes it the newest, with two calls

    const response = await request.get(`/callers.csv?from=${today()}&to=${today()}`);
    expect(response.status()).toBe(200);
    const headers = response.headers();
    expect(headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(headers["content-disposition"]).toBe(`attachment; filename="callers-${today()}.csv"`);
    expect(headers["cache-control"]).toBe("no-store");
    expect(headers["x-content-type-options"]).toBe("nosniff");

    const rows = parseCsv(await response.text());
    expect(rows[0]).toEqual(HEADER);
    const numbers = rows.slice(1).map((row) => row[0]);
    expect(numbers.indexOf(older)).toBe(0);
    expect(numbers.indexOf(london)).toBe(1);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(rows[1]![5]).toBe("2");
    const latest = rows.slice(1).map((row) => row[4]!);
    expect([...latest].sort().reverse()).toEqual(latest);

    const londonRow = rows[2]!;
    expect(londonRow[0]).toBe(london); // E.164 stays as it is
    expect(londonRow[1]).toMatch(/^'\+44-/);
    expect(londonRow[2]).toMatch(/^'\+44-/);
    for (const row of rows) for (const cell of row) if (FORMULA_START.test(cell)) expect(cell).toMatch(E164);
  });

  test("has only the header for a range with no calls, and the one caller a number search finds", async ({ request }) => {
    const empty = parseCsv(await (await request.get("/callers.csv?from=2001-01-01&to=2001-01-31")).text());
    expect(empty).toEqual([HEADER]);

    const e164 = uniqueCallerNumber();
    await call(request, e164);
    const typed = encodeURIComponent(`(${e164.slice(2, 5)}) ${e164.slice(5, 8)}-${e164.slice(8)}`);
    const one = parseCsv(await (await request.get(`/callers.csv?q=${typed}&from=${today()}`)).text());
    expect(one.map((row) => row[0])).toEqual(["number", e164]);
    const elsewhen = parseCsv(await (await request.get(`/callers.csv?q=${typed}&to=2001-01-31`)).text());
    expect(elsewhen).toEqual([HEADER]);
  });

  test("refuses bad filters with a 400 that says why", async ({ request }) => {
    const response = await request.get("/callers.csv?q=pizza&from=2026-02-30");
    expect(response.status()).toBe(400);
    expect(response.headers()["content-type"]).toBe("text/plain; charset=utf-8");
    const text = await response.text();
    expect(text).toContain("“pizza” is not a phone number");
    expect(text).toContain("The first day must be a date like 2026-12-01.");
  });

  test("sends a signed-out browser to sign in, and back to the export after", async ({ playwright, baseURL }) => {
    const signedOut = await playwright.request.newContext({ baseURL: baseURL!, storageState: SIGNED_OUT });
    const response = await signedOut.get("/callers.csv?from=2026-12-01", { maxRedirects: 0 });
    expect(response.status()).toBe(302);
    expect(response.headers()["location"]).toBe(`/login?${new URLSearchParams({ redirectTo: "/callers.csv?from=2026-12-01" })}`);
    await signedOut.dispose();
  });

  test("is for admins: an agent gets a 403", async ({ page, browser }) => {
    const { name, password } = await addAccountAsAdmin(page, "agent");
    const agent = await signedInAs(browser, name, password);
    const response = await agent.page.request.get(`/callers.csv?from=${today()}`);
    expect(response.status()).toBe(403);
    expect(response.headers()["content-type"]).toBe("text/plain; charset=utf-8");
    expect(await response.text()).toContain("Exporting callers is for admins");
    await agent.context.close();
  });
});
