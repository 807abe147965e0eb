// One caller's page, and what happens for unknown and invalid numbers.
import { expect, test } from "@playwright/test";
import { call, displayNumber, uniqueCallerNumber } from "./support";

test.describe("caller page", () => {
  test("shows a caller's number, when they called and their five vanity numbers", async ({ page, request }) => {
    const e164 = uniqueCallerNumber();
    const answer = await call(request, e164);

    const response = await page.goto(`/callers/${e164}`);
    expect(response?.status()).toBe(200);
    await expect(page).toHaveTitle(`${displayNumber(e164)} · Vanity numbers`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(displayNumber(e164));
    await expect(page.locator("time")).toHaveAttribute("datetime", /^\d{4}-\d\d-\d\dT/);
    const vanity = page.getByRole("list", { name: `Vanity numbers for ${displayNumber(e164)}` }).getByRole("listitem");
    await expect(vanity).toHaveCount(5);
    await expect(vanity.first()).toContainText(answer.vanity1);
  });

  test("a number written another way redirects to the canonical address", async ({ page, request }) => {
    const e164 = uniqueCallerNumber();
    await call(request, e164);
    await page.goto(`/callers/${e164.slice(1)}`); // without the "+"
    await expect(page).toHaveURL(`/callers/${e164}`);
  });

  test("an unknown number is a 404 that says so", async ({ page }) => {
    const e164 = uniqueCallerNumber();
    const response = await page.goto(`/callers/${e164}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Caller not found");
    await expect(page.getByText("This number has not called yet.")).toBeVisible();
    await expect(page.getByRole("link", { name: `See the vanity numbers for ${e164}` })).toBeVisible();
  });

  test("an invalid number in the address is a 400 with the reason", async ({ page }) => {
    const response = await page.goto("/callers/123");
    expect(response?.status()).toBe(400);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("That is not a phone number");
    await expect(page.getByRole("alert")).toContainText('"123"');
  });

  test("an address that is no page at all gets the site's 404", async ({ page }) => {
    const response = await page.goto("/no/such/page");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
    // Still signed in, and the navigation says so (it used to lose "Sign out" here).
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    expect((await page.request.post("/no/such/page", { form: { a: "b" } })).status()).toBe(404);
  });

  test("/favicon.ico is the site's icon, not a 404", async ({ request }) => {
    const response = await request.get("/favicon.ico", { maxRedirects: 0 });
    expect(response.status()).toBe(301);
    expect(response.headers()["location"]).toBe("/_static/favicon.svg");
    const icon = await request.get("/favicon.ico");
    expect(icon.status()).toBe(200);
    expect(icon.headers()["content-type"]).toMatch(/^image\/svg\+xml/);
  });
});
