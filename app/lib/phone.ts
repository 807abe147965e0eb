// Phone numbers for people: "+18003569377" → "+1 800 356 9377".
// Used by loaders only, so libphonenumber's metadata never reaches the browser bundle.
import { parsePhoneNumberFromString } from "libphonenumber-js/max";

/** The international form, grouped the way the number's country writes it; the input unchanged if it can't be read. */
export function formatPhoneNumber(e164: string): string {
  const phone = parsePhoneNumberFromString(e164);
  return phone ? phone.formatInternational() : e164;
}

/** The path of a caller's page. "+" is legal in a path segment, so the number is readable in the URL. */
export function callerPath(e164: string): string {
  return `/callers/${encodeURIComponent(e164).replace(/^%2B/i, "+")}`;
}
