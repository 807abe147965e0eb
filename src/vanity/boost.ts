// VANITY_BOOST_WORDS: a deployment's own words (a florist's "flowers,roses,bloom"), put first
// wherever they fit, with their plurals. Checked like the other settings: a bad value is a
// typed error that names what is wrong, never silently half-used.
import { dialDigits } from "./keypad.js";
import type { BoostWord } from "./search.js";

export const MAX_BOOST_WORDS = 50;
const MIN_LENGTH = 2;
const MAX_LENGTH = 10;

export class BoostWordsError extends Error {
  override readonly name = "BoostWordsError";
}

/** "flowers, Roses,bloom" → FLOWERS, ROSES, BLOOM and their plurals (BLOOMS); "" → none. */
export function parseBoostWords(raw: string | undefined): BoostWord[] {
  const words = (raw ?? "")
    .split(",")
    .map((w) => w.trim())
    .filter(Boolean);
  if (words.length > MAX_BOOST_WORDS)
    throw new BoostWordsError(`VANITY_BOOST_WORDS lists ${words.length} words; at most ${MAX_BOOST_WORDS}`);
  const out = new Map<string, BoostWord>();
  for (const word of words) {
    if (!/^[a-z]+$/i.test(word) || word.length < MIN_LENGTH || word.length > MAX_LENGTH) {
      throw new BoostWordsError(
        `VANITY_BOOST_WORDS: ${JSON.stringify(word.slice(0, 20))} is not a word of ${MIN_LENGTH}-${MAX_LENGTH} letters A-Z`,
      );
    }
    for (const form of [word.toUpperCase(), pluralOf(word.toUpperCase())]) {
      if (form.length <= MAX_LENGTH && !out.has(form)) out.set(form, { text: form, digits: dialDigits(form) });
    }
  }
  return [...out.values()];
}

// ROSE → ROSES, BOX → BOXES, PARTY → PARTIES; a word already ending in S stays.
function pluralOf(word: string): string {
  if (/S$/.test(word)) return word;
  if (/(X|Z|CH|SH)$/.test(word)) return `${word}ES`;
  if (/[^AEIOU]Y$/.test(word)) return `${word.slice(0, -1)}IES`;
  return `${word}S`;
}

/**
 * The words a setting names, or none when it is not valid (after telling `onInvalid` why): a
 * call must never fail on a bad setting, and /try must show what callers hear.
 */
export function boostWordsOrNone(raw: string | undefined, onInvalid: (error: BoostWordsError) => void): BoostWord[] {
  try {
    return parseBoostWords(raw);
  } catch (error) {
    if (!(error instanceof BoostWordsError)) throw error;
    onInvalid(error);
    return [];
  }
}
