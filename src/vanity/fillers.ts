// Filler letters, for numbers no word fits: one pronounceable run of three or more letters (a
// syllable with a vowel), the other digits kept, never consonant soup or scattered letters.
// Where even that cannot make five (numbers of mostly 0, 1 and 5), the rules give way one at a
// time, and each result says which.
import type { Dictionary } from "./dictionary.js";
import { pronounceableLetters, spell } from "./letters.js";

/** One run of filler letters over digits `start`..`start + letters.length`. */
export interface Filler {
  start: number;
  /** A letter index (0 = A) per digit of the run. */
  letters: number[];
  /** Mean cost of its letter pairs, in bits (lower is easier to say). */
  bitsPerLetter: number;
  /** 0 for its stretch's easiest lettering, 1 for the next… */
  nth: number;
  /** Which noise rule gave way for it, when one had to. */
  relaxed?: string;
}

export const MIN_RUN = 3;
// The easiest letterings asked of each stretch of letter keys, and more where a number has few
// stretches (16 in all), so that a number with one stretch still has five runs that differ in more
// than one letter (DET, EFT, EDU; not DET, FET, EET).
const LETTERINGS_PER_RUN = 4;
const LETTERINGS_IN_ALL = 16;
const DIGIT_2 = 50;

// Consonants that may open or close an English syllable together (BL-, ST-, -ND, -CK…).
const ONSETS = new Set("BL BR CH CL CR DR FL FR GL GR KN PH PL PR SC SH SK SL SM SN SP ST SW TH TR TW WH WR".split(" "));
const CODAS = new Set("CH CK CT FT GH LD LF LK LL LM LP LT MP ND NG NK NS NT PT RD RK RM RN RP RT SH SK SP SS ST TH".split(" "));

/**
 * Whether a run of letters can be said as a syllable or two: it has a vowel, never three
 * consonants in a row, and its first and last consonants are ones English opens and closes
 * syllables with (LLY and SMT are noise; LOB, TAV and BRIM are not).
 */
export function isPronounceable(run: string): boolean {
  let firstVowel = -1;
  let lastVowel = -1;
  let consonants = 0;
  for (let i = 0; i < run.length; i++) {
    const code = run.charCodeAt(i);
    const vowel = IS_VOWEL[code] === 1 || (code === LETTER_Y && i > 0); // Y is a vowel after the first letter (YUP, SLY)
    if (vowel) {
      if (firstVowel < 0) firstVowel = i;
      lastVowel = i;
      consonants = 0;
    } else if (++consonants === 3) return false;
  }
  if (firstVowel < 0) return false;
  const onset = run.slice(0, firstVowel);
  const coda = run.slice(lastVowel + 1);
  return (onset.length < 2 || ONSETS.has(onset)) && (coda.length < 2 || CODAS.has(coda));
}

const IS_VOWEL = new Uint8Array(128); // by character code
for (const vowel of "AEIOU") IS_VOWEL[vowel.charCodeAt(0)] = 1;
const LETTER_Y = 89;

/**
 * Pronounceable runs for `digits`, stretch by stretch, each stretch's easiest first: every stretch
 * of at least `minRun` letter keys (2-9) inside one group of the number (`breaks[i]` is 1 where a
 * group starts) lettered the most pronounceable ways (LETTERINGS_PER_RUN each, more where there
 * are few stretches). `easierToSay` orders runs of different stretches.
 */
export function pronounceableFillers(dict: Dictionary, digits: string, breaks: ArrayLike<number>, minRun = MIN_RUN): Filler[] {
  const stretches: { start: number; end: number; keys: string }[] = [];
  for (let start = 0; start < digits.length; start++) {
    for (let end = start + minRun; end <= digits.length; end++) {
      const keys = digits.substring(start, end);
      if (!allLetterKeys(keys) || crossesGroup(breaks, start, end)) break;
      stretches.push({ start, end, keys });
    }
  }
  const perStretch = Math.max(LETTERINGS_PER_RUN, Math.ceil(LETTERINGS_IN_ALL / stretches.length));
  const fillers: Filler[] = [];
  for (const { start, keys } of stretches) {
    let nth = 0;
    for (const { letters, bits } of pronounceableLetters(dict, keys, perStretch)) {
      if (!isPronounceable(spell(letters))) continue;
      fillers.push({ start, letters, bitsPerLetter: bits / (letters.length + 1), nth: nth++ });
    }
  }
  return fillers;
}

/**
 * Orders filler runs over `digitCount` digits: easier to say first, in steps of a quarter bit;
 * among those, longer runs, then runs that end the digits, then the easier to say.
 */
export function easierToSay(digitCount: number): (a: Filler, b: Filler) => number {
  const rank = (f: Filler) =>
    Math.round(f.bitsPerLetter * 4) * 1000 - f.letters.length * 10 - (f.start + f.letters.length === digitCount ? 1 : 0);
  return (a, b) => rank(a) - rank(b) || a.bitsPerLetter - b.bitsPerLetter;
}

function crossesGroup(breaks: ArrayLike<number>, start: number, end: number): boolean {
  for (let i = start + 1; i < end; i++) if (breaks[i] === 1) return true;
  return false;
}

function allLetterKeys(digits: string): boolean {
  for (let i = 0; i < digits.length; i++) if (digits.charCodeAt(i) < DIGIT_2) return false;
  return true;
}
