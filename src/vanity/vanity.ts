// The pipeline: parse the caller's number, find the best ways to write its last digits with
// words, drop anything offensive and repeats, fill up with pronounceable letters, format.
// Each stage is a function below, in the order they run.
import { BLOCKED, getDictionary, type Dictionary } from "./dictionary.js";
import { explainFiller, explainWords, type Explanation } from "./explain.js";
import { easierToSay, MIN_RUN, pronounceableFillers, type Filler } from "./fillers.js";
import { digitRun, layoutOf, type Layout } from "./format.js";
import { KEYPAD } from "./keypad.js";
import { spell } from "./letters.js";
import { parsePhoneNumber, type ParsedPhoneNumber } from "./phone.js";
import { blockedFits, searchWords, SearchScratch, type BlockedFit, type BoostWord, type Candidate, type SearchResult } from "./search.js";
import { speakVanity } from "./speech.js";

export const RESULT_COUNT = 5;
export const DEFAULT_LETTER_DIGITS = 7;
const MAX_LETTER_DIGITS = 10;
/** Candidates asked of the search: five, and spares for those a blocked term or a repeat rules out. */
const CANDIDATES = 8;
const LETTER_A = 65;

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
  /** The dictionary that made them ("3-1f0c9a3e"), stored with a caller's record. */
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

  const results = new Results();
  const groupStarts: number[] = [];
  for (let i = regionStart; i < layout.digits.length; i++)
    if (i === regionStart || layout.breaks[i] === 1) groupStarts.push(i - regionStart);
  const search = searchWords(dict, region, CANDIDATES, { boost: options.boost ?? [], groupStarts, scratch });
  addWordResults(dict, layout, regionStart, search, (c) => explainWords(dict, c, region, groupStarts), results);
  if (!results.full()) addEarlierGroupWords(dict, layout, regionStart, options.boost ?? [], results);
  if (!results.full()) addFillers(dict, layout, regionStart, results);
  if (!results.full()) addLastResort(layout, results);
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
  full(): boolean {
    return this.list.length === RESULT_COUNT;
  }
  /** Whether `vanity` was added (not when full or a repeat). */
  add(vanity: VanityNumber): boolean {
    const letters = vanity.display.replaceAll("-", "");
    if (this.full() || this.seen.has(letters)) return false;
    this.seen.add(letters);
    this.list.push(vanity);
    return true;
  }
}

// Stage 1: the search's candidates, best first, less those whose words side by side spell a
// blocked term. `offset` is where the searched digits start in the number.
function addWordResults(
  dict: Dictionary,
  layout: Layout,
  offset: number,
  search: SearchResult,
  explain: (candidate: Candidate) => Explanation,
  results: Results,
): void {
  for (const candidate of search.candidates) {
    if (results.full()) return;
    if (formsBlockedTerm(dict, candidate, search.blocked)) continue;
    const words = candidate.placements.map((p) => p.text);
    results.add(new VanityNumber(wordsDisplay(layout, offset, candidate), words, () => explain(candidate)));
  }
}

// Stage 2, where the last digits hold too few words: words in the groups before them, each
// group on its own and the nearest first (the area code: 1-GET-305-5309). A real word there
// beats filler letters anywhere.
function addEarlierGroupWords(dict: Dictionary, layout: Layout, regionStart: number, boost: readonly BoostWord[], results: Results): void {
  const { digits, breaks, nationalStart } = layout;
  let end = regionStart;
  for (let start = regionStart - 1; start >= nationalStart && !results.full(); start--) {
    if (breaks[start] !== 1) continue;
    const group = digits.substring(start, end);
    const search = searchWords(dict, group, CANDIDATES, { boost, scratch });
    addWordResults(dict, layout, start, search, (c) => explainWords(dict, c, group, [0], "its group"), results);
    end = start;
  }
}

// A candidate's words over the digits from `offset` on, the other digits as the country writes them.
function wordsDisplay(layout: Layout, offset: number, candidate: Candidate): string {
  let display = layout.lead;
  let at = 0;
  candidate.placements.forEach((p, k) => {
    display += `${digitRun(layout, at, offset + p.start, k > 0)}-${p.text}`;
    at = offset + p.end;
  });
  return display + digitRun(layout, at, layout.digits.length, true);
}

// Stage 3: one pronounceable filler run, in the region first, then in the groups before it
// (the area code; for a number of almost only 0s and 1s, the country code). Runs of three
// letters or more; only where none exists, runs of two. Each stretch's easiest lettering before
// any stretch's second, and no run a letter from one before it while another is left, so that the
// three a caller hears are not LAL, JAL and LAK.
function addFillers(dict: Dictionary, layout: Layout, regionStart: number, results: Results): void {
  const blocked = blockedFits(dict, layout.digits);
  const nearest = (f: Filler) => (f.start >= regionStart ? 0 : regionStart - f.start);
  const easier = easierToSay(layout.digits.length);
  for (const minRun of [MIN_RUN, 2]) {
    if (results.full()) return;
    const fillers = pronounceableFillers(dict, layout.digits, layout.breaks, minRun);
    const left = fillers.sort((a, b) => nearest(a) - nearest(b) || a.nth - b.nth || easier(a, b));
    // Each time the first one not a letter from one offered (RYN after RYM), while any such is left.
    const offered: Filler[] = [];
    while (left.length > 0 && !results.full()) {
      const next = left.findIndex((f) => !offered.some((o) => oneLetterApart(o, f)));
      const filler = left.splice(Math.max(next, 0), 1)[0]!;
      if (spellsBlockedTerm(dict, filler, blocked)) continue;
      if (minRun < MIN_RUN) filler.relaxed = `a run of ${minRun} letters: no ${MIN_RUN} letter keys in a row make a pronounceable run`;
      if (results.add(fromLetters(layout, filler))) offered.push(filler);
    }
  }
}

// Two runs over the same digits that differ in one letter: a caller cannot tell them apart.
function oneLetterApart(a: Filler, b: Filler): boolean {
  if (a.start !== b.start || a.letters.length !== b.letters.length) return false;
  let differ = 0;
  for (let i = 0; i < a.letters.length; i++) if (a.letters[i] !== b.letters[i]) differ++;
  return differ === 1;
}

// Stage 4, for numbers whose letter keys make no pronounceable run (mostly 0, 1, 5 and 7):
// single letters, as few as possible, nearest the end first, vowels first.
function addLastResort(layout: Layout, results: Results): void {
  const relaxed = "single letters: no run of letter keys here can be said";
  for (let at = layout.digits.length - 1; at >= layout.nationalStart && !results.full(); at--) {
    const letters = [...(KEYPAD[layout.digits[at]!] ?? "")].sort((a, b) => Number(!VOWELS.includes(a)) - Number(!VOWELS.includes(b)));
    for (const ch of letters)
      results.add(fromLetters(layout, { start: at, letters: [ch.charCodeAt(0) - LETTER_A], bitsPerLetter: 0, nth: 0, relaxed }));
  }
}

const VOWELS = "AEIOU";

// A filler run among the number's digits: the run is a group of its own, and the digits keep the
// country's grouping.
function fromLetters(layout: Layout, filler: Filler): VanityNumber {
  const { start, letters } = filler;
  const before = digitRun(layout, 0, start, false) + (start > 0 ? "-" : "");
  const display = layout.lead + before + spell(letters) + digitRun(layout, start + letters.length, layout.digits.length, true);
  return new VanityNumber(display, [], () => explainFiller(filler));
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
    const spelled = words
      .slice(first, last + 1)
      .map((p) => p.text)
      .join("");
    if (spelled === termText(dict, term)) return true;
  }
  return false;
}

// Filler letters that contain a blocked term anywhere ("KKK" over 555).
function spellsBlockedTerm(dict: Dictionary, filler: Filler, blocked: BlockedFit[]): boolean {
  const end = filler.start + filler.letters.length;
  return blocked.some((term) => {
    if (term.start < filler.start || term.end > end) return false;
    const text = termText(dict, term);
    for (let i = term.start; i < term.end; i++)
      if (filler.letters[i - filler.start]! + LETTER_A !== text.charCodeAt(i - term.start)) return false;
    return true;
  });
}

function termText(dict: Dictionary, term: BlockedFit): string {
  if (dict.wordQ[term.word] !== BLOCKED) throw new Error("not a blocked term");
  return dict.text.substring(dict.wordChar[term.word]!, dict.wordChar[term.word]! + term.end - term.start);
}
