// Which Chromium the end-to-end tests drive, in this order:
//   1. CHROMIUM_PATH, if set (it must exist);
//   2. the system's Chromium (Debian's /usr/bin/chromium, and the usual other names);
//   3. Playwright's own browser, after `npx playwright install chromium`;
//   4. the Chromium inside the @sparticuz/chromium npm package (a devDependency), so that
//      `npm install && npm test` needs nothing but Node and npm. It unpacks itself into the
//      temp folder and reuses whatever it finds there, so each version gets its own folder
//      (~/.cache/connect-vanity/chromium-<version>): an old unpacked binary is never picked up.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import { dirname, join } from "node:path";

export const SYSTEM_CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/snap/bin/chromium"];

export type ChromiumChoice = { source: "CHROMIUM_PATH" | "system" | "packaged"; path: string } | { source: "playwright"; path: undefined };

interface Where {
  env?: Record<string, string | undefined>;
  exists?: (path: string) => boolean;
  /** Playwright's own Chromium (chromium.executablePath()), which may not be installed. */
  playwrightPath: string;
  /** Unpacks the packaged Chromium and returns its path (only called when nothing else is there). */
  packaged?: () => Promise<string>;
}

export async function chooseChromium({
  env = process.env,
  exists = existsSync,
  playwrightPath,
  packaged = packagedChromium,
}: Where): Promise<ChromiumChoice> {
  if (env.CHROMIUM_PATH) {
    if (!exists(env.CHROMIUM_PATH)) throw new Error(`CHROMIUM_PATH is ${env.CHROMIUM_PATH}, which does not exist.`);
    return { source: "CHROMIUM_PATH", path: env.CHROMIUM_PATH };
  }
  const system = SYSTEM_CHROMIUM.find((path) => exists(path));
  if (system) return { source: "system", path: system };
  if (exists(playwrightPath)) return { source: "playwright", path: undefined };
  return { source: "packaged", path: await packaged() };
}

/** An installed package's version (from its package.json, which this one does not export). */
function packageVersion(name: string): string {
  for (let dir = dirname(createRequire(import.meta.url).resolve(name)); dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, "package.json");
    if (!existsSync(file)) continue;
    const manifest = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
    if (manifest.name === name && manifest.version) return manifest.version;
  }
  throw new Error(`${name} is not installed: run npm install`);
}

/** The @sparticuz/chromium binary, unpacked into a folder of its version's own. */
export async function packagedChromium(): Promise<string> {
  const version = packageVersion("@sparticuz/chromium");
  const folder = join(homedir(), ".cache", "connect-vanity", `chromium-${version}`);
  mkdirSync(folder, { recursive: true });
  // It unpacks into os.tmpdir(), which follows TMPDIR: pointed at the version's folder for the call only.
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = folder;
  try {
    const { default: chromium } = await import("@sparticuz/chromium");
    return await chromium.executablePath();
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  }
}
