import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dialDigits, KEYPAD, letterToDigit } from "./keypad.js";

describe("keypad (ITU-T E.161)", () => {
  it("puts every letter on exactly one key from 2 to 9", () => {
    const letters = Object.values(KEYPAD).join("");
    expect([...letters].sort().join("")).toBe("ABCDEFGHIJKLMNOPQRSTUVWXYZ");
    expect(Object.keys(KEYPAD).sort().join("")).toBe("23456789");
  });

  it("maps letters to their key and digits to themselves", () => {
    expect([..."FLOWERS"].map(letterToDigit).join("")).toBe("3569377");
    expect(letterToDigit("0")).toBe("0");
    expect(() => letterToDigit("-")).toThrow(RangeError);
  });

  it("dials a vanity number by its letters and digits only", () => {
    expect(dialDigits("1-800-FLOWERS")).toBe("18003569377");
    expect(dialDigits("+44-20-7946-CAKE")).toBe("4420794622" + "53");
    fc.assert(fc.property(fc.stringMatching(/^[0-9]{1,15}$/), (digits) => dialDigits(digits) === digits));
  });
});
