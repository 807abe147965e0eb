// The pipeline: parse the caller's number, find the best ways to write its last digits with
// words, drop anything offensive and repeats, fill up with pronounceable letters, format.
// Each stage is a function below, in the order they run.
import { BLOCKED, getDictionary, type Dictionary } from "./dictionary.js";
import { explainFiller, explainWords, type Explanation } from "./explain.js";
import { MIN_RUN, pronounceableFillers, type Filler } from "./fillers.js";
import { digitRun, layoutOf, type Layout } from "./format.js";
import { KEYPAD } from "./keypad.js";
import { parsePhoneNumber, type ParsedPhoneNumber } from "./phone.js";
import { searchWords, SearchScratch, type BlockedFit, type BoostWord, type Candidate } from "./search.js";
import { speakVanity } from "./speech.js";

export const RESULT_COUNT = 5;
export const DEFAULT_LETTER_DIGITS = 7;
const MAX_LETTER_DIGITS = 10;
/** Candidates asked of the search: five, and spares for those a blocked term or a repeat rules out. */
const CANDIDATES = 12;
const LETTER_A = 65;
const DASH = 45;

export interface VanityOptions {
  /** How many trailing digits of the national number may become letters (1-10; default 7). */
  letterDigits?: number;
  /** The deployment's own words, first wherever they fit (see parseBoostWords). */
  boost?: readonly BoostWord[];
}

/** One vanity number. `ssml` and `explanation` are worked out when first read. */
export class VanityNumber {
  constructor(
    /** For people and pages: "1-800-FLOWERS". */
    readonly display: string,
    /** The words used, in order ("GOT", "JUNK"); empty when only filler letters fit. */
    readonly words: readonly string[],
    private readonly why: () => Explanation = () => ({ kind: "stored", score: 0, parts: [] }),
  ) {}

  /** For Amazon Connect: an SSML fragment (no `<speak>`) that Polly reads well. */
  get ssml(): string {
    return speakVanity(this);
  }

  /** Why it ranks where it does: its score and the parts that make it up. */
  get explanation(): Explanation {
    return this.why();
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
  /** The dictionary that made them ("2-1f0c9a3e"), stored with a caller's record. */
  dictionary: string;
}

/**
 * The five best vanity numbers for a caller's number, as Connect sends it or a person types it.
 * @throws {PhoneNumberError} when `input` is not a valid phone number.
 */
export function findVanityNumbers(input: unknown, options: VanityOptions = {}): VanityResult {
  return vanityForParsedNumber(parsePhoneNumber(input), options);
}

const scratch = new SearchScratch(); // the engine runs one search at a time

export function vanityForParsedNumber(phone: ParsedPhoneNumber, options: VanityOptions = {}): VanityResult {
  const dict = getDictionary();
  const layout = layoutOf(phone);
  const regionStart = regionStartOf(layout, options.letterDigits ?? DEFAULT_LETTER_DIGITS);
  const region = layout.digits.substring(regionStart);

  const results = new Results(layout);
  const search = searchWords(dict, region, CANDIDATES, options.boost ?? [], scratch);
  addWordResults(dict, layout, regionStart, search.candidates, search.blocked, results);
  if (!results.full()) addFillers(dict, layout, regionStart, search.blocked, results);
  if (!results.full()) addLastResort(dict, layout, results);
  if (!results.full()) {
    // Fewer than five ways to write the number exist at all (a number of 0s and 1s).
    throw new RangeError(`${phone.e164} has too few digits 2-9 for ${RESULT_COUNT} different vanity numbers`);
  }
  return { e164: phone.e164, vanity: results.list, dictionary: dict.id };
}

// Words go in the last `letterDigits` digits of the national number.
function regionStartOf(layout: Layout, letterDigits: number): number {
  if (!Number.isInteger(letterDigits) || letterDigits < 1 || letterDigits > MAX_LETTER_DIGITS) {
    throw new RangeError(`letterDigits must be a whole number from 1 to ${MAX_LETTER_DIGITS}, got ${letterDigits}`);
  }
  return Math.max(layout.nationalStart, layout.digits.length - letterDigits);
}

/** The results so far: distinct by their letters (GOT-JUNK and GOTJUNK are one number to a caller). */
class Results {
  readonly list: VanityNumber[] = [];
  private readonly seen = new Set<string>();
  constructor(readonly layout: Layout) {}
  full(): boolean {
    return this.list.length === RESULT_COUNT;
  }
  add(vanity: VanityNumber): void {
    const letters = vanity.display.replaceAll("-", "");
    if (this.full() || this.seen.has(letters)) return;
    this.seen.add(letters);
    this.list.push(vanity);
  }
}

// Stage 1: the search's candidates, best first, less those whose words side by side spell a blocked term.
function addWordResults(dict: Dictionary, layout: Layout, regionStart: number, candidates: Candidate[], blocked: BlockedFit[], results: Results): void {
  const head = layout.lead + digitRun(layout, 0, regionStart, false);
  const regionLength = layout.digits.length - regionStart;
  for (const candidate of candidates) {
    if (results.full()) return;
    if (formsBlockedTerm(dict, candidate, blocked)) continue;
    let display = head;
    let at = regionStart;
    candidate.placements.forEach((p, k) => {
      display += `${digitRun(layout, at, regionStart + p.start, k > 0)}-${p.text}`;
      at = regionStart + p.end;
    });
    display += digitRun(layout, at, layout.digits.length, true);
    const words = candidate.placements.map((p) => p.text);
    results.add(new VanityNumber(display, words, () => explainWords(dict, candidate, regionLength)));
  }
}

// Stage 2: pronounceable filler runs over the region, then over wider windows (the exchange,
// the area code; for a number of almost only 0s and 1s, the country code).
function addFillers(dict: Dictionary, layout: Layout, regionStart: number, regionBlocked: BlockedFit[], results: Results): void {
  for (const minRun of [MIN_RUN, 2]) {
    for (let start = regionStart; start >= 0 && !results.full(); start--) {
      const window = layout.digits.substring(start);
      const blocked = start === regionStart ? regionBlocked : searchWords(dict, window, 0, [], scratch).blocked;
      for (const filler of pronounceableFillers(dict, window, layout.breaks.subarray(start), minRun)) {
        if (results.full()) return;
        if (spellsBlockedTerm(dict, filler.letters, blocked)) continue;
        if (minRun < MIN_RUN) filler.relaxed = `a run of ${minRun} letters: no ${MIN_RUN} letter keys in a row make a pronounceable run`;
        results.add(fromLetters(dict, layout, start, filler));
      }
    }
  }
}

// Stage 3, for numbers whose letter keys make no pronounceable run (mostly 0, 1, 5 and 7):
// single letters, then pairs, as few as possible, nearest the end first, vowels first.
function addLastResort(dict: Dictionary, layout: Layout, results: Results): void {
  const blocked = searchWords(dict, layout.digits, 0, [], scratch).blocked;
  const keys: { at: number; letter: number }[] = [];
  for (let at = layout.digits.length - 1; at >= layout.nationalStart; at--) {
    const letters = KEYPAD[layout.digits[at]!] ?? "";
    const ordered = [...letters].sort((a, b) => Number(!VOWELS.includes(a)) - Number(!VOWELS.includes(b)));
    for (const ch of ordered) keys.push({ at, letter: ch.charCodeAt(0) - LETTER_A });
  }
  const relaxed = "single letters: no run of letter keys here can be said";
  for (let a = 0; a < keys.length && !results.full(); a++) {
    results.add(fromLetters(dict, layout, 0, { letters: lettering(layout, [keys[a]!]), bitsPerLetter: 0, relaxed }));
  }
  for (let a = 0; a < keys.length && !results.full(); a++) {
    for (let b = a + 1; b < keys.length && !results.full(); b++) {
      if (keys[a]!.at === keys[b]!.at) continue;
      const letters = lettering(layout, [keys[a]!, keys[b]!]);
      if (!spellsBlockedTerm(dict, letters, blocked)) results.add(fromLetters(dict, layout, 0, { letters, bitsPerLetter: 0, relaxed }));
    }
  }
}

const VOWELS = "AEIOU";
function lettering(layout: Layout, keys: { at: number; letter: number }[]): number[] {
  const letters = new Array<number>(layout.digits.length).fill(-1);
  for (const { at, letter } of keys) letters[at] = letter;
  return letters;
}

// Filler letters from `offset` on (-1 keeps the digit): a run of letters is a group of its own,
// and both letters and digits keep the country's grouping.
function fromLetters(dict: Dictionary, layout: Layout, offset: number, filler: Filler): VanityNumber {
  const { digits, breaks } = layout;
  const chars: number[] = [];
  let wasLetter = false;
  for (let i = 0; i < digits.length; i++) {
    const letter = i >= offset ? filler.letters[i - offset]! : -1;
    const isLetter = letter >= 0;
    if (i > 0 && (isLetter !== wasLetter || breaks[i] === 1)) chars.push(DASH);
    chars.push(isLetter ? LETTER_A + letter : digits.charCodeAt(i));
    wasLetter = isLetter;
  }
  return new VanityNumber(layout.lead + String.fromCharCode(...chars), [], () => explainFiller(filler));
}

// A blocked term written by whole words side by side ("BLOW-JOB"). A term inside one real
// word ("CLASS", "COCKTAIL") is that word, not the term, so it stays.
function formsBlockedTerm(dict: Dictionary, candidate: Candidate, blocked: BlockedFit[]): boolean {
  const words = candidate.placements;
  for (const term of blocked) {
    const first = words.findIndex((p) => p.start === term.start);
    const last = words.findIndex((p) => p.end === term.end);
    if (first < 0 || last < first) continue;
    let side = true;
    for (let k = first + 1; k <= last && side; k++) side = words[k - 1]!.end === words[k]!.start;
    if (!side) continue;
    const spelled = words.slice(first, last + 1).map((p) => p.text).join("");
    if (spelled === termText(dict, term)) return true;
  }
  return false;
}

// Filler letters that contain a blocked term anywhere ("KKK" over 555).
function spellsBlockedTerm(dict: Dictionary, letters: number[], blocked: BlockedFit[]): boolean {
  return blocked.some((term) => {
    const text = termText(dict, term);
    for (let i = term.start; i < term.end; i++) if (letters[i]! + LETTER_A !== text.charCodeAt(i - term.start)) return false;
    return true;
  });
}

function termText(dict: Dictionary, term: BlockedFit): string {
  if (dict.wordQ[term.word] !== BLOCKED) throw new Error("not a blocked term");
  return dict.text.substring(dict.wordChar[term.word]!, dict.wordChar[term.word]! + term.end - term.start);
}
