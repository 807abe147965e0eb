// Helpers for the specs: unique caller numbers, calls through the sandbox's Connect invoker,
// signing in and making accounts.
import { expect, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import type { ConnectVanityResponse } from "../src/connect/contract.js";
import { connectEvent } from "../test/connect-event.js";
import { E2E_ADMIN } from "./credentials";

export const INVOKER_URL = `http://localhost:${process.env.CONNECT_INVOKE_PORT ?? 3334}/`;

/**
 * A valid North American toll-free number nobody else uses in this run: +1 888, an exchange
 * from 200 to 999, and four digits from the clock and a random part.
 */
export function uniqueCallerNumber(): string {
  const exchange = 200 + Math.floor(Math.random() * 800);
  const line = String((Date.now() + Math.floor(Math.random() * 10_000)) % 10_000).padStart(4, "0");
  return `+1888${exchange}${line}`;
}

/** "+18885551234" → "+1 888 555 1234", the way the pages write it. */
export function displayNumber(e164: string): string {
  const m = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  if (!m) throw new Error(`not a North American number: ${e164}`);
  return `+1 ${m[1]} ${m[2]} ${m[3]}`;
}

/** Places a simulated call through the local invoker and returns the handler's response. */
export async function call(request: APIRequestContext, address: string): Promise<ConnectVanityResponse> {
  const response = await request.post(INVOKER_URL, { data: connectEvent(address) });
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as ConnectVanityResponse;
}

/** The rows of the callers page's table, newest latest call first. */
export function callerRows(page: Page) {
  return page.getByRole("table", { name: "Callers" }).locator("tbody tr");
}

/** A browser state with no cookies: for specs that start signed out. */
export const SIGNED_OUT = { cookies: [], origins: [] };

let clientCounter = 0;
/**
 * An address from a documentation range (198.18.0.0/15) that no other test in this run uses.
 * Sent as X-Forwarded-For, which the local sandbox (only) takes as the client's address, so each
 * test gets its own sign-in attempt count.
 */
export function uniqueClientIp(): string {
  clientCounter += 1;
  const n = (Date.now() % 60_000) * 10 + clientCounter;
  return `198.${18 + ((n >> 16) & 1)}.${(n >> 8) & 255}.${n & 255}`;
}

/** The hidden CSRF token in a page's form. */
export function csrfFrom(html: string): string {
  const match = /name="csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error("no CSRF field in the page");
  return match[1];
}

/**
 * Loads /login with `request` (which keeps the session cookie it sets) and returns a function
 * that posts a name and password the way the form does (the local admin's name by default).
 */
export async function loginFormFor(request: APIRequestContext, headers: Record<string, string> = {}) {
  const page = await request.get("/login", { headers });
  expect(page.status()).toBe(200);
  const csrf = csrfFrom(await page.text());
  return (password: string, extra: Record<string, string> = {}, name = E2E_ADMIN) =>
    request.post("/login", {
      form: { csrf, redirectTo: "/", name, password },
      headers: { ...headers, ...extra },
      maxRedirects: 0,
    });
}

/** Fills the sign-in form on the current page and submits it. */
export async function signIn(page: Page, name: string, password: string): Promise<void> {
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

let accountCounter = 0;

/**
 * Adds an account through the accounts page as the signed-in admin of `page`, and returns its
 * name and the password the page showed once.
 */
export async function addAccountAsAdmin(page: Page, role: "admin" | "agent" = "agent"): Promise<{ name: string; password: string }> {
  accountCounter += 1;
  const name = `e2e-${role}-${Date.now() % 1_000_000}-${accountCounter}`;
  await page.goto("/accounts");
  const form = page.getByRole("form", { name: "Add an account" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Role").selectOption(role);
  await form.getByRole("button", { name: "Add" }).click();
  const secret = page.locator("code.secret");
  await expect(secret).toBeVisible();
  return { name, password: (await secret.textContent())!.trim() };
}

/** A new browser signed in as `name`, from an address of its own (its own sign-in attempt count). */
export async function signedInAs(browser: Browser, name: string, password: string) {
  const context = await browser.newContext({ storageState: SIGNED_OUT, extraHTTPHeaders: { "x-forwarded-for": uniqueClientIp() } });
  const page = await context.newPage();
  await page.goto("/login");
  await signIn(page, name, password);
  await expect(page).toHaveURL("/");
  return { context, page };
}
