import { describe, expect, it } from "vitest";
import { parsePhoneNumber, PhoneNumberError, type PhoneNumberErrorCode } from "./phone.js";

describe("parsePhoneNumber", () => {
  it.each([
    ["+18003569377", "+18003569377"],
    ["(800) 356-9377", "+18003569377"],
    ["800.356.9377", "+18003569377"],
    ["1-800-356-9377", "+18003569377"],
    ["  +1 303 555 2253 ", "+13035552253"],
    ["+44 20 7946 0958", "+442079460958"],
    ["+819012345678", "+819012345678"],
  ])("reads %j as %s", (input, e164) => {
    expect(parsePhoneNumber(input).e164).toBe(e164);
  });

  it("splits a number into its country's groups", () => {
    expect(parsePhoneNumber("+18003569377")).toMatchObject({
      countryCallingCode: "1",
      nationalNumber: "8003569377",
      country: "US",
      groups: ["+1", "800", "356", "9377"],
    });
    expect(parsePhoneNumber("+442079460958").groups).toEqual(["+44", "20", "7946", "0958"]);
  });

  it.each<[unknown, PhoneNumberErrorCode]>([
    ["", "EMPTY"],
    ["   ", "EMPTY"],
    ["anonymous", "WITHHELD"],
    ["Restricted", "WITHHELD"],
    ["+1800FLOWERS", "NOT_A_NUMBER"],
    ["call me", "NOT_A_NUMBER"],
    ["+1 800 356 9377 <script>", "NOT_A_NUMBER"],
    ["123", "TOO_SHORT"],
    ["+1234567890123456", "TOO_LONG"],
    ["9".repeat(500), "TOO_LONG"],
    ["+999123456", "INVALID_COUNTRY"],
    ["+18001111111", "INVALID"], // an exchange cannot start with 1
    ["+266696687", "WITHHELD"], // "ANONYMOUS" on a keypad, as some carriers send it
    ["+7748283", "WITHHELD"], // PRIVATE
    [null, "NOT_A_NUMBER"],
    [18003569377, "NOT_A_NUMBER"],
    [{ Address: "+18003569377" }, "NOT_A_NUMBER"],
  ])("rejects %j with %s", (input, code) => {
    let caught: unknown;
    try {
      parsePhoneNumber(input);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PhoneNumberError);
    expect(caught).toMatchObject({ code, name: "PhoneNumberError" });
    expect((caught as Error).message.length).toBeGreaterThan(10);
  });

  it("keeps error messages short for huge input", () => {
    expect(() => parsePhoneNumber("1".repeat(100_000))).toThrow(/^"1{24}…" is too long/);
  });
});
