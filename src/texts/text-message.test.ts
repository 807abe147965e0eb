import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SMS_SEGMENT_CHARACTERS, textMessage } from "./text-message.js";

describe("textMessage", () => {
  it("names the five numbers, best first", () => {
    expect(textMessage(["1-800-FLOWERS", "1-800-FLOWER-S", "1-800-356-9377", "1-800-FLOW-ER-7", "1-800-3-LOWERS"])).toBe(
      "Your vanity numbers: 1-800-FLOWERS, 1-800-FLOWER-S, 1-800-356-9377, 1-800-FLOW-ER-7, 1-800-3-LOWERS",
    );
  });

  it("is always one GSM-7 segment, keeping the best numbers when not all of them fit", () => {
    const vanity = fc.stringMatching(/^[0-9]{1,3}(-[A-Z0-9]{1,8}){1,5}$/);
    fc.assert(
      fc.property(fc.array(vanity, { minLength: 1, maxLength: 5 }), (numbers) => {
        const body = textMessage(numbers);
        expect(body.length).toBeLessThanOrEqual(SMS_SEGMENT_CHARACTERS);
        expect(body.startsWith(`Your vanity numbers: ${numbers[0]}`)).toBe(true);
      }),
    );
  });

  it("says so when there is nothing to send", () => {
    expect(() => textMessage([])).toThrow(RangeError);
  });
});
