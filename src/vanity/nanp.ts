// North American numbers as Amazon Connect sends them ("+18003569377"), judged without running
// libphonenumber-js: nanp-plan.json (phone.ts reads it) holds the library's own verdict on every
// such number, worked out from its metadata at build time and checked against it
// (scripts/build-nanp-plan.ts, with this lookup). A walk of ten table entries instead of the
// library's pattern matching.
import type { PhoneNumberErrorCode } from "./phone-library.js";

/** What libphonenumber-js (through parseWithLibphonenumber) makes of a number. */
export type NanpVerdict = { country: string; error?: undefined } | { error: PhoneNumberErrorCode; country?: undefined };

export interface NanpPlan {
  /** Which library and metadata the table was built from. */
  source: string;
  inputHash: string;
  verdicts: NanpVerdict[];
  /**
   * One row of ten entries (one per digit) per node; the root is row 0. For the first nine
   * digits an entry is the row of the next node, for the tenth it is the verdict's index.
   */
  next: number[];
}

/**
 * A lookup of the verdict on "+1" and exactly ten more digits in `plan`; it answers undefined
 * for any other text.
 */
export function nanpLookup(plan: Pick<NanpPlan, "verdicts" | "next">): (text: string) => NanpVerdict | undefined {
  const next = Int32Array.from(plan.next);
  const { verdicts } = plan;
  return (text) => {
    if (text.length !== 12 || text.charCodeAt(0) !== 43 /* + */ || text.charCodeAt(1) !== 49 /* 1 */) return undefined;
    let entry = 0;
    for (let i = 2; i < 12; i++) {
      const digit = text.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) return undefined;
      entry = next[entry * 10 + digit]!;
    }
    return verdicts[entry];
  };
}
