// What the ranking knows of words side by side: known pairs (WordNet's two-word entries, pairs
// a language model of general English keeps, pairs the tagged corpus has more often than chance)
// and, for every other pair, how well their parts of speech go together (verb + noun,
// adjective + noun, my + noun…), learned from the tagged corpus with articles and prepositions
// skipped, the way vanity numbers drop them (GOT-JUNK, not GOT-THE-JUNK).
import { COARSE_TAGS, FUNCTION_TAGS, MAX_WORD_LENGTH, SAID_FIT, TAG_COUNT, TAG_FIT_SCALE } from "../../src/vanity/dictionary.js";
import type { Word } from "./vocabulary.js";
import type { LanguageModel, TaggedCorpus, WordNet } from "./sources.js";

/** A WordNet compound (JUNK-FOOD, LAW-FIRM) fits as well as any pair can. */
const COMPOUND_FIT = 255;
/** Corpus pairs: seen at least this often, and this many times more often than chance (log2). */
const MIN_PAIR_COUNT = 2;
const FULL_PAIR_COUNT = 16; // seen this often: as strong as a count gets
const FULL_PAIR_PMI = 6;
/**
 * Language-model pairs of two words with meaning: from this lift (log10 of how much likelier the
 * second word is after the first than anywhere) a pair starts to fit, and at FULL_LIFT it fits
 * fully. A pair with a filler word (IN-MY, ARE-TALL) fits SAID_FIT: known to be said, so it pays
 * no "rarely said" cost, but no phrase of its own.
 */
const NO_LIFT = -1;
const FULL_LIFT = 2;

/** Known pairs of vocabulary words that fit in one number: "junk food" → fit 1-255. */
export function knownPairs(
  vocabulary: Map<string, Word>,
  written: TaggedCorpus,
  wordNet: WordNet,
  general: LanguageModel,
): Map<string, number> {
  const pairs = new Map<string, number>();
  const fits = (a: string, b: string) => vocabulary.has(a) && vocabulary.has(b) && a.length + b.length <= MAX_WORD_LENGTH;
  const meaningful = (w: string) => !FUNCTION_TAGS.has(vocabulary.get(w)!.tags[0]);
  for (const compound of wordNet.compounds) {
    const [a, b] = compound.split(" ") as [string, string];
    if (fits(a, b)) pairs.set(compound, COMPOUND_FIT);
  }
  for (const [pair, lift] of general.pairs) {
    const [a, b] = pair.split(" ") as [string, string];
    if (!fits(a, b)) continue;
    const strength = Math.max(0, Math.min(1, (lift - NO_LIFT) / (FULL_LIFT - NO_LIFT)));
    const fit = meaningful(a) && meaningful(b) ? SAID_FIT + Math.round(strength * (COMPOUND_FIT - 1 - SAID_FIT)) : SAID_FIT;
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
  return pairs;
}

/**
 * TAG_COUNT × TAG_COUNT: how often tag b follows tag a, against the tag that follows a most often:
 * log2(P(b | a) / max P(· | a)) × TAG_FIT_SCALE, so 0 for a's likeliest follower (a noun after
 * an adjective, a possessive or, articles and prepositions skipped, a verb or a noun) and below
 * 0 for the rest.
 */
export function tagFits(written: TaggedCorpus): Int8Array {
  const fits = new Int8Array(TAG_COUNT * TAG_COUNT);
  COARSE_TAGS.forEach((a, i) => {
    const follow = COARSE_TAGS.map((b) => (written.tagPairs.get(`${a} ${b}`) ?? 0) + 0.5);
    const most = Math.max(...follow);
    follow.forEach((count, j) => {
      fits[i * TAG_COUNT + j] = Math.max(-127, Math.round(Math.log2(count / most) * TAG_FIT_SCALE));
    });
  });
  return fits;
}

/**
 * Letter-pair costs for pronounceable filler letters: -log2 P(next | previous) × 16, from the
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
      costs[prev * size + next] = Math.min(255, Math.round(-Math.log2(counts[prev * size + next]! / total) * 16));
  }
  return costs;
}
