// The "try a number" page: any number in, the five vanity numbers out, nothing stored.
import { findVanityNumbers, PhoneNumberError } from "../../src/vanity/index.js";
import { formatPhoneNumber } from "./phone.js";

export interface VanityResultView {
  display: string;
  words: string[];
}

export type TryNumberResult =
  | { ok: true; e164: string; phone: string; vanity: VanityResultView[] }
  | { ok: false; message: string };

export function tryNumber(input: string): TryNumberResult {
  try {
    const { e164, vanity } = findVanityNumbers(input);
    return {
      ok: true,
      e164,
      phone: formatPhoneNumber(e164),
      vanity: vanity.map((v) => ({ display: v.display, words: [...v.words] })),
    };
  } catch (error) {
    // Bad input is the visitor's to fix; anything else is ours and goes to the error boundary.
    if (error instanceof PhoneNumberError) return { ok: false, message: error.message };
    throw error;
  }
}
