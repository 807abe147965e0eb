// How a way of writing the digits with words is scored: what a person would pick scores highest.
// A score is a sum of parts, so the search can add them up as it goes and `explain` can list them:
//   each word       COVER per digit it letters − WORD_COST + RARITY × how much more common it is
//                   than an everyday word of its length (less when rarer; names, places,
//                   words with a bad meaning such as SAD and filler words such as BUT or HIM pay
//                   a little more)
//   each letter run − RUN_COST, and GAP_COST more when digits stand between it and the previous run
//                   (not for a word again after a 2 read as "to": DAY-2-DAY)
//   each word that starts where a group of the number starts (555-CAKE, GOT-JUNK) + ALIGN
//   words side by side  − JOIN_COST + how well they go together: a known pair (a WordNet compound,
//                   a pair a language model of general English keeps, a corpus pair);
//                   − UNHEARD_PAIR when two common words were never kept together (ARE-TALK), and
//                   UNHEARD_FILLER when a filler word stands beside a word it is never said with
//                   (AN-MATES); a filler word's cost back when it opens a phrase people say (MY-APPLE;
//                   a conjunction opens none);
//                   + IMPERATIVE for a pair people say of a verb and what it acts on (BET-ON,
//                   ENJOY-IN), the commonest shape of a vanity phrase
//   the last word   + END_BONUS when it ends the number (555-CAKE)
//   a boost word    + BOOST per letter (VANITY_BOOST_WORDS)
// The weights were tuned by tools/eval/tune.ts on the labelled numbers and the random sample
// together (it sets WEIGHTS while it searches; nothing else changes them).
import { FUNCTION_TAGS, KIND, pairFit, TAG, tagIndexes, ZIPF_SCALE, type Dictionary } from "./dictionary.js";
import type { Placement } from "./search.js";

export const WEIGHTS = {
  COVER: 1,
  WORD_COST: 0.53,
  RARITY: 1.11,
  /** Zipf of an everyday word of 0 letters, and how much lower it is per letter (longer words are rarer). */
  EVERYDAY_ZIPF: 5.31,
  EVERYDAY_ZIPF_PER_LETTER: 0.34,
  /** A word whose part of speech carries no meaning of its own (BUT, FOR, HIM, HAD): a phrase may make up for it. */
  FUNCTION_COST: 1.8,
  NAME_COST: 1,
  PLACE_COST: 0,
  /**
   * A word with a bad meaning (SAD, ROB): a neutral word that fits nearly as well goes first. Set
   * by hand, not tuned: the most it can be while the first result uses a common word where the
   * last seven digits hold one at least 95% of the time (94.9% at 1: RAFT and JILL are not common).
   */
  GLOOMY_COST: 0.75,
  RUN_COST: 2.05,
  GAP_COST: 2.83,
  JOIN_COST: 3.79,
  KNOWN_PAIR: 3.76,
  /** Per Zipf unit the two words' commonness sums to above UNHEARD_ZIPF, for a pair never kept together. */
  UNHEARD_PAIR: 1.54,
  UNHEARD_ZIPF: 9.82,
  /** For a pair with a filler word that the corpus never has (AN-MATES, IF-THEFT): no phrase at all. */
  UNHEARD_FILLER: 3.78,
  IMPERATIVE: 1.1,
  ALIGN: 0.66,
  END_BONUS: 1.6,
  BOOST: 3,
};

// How far above or below an everyday word of its length a word's commonness counts, in Zipf units.
const MAX_COMMONNESS = 1.5;
const MAX_RARITY = 4;

/** How common a word is on the Zipf scale (log10 uses per billion words). */
export function zipfOf(dict: Dictionary, word: number): number {
  return word < 0 ? MAX_ZIPF : dict.wordQ[word]! / ZIPF_SCALE;
}

// A boost word the dictionary lacks (word -1) counts as an everyday noun.
const MAX_ZIPF = 254 / ZIPF_SCALE;
const FUNCTION_TAG_INDEXES = tagIndexes(FUNCTION_TAGS);
/** Whether a word's part of speech carries no meaning of its own (BUT, FOR, HIM): a filler word. */
export const isFunctionWord = (dict: Dictionary, word: number) => word >= 0 && FUNCTION_TAG_INDEXES.has(dict.wordTag[word]!);
const OBJECT_TAGS = tagIndexes(["NOUN", "NOUNS", "NAME", "POSS", "NUM", "ADV", "PREP"]);
/**
 * Whether two words are a pair people say of a verb's base form and what it acts on, a noun or a
 * particle: an imperative (BET-ON, ENJOY-IN). Not before a verb (BET-RODE), nor before a pronoun
 * or an article, whose case or whose next word the pair cannot see (LOSE-HE, TRY-A-SIT).
 */
export function isImperative(dict: Dictionary, first: number, second: number, known = knownPairFit(dict, first, second)): boolean {
  return known > 0 && dict.wordTag[first] === TAG.VERB && OBJECT_TAGS.has(dict.wordTag[second]!);
}
const kindOf = (dict: Dictionary, word: number) => (word < 0 ? 0 : dict.wordKind[word]!);

/** The part one word adds: its cover, less its cost and its rarity. */
export function wordPart(dict: Dictionary, word: number, length: number, boosted: boolean): number {
  const w = WEIGHTS;
  const everyday = w.EVERYDAY_ZIPF - w.EVERYDAY_ZIPF_PER_LETTER * length;
  const commonness = Math.max(-MAX_RARITY, Math.min(MAX_COMMONNESS, zipfOf(dict, word) - everyday));
  let part = w.COVER * length - w.WORD_COST + w.RARITY * commonness;
  const kind = kindOf(dict, word);
  if (kind & KIND.NAME) part -= w.NAME_COST;
  else if (kind & KIND.PLACE) part -= w.PLACE_COST;
  if (kind & KIND.GLOOMY && !boosted) part -= w.GLOOMY_COST; // a deployment may want DEBT or PAIN
  if (isFunctionWord(dict, word)) part -= w.FUNCTION_COST;
  if (boosted) part += w.BOOST * length;
  return part;
}

/** How well two known words go together as a pair (0-1; 0 when not a known pair). */
export function knownPairFit(dict: Dictionary, first: number, second: number): number {
  return first < 0 || second < 0 ? 0 : pairFit(dict, first, second) / 255;
}

/** The part two words side by side add, or null when they may not stand together (a word offered only alone). */
export function pairPart(dict: Dictionary, first: number, second: number): number | null {
  if ((kindOf(dict, first) | kindOf(dict, second)) & KIND.ALONE) return null;
  const w = WEIGHTS;
  const known = knownPairFit(dict, first, second);
  // A filler word that opens a phrase people say (MY-APPLE, THE-CARD; not IF-THEFT) is not
  // filler: its cost comes back. A conjunction joins phrases rather than opening one (OR-SON).
  const opens =
    known > 0 && isFunctionWord(dict, first) && dict.wordTag[first] !== TAG.CONJ && !isFunctionWord(dict, second) ? w.FUNCTION_COST : 0;
  const imperative = isImperative(dict, first, second, known) ? w.IMPERATIVE : 0;
  return -w.JOIN_COST + w.KNOWN_PAIR * known - unheardCost(dict, first, second, known) + opens + imperative;
}

/**
 * What two words pay for never being kept side by side in a large corpus (ARE-TALK): the commoner
 * both are, the surer it is that they do not go together. 0 for a known pair.
 */
export function unheardCost(dict: Dictionary, first: number, second: number, known = knownPairFit(dict, first, second)): number {
  if (known > 0) return 0;
  const filler = isFunctionWord(dict, first) || isFunctionWord(dict, second) ? WEIGHTS.UNHEARD_FILLER : 0;
  return filler + WEIGHTS.UNHEARD_PAIR * Math.max(0, zipfOf(dict, first) + zipfOf(dict, second) - WEIGHTS.UNHEARD_ZIPF);
}

/**
 * The part a new run of letters adds: after digits that follow another run it costs more, since
 * one word with the digits kept beats two split by digits (MOB-9923, not MOB-9-WAD), unless the
 * run echoes the word before it across a 2 read as "to" (DAY-2-DAY, VET-2-VET).
 */
export function runPart(afterGap: boolean, echoes = false): number {
  return -WEIGHTS.RUN_COST - (afterGap && !echoes ? WEIGHTS.GAP_COST : 0);
}

/** The digit that reads as "to" between a word and itself (FACE-2-FACE). */
export const ECHO_DIGIT = "2";

/** Whether `placement` repeats `before` across one ECHO_DIGIT of `digits`. */
export function echoes(digits: string, before: Placement, placement: Placement): boolean {
  return placement.start === before.end + 1 && digits[before.end] === ECHO_DIGIT && placement.text === before.text;
}

/** The part a word adds for starting where a group of the number starts. */
export function alignPart(startsGroup: boolean): number {
  return startsGroup ? WEIGHTS.ALIGN : 0;
}

/** The part the last word adds for ending the number. */
export function endPart(): number {
  return WEIGHTS.END_BONUS;
}
