// The search: every word that fits somewhere in a run of digits, then the best ways to write
// the whole run with words and kept digits, scored by src/vanity/score.ts.
//
// A k-best dynamic programme over positions finds the best candidates exactly: a candidate's
// score is a sum of parts that depend on one word, or on a word and the one before it, so the
// state at a position is "the last piece was a digit" or "the last piece was this word".
// The rules that keep noise out are built into the states:
//   - a word of one or two letters (A, I, MY, GO…) must stand in a run with a longer word, never
//     alone between digits or with other short words only (MY-APPLE, not 81-DO or BE-I);
//   - a word that opens a phrase (A, I, WE, THE, OUR, AND, OF, SO…) has a word after it (MIX-A-LOT,
//     I-LOVE-NY, THE-CARD; not VEG-A, OUR-I, LOT-OF, JOB-SO, SPOT-WE or a lone THE), and an article
//     or a possessive and an adjective have a noun after them (not A-BIG-140, THE-TRUE or
//     MY-WILD-0), and A is never before a vowel (A-EYE);
//   - a word that continues a phrase (OF, AND, IS, WAS, ME…) has a word before it (LOT-OF-FUN,
//     CALL-ME; not OF-VIEW, IS-SAD or ME-GOT);
//   - an article, a possessive or a preposition stands before a noun phrase, a subject pronoun
//     before a verb that agrees with it, and YOU, IT or a form of BE, HAVE or DO before no noun,
//     or each in a pair said as one (A-LOT, THE-LOST, WE-CARE, A-FEW, BY-NOW, YOU-GUYS,
//     HAVE-FUN; not A-NOW, AN-TWO, MY-OUT, BY-YET, I-WHEN, IT-GAS or DID-NICK);
//   - two words with meaning make a vanity phrase's shape, a verb and what it acts on or a noun
//     after a noun, an adjective or a number (GOT-JUNK, UTAH-FUN), unless a corpus says them
//     together more often than chance (not EYE-WOVE, DISC-MAD or DAY-UP);
//   - a word offered only alone (KIND.ALONE) never stands next to another word.
import {
  BLOCKED,
  CHANCE_FIT,
  COARSE_TAGS,
  KIND,
  pairFit,
  SAID_FIT,
  TAG,
  tagIndexes,
  type CoarseTag,
  type Dictionary,
} from "./dictionary.js";
import { dialDigits } from "./keypad.js";
import { alignPart, echoes, endPart, isFunctionWord, pairPart, runPart, wordPart } from "./score.js";

export const MAX_DIGITS = 16;
/** Alternatives tried for one span of digits (a boost word is tried as well). */
const WORDS_PER_SPAN = 4;
const DIGIT_2 = 50;
/** Longest word that must stand next to another (A, I, two-letter words). */
const SHORT_WORD = 2;
/**
 * Words that open a phrase and never end one, so a word must follow them (A-LOT, THE-CARD,
 * LOT-OF-…; SO-WET, but not JOB-SO: after a word SO starts the next clause, "my job, so…", and
 * the phrases it ends, such as I-THINK-SO, take more than two words; WE-CARE, but not SPOT-WE:
 * a subject waits for its verb).
 */
const PHRASE_OPENERS = new Set("A I AN THE MY OUR YOUR THEIR AND OR NOR OF SO WE HE SHE THEY".split(" "));

/** One word placed over digits `start`..`end` (end exclusive) of the searched run. */
export interface Placement {
  start: number;
  end: number;
  /** The dictionary's word index; -1 for a boost word the dictionary lacks. */
  word: number;
  /** Its letters. */
  text: string;
  boosted: boolean;
}

/** A way to write the digits: its words in order (the other digits stay) and its score. */
export interface Candidate {
  placements: Placement[];
  score: number;
}

/** A word from VANITY_BOOST_WORDS, as letters and the digits they dial. */
export interface BoostWord {
  text: string;
  digits: string;
}

/** Blocked terms that fit the digits: where, and which (a dictionary index). */
export interface BlockedFit {
  start: number;
  end: number;
  word: number;
}

export interface SearchResult {
  candidates: Candidate[];
  blocked: BlockedFit[];
}

export interface SearchOptions {
  /** The deployment's boost words. */
  boost?: readonly BoostWord[];
  /** Where groups of the number start within `digits` (a word starting there reads better). */
  groupStarts?: readonly number[];
  scratch?: SearchScratch;
}

/**
 * A search's working state. The caller owns it and may reuse it for the next search; results
 * never point into it, so a later search cannot change an earlier result.
 */
export class SearchScratch {
  placements: Placement[] = [];
  /** Per placement, its own part of the score. */
  parts: number[] = [];
  /** Lists of up to `limit` partial candidates, best first: see searchWords for the states. */
  afterDigit: Partial[][] = [];
  afterWord: Partial[][] = []; // by placement
  needsWord: Partial[][] = []; // by placement: a run of short words only, waiting for a longer one
}

/** A partial candidate: its score, its last placement (-1 for START, -2 when finished) and the partial before it. */
interface Partial {
  score: number;
  placement: number;
  prev: Partial | null;
}

/**
 * Words that join or continue a phrase and never start one, so a word must come before them
 * (LOT-OF-FUN, CASH-OR-CARD, IT-IS-ME, CALL-ME; not OF-VIEW, OR-SON, IS-SAD, ME-GOT or a lone
 * WAS): a conjunction, OF, the forms of BE and HAVE that need a subject, and the pronouns that
 * are only ever objects.
 */
const PHRASE_CONTINUERS = new Set(["OF", "AND", "OR", "NOR", "IS", "ARE", "AM", "WAS", "WERE", "HAS", "ME", "HIM", "THEM"]);

const START: Partial = { score: 0, placement: -1, prev: null };

/**
 * The best `limit` candidates for `digits` (0-9), best first, each with at least one word.
 * Ties keep a fixed order, so the same digits always give the same result.
 */
export function searchWords(
  dict: Dictionary,
  digits: string,
  limit: number,
  { boost = [], groupStarts = [0], scratch = new SearchScratch() }: SearchOptions = {},
): SearchResult {
  const n = digits.length;
  if (n > MAX_DIGITS) throw new RangeError(`at most ${MAX_DIGITS} digits, got ${n}`);
  const blocked = placeWords(dict, digits, boost, groupStarts, scratch);
  if (limit <= 0) return { candidates: [], blocked };
  const { placements, parts } = scratch;

  // States: afterDigit[p] — digits 0..p written, the last a kept digit after some word (a kept
  // digit adds nothing, so the list holds the partials that end with that word);
  // afterWord[k] — written up to placement k's end, k last; needsWord[k] — the same, but the run
  // of letters k ends has only short words, so only another word may follow. All digits, no
  // word, is the implicit START at every position.
  const afterDigit = resize(scratch.afterDigit, n + 1);
  const afterWord = resize(scratch.afterWord, placements.length);
  const needsWord = resize(scratch.needsWord, placements.length);
  const keep = (list: Partial[], score: number, placement: number, prev: Partial | null) => {
    const at = makeRoom(list, limit, score);
    if (at >= 0) list[at] = { score, placement, prev };
  };
  const carry = (list: Partial[], partial: Partial) => {
    const at = makeRoom(list, limit, partial.score);
    if (at >= 0) list[at] = partial;
  };

  const endingAt: number[][] = [];
  for (let p = 0; p <= n; p++) endingAt.push([]);
  placements.forEach((placement, k) => endingAt[placement.end]!.push(k));

  let next = 0; // placements are in order of start
  for (let p = 0; p <= n; p++) {
    // Keep digit p-1: after a word that ended at p-1, or after digits that followed a word.
    if (p > 0) {
      for (const partial of afterDigit[p - 1]!) carry(afterDigit[p]!, partial);
      for (const k of endingAt[p - 1]!) for (const partial of afterWord[k]!) carry(afterDigit[p]!, partial);
    }
    // Words that start at p: after all digits, after digits that follow a word, or after a word.
    for (; next < placements.length && placements[next]!.start === p; next++) {
      const placement = placements[next]!;
      const isShort = placement.end - placement.start <= SHORT_WORD;
      const opensPhrase = PHRASE_OPENERS.has(placement.text);
      const alone = isShort || opensPhrase ? needsWord[next]! : afterWord[next]!;
      if (!PHRASE_CONTINUERS.has(placement.text)) {
        keep(alone, parts[next]! + runPart(false), next, START);
        for (const partial of afterDigit[p]!) {
          const echo = echoes(digits, placements[partial.placement]!, placement); // DAY-2-DAY
          keep(alone, partial.score + parts[next]! + runPart(true, echo), next, partial);
        }
      }
      for (const k of endingAt[p]!) {
        const pair = pairPart(dict, placements[k]!.word, placement.word);
        if (pair === null || !canFollow(dict, placements[k]!, placement)) continue;
        const score = parts[next]! + pair;
        const open = opensPhrase || leavesPhraseOpen(dict, placements[k]!.word, placement.word);
        for (const partial of afterWord[k]!) keep(open ? needsWord[next]! : afterWord[next]!, partial.score + score, next, partial);
        for (const partial of needsWord[k]!) keep(open ? needsWord[next]! : alone, partial.score + score, next, partial);
      }
    }
  }

  // Finished: the last piece a kept digit after a word, or a word that ends the number.
  const finished: Partial[] = [];
  for (const partial of afterDigit[n]!) keep(finished, partial.score, -2, partial);
  for (const k of endingAt[n]!) for (const partial of afterWord[k]!) keep(finished, partial.score + endPart(), -2, partial);
  return { candidates: finished.map((f) => readBack(f, placements)), blocked };
}

// What a word that opens a phrase may stand before, unless a corpus says the pair as one.
const NOUN_PHRASE: CoarseTag[] = ["NOUN", "NOUNS", "NAME", "ADJ", "VERBING"];
/** A, AN, THE or a possessive: a noun, or a word that goes before one (A-LOT, MY-CARD, A-BIG-…). */
const AFTER_DETERMINER = tagIndexes(NOUN_PHRASE);
/** A preposition other than TO (which also opens a verb: TO-GO): a noun phrase, a pronoun, a determiner or a number (BY-US, IN-MY-…). */
const AFTER_PREPOSITION = tagIndexes([...NOUN_PHRASE, "PRON", "POSS", "DET", "NUM"]);
/** A form of BE, HAVE or DO: no noun and no verb's base form (BE-READY, DO-IT; not HAD-BILL or BE-GET). */
const AFTER_AUXILIARY = tagsExcept(["NOUN", "NOUNS", "NAME", "VERB", "VERBS"]);
/**
 * A subject pronoun: a verb that agrees with it (I-RUN, WE-CARE, SHE-SAID; not I-WHEN, I-NEW,
 * WE-TOO or HE-MIND). BE, HAVE, DO and the modals only in pairs a corpus says (I-AM, WE-CAN;
 * not WE-WAS).
 */
const AFTER_SUBJECT = new Map([
  ...["I", "WE", "THEY"].map((s) => [s, tagIndexes(["VERB", "VERBED"])] as const),
  ...["HE", "SHE"].map((s) => [s, tagIndexes(["VERBS", "VERBED"])] as const),
]);
/** YOU or IT, a subject or an object: no noun unless said (YOU-GUYS; a verb too: YOU-CARE; not IT-AIR or YOU-GUT). */
const AFTER_YOU_OR_IT = tagsExcept(["NOUN", "NOUNS", "NAME"]);

/**
 * The shapes of vanity phrases, for two words with meaning that no corpus says together more
 * often than chance: a verb and what it acts on or how (GOT-JUNK, ASK-GARY, BETS-OFF,
 * GET-RICH), an adjective or a number and a noun (FOUR-KIDS), and a noun and a noun
 * (UTAH-FUN). Not a clause or a word after its noun: LAP-PUT, IVY-GROW, DISC-MAD, JOLT-OK,
 * YES-LIST or DAY-UP.
 */
const VERB_TAKES = tagIndexes(["NOUN", "NOUNS", "NAME", "ADJ", "ADV", "NUM"]);
// NAME is a noun here: the tagged corpus tags many nouns mostly as names (VAN, COOK, TURKEY).
const NOUN_TAKES = tagIndexes(["NOUN", "NOUNS", "NAME"]);
const PHRASE_SHAPES = new Map<number, ReadonlySet<number>>([
  ...(["VERB", "VERBS", "VERBED", "VERBING"] as const).map((t) => [TAG[t], VERB_TAKES] as const),
  ...(["ADJ", "NUM", "NOUN", "NOUNS", "NAME"] as const).map((t) => [TAG[t], NOUN_TAKES] as const),
]);

/** Whether two words make a vanity phrase's shape, in either part of speech each often has; a filler word's pairs are left to the other rules. */
function hasPhraseShape(dict: Dictionary, first: number, second: number): boolean {
  if (first < 0 || second < 0 || isFunctionWord(dict, first) || isFunctionWord(dict, second)) return true;
  const a = dict.wordTag[first]!;
  const b = dict.wordTag[second]!;
  const alsoA = alsoTag(dict, first);
  const alsoB = alsoTag(dict, second);
  return shaped(a, b) || shaped(a, alsoB) || shaped(alsoA, b) || shaped(alsoA, alsoB);
}
const shaped = (first: number, second: number) => PHRASE_SHAPES.get(first)?.has(second) === true;

function tagsExcept(tags: CoarseTag[]): ReadonlySet<number> {
  return tagIndexes(COARSE_TAGS.filter((t) => !tags.includes(t)));
}

function phraseTakes(dict: Dictionary, first: Placement): ReadonlySet<number> | null {
  // THE takes a past verb only where the language model hears it as a noun (THE-LOST; not
  // THE-SENT): such pairs fit above SAID_FIT.
  if (first.text === "A" || first.text === "AN" || first.text === "THE") return AFTER_DETERMINER;
  const subject = AFTER_SUBJECT.get(first.text);
  if (subject) return subject;
  if (first.text === "YOU" || first.text === "IT") return AFTER_YOU_OR_IT;
  const tag = first.word < 0 ? -1 : dict.wordTag[first.word];
  if (tag === TAG.POSS) return AFTER_DETERMINER;
  if (tag === TAG.PREP && first.text !== "TO") return AFTER_PREPOSITION;
  if (tag === TAG.AUX) return AFTER_AUXILIARY;
  return null;
}

/**
 * Whether `second` may follow `first`: two words with meaning in a vanity phrase's shape or in
 * a pair a corpus says more often than chance (above); and where `first` opens a phrase (an
 * article, a possessive, a preposition, a subject pronoun, YOU or IT, a form of BE, HAVE or
 * DO): a word of that phrase, or a pair a corpus says more than in passing (THE-MOST, A-FEW,
 * BY-NOW, HAVE-FUN); not A-NOW, A-WON, MY-OUT, AT-TRY, BY-YET or DID-NICK, which the language
 * model keeps from "a now famous…". And A before a vowel sound is AN: never A-EYE, A-END or
 * A-A (A-OK and A-UNIT begin with a consonant sound).
 */
function canFollow(dict: Dictionary, first: Placement, second: Placement): boolean {
  const takes = phraseTakes(dict, first);
  if (takes === null) return hasPhraseShape(dict, first.word, second.word) || pairFit(dict, first.word, second.word) > CHANCE_FIT;
  if (first.text === "A" && "AEI".includes(second.text[0]!)) return false;
  if (second.word < 0 || takes.has(dict.wordTag[second.word]!)) return true;
  const fit = pairFit(dict, first.word, second.word);
  if (fit > SAID_FIT) return true;
  // Its other part of speech where the pair is heard at all: A-HUG and WE-CARE, but not I-CAB or
  // I-HAY. Not after a preposition: a verb's noun needs an article there (AT-A-LOOK, not AT-LOOK).
  return fit > 0 && takes !== AFTER_PREPOSITION && takes.has(alsoTag(dict, second.word));
}

/** The part of speech a word often has besides its likeliest (HUG, a verb, is often a noun; CARES a verb), or -1. */
function alsoTag(dict: Dictionary, word: number): number {
  const kind = dict.wordKind[word]!;
  const tag = dict.wordTag[word]!;
  if (kind & KIND.NOUN_TOO) return tag === TAG.VERBS ? TAG.NOUNS : TAG.NOUN;
  if (kind & KIND.VERB_TOO) return tag === TAG.NOUNS ? TAG.VERBS : TAG.VERB;
  return -1;
}

/** An article or a possessive and an adjective wait for a noun (A-BIG-DOG; not A-BIG-140, THE-TRUE or MY-WILD-0). */
function leavesPhraseOpen(dict: Dictionary, first: number, second: number): boolean {
  return (
    first >= 0 && second >= 0 && (dict.wordTag[first] === TAG.DET || dict.wordTag[first] === TAG.POSS) && dict.wordTag[second] === TAG.ADJ
  );
}

// Every word (and boost word) that fits a span of the digits, in order of start, with its own
// score part; and every blocked term that fits.
function placeWords(
  dict: Dictionary,
  digits: string,
  boost: readonly BoostWord[],
  groupStarts: readonly number[],
  scratch: SearchScratch,
): BlockedFit[] {
  const { nodeWords, wordQ } = dict;
  const placements: Placement[] = (scratch.placements = []);
  const parts: number[] = (scratch.parts = []);
  const blocked: BlockedFit[] = [];
  const n = digits.length;
  for (let i = 0; i < n; i++) {
    const aligned = alignPart(groupStarts.includes(i));
    // Boost words first: they are the deployment's own.
    for (const b of boost) {
      if (!digits.startsWith(b.digits, i)) continue;
      placements.push({ start: i, end: i + b.digits.length, word: findWord(dict, b.text), text: b.text, boosted: true });
      parts.push(wordPart(dict, placements.at(-1)!.word, b.text.length, true) + aligned);
    }
    let node = 0;
    for (let j = i; j < n; j++) {
      node = childOf(dict, node, digits.charCodeAt(j));
      if (node < 0) break;
      let tried = 0;
      for (let w = nodeWords[node]!; w < nodeWords[node + 1]!; w++) {
        if (wordQ[w] === BLOCKED) {
          blocked.push({ start: i, end: j + 1, word: w });
          continue;
        }
        if (tried === WORDS_PER_SPAN) continue;
        const text = dict.text.substring(dict.wordChar[w]!, dict.wordChar[w]! + j + 1 - i);
        if (boost.some((b) => b.text === text)) continue; // placed above
        tried++;
        placements.push({ start: i, end: j + 1, word: w, text, boosted: false });
        parts.push(wordPart(dict, w, j + 1 - i, false) + aligned);
      }
    }
  }
  return blocked;
}

/** Every blocked term that fits a span of `digits`. */
export function blockedFits(dict: Dictionary, digits: string): BlockedFit[] {
  const { nodeWords, wordQ } = dict;
  const blocked: BlockedFit[] = [];
  for (let i = 0; i < digits.length; i++) {
    let node = 0;
    for (let j = i; j < digits.length; j++) {
      node = childOf(dict, node, digits.charCodeAt(j));
      if (node < 0) break;
      // Blocked terms come last among a node's words.
      for (let w = nodeWords[node + 1]! - 1; w >= nodeWords[node]! && wordQ[w] === BLOCKED; w--)
        blocked.push({ start: i, end: j + 1, word: w });
    }
  }
  return blocked;
}

/** A word's dictionary index, or -1 when the dictionary does not have it. */
export function findWord(dict: Dictionary, text: string): number {
  let node = 0;
  const digits = dialDigits(text);
  for (let i = 0; i < digits.length && node >= 0; i++) node = childOf(dict, node, digits.charCodeAt(i));
  if (node < 0) return -1;
  for (let w = dict.nodeWords[node]!; w < dict.nodeWords[node + 1]!; w++) {
    if (dict.wordQ[w] !== BLOCKED && dict.text.startsWith(text, dict.wordChar[w]!)) return w;
  }
  return -1;
}

// Makes room for a partial candidate of `score` in a list of the best `limit`, best first, and
// says where it goes, or -1 when it does not make the list; an equal score goes after those
// already there, so ties keep the order they were found in.
function makeRoom(list: Partial[], limit: number, score: number): number {
  let at = list.length;
  if (at === limit) {
    if (score <= list[limit - 1]!.score) return -1;
    at = limit - 1; // the last one drops out
  }
  while (at > 0 && list[at - 1]!.score < score) {
    list[at] = list[at - 1]!;
    at--;
  }
  return at;
}

function readBack(finished: Partial, placements: Placement[]): Candidate {
  const chosen: Placement[] = [];
  for (let at: Partial | null = finished.prev; at; at = at.prev) if (at.placement >= 0) chosen.push(placements[at.placement]!);
  return { placements: chosen.reverse(), score: finished.score };
}

function resize(lists: Partial[][], length: number): Partial[][] {
  for (let i = 0; i < length; i++) lists[i] = [];
  return lists;
}

/** The trie node one digit below `node` (a character code, "2"-"9"), or -1 when no word goes on that way. */
function childOf(dict: Dictionary, node: number, digitCode: number): number {
  const d = digitCode - DIGIT_2;
  if (d < 0) return -1; // 0 and 1 have no letters
  const bit = 1 << d;
  const m = dict.mask[node]!;
  if ((m & bit) === 0) return -1;
  return dict.firstChild[node]! + popcount(m & (bit - 1));
}

function popcount(bits: number): number {
  let count = 0;
  for (let v = bits; v; v &= v - 1) count++;
  return count;
}
