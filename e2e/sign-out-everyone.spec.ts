// "Sign everyone out" ends every session, the shared one the other specs use too, so this spec
// runs last, in a project of its own (playwright.config.ts).
import { expect, test } from "@playwright/test";
import { E2E_ADMIN, E2E_ADMIN_PASSWORD } from "./credentials";
import { addAccountAsAdmin, SIGNED_OUT, signIn, uniqueClientIp } from "./support";

// Several browsers and a dozen sign-ins and page loads per test, each a fresh Node process in sandbox.
test.describe.configure({ timeout: 90_000 });

test("an admin signs everyone out: every open session, theirs included, ends at its next request", async ({ page, browser }) => {
  const { name, password } = await addAccountAsAdmin(page);
  const agentContext = await browser.newContext({ storageState: SIGNED_OUT, extraHTTPHeaders: { "x-forwarded-for": uniqueClientIp() } });
  const agent = await agentContext.newPage();
  await agent.goto("/login");
  await signIn(agent, name, password);
  await expect(agent).toHaveURL("/");

  await page.goto("/accounts");
  await page.getByRole("button", { name: "Sign everyone out" }).click();
  await expect(page).toHaveURL("/login");

  await agent.goto("/");
  await expect(agent).toHaveURL(/\/login/);
  // Passwords still work: everyone just signs in again.
  await signIn(page, E2E_ADMIN, E2E_ADMIN_PASSWORD);
  await expect(page).toHaveURL("/");
  await agentContext.close();
});
