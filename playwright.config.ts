// End-to-end tests in a real browser against a real sandbox (Remix, the Connect Lambda through
// the local invoker, dynalite). Ports come from the environment so that several sandboxes can
// run side by side: PORT (http), CONNECT_INVOKE_PORT (invoker), ARC_TABLES_PORT and
// ARC_INTERNAL_PORT (which sandbox reads itself). The defaults are a block of the tests' own
// (3390, 3391, 5690, 2290), clear of `npm run dev` (3333, 3334, 5555, 2222), so `npm test` runs
// while the app does.
//
// The dashboard needs a session: the "setup" project signs in once (e2e/auth.setup.ts) and saves
// the cookie; every other spec starts signed in from it unless it asks for a signed-out context.
// The server is sandbox started by e2e/sandbox.ts, which gives the Lambdas a known
// LOCAL_ADMIN_PASSWORD (e2e/credentials.ts) whatever a developer's .env says. "Sign everyone out"
// ends every session, the shared one too, so its spec runs last, in a project of its own.
import { chromium, defineConfig } from "@playwright/test";
import { SIGNED_IN_STATE } from "./e2e/credentials";
import { chooseChromium } from "./test/chromium";

const PORT = Number(process.env.PORT ?? 3390);
const INVOKE_PORT = Number(process.env.CONNECT_INVOKE_PORT ?? 3391);
const TABLES_PORT = Number(process.env.ARC_TABLES_PORT ?? 5690);
const INTERNAL_PORT = Number(process.env.ARC_INTERNAL_PORT ?? 2290);
process.env.CONNECT_INVOKE_PORT = String(INVOKE_PORT); // the specs read it too

// The browser: CHROMIUM_PATH, the system's Chromium, Playwright's own, else the one inside an
// npm package (test/chromium.ts), so a machine with only Node and npm runs the tests too.
const browser = await chooseChromium({ playwrightPath: chromium.executablePath() });

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  timeout: 30_000,
  expect: { timeout: 10_000 }, // a busy 2-core machine runs the browser, sandbox and the Lambdas
  fullyParallel: false,
  workers: 1, // one sandbox, one table: the dashboard's "newest first" needs calls in order
  retries: process.env.CI ? 1 : 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    browserName: "chromium",
    headless: true,
    trace: "on-first-retry",
    launchOptions: {
      executablePath: browser.path,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    { name: "setup", testMatch: "auth.setup.ts" },
    {
      name: "chromium",
      dependencies: ["setup"],
      testIgnore: ["sign-out-everyone.spec.ts", "live-reload.spec.ts"],
      use: { storageState: SIGNED_IN_STATE },
    },
    { name: "last", dependencies: ["chromium"], testMatch: "sign-out-everyone.spec.ts", use: { storageState: SIGNED_IN_STATE } },
    // `npm run dev` itself, on ports of its own; its build replaces the production one until it restores it.
    { name: "dev", dependencies: ["last"], testMatch: "live-reload.spec.ts" },
  ],
  webServer: {
    command: "npm run -s build && npx tsx e2e/sandbox.ts",
    url: `http://localhost:${PORT}/try`, // public; the dashboard redirects to /login
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
    stdout: "ignore", // sandbox's progress lines; its errors still come through stderr
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    // Merged with process.env. Fake credentials: sandbox's DynamoDB takes any, and they stop
    // the SDK from probing the EC2 metadata address.
    env: {
      PORT: String(PORT),
      CONNECT_INVOKE_PORT: String(INVOKE_PORT),
      ARC_TABLES_PORT: String(TABLES_PORT),
      ARC_INTERNAL_PORT: String(INTERNAL_PORT),
      AWS_ACCESS_KEY_ID: "fake",
      AWS_SECRET_ACCESS_KEY: "fake",
      AWS_REGION: "us-west-2",
      AWS_EC2_METADATA_DISABLED: "true",
      NO_UPDATE_NOTIFIER: "1",
    },
  },
});
