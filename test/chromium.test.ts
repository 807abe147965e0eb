import { describe, expect, it } from "vitest";
import { chooseChromium, SYSTEM_CHROMIUM } from "./chromium.js";

const PLAYWRIGHT = "/home/dev/.cache/ms-playwright/chromium-1/chrome";
const packaged = async () => "/home/dev/.cache/connect-vanity/chromium-147.0.0/chromium";
const only =
  (...present: string[]) =>
  (path: string) =>
    present.includes(path);

describe("chooseChromium", () => {
  it("takes CHROMIUM_PATH first, and says so when it is wrong", async () => {
    expect(
      await chooseChromium({
        env: { CHROMIUM_PATH: "/opt/c" },
        exists: only("/opt/c", SYSTEM_CHROMIUM[0]!),
        playwrightPath: PLAYWRIGHT,
        packaged,
      }),
    ).toEqual({ source: "CHROMIUM_PATH", path: "/opt/c" });
    await expect(
      chooseChromium({ env: { CHROMIUM_PATH: "/opt/none" }, exists: only(), playwrightPath: PLAYWRIGHT, packaged }),
    ).rejects.toThrow(/does not exist/);
  });

  it("then the system's Chromium, then Playwright's own", async () => {
    expect(await chooseChromium({ env: {}, exists: only("/usr/bin/chromium", PLAYWRIGHT), playwrightPath: PLAYWRIGHT, packaged })).toEqual({
      source: "system",
      path: "/usr/bin/chromium",
    });
    expect(await chooseChromium({ env: {}, exists: only(PLAYWRIGHT), playwrightPath: PLAYWRIGHT, packaged })).toEqual({
      source: "playwright",
      path: undefined,
    });
  });

  it("on a machine with no browser at all, the one inside the npm package (it used to stop with an error)", async () => {
    expect(await chooseChromium({ env: {}, exists: only(), playwrightPath: PLAYWRIGHT, packaged })).toEqual({
      source: "packaged",
      path: await packaged(),
    });
  });
});
