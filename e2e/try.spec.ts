// Try a number: the form shows five vanity numbers for any valid number and stores nothing.
import { expect, test } from "@playwright/test";
import { uniqueCallerNumber } from "./support";

test.describe("try a number", () => {
  test("a valid number gets five results, 1-800-FLOWERS among them for 800-356-9377", async ({ page }) => {
    await page.goto("/try");
    await page.getByLabel("Phone number").fill("800-356-9377");
    await page.getByRole("button", { name: "Find vanity numbers" }).click();

    await expect(page).toHaveURL(/\/try\?number=800-356-9377$/);
    await expect(page.getByRole("heading", { level: 2 })).toHaveText("Vanity numbers for +1 800 356 9377");
    const results = page.getByRole("list", { name: "Vanity numbers for +1 800 356 9377" }).getByRole("listitem");
    await expect(results).toHaveCount(5);
    await expect(results.filter({ hasText: "1-800-FLOWERS" })).toHaveCount(1);
    await expect(page.getByLabel("Phone number")).toHaveValue("800-356-9377");
    await expect(page.getByLabel("Phone number")).not.toHaveAttribute("aria-invalid", "true");
  });

  for (const [input, message] of [
    ["anonymous", "The caller's number is withheld."],
    ["+1800FLOWERS", '"+1800FLOWERS" contains letters; a phone number has only digits.'],
    ["123", '"123" is too short to be a phone number.'],
  ] as const) {
    test(`bad input ${JSON.stringify(input)} gets a message tied to the field`, async ({ page }) => {
      await page.goto("/try");
      const field = page.getByLabel("Phone number");
      await field.fill(input);
      await field.press("Enter");

      await expect(page.getByRole("alert")).toHaveText(message);
      await expect(field).toHaveAttribute("aria-invalid", "true");
      await expect(field).toHaveAccessibleDescription(/North American number/);
      await expect(field).toHaveAccessibleDescription(new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
      await expect(page.getByRole("heading", { name: /^Vanity numbers for/ })).toHaveCount(0);
    });
  }

  test("each result says why it ranks where it does, folded until asked", async ({ page }) => {
    await page.goto("/try?number=%2B18004685865");
    const best = page.getByRole("listitem").filter({ hasText: "1-800-GOT-JUNK" });
    const why = best.getByText("Why this order");
    await expect(why).toBeVisible();
    await expect(best.getByText(/JUNK: a common word of 4 letters/)).toBeHidden();
    await why.click();
    await expect(best.getByText(/JUNK: a common word of 4 letters/)).toBeVisible();
    await expect(best.getByText(/GOT JUNK: words side by side/)).toBeVisible();
    await expect(best.getByText(/^Score \d+\.\d\d/)).toBeVisible();
  });

  test("a bad number is a 400", async ({ page }) => {
    const response = await page.goto("/try?number=anonymous");
    expect(response?.status()).toBe(400);
  });

  test("nothing is stored", async ({ page, request }) => {
    const e164 = uniqueCallerNumber();
    await page.goto(`/try?number=${encodeURIComponent(e164)}`);
    await expect(page.getByRole("listitem").filter({ hasText: /^1/ })).toHaveCount(5);

    const recent = await (await request.get("/api/recent?limit=50")).json();
    expect(recent.callers.map((c: { e164: string }) => c.e164)).not.toContain(e164);
    expect((await request.get(`/callers/${e164}`)).status()).toBe(404);
  });
});

test.describe("try a number without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the form still works", async ({ page }) => {
    await page.goto("/try");
    await page.getByLabel("Phone number").fill("+1 (800) 356-9377");
    await page.getByRole("button", { name: "Find vanity numbers" }).click();
    await expect(page.getByRole("listitem").filter({ hasText: "1-800-FLOWERS" })).toHaveCount(1);
  });
});
