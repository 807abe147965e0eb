// The "try a number" page: any number in, the five vanity numbers out, nothing stored.
import { boostWords as configuredBoostWords } from "../../src/config.js";
import { findVanityNumbers, PhoneNumberError, type BoostWord, type Explanation } from "../../src/vanity/index.js";
import { formatPhoneNumber } from "./phone.js";
import { spokenText } from "./speech.server.js";

export interface VanityResultView {
  display: string;
  words: string[];
  /** Why it ranks where it does (shown as "why this order"). */
  explanation: Explanation;
}

export type TryNumberResult =
  | { ok: true; e164: string; phone: string; vanity: VanityResultView[]; /** What the contact flow would say. */ speech: string }
  | { ok: false; message: string };

export function tryNumber(input: string): TryNumberResult {
  try {
    const { e164, vanity } = findVanityNumbers(input, { boost: boostWords() });
    return {
      ok: true,
      e164,
      phone: formatPhoneNumber(e164),
      vanity: vanity.map((v) => ({ display: v.display, words: [...v.words], explanation: v.explanation })),
      speech: spokenText(
        vanity.map((v) => v.display),
        vanity.map((v) => v.words),
      ),
    };
  } catch (error) {
    // Bad input is the visitor's to fix; anything else is ours and goes to the error boundary.
    if (error instanceof PhoneNumberError) return { ok: false, message: error.message };
    throw error;
  }
}

let boost: BoostWord[] | undefined;

// The deployment's VANITY_BOOST_WORDS, as the Connect Lambda uses them, so /try shows what callers hear.
function boostWords(): BoostWord[] {
  return (boost ??= configuredBoostWords((error) => console.error(`VANITY_BOOST_WORDS ignored: ${error.message}`)));
}
