// The search: which words fit where in a run of digits, and the best ways to combine them.
//
// A candidate covers the digits with segments: a word (its letters dial those digits) or a
// digit kept as it is. Its score adds up per word, so a k-best dynamic programme over the
// positions finds the best candidates exactly, in a few microseconds:
//   word score = weight(frequency) × length^1.5 − WORD_PENALTY
// weight runs from 2 (a word nobody says) to 12 (a word people say every day), so a common
// word beats a rare one and a rare word cannot outrank a common one just by being longer;
// length^1.5 makes one long word worth more than two short ones with the same cover
// (TOWING-1 over TO-WING-1), and the penalty prefers fewer words.
import { BLOCKED, type Dictionary } from "./dictionary.js";

export const WORD_PENALTY = 6;
const MIN_WEIGHT = 2;
const MAX_WEIGHT = 12;
const COMMON_Q = 50; // frequency score of a word said ~300 times in the corpus: full weight
const END_BONUS = 2; // 555-CAKE reads better than 55-LACK-3
const WORDS_PER_SPAN = 4; // alternatives tried for one span of digits
// Entries kept per position: keeping the best k ways with a word at every position is exact for
// the best k overall (scores add up). The way with no word (all digits) is not kept: it is
// always there, with score 0.
export const MAX_CANDIDATES = 11;
const KEEP = MAX_CANDIDATES; // the tables' stride

const POPCOUNT = new Uint8Array(256).map((_, i) => {
  let n = 0;
  for (let v = i; v; v >>= 1) n += v & 1;
  return n;
});

/**
 * The ways to write the digits a search found, best first; each is one or more words, the
 * other digits stay. Candidate c's k-th word is `words[c * MAX_DIGITS + k]` (a dictionary
 * index) and spans digits `starts[…]` .. `ends[…]`. Reused by the next search, so that a
 * search allocates nothing per candidate: read them before searching again.
 */
export interface Candidates {
  count: number;
  wordCount: Int32Array;
  starts: Int32Array;
  ends: Int32Array;
  words: Int32Array;
}

// Scratch space, reused across calls: the search allocates only its results.
export const MAX_DIGITS = 16; // also the stride of a candidate in `Candidates`
const MAX_SPANS = MAX_DIGITS * MAX_DIGITS;
const spanStart = new Int32Array(MAX_SPANS);
const spanWord0 = new Int32Array(MAX_SPANS);
const spanWord1 = new Int32Array(MAX_SPANS);
const spanNext = new Int32Array(MAX_SPANS); // the next span ending where this one does, or -1
const firstSpanEnding = new Int32Array(MAX_DIGITS + 1);
const lastSpanEnding = new Int32Array(MAX_DIGITS + 1);
const blockedAt: number[] = []; // flat triples: start, end, word (the first blockedLength entries)
const found: Candidates = {
  count: 0,
  wordCount: new Int32Array(MAX_CANDIDATES),
  starts: new Int32Array(MAX_CANDIDATES * MAX_DIGITS),
  ends: new Int32Array(MAX_CANDIDATES * MAX_DIGITS),
  words: new Int32Array(MAX_CANDIDATES * MAX_DIGITS),
};
const NONE: readonly number[] = Object.freeze([]);
// dp[e]: up to KEEP entries, best first, as indexes into a pool of entries. An entry is one word
// (where it starts and ends) after its predecessor entry, or after digits only (-1). Keeping a
// digit copies the previous list's indexes; only a word makes a new entry.
const dpList = new Int32Array((MAX_DIGITS + 1) * KEEP);
const dpCount = new Int32Array(MAX_DIGITS + 1);
const POOL = MAX_SPANS * WORDS_PER_SPAN * (KEEP + 1); // at most KEEP + 1 entries made per word of a span
const entryScore = new Float64Array(POOL);
const entryPrev = new Int32Array(POOL);
const entryWord = new Int32Array(POOL);
const entryStart = new Int8Array(POOL);
const entryEnd = new Int8Array(POOL);
const entryWords = new Int8Array(POOL); // words in the candidate up to here
let pooled = 0;

const LENGTH_WORTH = Float64Array.from({ length: 32 }, (_, n) => n ** 1.5);

/** The score of a word said with frequency score `q`, `length` letters long. */
export function scoreOf(q: number, length: number): number {
  // q / 100 keeps ordering the words past full weight: the more common still wins a tie.
  const weight = MIN_WEIGHT + (MAX_WEIGHT - MIN_WEIGHT) * Math.min(1, q / COMMON_Q) + q / 100;
  return weight * LENGTH_WORTH[length]! - WORD_PENALTY;
}

// scoreOf for every q (0-255) and length (0-31), worked out once: SCORE[q << 5 | length].
const SCORE = Float64Array.from({ length: 256 * 32 }, (_, i) => scoreOf(i >> 5, i & 31));

export function wordScore(dict: Dictionary, word: number, length: number): number {
  return scoreOf(dict.wordQ[word]!, length);
}

export interface SearchResult {
  candidates: Candidates;
  /** Blocked terms that fit the digits: flat triples of start, end, dictionary word index. */
  blocked: readonly number[];
}

/**
 * The best candidates for `digits` (a string of 0-9), best first; at most `limit`, each using at
 * least one word. Ties keep a fixed order, so the same digits always give the same result, and
 * a longer limit gives the same candidates first.
 */
export function searchWords(dict: Dictionary, digits: string, limit: number): SearchResult {
  const n = digits.length;
  if (n > MAX_DIGITS) throw new RangeError(`at most ${MAX_DIGITS} digits, got ${n}`);
  if (limit > MAX_CANDIDATES) throw new RangeError(`at most ${MAX_CANDIDATES} candidates, asked for ${limit}`);
  const { firstChild, nodeWords, mask, wordQ } = dict;

  // 1. Walk the trie from each start: every span of digits that spells a word, listed by where
  //    it ends (in order of its start, which fixes the order of ties).
  let spans = 0;
  // (Plain loops and a length of our own: typed-array fill and setting an array's length are
  // calls into the runtime, dear at this size.)
  let blockedLength = 0;
  for (let e = 0; e <= n; e++) firstSpanEnding[e] = -1;
  for (let i = 0; i < n; i++) {
    let node = 0;
    for (let j = i; j < n; j++) {
      const d = digits.charCodeAt(j) - 48;
      if (d < 2) break;
      const bit = 1 << (d - 2);
      const m = mask[node]!;
      if ((m & bit) === 0) break;
      node = firstChild[node]! + POPCOUNT[m & (bit - 1)]!;
      const w0 = nodeWords[node]!;
      const w1 = nodeWords[node + 1]!;
      if (w0 === w1) continue;
      // Blocked terms come after a node's words: only when the last one is blocked, find where they start.
      let allowedEnd = w1;
      if (wordQ[w1 - 1] === BLOCKED) {
        allowedEnd = w0;
        while (wordQ[allowedEnd] !== BLOCKED) allowedEnd++;
      }
      for (let w = allowedEnd; w < w1; w++) {
        blockedAt[blockedLength++] = i;
        blockedAt[blockedLength++] = j + 1;
        blockedAt[blockedLength++] = w;
      }
      if (allowedEnd > w0) {
        const e = j + 1;
        spanStart[spans] = i;
        spanWord0[spans] = w0;
        spanWord1[spans] = Math.min(allowedEnd, w0 + WORDS_PER_SPAN);
        spanNext[spans] = -1;
        if (firstSpanEnding[e] === -1) firstSpanEnding[e] = spans;
        else spanNext[lastSpanEnding[e]!] = spans;
        lastSpanEnding[e] = spans;
        spans++;
      }
    }
  }

  // 2. k-best over positions: dp[e] holds the best ways to write digits[0..e) with a word.
  keep = limit;
  pooled = 0;
  let count = 0;
  if (keep > 0) {
    dpCount[0] = 0;
    for (let e = 1; e <= n; e++) {
      // Keep digit e-1 as a digit: the first entries here are the previous position's, in order.
      const before = (e - 1) * KEEP;
      const here = e * KEEP;
      const copied = dpCount[e - 1]!;
      for (let r = 0; r < copied; r++) dpList[here + r] = dpList[before + r]!;
      dpCount[e] = copied;
      // Or end a word here, after dp[i]'s entries best first, all digits (score 0) among them
      // after those above 0. Words come best first too: when a word's best does not make the
      // list, neither does anything after it.
      const bonus = e === n ? END_BONUS : 0;
      for (let s = firstSpanEnding[e]!; s !== -1; s = spanNext[s]!) {
        const i = spanStart[s]!;
        const from = i * KEEP;
        const entries = dpCount[i]!;
        let made = true;
        for (let w = spanWord0[s]!; w < spanWord1[s]! && made; w++) {
          const gain = SCORE[(wordQ[w]! << 5) | (e - i)]! + bonus;
          let allDigits = true; // not tried yet
          for (let r = 0, tried = 0; ; tried++) {
            let prev = -1;
            let score = 0;
            let words = 0;
            if (r < entries && (!allDigits || entryScore[dpList[from + r]!]! > 0)) {
              prev = dpList[from + r++]!;
              score = entryScore[prev]!;
              words = entryWords[prev]!;
            } else if (allDigits) {
              allDigits = false;
            } else break;
            if (!insert(e, score + gain, prev, w, i, words + 1)) {
              made = tried > 0;
              break;
            }
          }
        }
      }
    }

    // 3. Read the winners back, each from its last word.
    const last = n * KEEP;
    for (; count < dpCount[n]! && count < limit; count++) {
      let entry = dpList[last + count]!;
      let k = entryWords[entry]!;
      found.wordCount[count] = k;
      const base = count * MAX_DIGITS;
      while (entry >= 0) {
        k--;
        found.starts[base + k] = entryStart[entry]!;
        found.ends[base + k] = entryEnd[entry]!;
        found.words[base + k] = entryWord[entry]!;
        entry = entryPrev[entry]!;
      }
    }
  }
  found.count = count;
  return { candidates: found, blocked: blockedLength === 0 ? NONE : blockedAt.slice(0, blockedLength) };
}

let keep = KEEP; // entries kept per position in this search

// Inserts a new entry into dp[e]'s top-`keep` list (dropping the worst when full); equal scores
// keep their arrival order. False when the score did not make the list.
function insert(e: number, score: number, prev: number, word: number, start: number, words: number): boolean {
  const base = e * KEEP;
  const count = dpCount[e]!;
  let k: number;
  if (count === keep) {
    if (score <= entryScore[dpList[base + keep - 1]!]!) return false;
    k = keep - 1;
  } else {
    k = count;
    dpCount[e] = count + 1;
  }
  const entry = pooled++;
  entryScore[entry] = score;
  entryPrev[entry] = prev;
  entryWord[entry] = word;
  entryStart[entry] = start;
  entryEnd[entry] = e;
  entryWords[entry] = words;
  while (k > 0 && entryScore[dpList[base + k - 1]!]! < score) {
    dpList[base + k] = dpList[base + k - 1]!;
    k--;
  }
  dpList[base + k] = entry;
  return true;
}
