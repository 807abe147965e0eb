// `npm run dev` reloads an open page when a route changes: it runs the real command on ports of
// its own (sandbox's file watcher and live reload only run under the `arc sandbox` command, not
// the module API the other specs use), edits a route and waits for the page to show the edit
// without being told to reload. The route is put back and the production build restored after,
// whatever happens. Runs last (project "dev"): `remix watch` rewrites the server build.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const route = join(root, "app/routes/try.tsx");
const ports = { PORT: "3395", CONNECT_INVOKE_PORT: "3396", ARC_TABLES_PORT: "5695", ARC_INTERNAL_PORT: "2295" };

test.setTimeout(180_000);

test("npm run dev shows an edit to a route in the open page on its own", async ({ browser }) => {
  const original = readFileSync(route, "utf8");
  expect(original).toContain("<h1>Try a number</h1>");
  let dev: ChildProcess | undefined;
  let output = "";
  try {
    dev = spawn("npm", ["run", "dev"], {
      cwd: root,
      detached: true, // its own process group: stopping it stops sandbox and remix watch too
      env: { ...process.env, ...ports, AWS_ACCESS_KEY_ID: "fake", AWS_SECRET_ACCESS_KEY: "fake", NO_UPDATE_NOTIFIER: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const watching = new Promise<void>((resolve) => {
      const read = (chunk: Buffer) => {
        output += chunk.toString();
        // Both halves are up: sandbox serves, and remix watch has made its first build.
        if (/Local environment ready/.test(output) && /Rebuilt in|Built in/.test(output)) resolve();
      };
      dev!.stdout!.on("data", read);
      dev!.stderr!.on("data", read);
    });
    let timer: NodeJS.Timeout | undefined;
    const tooLong = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`npm run dev did not come up in 120 s; it printed:\n${output.slice(-3000)}`)), 120_000);
    });
    await Promise.race([watching, tooLong]).finally(() => clearTimeout(timer));

    const page = await (await browser.newContext({ storageState: { cookies: [], origins: [] } })).newPage();
    await page.goto(`http://localhost:${ports.PORT}/try`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Try a number");
    const loads: string[] = [];
    page.on("load", () => loads.push(page.url()));

    writeFileSync(route, original.replace("<h1>Try a number</h1>", "<h1>Try a number, live</h1>"));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Try a number, live", { timeout: 60_000 });
    expect(loads.length).toBeGreaterThan(0); // sandbox's live reload reloaded it; the test never did
  } finally {
    writeFileSync(route, original);
    if (dev?.pid && dev.exitCode === null) {
      const exited = new Promise((resolve) => dev!.once("exit", resolve));
      try {
        process.kill(-dev.pid, "SIGTERM");
      } catch {
        // already gone
      }
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    }
    // The other specs run on the production build: put it back.
    const build = spawnSync("npx", ["remix", "build"], { cwd: root, encoding: "utf8" });
    expect(build.status, `${build.stdout}${build.stderr}\n--- npm run dev printed:\n${output.slice(-2000)}`).toBe(0);
  }
});
