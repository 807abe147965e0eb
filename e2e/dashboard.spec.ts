// Journey 2: a call reaches the Connect Lambda, and the dashboard shows the caller first.
import { expect, test } from "@playwright/test";
import { dialDigits } from "../src/vanity/keypad";
import { call, displayNumber, uniqueCallerNumber } from "./support";

test.describe("dashboard", () => {
  test("a simulated call shows up first, with its five vanity numbers, best first", async ({ page, request }) => {
    const e164 = uniqueCallerNumber();
    const answer = await call(request, e164);
    expect(answer).toMatchObject({ status: "OK", source: "new" });
    expect(dialDigits(answer.vanity1)).toBe(e164.slice(1)); // the best of them dials the caller's number

    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Recent callers" })).toBeVisible();
    const latest = page.getByRole("list", { name: "Recent callers" }).getByRole("article").first();
    await expect(latest.getByRole("heading", { level: 2 })).toHaveText(displayNumber(e164));
    await expect(latest.getByText(/^Called just now|^Called \d+ (second|minute)s? ago/)).toBeVisible();

    const vanity = latest.getByRole("list", { name: `Vanity numbers for ${displayNumber(e164)}` }).getByRole("listitem");
    await expect(vanity).toHaveCount(5);
    // The three the caller heard are the stored five's first three, in the same order.
    await expect(vanity.nth(0)).toContainText(answer.vanity1);
    await expect(vanity.nth(0)).toContainText("Best");
    await expect(vanity.nth(1)).toContainText(answer.vanity2);
    await expect(vanity.nth(2)).toContainText(answer.vanity3);
  });

  test("newest first, at most five, each linking to its caller's page", async ({ page, request }) => {
    const first = uniqueCallerNumber();
    const second = uniqueCallerNumber();
    await call(request, first);
    await call(request, second);

    await page.goto("/");
    const callers = page.getByRole("list", { name: "Recent callers" }).getByRole("article");
    await expect(callers.first().getByRole("heading")).toHaveText(displayNumber(second));
    await expect(callers.nth(1).getByRole("heading")).toHaveText(displayNumber(first));
    expect(await callers.count()).toBeLessThanOrEqual(5);

    await callers
      .first()
      .getByRole("link", { name: displayNumber(second) })
      .click();
    await expect(page).toHaveURL(`/callers/${second}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(displayNumber(second));
  });

  test("a withheld number is answered with NO_NUMBER and never listed", async ({ page, request }) => {
    const answer = await call(request, "anonymous");
    expect(answer).toMatchObject({ status: "NO_NUMBER", vanity1: "", source: "" });
    await page.goto("/");
    await expect(page.getByRole("heading", { name: /anonymous/i })).toHaveCount(0);
  });
});

test.describe("dashboard without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("is rendered on the server", async ({ page, request }) => {
    const e164 = uniqueCallerNumber();
    await call(request, e164);
    await page.goto("/");
    const latest = page.getByRole("list", { name: "Recent callers" }).getByRole("article").first();
    await expect(latest.getByRole("heading")).toHaveText(displayNumber(e164));
    await expect(latest.getByRole("listitem")).toHaveCount(5);
  });
});
