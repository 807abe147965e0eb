import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { metadataInputs } from "../../scripts/build-nanp-plan.js";
import plan from "./nanp-plan.json";
import { nanpLookup, type NanpPlan } from "./nanp.js";
import { parsePhoneNumber } from "./phone.js";
import { parseWithLibphonenumber } from "./phone-library.js";

const nanpVerdict = nanpLookup(plan as NanpPlan);

// What parsePhoneNumber gives, or the error it throws, as plain data to compare.
function outcome(parse: (text: string) => unknown, text: string): unknown {
  try {
    return parse(text);
  } catch (error) {
    return { error: String(error), code: (error as { code?: string }).code };
  }
}

const digit = fc.integer({ min: 0, max: 9 });
// Ten digits shaped like a North American number (area code and exchange start 2-9; about half
// are valid), or any ten digits at all.
const nanpShaped = fc
  .tuple(fc.integer({ min: 2, max: 9 }), digit, digit, fc.integer({ min: 2, max: 9 }), fc.array(digit, { minLength: 6, maxLength: 6 }))
  .map(([a, b, c, d, rest]) => `+1${a}${b}${c}${d}${rest.join("")}`);
const anyTenDigits = fc.array(digit, { minLength: 10, maxLength: 10 }).map((digits) => `+1${digits.join("")}`);

describe("the North American plan table", () => {
  it("was built from the libphonenumber-js metadata installed here", () => {
    // After an upgrade of libphonenumber-js, `npm run build` rebuilds it.
    expect(plan.inputHash).toBe(metadataInputs().inputHash);
  });

  it.each([
    ["+18003569377", "US"],
    ["+14165550123", "CA"],
    ["+16045550123", "CA"],
    ["+12684601234", "AG"],
    ["+17875550123", "PR"],
    ["+18096851234", "DO"],
    ["+13405550123", "VI"],
  ])("knows %s is in %s", (e164, country) => {
    expect(nanpVerdict(e164)).toEqual({ country });
  });

  it.each([
    ["+12425550123", "INVALID"],
    ["+10003569377", "INVALID"],
    ["+11003569377", "INVALID"],
    ["+18001234567", "INVALID"],
  ])("knows libphonenumber-js turns %s down: %s", (e164, error) => {
    expect(nanpVerdict(e164)).toEqual({ error });
  });

  it.each(["", "+1800356937", "+180035693770", " +18003569377", "+18003569a77", "+1800356937\u0660", "+28003569377", "18003569377x"])(
    "does not read %j",
    (text) => {
      expect(nanpVerdict(text)).toBeUndefined();
    },
  );

  it("agrees with libphonenumber-js through every entry of the table", () => {
    // A number through each of the table's entries: a prefix that reaches the row, the entry's
    // digit, then random digits.
    const prefixes = new Map<number, string>([[0, ""]]);
    let seed = 2026;
    const randomDigit = () => (seed = (seed * 48271) % 2147483647) % 10;
    let checked = 0;
    for (const [row, prefix] of prefixes) {
      for (let d = 0; d <= 9; d++) {
        const entry = plan.next[row * 10 + d]!;
        const suffix = Array.from({ length: 9 - prefix.length }, randomDigit).join("");
        const e164 = `+1${prefix}${d}${suffix}`;
        expect(outcome(parsePhoneNumber, e164), e164).toEqual(outcome(parseWithLibphonenumber, e164));
        checked++;
        if (prefix.length < 9 && !prefixes.has(entry)) prefixes.set(entry, `${prefix}${d}`);
      }
    }
    expect(checked).toBe(plan.next.length);
  });

  it("gives what libphonenumber-js gives, for any +1 number of ten digits", () => {
    fc.assert(
      fc.property(fc.oneof(nanpShaped, anyTenDigits), (e164) => {
        expect(outcome(parsePhoneNumber, e164)).toEqual(outcome(parseWithLibphonenumber, e164));
      }),
      { numRuns: 4000 },
    );
  });
});
