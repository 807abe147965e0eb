// Signs in once through the real form and saves the session cookie for the other specs.
import { expect, test as setup } from "@playwright/test";
import { E2E_ADMIN, E2E_ADMIN_PASSWORD, SIGNED_IN_STATE } from "./credentials";
import { signIn } from "./support";

setup("sign in to the dashboard", async ({ page }) => {
  await page.goto("/login");
  await signIn(page, E2E_ADMIN, E2E_ADMIN_PASSWORD);
  await expect(
    page,
    "Sign-in as the local admin failed. If Playwright reused a server you started (npm run dev), " +
      "its admin has your .env's LOCAL_ADMIN_PASSWORD: stop it, or run with E2E_ADMIN_PASSWORD set to that password.",
  ).toHaveURL("/");
  await expect(page.getByRole("heading", { level: 1, name: "Callers" })).toBeVisible();
  await page.context().storageState({ path: SIGNED_IN_STATE });
});
