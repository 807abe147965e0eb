// A `test` whose browser and `request` start signed in as the local admin with a session of the
// worker's own, made through the sign-in form when the worker starts and kept in memory. The
// shared e2e/.auth/dashboard.json is one file per working tree: a second run on other ports
// (another sandbox, another table) that signs in meanwhile overwrites it with a session this
// run's table has never seen, and every later test starts signed out. Specs that should not
// depend on that file import `test` from here.
import { test as base, expect, type BrowserContextOptions } from "@playwright/test";
import { E2E_ADMIN_PASSWORD } from "./credentials";
import { loginFormFor, uniqueClientIp } from "./support";

type StorageState = Exclude<BrowserContextOptions["storageState"], string | undefined>;

export const test = base.extend<object, { adminState: StorageState }>({
  adminState: [
    async ({ playwright }, use, workerInfo) => {
      const request = await playwright.request.newContext({ baseURL: workerInfo.project.use.baseURL });
      const signIn = await loginFormFor(request, { "x-forwarded-for": uniqueClientIp() });
      const response = await signIn(E2E_ADMIN_PASSWORD);
      expect(response.status(), "signing in as the local admin").toBe(302);
      const state = await request.storageState();
      await request.dispose();
      await use(state);
    },
    { scope: "worker" },
  ],
  storageState: async ({ adminState }, use) => use(adminState),
});

export { expect };
