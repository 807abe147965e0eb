// Issue 4's journey: a simulated call runs the very contact flow that deploys, through the
// real Connect Lambda in the sandbox, and the caller then shows on the dashboard.
import { expect, test } from "@playwright/test";
import { placeCall } from "../tools/call/place-call.js";
import { callerRows, displayNumber, INVOKER_URL, uniqueCallerNumber } from "./support";

test.describe("a simulated call through the contact flow", () => {
  test("greets, reads three vanity numbers, hangs up, and the caller is first on the dashboard", async ({ page }) => {
    const e164 = uniqueCallerNumber();
    const call = await placeCall({ number: e164, invokeUrl: INVOKER_URL });

    expect(call.lambda).toMatchObject({ status: "success" });
    expect(call.path).toContain("play-vanity-numbers");
    expect(call.path.at(-1)).toBe("hang-up");
    expect(call.heard[0]!.text).toMatch(/hold/i);
    const numbers = call.heard.find((p) => p.identifier === "play-vanity-numbers")!;
    expect(numbers.format).toBe("ssml");
    expect(numbers.text).toMatch(/Number 1:[\s\S]*Number 2:[\s\S]*Number 3:/);

    await page.goto("/");
    const latest = callerRows(page).first();
    await expect(latest.getByRole("rowheader")).toHaveText(displayNumber(e164));
    await expect(latest.getByRole("cell").first()).toHaveText(call.attributes.vanity1!);
  });

  test("1-800-FLOWERS is read first for +1 800 356 9377", async () => {
    const call = await placeCall({ number: "+18003569377", invokeUrl: INVOKER_URL });
    const numbers = call.heard.find((p) => p.identifier === "play-vanity-numbers")!;
    expect(call.attributes.vanity1).toBe("1-800-FLOWERS");
    expect(numbers.content).toContain('<say-as interpret-as="characters">FLOWERS</say-as>');
  });

  test("a withheld caller hears the apology and nothing is listed", async ({ page }) => {
    const call = await placeCall({ withheld: true, invokeUrl: INVOKER_URL });
    expect(call.path).toContain("play-handled-failure");
    expect(call.heard.at(-1)!.text).toMatch(/sorry/i);
    await page.goto("/");
    await expect(page.getByRole("heading", { name: /anonymous/i })).toHaveCount(0);
  });
});
