// Accounts and roles in a real browser: an admin adds people, agents see callers but not the
// accounts page, and every way an admin ends a session ends it at the next request.
import { expect, test } from "@playwright/test";
import { addAccountAsAdmin, signedInAs, signIn } from "./support";

// Several browsers and a dozen sign-ins and page loads per test, each a fresh Node process in sandbox.
test.describe.configure({ timeout: 90_000 });

test("an admin adds an agent, who sees the callers but not the accounts page", async ({ page, browser }) => {
  await page.goto("/");
  await expect(page.getByRole("link", { name: "Accounts" })).toBeVisible();
  const { name, password } = await addAccountAsAdmin(page, "agent");
  await expect(page.getByRole("status")).toContainText(`Added ${name} (agent)`);
  await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("active");

  const agent = await signedInAs(browser, name, password);
  await expect(agent.page.getByRole("heading", { level: 1, name: "Callers" })).toBeVisible();
  await expect(agent.page.getByRole("link", { name: "Accounts" })).toHaveCount(0);
  const forbidden = await agent.page.goto("/accounts");
  expect(forbidden?.status()).toBe(403);
  await expect(agent.page.getByText("This page is for the admin role")).toBeVisible();
  // Nor can an agent post to it.
  const post = await agent.page.request.post("/accounts", { form: { intent: "add", name: "sneaky", role: "admin" }, maxRedirects: 0 });
  expect(post.status()).toBe(403);
  await agent.context.close();
});

test("disabling an account ends its open session at once, and its sign-in says it is disabled", async ({ page, browser }) => {
  const { name, password } = await addAccountAsAdmin(page);
  const agent = await signedInAs(browser, name, password);

  await page.goto("/accounts");
  await page.getByRole("button", { name: `Disable: ${name}` }).click();
  await expect(page.getByRole("status")).toContainText(`Disabled ${name}`);
  await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("disabled");

  await agent.page.goto("/");
  await expect(agent.page).toHaveURL(/\/login/);
  await signIn(agent.page, name, password);
  await expect(agent.page.getByRole("alert")).toHaveText("This account is disabled. Ask an admin to enable it.");

  await page.getByRole("button", { name: `Enable: ${name}` }).click();
  await expect(page.getByRole("status")).toContainText(`Enabled ${name}`);
  await signIn(agent.page, name, password);
  await expect(agent.page).toHaveURL("/");
  await agent.context.close();
});

test("a password reset ends the account's sessions; the old password stops working, the new one works", async ({ page, browser }) => {
  const { name, password } = await addAccountAsAdmin(page);
  const agent = await signedInAs(browser, name, password);

  await page.goto("/accounts");
  await page.getByRole("button", { name: `Reset password: ${name}` }).click();
  const fresh = (await page.locator("code.secret").textContent())!.trim();
  expect(fresh).not.toBe(password);

  await agent.page.goto("/");
  await expect(agent.page).toHaveURL(/\/login/);
  await signIn(agent.page, name, password);
  await expect(agent.page.getByRole("alert")).toContainText("do not match");
  await signIn(agent.page, name, fresh);
  await expect(agent.page).toHaveURL("/");
  await agent.context.close();
});

test("an admin ends one session from the list, or every session of an account", async ({ page, browser }) => {
  const { name, password } = await addAccountAsAdmin(page);
  const first = await signedInAs(browser, name, password);
  const second = await signedInAs(browser, name, password);

  await page.goto("/accounts");
  const rows = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name, exact: true }) });
  await expect(rows).toHaveCount(3); // the account, and its two sessions
  await rows.last().getByRole("button", { name: "End" }).click();
  await expect(page.getByRole("status")).toContainText("Ended that session");

  // The list is newest first, so the last row was the first session: it is over, the other still works.
  await first.page.goto("/");
  await expect(first.page).toHaveURL(/\/login/);
  await second.page.goto("/");
  await expect(second.page.getByRole("heading", { level: 1, name: "Callers" })).toBeVisible();

  await page.getByRole("button", { name: `Sign out everywhere: ${name}` }).click();
  await expect(page.getByRole("status")).toContainText(`Ended every session of ${name}`);
  await second.page.goto("/");
  await expect(second.page).toHaveURL(/\/login/);
  await first.context.close();
  await second.context.close();
});

test("the rules are kept: a weak name, a taken name, the only admin", async ({ page }) => {
  await page.goto("/accounts");
  const form = page.getByRole("form", { name: "Add an account" });
  await form.getByLabel("Name").fill("has spaces");
  await form.getByRole("button", { name: "Add" }).click();
  await expect(page.getByRole("alert")).toContainText("An account name is 1 to 64 letters");

  await form.getByLabel("Name").fill("admin");
  await form.getByRole("button", { name: "Add" }).click();
  await expect(page.getByRole("alert")).toContainText("There is already an account named admin");
});

test("a form on the accounts page without the session's token is refused with 403", async ({ page }) => {
  await page.goto("/accounts");
  const response = await page.request.post("/accounts", { form: { intent: "add", name: "no-token", role: "agent" }, maxRedirects: 0 });
  expect(response.status()).toBe(403);
});
