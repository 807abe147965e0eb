// Caller numbers in: as Amazon Connect sends them ("+18003569377") or as people type them
// ("(800) 356-9377", "800.356.9377"; without "+", a number is read as North American).
import { nanpLookup, type NanpPlan } from "./nanp.js";
import nanpPlan from "./nanp-plan.json";
import { parseWithLibphonenumber, possiblePhoneNumber, PhoneNumberError, rejection, type ParsedPhoneNumber } from "./phone-library.js";

export { PhoneNumberError, type ParsedPhoneNumber, type PhoneNumberErrorCode } from "./phone-library.js";

const nanpVerdict = nanpLookup(nanpPlan as NanpPlan);

/**
 * The caller's number, checked against its country's numbering plan by libphonenumber-js.
 * "+1" and ten digits, what Connect sends for North America, is answered from a table of the
 * library's own verdicts (nanp.ts), much faster than the library's pattern matching (`npm run
 * bench` times both); anything else goes through the library.
 * @throws {PhoneNumberError} for anything that is not a valid phone number.
 */
export function parsePhoneNumber(input: unknown): ParsedPhoneNumber {
  const verdict = typeof input === "string" ? nanpVerdict(input) : undefined;
  if (verdict === undefined) return parseWithLibphonenumber(input);
  const text = input as string;
  if (verdict.error !== undefined) throw rejection(verdict.error, text, text);
  const national = text.substring(2);
  return {
    e164: text,
    countryCallingCode: "1",
    nationalNumber: national,
    country: verdict.country,
    groups: ["+1", national.substring(0, 3), national.substring(3, 6), national.substring(6)],
  };
}

/**
 * A caller ID, as the phone network gives it: what the caller really dials from. A valid number
 * (parsePhoneNumber), or else one that is possible for its country (right length and structure;
 * in North America an area code and exchange of 2-9 and two digits, not N11), because
 * libphonenumber-js's metadata lags the real numbering plans (new area codes and exchanges open
 * every year) and is pinned by the lock file. `inPlan` says which. Numbers people type must
 * still be valid: they go through parsePhoneNumber.
 * @throws {PhoneNumberError} for anything that is not even a possible phone number.
 */
export function parseCallerId(input: unknown): ParsedPhoneNumber & { inPlan: boolean } {
  try {
    return { ...parsePhoneNumber(input), inPlan: true };
  } catch (error) {
    if (!(error instanceof PhoneNumberError) || error.code !== "INVALID") throw error;
    const possible = possiblePhoneNumber(String(input).trim());
    if (!possible) throw error;
    return { ...possible, inPlan: false };
  }
}
