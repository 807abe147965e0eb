// How a vanity number is written for people: "1-800-FLOWERS", "1-303-555-CAKE",
// "+44-20-7946-CAKE". Positions index the whole number (country code first). Digit runs keep
// the country's usual grouping; each word, and each run of filler letters, is a group of its own.
import type { ParsedPhoneNumber } from "./phone.js";

/** Per number, computed once: its digits and where the country's format starts a group. */
export interface Layout {
  /** "" for North America ("1-800-…"), "+" elsewhere ("+44-20-…"). */
  lead: string;
  /** Country calling code and national number: "18003569377". */
  digits: string;
  /** Where the national number starts in `digits`. */
  nationalStart: number;
  /** 1 where a group starts (the national number's groups; the country code is the first). */
  breaks: Uint8Array;
}

export function layoutOf(phone: ParsedPhoneNumber): Layout {
  const digits = phone.e164.substring(1); // country code and national number, as one flat string
  // Every valid North American number is grouped 1-3-3-4 (scripts/build-nanp-plan.ts checks
  // this against libphonenumber-js for all of them), so its groups need no reading.
  if (digits.length === 11 && phone.countryCallingCode === "1") return { lead: "", digits, nationalStart: 1, breaks: NANP_BREAKS };
  // Numbers mostly come in runs from one country: reuse the last grouping when it matches.
  if (!sameGroups(last.groups, phone.groups)) last = { groups: phone.groups, breaks: breaksOf(phone.groups, digits.length) };
  return { lead: phone.countryCallingCode === "1" ? "" : "+", digits, nationalStart: phone.countryCallingCode.length, breaks: last.breaks };
}

let last: { groups: readonly string[]; breaks: Uint8Array } = { groups: [], breaks: new Uint8Array(0) };
const NANP_BREAKS = breaksOf(["+1", "800", "356", "9377"], 11);

function sameGroups(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.length !== b[i]!.length) return false;
  return a[0] === b[0]; // the country code itself, not only its length
}

function breaksOf(groups: readonly string[], length: number): Uint8Array {
  const breaks = new Uint8Array(length);
  let at = 0;
  for (const group of groups) {
    if (at < length) breaks[at] = 1;
    at += group[0] === "+" ? group.length - 1 : group.length; // international groups are digits only
  }
  return breaks;
}

/**
 * Digits `from`..`to` as they are written: a dash where the country's format starts a group,
 * and before the first when it follows a word.
 */
export function digitRun(layout: Layout, from: number, to: number, afterWord: boolean): string {
  if (from >= to) return "";
  const { digits, breaks } = layout;
  let out = from > 0 && (afterWord || breaks[from] === 1) ? "-" : "";
  let run = from;
  for (let j = from + 1; j < to; j++) {
    if (breaks[j] === 1) {
      out += `${digits.substring(run, j)}-`;
      run = j;
    }
  }
  return out + digits.substring(run, to);
}
