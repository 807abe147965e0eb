// Security headers on every kind of response, and a Content-Security-Policy that the pages
// actually live with: they hydrate, and the browser reports no violations.
import { expect, test, type Page } from "@playwright/test";
import { call, SIGNED_OUT, uniqueCallerNumber } from "./support";

function expectSecurityHeaders(headers: Record<string, string>, { document }: { document: boolean }) {
  const csp = headers["content-security-policy"] ?? "";
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("base-uri 'self'");
  expect(csp).toContain("form-action 'self'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toContain("unsafe-inline");
  if (document) expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}'/);
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"]).toContain("camera=()");
  // Plain http locally: no HSTS (deployed stages send it; see security-headers.server.test.ts).
  expect(headers["strict-transport-security"]).toBeUndefined();
}

test.describe("security headers", () => {
  test("on the dashboard document, with a fresh nonce each time that the page's scripts carry", async ({ page, request }) => {
    const first = await request.get("/");
    expect(first.status()).toBe(200);
    expectSecurityHeaders(first.headers(), { document: true });
    const nonce = /'nonce-([^']+)'/.exec(first.headers()["content-security-policy"]!)![1]!;
    expect(await first.text()).toContain(`nonce="${nonce}"`);
    const second = await request.get("/");
    expect(second.headers()["content-security-policy"]).not.toContain(nonce);

    const response = await page.goto("/");
    expectSecurityHeaders(response!.headers(), { document: true });
  });

  test("on /api/recent, signed in and signed out", async ({ request, playwright, baseURL }) => {
    const signedIn = await request.get("/api/recent");
    expect(signedIn.status()).toBe(200);
    expectSecurityHeaders(signedIn.headers(), { document: false });

    const anonymous = await playwright.request.newContext({ baseURL, storageState: SIGNED_OUT });
    const signedOut = await anonymous.get("/api/recent");
    expect(signedOut.status()).toBe(401);
    expectSecurityHeaders(signedOut.headers(), { document: false });
    await anonymous.dispose();
  });

  test("on /try, /login, redirects, 404s and data requests", async ({ request, playwright, baseURL }) => {
    expectSecurityHeaders((await request.get("/try")).headers(), { document: true });
    expectSecurityHeaders((await request.get("/no/such/page")).headers(), { document: true });
    expectSecurityHeaders((await request.get("/try?number=123&_data=routes%2Ftry")).headers(), { document: false });

    const anonymous = await playwright.request.newContext({ baseURL, storageState: SIGNED_OUT });
    expectSecurityHeaders((await anonymous.get("/login")).headers(), { document: true });
    const redirect = await anonymous.get("/", { maxRedirects: 0 });
    expect(redirect.status()).toBe(302);
    expectSecurityHeaders(redirect.headers(), { document: false });
    await anonymous.dispose();
  });
});

/** Records CSP violations (the DOM event and the console message) from the start of each page. */
async function watchForViolations(page: Page): Promise<() => Promise<string[]>> {
  const console: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) console.push(message.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (event) =>
      seen.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`),
    );
  });
  return async () => [...console, ...(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations))];
}

/** True once Remix has hydrated: a client-side navigation keeps window state that a reload would lose. */
async function navigatesClientSide(page: Page, link: string): Promise<boolean> {
  await page.evaluate(() => ((window as unknown as { __marker: number }).__marker = 1));
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: link }).click();
  await page.waitForLoadState("networkidle");
  return page.evaluate(() => (window as unknown as { __marker?: number }).__marker === 1);
}

test.describe("Content-Security-Policy in the browser", () => {
  test("/ hydrates with no violations", async ({ page, request }) => {
    await call(request, uniqueCallerNumber());
    const violations = await watchForViolations(page);
    await page.goto("/");
    await expect(page.getByRole("table", { name: "Callers" })).toBeVisible();
    await page.waitForFunction(() => "__remixRouter" in window);
    expect(await navigatesClientSide(page, "Try a number")).toBe(true);
    await expect(page).toHaveURL("/try");
    expect(await violations()).toEqual([]);
  });

  test("/try hydrates and searches client-side with no violations", async ({ page }) => {
    const violations = await watchForViolations(page);
    await page.goto("/try");
    await page.waitForFunction(() => "__remixRouter" in window);
    await page.evaluate(() => ((window as unknown as { __marker: number }).__marker = 1));
    await page.getByLabel("Phone number").fill("800-356-9377");
    await page.getByRole("button", { name: "Find vanity numbers" }).click();
    await expect(page.getByRole("listitem").filter({ hasText: "1-800-FLOWERS" })).toHaveCount(1);
    expect(await page.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBe(1);
    expect(await violations()).toEqual([]);
  });

  test("an inline script without the nonce is blocked (the policy is enforced, not just sent)", async ({ page }) => {
    // The real /try response, headers and all, with an injected script that has no nonce.
    await page.route("**/try", async (route) => {
      const response = await route.fetch();
      const body = (await response.text()).replace("</body>", "<script>window.__injected = true</script></body>");
      await route.fulfill({ response, body });
    });
    const violations = await watchForViolations(page);
    await page.goto("/try");
    await page.waitForFunction(() => "__remixRouter" in window); // Remix's own scripts (with the nonce) ran
    expect(await page.evaluate(() => "__injected" in window)).toBe(false);
    expect((await violations()).join("\n")).toMatch(/script-src/);
  });
});

test.describe("odd requests get a short answer with the security headers, never a 500", () => {
  test.use({ storageState: SIGNED_OUT });

  test("a cross-site Origin on the sign-in form: 403", async ({ request }) => {
    const response = await request.post("/login", { headers: { Origin: "https://evil.example" }, form: { password: "x", csrf: "y" } });
    expect(response.status()).toBe(403);
    expectSecurityHeaders(response.headers(), { document: false });
  });

  for (const [type, body] of [
    ["application/json", '{"password":"x"}'],
    ["text/plain", "password=x"],
  ] as const) {
    for (const path of ["/login", "/logout"]) {
      test(`a ${type} body on ${path}: 415`, async ({ request }) => {
        const response = await request.post(path, { headers: { "Content-Type": type }, data: body });
        expect(response.status()).toBe(415);
        expectSecurityHeaders(response.headers(), { document: false });
      });
    }
  }
});

test.describe("private pages are never cached", () => {
  test("a caller's page, the dashboard and their data requests: Cache-Control no-store, private", async ({ request }) => {
    const e164 = uniqueCallerNumber();
    await call(request, e164);
    for (const path of [
      `/callers/${e164}`,
      "/",
      `/callers/${encodeURIComponent(e164)}?_data=routes%2Fcallers.%24e164`,
      "/?_data=routes%2F_index",
    ]) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(200);
      expect(response.headers()["cache-control"], path).toMatch(/no-store/);
      expect(response.headers()["cache-control"], path).toMatch(/private/);
    }
  });
});
