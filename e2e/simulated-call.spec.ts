// A simulated call runs the very contact flow that deploys, through the real Connect Lambda in
// the sandbox, and the caller then shows on the dashboard: with the text they asked for (the
// local outbox) and the numbers they keyed in to hear.
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

  test("a withheld caller hears the apology, is offered another number's, and nothing is listed", async ({ page }) => {
    const call = await placeCall({ withheld: true, invokeUrl: INVOKER_URL });
    expect(call.path).toContain("play-no-number");
    expect(call.heard.map((p) => p.text)).toContainEqual(expect.stringMatching(/another phone number, press 3/));
    expect(call.heard.at(-1)!.text).toBe("Thanks for calling. Goodbye.");
    expect(call.path.at(-1)).toBe("hang-up");
    await page.goto("/");
    await expect(page.getByRole("heading", { name: /anonymous/i })).toHaveCount(0);
  });

  test("pressing 2 texts the caller their numbers: the text is on their page, from the local outbox", async ({ page }) => {
    const e164 = uniqueCallerNumber();
    const call = await placeCall({ number: e164, keys: ["2"], invokeUrl: INVOKER_URL });
    expect(call.heard.map((p) => p.text)).toContain("We have sent your vanity numbers to you in a text message.");
    expect(call.path.at(-1)).toBe("hang-up");

    await page.goto(`/callers/${e164}`);
    const texts = page.getByRole("table", { name: `Text messages to ${displayNumber(e164)}` });
    await expect(texts.locator("tbody tr")).toHaveCount(1);
    await expect(texts.locator("tbody tr").first()).toContainText(
      `Your vanity numbers: ${call.attributes.vanity1!}, ${call.attributes.vanity2!}`,
    );
    await expect(texts.locator("tbody tr").first()).toContainText("In the local outbox: not sent");
  });

  test("pressing 3 and keying a number reads that number's vanity numbers, noted on the caller's call", async ({ page }) => {
    const e164 = uniqueCallerNumber();
    const call = await placeCall({ number: e164, keys: ["3", "8004685865#"], invokeUrl: INVOKER_URL });
    const heard = call.heard.map((p) => p.text).join("\n");
    expect(heard).toContain("Here are the vanity numbers for 8 0 0, 4 6 8, 5 8 6 5.");
    expect(heard).toContain("junk, J U N K");

    await page.goto(`/callers/${e164}`);
    await expect(page.getByRole("table", { name: `Calls from ${displayNumber(e164)}` })).toContainText(
      "and the numbers of +1 800 468 5865",
    );
  });
});
