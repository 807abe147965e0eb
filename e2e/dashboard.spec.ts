// The callers page: every caller by their latest call, paging, search, the date range, the
// chart, and live refresh; calls go through the sandbox's real Connect Lambda.
import { expect, test, type Page } from "@playwright/test";
import { dialDigits } from "../src/vanity/keypad";
import { call, callerRows, displayNumber, uniqueCallerNumber } from "./support";

const rowFor = (page: Page, e164: string) => callerRows(page).filter({ has: page.getByRole("rowheader", { name: displayNumber(e164) }) });

test.describe("the callers page", () => {
  test("a call shows up first, with the best vanity number, when, and one call", async ({ page, request }) => {
    const e164 = uniqueCallerNumber();
    const answer = await call(request, e164);
    expect(answer).toMatchObject({ status: "OK", source: "new" });
    expect(dialDigits(answer.vanity1)).toBe(e164.slice(1)); // the best of them dials the caller's number

    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Callers" })).toBeVisible();
    const first = callerRows(page).first();
    await expect(first.getByRole("rowheader")).toHaveText(displayNumber(e164));
    await expect(first.getByRole("cell").nth(0)).toHaveText(answer.vanity1);
    await expect(first.getByRole("cell").nth(1)).toHaveText(/^just now$|seconds? ago/);
    await expect(first.getByRole("cell").nth(2)).toHaveText("1");

    await first.getByRole("link", { name: displayNumber(e164) }).click();
    await expect(page).toHaveURL(`/callers/${e164}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(displayNumber(e164));
  });

  test("a repeat caller moves to the top, listed once, with their calls counted", async ({ page, request }) => {
    const [a, ...others] = Array.from({ length: 6 }, () => uniqueCallerNumber());
    await call(request, a!);
    for (const e164 of others) await call(request, e164);
    const again = await call(request, a!);
    expect(again.source).toBe("existing");

    await page.goto("/");
    const rows = callerRows(page);
    await expect(rows.first().getByRole("rowheader")).toHaveText(displayNumber(a!));
    await expect(rows.first().getByRole("cell").nth(2)).toHaveText("2");
    await expect(rowFor(page, a!)).toHaveCount(1);
    await expect(rows.nth(1).getByRole("rowheader")).toHaveText(displayNumber(others.at(-1)!));

    // The caller's page: both calls, newest first, and the count.
    await rows.first().getByRole("link").click();
    await expect(page.getByRole("table", { name: `Calls from ${displayNumber(a!)}` }).locator("tbody tr")).toHaveCount(2);
    await expect(page.getByRole("definition").first()).toHaveText("2");
    await expect(
      page
        .getByRole("table", { name: /^Calls from/ })
        .locator("tbody tr")
        .first(),
    ).toContainText("Their numbers again");
  });

  test("pages through older callers and back, 25 a page, the cursor in the URL", async ({ page, request }) => {
    const numbers = Array.from({ length: 27 }, () => uniqueCallerNumber());
    for (const e164 of numbers) await call(request, e164);
    const newestFirst = [...numbers].reverse();

    await page.goto("/");
    const rows = callerRows(page);
    await expect(rows).toHaveCount(25);
    await expect(rows.first().getByRole("rowheader")).toHaveText(displayNumber(newestFirst[0]!));
    await expect(page.getByText("← Newer")).toHaveAttribute("aria-disabled", "true");

    await page.getByRole("link", { name: "Older →" }).click();
    await expect(page).toHaveURL(/\?before=/);
    await expect(rows.first().getByRole("rowheader")).toHaveText(displayNumber(newestFirst[25]!));
    await expect(rows.nth(1).getByRole("rowheader")).toHaveText(displayNumber(newestFirst[26]!));
    const olderUrl = page.url();

    await page.getByRole("link", { name: "← Newer" }).click();
    await expect(page).toHaveURL(/\?after=/);
    await expect(rows).toHaveCount(25);
    await expect(rows.first().getByRole("rowheader")).toHaveText(displayNumber(newestFirst[0]!));

    // The address alone brings the same page back (a bookmark, a link sent to a colleague).
    await page.goto(olderUrl);
    await expect(rows.first().getByRole("rowheader")).toHaveText(displayNumber(newestFirst[25]!));
  });

  test("finds a caller by their number however it is typed", async ({ page, request }) => {
    const e164 = uniqueCallerNumber();
    await call(request, e164);
    for (let i = 0; i < 3; i++) await call(request, uniqueCallerNumber());
    const national = e164.slice(2);

    await page.goto("/");
    await page.getByLabel("Number", { exact: true }).fill(`(${national.slice(0, 3)}) ${national.slice(3, 6)}-${national.slice(6)}`);
    await page.getByRole("button", { name: "Show" }).click();
    await expect(page).toHaveURL(/\?q=/);
    await expect(callerRows(page)).toHaveCount(1);
    await expect(callerRows(page).first().getByRole("rowheader")).toHaveText(displayNumber(e164));

    await page.getByLabel("Number", { exact: true }).fill("+1 888 200 0000");
    await page.getByRole("button", { name: "Show" }).click();
    await expect(page.getByText("No caller with the number +1 888 200 0000")).toBeVisible();
    await page.getByLabel("Number", { exact: true }).fill("pizza");
    await page.getByRole("button", { name: "Show" }).click();
    await expect(page.getByText(/“pizza” is not a phone number/)).toBeVisible();
    await page.getByRole("link", { name: "Clear" }).click();
    await expect(page).toHaveURL("/");
  });

  test("keeps the callers whose latest call is in the day range", async ({ page, request }) => {
    const e164 = uniqueCallerNumber();
    await call(request, e164);
    const today = new Date().toISOString().slice(0, 10);
    await page.goto(`/?from=${today}&to=${today}`);
    await expect(callerRows(page).first().getByRole("rowheader")).toHaveText(displayNumber(e164));
    await page.goto("/?from=2020-01-01&to=2020-01-31");
    await expect(page.getByText("No callers in this range")).toBeVisible();
    await page.goto("/?from=2026-02-30");
    await expect(page.getByText("The first day must be a date like 2026-12-01.")).toBeVisible();
  });

  test("the chart counts a call just placed", async ({ page, request }) => {
    await page.goto("/");
    const calls = page.getByTestId("calls-chart").getByRole("definition").first();
    const before = Number((await calls.textContent())?.replace(/\D/g, ""));
    await call(request, uniqueCallerNumber());
    await page.reload();
    await expect(calls).toHaveText(String(before + 1));
    await page.getByRole("link", { name: "7 days" }).click();
    await expect(page).toHaveURL(/period=7d/);
    await expect(page.getByTestId("chart-bar")).toHaveCount(7);
  });

  test("a call placed while the page is open appears on its own", async ({ page, request }) => {
    test.setTimeout(60_000);
    await page.goto("/");
    await expect(page.getByText(/Live · updated/)).toBeVisible(); // hydrated: the refresh runs
    const e164 = uniqueCallerNumber();
    await call(request, e164);
    await expect(callerRows(page).first().getByRole("rowheader")).toHaveText(displayNumber(e164), { timeout: 25_000 });
  });

  test("a withheld number is answered with NO_NUMBER and never listed", async ({ page, request }) => {
    const answer = await call(request, "anonymous");
    expect(answer).toMatchObject({ status: "NO_NUMBER", vanity1: "", source: "" });
    await page.goto("/");
    await expect(page.getByRole("rowheader", { name: /anonymous/i })).toHaveCount(0);
  });

  test("a caller's page and /try read the numbers aloud the way the flow says them", async ({ page, request }) => {
    const e164 = uniqueCallerNumber();
    const answer = await call(request, e164);
    await page.goto(`/callers/${e164}`);
    const hear = page.getByRole("button", { name: /Hear it/ });
    await expect(hear).toBeVisible();
    const speech = await hear.getAttribute("data-speech");
    expect(speech).toMatch(/Here are your vanity numbers\.[\s\S]*Number 1: [\s\S]*Number 3: /);
    expect(speech).not.toContain("Number 4");
    expect(answer.ssml).toContain("Number 3:");

    await page.goto("/try?number=%2B18003569377");
    await expect(page.getByRole("button", { name: /Hear it/ })).toHaveAttribute(
      "data-speech",
      /Number 1: 1, 8 0 0, flowers, F L O W E R S/,
    );
  });
});

test.describe("the callers page without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("is rendered on the server, chart and all, and says it is not live", async ({ page, request }) => {
    const e164 = uniqueCallerNumber();
    await call(request, e164);
    await page.goto("/");
    await expect(callerRows(page).first().getByRole("rowheader")).toHaveText(displayNumber(e164));
    await expect(page.getByTestId("chart-bar")).toHaveCount(24);
    await expect(page.getByText(/^Updated \d\d:\d\d:\d\d UTC$/)).toBeVisible();
    await page.goto(`/callers/${e164}`);
    await expect(page.getByRole("button", { name: /Hear it/ })).toHaveCount(0); // nothing that needs JavaScript
  });
});
