// What the ranking knows of letters and words side by side: the known pairs of words (WordNet's
// two-word entries, pairs a language model of general English keeps, pairs the tagged corpus
// has more often than chance), and the letter-pair costs for filler letters.
import { BIGRAM_SCALE, FUNCTION_TAGS, liftFit, MAX_WORD_LENGTH, SAID_FIT, type CoarseTag } from "../../src/vanity/dictionary.js";
import type { Word } from "./vocabulary.js";
import type { LanguageModel, TaggedCorpus, WordNet } from "./sources.js";

/** A WordNet compound (JUNK-FOOD, LAW-FIRM) fits as well as any pair can. */
const COMPOUND_FIT = 255;
/** Corpus pairs: seen at least this often, and this many times more often than chance (log2). */
const MIN_PAIR_COUNT = 2;
const FULL_PAIR_COUNT = 16; // seen this often: as strong as a count gets
const FULL_PAIR_PMI = 6;
/**
 * How much less likely than anywhere (log10) a past verb may be after THE and still be heard
 * there as a noun: THE-LOST −0.39, THE-FED 0.69; not THE-GREW −0.59, THE-KNEW −0.88.
 */
const NAMING_PARTICIPLE_LIFT = -0.5;

/** Known pairs of vocabulary words that fit in one number: "junk food" → fit 1-255. */
export function knownPairs(
  vocabulary: Map<string, Word>,
  written: TaggedCorpus,
  wordNet: WordNet,
  general: LanguageModel,
): Map<string, number> {
  const pairs = new Map<string, number>();
  const fits = (a: string, b: string) => vocabulary.has(a) && vocabulary.has(b) && a.length + b.length <= MAX_WORD_LENGTH;
  const meaningful = (w: string) => !FUNCTION_TAGS.has(vocabulary.get(w)!.tag);
  for (const compound of wordNet.compounds) {
    const [a, b] = compound.split(" ") as [string, string];
    if (fits(a, b)) pairs.set(compound, COMPOUND_FIT);
  }
  for (const [pair, lift] of general.pairs) {
    const [a, b] = pair.split(" ") as [string, string];
    if (!fits(a, b)) continue;
    // A pair with a filler word (IN-MY, ARE-TALL) is known to be said, so it pays no "rarely
    // said" cost, but it is no phrase of its own; nor is a past verb after THE (THE-SENT,
    // THE-WENT) unless it names people or a thing there (THE-LOST, THE-FED).
    const namesAfterThe = a === "the" && vocabulary.get(b)!.tag === "VERBED" && lift > NAMING_PARTICIPLE_LIFT;
    const fit = (meaningful(a) || namesAfterThe) && meaningful(b) ? liftFit(lift) : SAID_FIT;
    pairs.set(pair, Math.max(pairs.get(pair) ?? 0, fit));
  }
  // Corpus pairs, from the Brown corpus.
  for (const [counts, pairCounts] of [[written.counts, written.pairs]] as const) {
    let tokens = 0;
    for (const n of counts.values()) tokens += n;
    for (const [pair, count] of pairCounts) {
      if (count < MIN_PAIR_COUNT) continue;
      const [a, b] = pair.split(" ") as [string, string];
      if (!fits(a, b)) continue;
      const pmi = Math.log2((count * tokens) / (counts.get(a)! * counts.get(b)!));
      if (pmi <= 0) continue;
      const strength = Math.min(1, Math.log2(count) / Math.log2(FULL_PAIR_COUNT)) * Math.min(1, pmi / FULL_PAIR_PMI);
      const fit = Math.max(1, Math.round(strength * 254));
      pairs.set(pair, Math.max(pairs.get(pair) ?? 0, fit));
    }
  }
  // An adverb before a noun is a phrase only when strongly said (OFF-ROAD, BACK-YARD): its weak
  // pairs come from across a comma ("what's up, man" gave UP-MAN).
  for (const [pair, fit] of pairs) {
    const [a, b] = pair.split(" ") as [string, string];
    if (fit < COMPOUND_FIT / 2 && vocabulary.get(a)!.tag === "ADV" && NOUN_TAGS.has(vocabulary.get(b)!.tag)) pairs.delete(pair);
  }
  return pairs;
}

const NOUN_TAGS: ReadonlySet<CoarseTag> = new Set(["NOUN", "NOUNS", "NAME"]);

/**
 * Letter-pair costs for pronounceable filler letters: -log2 P(next | previous) × BIGRAM_SCALE, from the
 * vocabulary weighted by how common each word is. Index 26 is the start or end of a run.
 */
export function letterPairCosts(words: Iterable<{ word: string; zipf: number }>, size: number): Uint8Array {
  const boundary = size - 1;
  const counts = new Float64Array(size * size).fill(0.5); // smoothing
  for (const { word, zipf } of words) {
    let prev = boundary;
    for (const ch of word) {
      const next = ch.charCodeAt(0) - 97;
      counts[prev * size + next]! += zipf;
      prev = next;
    }
    counts[prev * size + boundary]! += zipf;
  }
  const costs = new Uint8Array(size * size);
  for (let prev = 0; prev < size; prev++) {
    let total = 0;
    for (let next = 0; next < size; next++) total += counts[prev * size + next]!;
    for (let next = 0; next < size; next++)
      costs[prev * size + next] = Math.min(255, Math.round(-Math.log2(counts[prev * size + next]! / total) * BIGRAM_SCALE));
  }
  return costs;
}
