import { describe, expect, it } from "vitest";
import { tryNumber } from "./try-number.server.js";

describe("tryNumber", () => {
  it("finds five vanity numbers for a toll-free number, 1-800-FLOWERS among them", () => {
    const result = tryNumber("(800) 356-9377");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.e164).toBe("+18003569377");
    expect(result.phone).toBe("+1 800 356 9377");
    expect(result.vanity).toHaveLength(5);
    expect(result.vanity.map((v) => v.display)).toContain("1-800-FLOWERS");
  });
  it.each([
    ["anonymous", /withheld/i],
    ["+1800FLOWERS", /letters/i],
    ["123", /too short|not a valid/i],
    ["   ", /no phone number/i],
  ])("explains what is wrong with %j", (input, message) => {
    const result = tryNumber(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});
