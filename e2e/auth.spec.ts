// Signing in and out: the dashboard and its JSON are for signed-in staff; /try stays public.
import { expect, test } from "@playwright/test";
import { E2E_ADMIN, E2E_ADMIN_PASSWORD, SIGNED_IN_STATE } from "./credentials";
import {
  addAccountAsAdmin,
  call,
  csrfFrom,
  displayNumber,
  loginFormFor,
  signIn,
  SIGNED_OUT,
  uniqueCallerNumber,
  uniqueClientIp,
} from "./support";

test.describe("signed out", () => {
  test.use({ storageState: SIGNED_OUT });
  // Each test is its own client, so failed attempts in one never block another.
  test.beforeEach(async ({ context }) => {
    await context.setExtraHTTPHeaders({ "x-forwarded-for": uniqueClientIp() });
  });

  test("the dashboard redirects to /login, and signing in comes back to the page asked for", async ({ page, request }) => {
    const e164 = uniqueCallerNumber();
    await call(request, e164);

    await page.goto(`/callers/${e164}`);
    await expect(page).toHaveURL(`/login?redirectTo=${encodeURIComponent(`/callers/${e164}`)}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");
    await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);

    await signIn(page, E2E_ADMIN, E2E_ADMIN_PASSWORD);
    await expect(page).toHaveURL(`/callers/${e164}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(displayNumber(e164));
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  });

  test("signing in works when the sign-in page was reached by a link inside the app (client-side navigation)", async ({ page }) => {
    await page.goto("/try");
    await page.getByRole("link", { name: "Dashboard" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");
    // The hidden CSRF field keeps its name in the browser build.
    await expect(page.locator('input[type="hidden"][name="csrf"]')).toHaveCount(1);
    await signIn(page, E2E_ADMIN, E2E_ADMIN_PASSWORD);
    await expect(page).toHaveURL("/");
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  });

  for (const width of [375, 1280]) {
    test(`the password field is one line tall at ${width} px`, async ({ page }) => {
      await page.setViewportSize({ width, height: 800 });
      await page.goto("/login");
      const box = await page.getByLabel("Password").boundingBox();
      expect(box!.height).toBeLessThan(70); // it was 224 px: the row's flex basis, in a column
    });
  }

  test("/ answers a redirect to /login, not the list", async ({ request }) => {
    const response = await request.get("/", { maxRedirects: 0 });
    expect(response.status()).toBe(302);
    expect(response.headers()["location"]).toBe("/login?redirectTo=%2F");
  });

  test("/api/recent answers 401 JSON, not a redirect", async ({ request }) => {
    const response = await request.get("/api/recent", { maxRedirects: 0 });
    expect(response.status()).toBe(401);
    expect(response.headers()["content-type"]).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ error: expect.stringMatching(/^Sign in first/) });
  });

  test("/try stays public", async ({ page }) => {
    const response = await page.goto("/try?number=800-356-9377");
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("listitem").filter({ hasText: "1-800-FLOWERS" })).toHaveCount(1);
  });

  test("a wrong password shows an error tied to the fields and signs nobody in", async ({ page }) => {
    await page.goto("/login");
    const field = page.getByLabel("Password");
    await signIn(page, E2E_ADMIN, "not-the-password");
    await expect(page.getByRole("alert")).toHaveText("That name and password do not match. Check them and try again.");
    await expect(page.getByLabel("Name")).toHaveValue(E2E_ADMIN); // kept, so only the password is typed again
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await expect(field).toHaveAccessibleDescription(/do not match/);
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/");
    await expect(page).toHaveURL(/\/login\?redirectTo=%2F$/);
  });

  test("a wrong password is a 401 without JavaScript too", async ({ browser }) => {
    const context = await browser.newContext({
      javaScriptEnabled: false,
      storageState: SIGNED_OUT,
      extraHTTPHeaders: { "x-forwarded-for": uniqueClientIp() },
    });
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByLabel("Name").fill(E2E_ADMIN);
    await page.getByLabel("Password").fill("wrong");
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByRole("button", { name: "Sign in" }).click(),
    ]);
    expect(response.status()).toBe(401);
    await expect(page.getByRole("alert")).toContainText("do not match");
    await context.close();
  });

  test("after five failures at one account the sixth attempt gets 429 with Retry-After, even with the right password; a made-up name reads the same", async ({
    request,
    page,
    browser,
  }) => {
    // An account of this test's own: locking out the shared admin would stop the other specs.
    const admin = await browser.newContext({ storageState: SIGNED_IN_STATE });
    const { name, password } = await addAccountAsAdmin(await admin.newPage());
    await admin.close();

    const ip = uniqueClientIp();
    const attempt = await loginFormFor(request, { "x-forwarded-for": ip });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await attempt(`wrong-${i}`, {}, name)).status());
    expect(statuses).toEqual([401, 401, 401, 401, 401]);

    const sixth = await attempt(password, { "x-forwarded-for": uniqueClientIp() }, name); // from anywhere
    expect(sixth.status()).toBe(429);
    const retryAfter = Number(sixth.headers()["retry-after"]);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(await sixth.text()).toMatch(/Too many attempts for this account\. Try again in \d+ minutes?\./);

    // A name with no account is counted and answered the same way: the lock-out tells nothing.
    const ghost = `${name}-nobody`;
    const ghostStatuses: number[] = [];
    for (let i = 0; i < 6; i++) ghostStatuses.push((await attempt(`wrong-${i}`, {}, ghost)).status());
    expect(ghostStatuses).toEqual([401, 401, 401, 401, 401, 429]);

    // The browser sees why.
    await page.goto("/login");
    await signIn(page, name, password);
    await expect(page.getByRole("alert")).toContainText("Too many attempts for this account");

    // Another account from the same address is not affected.
    expect((await attempt(E2E_ADMIN_PASSWORD)).status()).toBe(302);
  });

  test("redirectTo never leaves the site", async ({ page }) => {
    await page.goto(`/login?redirectTo=${encodeURIComponent("//evil.example/phish")}`);
    await signIn(page, E2E_ADMIN, E2E_ADMIN_PASSWORD);
    await expect(page).toHaveURL("/");
  });

  test("a sign-in form without the CSRF token is refused with 403", async ({ request }) => {
    await request.get("/login"); // a session with a token exists; the post just lacks it
    const response = await request.post("/login", { form: { name: E2E_ADMIN, password: E2E_ADMIN_PASSWORD }, maxRedirects: 0 });
    expect(response.status()).toBe(403);
    expect(response.headers()["location"]).toBeUndefined();
  });
});

test.describe("signed in", () => {
  // Its own session, so that signing out does not end the one the other specs share.
  test.use({ storageState: SIGNED_OUT });
  test.beforeEach(async ({ page, context }) => {
    await context.setExtraHTTPHeaders({ "x-forwarded-for": uniqueClientIp() });
    await page.goto("/login");
    await signIn(page, E2E_ADMIN, E2E_ADMIN_PASSWORD);
    await expect(page).toHaveURL("/");
  });

  test("the session cookie is signed, http-only, same-site and limited in time", async ({ context }) => {
    const cookie = (await context.cookies()).find((c) => c.name === "__session");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    expect(cookie!.expires - Date.now() / 1000).toBeGreaterThan(11 * 3600);
    expect(cookie!.expires - Date.now() / 1000).toBeLessThanOrEqual(12 * 3600);
    expect(cookie!.value).toMatch(/\.[A-Za-z0-9%]+$/); // value.signature
  });

  test("a tampered cookie is not a session", async ({ context, page }) => {
    const cookie = (await context.cookies()).find((c) => c.name === "__session")!;
    const [payload, signature] = decodeURIComponent(cookie.value).split(".");
    const forged = Buffer.from(JSON.stringify({ sid: "made-up" })).toString("base64");
    await context.addCookies([{ ...cookie, value: encodeURIComponent(`${forged}.${signature}`) }]);
    expect(payload).not.toBe(forged);
    await page.goto("/");
    await expect(page).toHaveURL(/\/login/);
  });

  test("signing out ends the session everywhere: a copy of the cookie taken before signs no one in", async ({ page, context, browser }) => {
    const copied = await context.storageState();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL("/login");
    await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);
    await page.goto("/");
    await expect(page).toHaveURL(/\/login\?redirectTo=%2F$/);
    expect((await page.request.get("/api/recent")).status()).toBe(401);

    const elsewhere = await browser.newContext({ storageState: copied });
    const replay = await elsewhere.newPage();
    await replay.goto("/");
    await expect(replay).toHaveURL(/\/login/);
    expect((await replay.request.get("/api/recent")).status()).toBe(401);
    await elsewhere.close();
  });

  test("a GET to /logout signs nobody out", async ({ page }) => {
    expect((await page.request.get("/logout")).status()).toBe(405);
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Callers" })).toBeVisible();
  });

  test("a cross-site form post to /logout is refused with 403 and the session survives", async ({ page }) => {
    // Another site's page that posts a form to the dashboard, as an attacker's would.
    const target = new URL("/logout", page.url()).href;
    await page.route("http://evil.test/", (route) =>
      route.fulfill({
        contentType: "text/html",
        body: `<form method="post" action="${target}"><input name="csrf" value="guess"></form><script>document.forms[0].submit()</script>`,
      }),
    );
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url() === target && r.request().method() === "POST"),
      page.goto("http://evil.test/"),
    ]);
    expect(response.status()).toBe(403);
    expect(await response.json()).toEqual({ error: "Cross-site form posts are refused." });

    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Callers" })).toBeVisible();
  });

  test("a post with the session cookie but another site's Origin is refused with 403", async ({ page }) => {
    const csrf = csrfFrom(await (await page.request.get("/")).text());
    const response = await page.request.post("/logout", {
      form: { csrf },
      headers: { origin: "https://evil.example" },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(403);
    // The same post from this site works: the token was right.
    const ok = await page.request.post("/logout", { form: { csrf }, maxRedirects: 0 });
    expect(ok.status()).toBe(302);
    expect(ok.headers()["location"]).toBe("/login");
  });
});
