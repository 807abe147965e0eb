// Signs in once through the real form and saves the session cookie for the other specs.
import { expect, test as setup } from "@playwright/test";
import { E2E_DASHBOARD_PASSWORD, SIGNED_IN_STATE } from "./credentials";

setup("sign in to the dashboard", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Password").fill(E2E_DASHBOARD_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(
    page,
    "Sign-in with the e2e password failed. If Playwright reused a server you started (npm run dev), " +
      "it has your .env's password: stop it, or run with E2E_DASHBOARD_PASSWORD set to that password.",
  ).toHaveURL("/");
  await expect(page.getByRole("heading", { level: 1, name: "Recent callers" })).toBeVisible();
  await page.context().storageState({ path: SIGNED_IN_STATE });
});
