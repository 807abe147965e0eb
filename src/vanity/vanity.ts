// The pipeline: parse the caller's number, find the words that fit its last digits, rank,
// drop anything offensive, fill up with pronounceable letters, format.
import { getDictionary, type Dictionary } from "./dictionary.js";
import { digitRun, layoutOf, type Layout } from "./format.js";
import { keypadOrderLetters, MAX_FILLERS, pronounceableLetters } from "./letters.js";
import { parsePhoneNumber, type ParsedPhoneNumber } from "./phone.js";
import { MAX_CANDIDATES, MAX_DIGITS, searchWords, type Candidates } from "./search.js";
import { speakVanity } from "./speech.js";

export const RESULT_COUNT = 5;
export const DEFAULT_LETTER_DIGITS = 7;
const MAX_LETTER_DIGITS = 10;
const MAX_KEYPAD_ORDER = 100_000; // letterings tried by the last resort; five clean ones come long before

export interface VanityOptions {
  /** How many trailing digits of the national number may become letters (1-10; default 7). */
  letterDigits?: number;
}

/** One vanity number. `ssml` is worked out when first read (most callers only show them). */
export class VanityNumber {
  constructor(
    /** For people and pages: "1-800-FLOWERS". */
    readonly display: string,
    /** The words used, in order ("GOT", "JUNK"); empty when only filler letters fit. */
    readonly words: readonly string[],
  ) {}

  /** For Amazon Connect: an SSML fragment (no `<speak>`) that Polly reads well. */
  get ssml(): string {
    return speakVanity(this);
  }

  toJSON(): { display: string; words: readonly string[]; ssml: string } {
    return { display: this.display, words: this.words, ssml: this.ssml };
  }
}

export interface VanityResult {
  /** The caller's number in E.164 ("+18003569377"). */
  e164: string;
  /** Always five, distinct, best first; each dials exactly `e164`. */
  vanity: VanityNumber[];
}

/**
 * The five best vanity numbers for a caller's number, as Connect sends it or a person types it.
 * @throws {PhoneNumberError} when `input` is not a valid phone number.
 */
export function findVanityNumbers(input: unknown, options: VanityOptions = {}): VanityResult {
  return vanityForParsedNumber(parsePhoneNumber(input), options);
}

export function vanityForParsedNumber(phone: ParsedPhoneNumber, options: VanityOptions = {}): VanityResult {
  const dict = getDictionary();
  const letterDigits = options.letterDigits ?? DEFAULT_LETTER_DIGITS;
  if (!Number.isInteger(letterDigits) || letterDigits < 1 || letterDigits > MAX_LETTER_DIGITS) {
    throw new RangeError(`letterDigits must be a whole number from 1 to ${MAX_LETTER_DIGITS}, got ${letterDigits}`);
  }
  const layout = layoutOf(phone);
  const digits = layout.digits;
  // Words go in the last `letterDigits` digits of the national number.
  const regionStart = Math.max(layout.nationalStart, digits.length - letterDigits);
  const region = digits.substring(regionStart);

  const results: VanityNumber[] = []; // distinct, in rank order
  const search = searchWords(dict, region, RESULT_COUNT);
  const blocked = search.blocked;
  let candidates = search.candidates;
  // A candidate that spells a blocked term with whole words is ruled out. Rare: only then search
  // again, for spares (the first candidates are the same).
  let ruledOut = false;
  for (let c = 0; c < candidates.count && blocked.length > 0 && !ruledOut; c++) ruledOut = formsBlockedTerm(dict, candidates, c, blocked);
  if (ruledOut) candidates = searchWords(dict, region, MAX_CANDIDATES).candidates;
  const head = layout.lead + digitRun(layout, 0, regionStart, false); // the same for every candidate
  for (let c = 0; c < candidates.count && results.length < RESULT_COUNT; c++) {
    if (ruledOut && formsBlockedTerm(dict, candidates, c, blocked)) continue;
    results.push(fromWords(dict, layout, head, regionStart, candidates, c)); // distinct segmentations write distinct strings
  }

  // Not enough words: pronounceable letters over the region, then over wider windows (the
  // exchange, the area code; for the rare number of almost only 0s and 1s, the country code)
  // until five distinct numbers exist.
  const wordsLetterEveryKey = results.length > 0 && results.length < RESULT_COUNT && letterEveryKey(candidates, region);
  for (let start = regionStart; results.length < RESULT_COUNT && start >= 0; start--) {
    const window = start === regionStart ? region : digits.substring(start);
    const windowBlocked = start === regionStart ? blocked : searchWords(dict, window, 0).blocked;
    // Ask for what is missing, and a few more when something could rule some out: a blocked
    // term, or an earlier result that the letters could repeat (words on every key of the
    // region; in a wider window, anything). When they do, ask for many.
    const mayRepeat = results.length > 0 && (start !== regionStart || wordsLetterEveryKey);
    const spare = mayRepeat || windowBlocked.length > 0 ? 2 : 0;
    // The longer list starts with the shorter one: go on where it stopped. Letterings of one
    // window are distinct, so only an earlier result can be repeated.
    let tried = 0;
    for (const limit of [RESULT_COUNT - results.length + spare, MAX_FILLERS]) {
      const letterings = pronounceableLetters(dict, window, limit);
      for (; tried < letterings.length && results.length < RESULT_COUNT; tried++) {
        const letters = letterings[tried]!;
        if (!letters.some((l) => l >= 0) || spellsBlockedTerm(dict, letters, windowBlocked)) continue;
        const vanity = fromLetters(layout, start, letters);
        if (!mayRepeat || !results.some((r) => r.display === vanity.display)) results.push(vanity);
      }
      if (results.length === RESULT_COUNT) break;
    }
  }
  // Still short (the best letters all spell something blocked): every lettering in keypad order.
  if (results.length < RESULT_COUNT) {
    const blockedAll = searchWords(dict, digits, 0).blocked;
    for (const letters of keypadOrderLetters(digits, MAX_KEYPAD_ORDER)) {
      if (results.length === RESULT_COUNT) break;
      if (!letters.some((l) => l >= 0) || spellsBlockedTerm(dict, letters, blockedAll)) continue;
      const vanity = fromLetters(layout, 0, letters);
      if (!results.some((r) => r.display === vanity.display)) results.push(vanity);
    }
  }
  if (results.length < RESULT_COUNT) {
    // Fewer than five ways to write the number exist at all (a number of 0s and 1s).
    throw new RangeError(`${phone.e164} has too few digits 2-9 for ${RESULT_COUNT} different vanity numbers`);
  }
  return { e164: phone.e164, vanity: results };
}

// Writes candidate c straight into its display form, after `head` (the digits before the
// region, `offset`): this runs five times per call.
function fromWords(dict: Dictionary, layout: Layout, head: string, offset: number, candidates: Candidates, c: number): VanityNumber {
  const base = c * MAX_DIGITS;
  const count = candidates.wordCount[c]!;
  const words = new Array<string>(count);
  let out = head;
  let i = offset;
  for (let k = 0; k < count; k++) {
    const start = offset + candidates.starts[base + k]!;
    const end = offset + candidates.ends[base + k]!;
    const text = wordText(dict, candidates.words[base + k]!, end - start);
    out += `${digitRun(layout, i, start, k > 0)}-${text}`;
    words[k] = text;
    i = end;
  }
  return new VanityNumber(out + digitRun(layout, i, layout.digits.length, count > 0), words);
}

const chars: number[] = []; // scratch for fromLetters

// Filler letters from `offset` on (-1 keeps the digit): a run of letters is a group of its own,
// and both letters and digits keep the country's grouping. Written as character codes, then
// made one string (from a copy of that length: setting an array's length is a runtime call).
function fromLetters(layout: Layout, offset: number, letters: number[]): VanityNumber {
  const { digits, breaks } = layout;
  let length = 0;
  let wasLetter = false;
  for (let i = 0; i < digits.length; i++) {
    const letter = i >= offset ? letters[i - offset]! : -1;
    const isLetter = letter >= 0;
    if (i > 0 && (isLetter !== wasLetter || breaks[i] === 1)) chars[length++] = 45; // "-"
    chars[length++] = isLetter ? 65 + letter : digits.charCodeAt(i);
    wasLetter = isLetter;
  }
  return new VanityNumber(layout.lead + String.fromCharCode.apply(null, chars.slice(0, length)), []);
}

// Whether some candidate's words letter every digit 2-9 of `digits`: then filler letters over
// those digits can write the same number.
function letterEveryKey(candidates: Candidates, digits: string): boolean {
  let keys = 0;
  for (let i = 0; i < digits.length; i++) if (digits.charCodeAt(i) >= 50) keys++;
  for (let c = 0; c < candidates.count; c++) {
    let lettered = 0;
    for (let k = c * MAX_DIGITS; k < c * MAX_DIGITS + candidates.wordCount[c]!; k++) lettered += candidates.ends[k]! - candidates.starts[k]!;
    if (lettered === keys) return true;
  }
  return false;
}

export function wordText(dict: Dictionary, word: number, length: number): string {
  const at = dict.wordChar[word]!;
  return dict.text.substring(at, at + length);
}

// A blocked term written by whole words side by side ("BLOW-JOB"). A term inside one real
// word ("CLASS", "COCKTAIL") is that word, not the term, so it stays.
function formsBlockedTerm(dict: Dictionary, candidates: Candidates, c: number, blocked: readonly number[]): boolean {
  const base = c * MAX_DIGITS;
  const count = candidates.wordCount[c]!;
  const { starts, ends, words } = candidates;
  for (let b = 0; b < blocked.length; b += 3) {
    const start = blocked[b]!;
    const end = blocked[b + 1]!;
    let first = 0;
    while (first < count && starts[base + first] !== start) first++;
    let last = 0;
    while (last < count && ends[base + last] !== end) last++;
    if (first === count || last === count || last < first) continue;
    // Do the words side by side spell the term, letter by letter?
    const term = dict.wordChar[blocked[b + 2]!]! - start;
    let same = true;
    for (let k = first; k <= last && same; k++) {
      if (k > first && ends[base + k - 1] !== starts[base + k]) same = false; // a digit between
      const word = dict.wordChar[words[base + k]!]! - starts[base + k]!;
      for (let i = starts[base + k]!; i < ends[base + k]! && same; i++) same = dict.chars[word + i] === dict.chars[term + i];
    }
    if (same) return true;
  }
  return false;
}

// Filler letters that contain a blocked term anywhere ("KKK" over 555).
function spellsBlockedTerm(dict: Dictionary, letters: number[], blocked: readonly number[]): boolean {
  for (let b = 0; b < blocked.length; b += 3) {
    const start = blocked[b]!;
    const end = blocked[b + 1]!;
    const at = dict.wordChar[blocked[b + 2]!]!;
    let same = true;
    for (let i = start; i < end && same; i++) same = letters[i]! + 65 === dict.chars[at + i - start];
    if (same) return true;
  }
  return false;
}
