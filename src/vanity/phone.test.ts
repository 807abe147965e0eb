import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseCallerId, parsePhoneNumber, PhoneNumberError, type PhoneNumberErrorCode } from "./phone.js";

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

describe("parseCallerId", () => {
  // 357 is an area code libphonenumber-js 1.13.16's metadata does not list (a newer overlay).
  const unlisted = "+13572345678";

  it("takes a valid number as parsePhoneNumber does, in the plan", () => {
    expect(parseCallerId("+18003569377")).toEqual({ ...parsePhoneNumber("+18003569377"), inPlan: true });
  });

  it("takes a possible number the metadata does not list, split into North American groups", () => {
    expect(() => parsePhoneNumber(unlisted)).toThrow(PhoneNumberError); // a typed number must be valid
    expect(parseCallerId(unlisted)).toEqual({
      e164: unlisted,
      countryCallingCode: "1",
      nationalNumber: "3572345678",
      country: undefined,
      groups: ["+1", "357", "234", "5678"],
      inPlan: false,
    });
    expect(parseCallerId("(357) 234-5678").e164).toBe(unlisted);
  });

  it.each([
    ["+14115550123", "an N11 area code"],
    ["+13579115555", "an N11 exchange"],
    ["+11235550123", "an area code starting with 1"],
    ["+13570555555", "an exchange starting with 0"],
  ])("still turns down %s (%s)", (input) => {
    expect(() => parseCallerId(input)).toThrow(expect.objectContaining({ code: "INVALID" }));
  });

  it("passes other rejections through (withheld, too short, letters)", () => {
    for (const [input, code] of [
      ["anonymous", "WITHHELD"],
      ["+1206555", "TOO_SHORT"],
      ["+1800FLOWERS", "NOT_A_NUMBER"],
    ])
      expect(() => parseCallerId(input)).toThrow(expect.objectContaining({ code }));
  });

  it("holds for every North American possible number: in the plan or not, the same e164 and groups", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 200, max: 999 }),
        fc.integer({ min: 200, max: 999 }),
        fc.integer({ min: 0, max: 9999 }),
        (area, exchange, line) => {
          fc.pre(String(area).slice(1) !== "11" && String(exchange).slice(1) !== "11");
          const e164 = `+1${area}${exchange}${String(line).padStart(4, "0")}`;
          const parsed = parseCallerId(e164);
          expect(parsed.e164).toBe(e164);
          expect(parsed.groups).toEqual(["+1", String(area), String(exchange), e164.slice(-4)]);
        },
      ),
    );
  });
});
