// The pipeline: parse the caller's number, find the words that fit its last digits, rank,
// drop anything offensive, fill up with pronounceable letters, format.
import { BLOCKED, getDictionary, type Dictionary } from "./dictionary.js";
import { displayVanity, speakVanity, toSegments } from "./format.js";
import { pronounceableLetters } from "./letters.js";
import { parsePhoneNumber, type ParsedPhoneNumber } from "./phone.js";
import { searchWords, type Candidate } from "./search.js";

export const RESULT_COUNT = 5;
export const DEFAULT_LETTER_DIGITS = 7;
const MAX_LETTER_DIGITS = 10;

export interface VanityOptions {
  /** How many trailing digits of the national number may become letters (1-10; default 7). */
  letterDigits?: number;
}

export interface VanityNumber {
  /** For people and pages: "1-800-FLOWERS". */
  display: string;
  /** For Amazon Connect: an SSML fragment (no `<speak>`) that Polly reads well. */
  ssml: string;
  /** The words used, in order ("GOT", "JUNK"); empty when only filler letters fit. */
  words: string[];
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
  const national = phone.nationalNumber;
  const digits = Array.from(national, Number);
  const regionStart = Math.max(0, national.length - letterDigits);
  const region = digits.slice(regionStart);

  const results = new Map<string, VanityNumber>(); // by display: distinct, in rank order
  const { candidates, blocked } = searchWords(dict, region, RESULT_COUNT * 2);
  for (const candidate of candidates) {
    if (results.size === RESULT_COUNT) break;
    if (formsBlockedTerm(dict, candidate, blocked)) continue;
    add(results, fromWords(dict, phone, regionStart, candidate));
  }

  // Not enough words: pronounceable letters over the region, then over wider windows (into
  // the exchange or area code) until five distinct numbers exist.
  for (let start = regionStart; results.size < RESULT_COUNT && start >= 0; start--) {
    const window = digits.slice(start);
    const windowBlocked = start === regionStart ? blocked : searchWords(dict, window, 0).blocked;
    for (const letters of pronounceableLetters(dict, window, RESULT_COUNT * 2)) {
      if (results.size === RESULT_COUNT) break;
      if (spellsBlockedTerm(dict, letters, windowBlocked)) continue;
      add(results, fromLetters(phone, start, letters));
    }
  }
  if (results.size < RESULT_COUNT) {
    // Only numbers made almost entirely of 0s and 1s get here; no valid number we know does.
    throw new RangeError(`${phone.e164} has too few digits 2-9 for ${RESULT_COUNT} different vanity numbers`);
  }
  return { e164: phone.e164, vanity: [...results.values()] };
}

function add(results: Map<string, VanityNumber>, vanity: VanityNumber): void {
  if (!results.has(vanity.display)) results.set(vanity.display, vanity);
}

function fromWords(dict: Dictionary, phone: ParsedPhoneNumber, offset: number, candidate: Candidate): VanityNumber {
  const chars = Array.from(phone.nationalNumber);
  const kinds: ("digit" | "word" | "letter")[] = chars.map(() => "digit");
  const wordStarts = new Set<number>();
  const words: string[] = [];
  candidate.words.forEach((word, k) => {
    const start = offset + candidate.starts[k]!;
    const end = offset + candidate.ends[k]!;
    const text = wordText(dict, word, end - start);
    words.push(text);
    wordStarts.add(start);
    for (let i = start; i < end; i++) {
      chars[i] = text[i - start]!;
      kinds[i] = "word";
    }
  });
  const segments = toSegments(phone, chars, kinds, wordStarts);
  return { display: displayVanity(phone, segments), ssml: speakVanity(phone, segments), words };
}

function fromLetters(phone: ParsedPhoneNumber, offset: number, letters: number[]): VanityNumber {
  const chars = Array.from(phone.nationalNumber);
  const kinds: ("digit" | "word" | "letter")[] = chars.map(() => "digit");
  letters.forEach((letter, k) => {
    if (letter < 0) return;
    chars[offset + k] = String.fromCharCode(65 + letter);
    kinds[offset + k] = "letter";
  });
  const segments = toSegments(phone, chars, kinds, new Set());
  return { display: displayVanity(phone, segments), ssml: speakVanity(phone, segments), words: [] };
}

export function wordText(dict: Dictionary, word: number, length: number): string {
  const at = dict.wordChar[word]!;
  return String.fromCharCode(...dict.chars.subarray(at, at + length));
}

// A blocked term written by whole words side by side ("BLOW-JOB"). A term inside one real
// word ("CLASS", "COCKTAIL") is that word, not the term, so it stays.
function formsBlockedTerm(dict: Dictionary, candidate: Candidate, blocked: number[]): boolean {
  for (let b = 0; b < blocked.length; b += 3) {
    const start = blocked[b]!;
    const end = blocked[b + 1]!;
    const first = candidate.starts.indexOf(start);
    const last = candidate.ends.indexOf(end);
    if (first < 0 || last < first) continue;
    let contiguous = true;
    for (let k = first; k < last; k++) if (candidate.ends[k] !== candidate.starts[k + 1]) contiguous = false;
    if (!contiguous) continue;
    const text = candidate.words.slice(first, last + 1).map((w, k) => wordText(dict, w, candidate.ends[first + k]! - candidate.starts[first + k]!)).join("");
    if (text === wordText(dict, blocked[b + 2]!, end - start)) return true;
  }
  return false;
}

// Filler letters that contain a blocked term anywhere ("KKK" over 555).
function spellsBlockedTerm(dict: Dictionary, letters: number[], blocked: number[]): boolean {
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

export { BLOCKED };
