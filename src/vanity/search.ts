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
const KEEP = 8; // candidates kept per position: five, and spares for blocked ones
export const MAX_CANDIDATES = KEEP;

const POPCOUNT = new Uint8Array(256).map((_, i) => {
  let n = 0;
  for (let v = i; v; v >>= 1) n += v & 1;
  return n;
});

/** One way to write the digits: `words[k]` spans `starts[k]` .. `ends[k]`; other digits stay. */
export interface Candidate {
  score: number;
  starts: number[];
  ends: number[];
  /** Word indexes into the dictionary. */
  words: number[];
}

// Scratch space, reused across calls: the search allocates only its results.
const MAX_DIGITS = 16;
const spanStart = new Int32Array(MAX_DIGITS * MAX_DIGITS);
const spanEnd = new Int32Array(MAX_DIGITS * MAX_DIGITS);
const spanWord0 = new Int32Array(MAX_DIGITS * MAX_DIGITS);
const spanWord1 = new Int32Array(MAX_DIGITS * MAX_DIGITS);
const spansEndingAt = new Int32Array(MAX_DIGITS + 1);
const blockedAt: number[] = []; // flat triples: start, end, word
const dpScore = new Float64Array((MAX_DIGITS + 1) * KEEP);
const dpPrevRank = new Int32Array((MAX_DIGITS + 1) * KEEP);
const dpPrevPos = new Int32Array((MAX_DIGITS + 1) * KEEP);
const dpWord = new Int32Array((MAX_DIGITS + 1) * KEEP);
const dpWords = new Int32Array((MAX_DIGITS + 1) * KEEP);
const dpCount = new Int32Array(MAX_DIGITS + 1);

const LENGTH_WORTH = Float64Array.from({ length: MAX_DIGITS + 1 }, (_, n) => n ** 1.5);

export function wordScore(dict: Dictionary, word: number, length: number): number {
  const q = dict.wordQ[word]!;
  // q / 100 keeps ordering the words past full weight: the more common still wins a tie.
  const weight = MIN_WEIGHT + (MAX_WEIGHT - MIN_WEIGHT) * Math.min(1, q / COMMON_Q) + q / 100;
  return weight * LENGTH_WORTH[length]! - WORD_PENALTY;
}

export interface SearchResult {
  candidates: Candidate[];
  /** Blocked terms that fit the digits: flat triples of start, end, dictionary word index. */
  blocked: number[];
}

/**
 * The best candidates for `digits` (values 0-9), best first; at most `limit`, each using at
 * least one word. Ties keep a fixed order, so the same digits always give the same result.
 */
export function searchWords(dict: Dictionary, digits: ArrayLike<number>, limit: number): SearchResult {
  const n = digits.length;
  if (n > MAX_DIGITS) throw new RangeError(`at most ${MAX_DIGITS} digits, got ${n}`);
  const { firstChild, nodeWords, mask, wordQ } = dict;

  // 1. Walk the trie from each start: every span of digits that spells a word.
  let spans = 0;
  blockedAt.length = 0;
  for (let i = 0; i < n; i++) {
    let node = 0;
    for (let j = i; j < n; j++) {
      const d = digits[j]!;
      if (d < 2) break;
      const bit = 1 << (d - 2);
      const m = mask[node]!;
      if ((m & bit) === 0) break;
      node = firstChild[node]! + POPCOUNT[m & (bit - 1)]!;
      const w0 = nodeWords[node]!;
      const w1 = nodeWords[node + 1]!;
      if (w0 === w1) continue;
      let allowedEnd = w0;
      while (allowedEnd < w1 && wordQ[allowedEnd] !== BLOCKED) allowedEnd++;
      for (let w = allowedEnd; w < w1; w++) blockedAt.push(i, j + 1, w);
      if (allowedEnd > w0) {
        spanStart[spans] = i;
        spanEnd[spans] = j + 1;
        spanWord0[spans] = w0;
        spanWord1[spans] = Math.min(allowedEnd, w0 + WORDS_PER_SPAN);
        spans++;
      }
    }
  }

  // 2. k-best over positions: dp[e] holds the best ways to write digits[0..e).
  dpCount.fill(0, 0, n + 1);
  dpScore[0] = 0;
  dpPrevPos[0] = -1;
  dpPrevRank[0] = -1;
  dpWord[0] = -1;
  dpWords[0] = 0;
  dpCount[0] = 1;
  spansEndingAt.fill(0, 0, n + 1);
  for (let e = 1; e <= n; e++) {
    // Keep digit e-1 as a digit. Entries arrive best first, so the first that does not fit
    // means none after it will.
    for (let r = 0; r < dpCount[e - 1]!; r++) {
      const from = (e - 1) * KEEP + r;
      if (!insert(e, dpScore[from]!, e - 1, r, -1, dpWords[from]!)) break;
    }
    // Or end a word here. Words come best first too, so the same cut-offs apply.
    for (let s = 0; s < spans; s++) {
      if (spanEnd[s] !== e) continue;
      const i = spanStart[s]!;
      for (let w = spanWord0[s]!; w < spanWord1[s]!; w++) {
        const gain = wordScore(dict, w, e - i) + (e === n ? END_BONUS : 0);
        let r = 0;
        while (r < dpCount[i]! && insert(e, dpScore[i * KEEP + r]! + gain, i, r, w, dpWords[i * KEEP + r]! + 1)) r++;
        if (r === 0) break;
      }
    }
  }

  // 3. Read the winners back, skipping those without a word.
  const candidates: Candidate[] = [];
  for (let r = 0; r < dpCount[n]! && candidates.length < limit; r++) {
    if (dpWords[n * KEEP + r] === 0) continue;
    const candidate: Candidate = { score: dpScore[n * KEEP + r]!, starts: [], ends: [], words: [] };
    let pos = n;
    let rank = r;
    while (pos > 0) {
      const at = pos * KEEP + rank;
      const prev = dpPrevPos[at]!;
      if (dpWord[at]! >= 0) {
        candidate.starts.push(prev);
        candidate.ends.push(pos);
        candidate.words.push(dpWord[at]!);
      }
      rank = dpPrevRank[at]!;
      pos = prev;
    }
    candidate.starts.reverse();
    candidate.ends.reverse();
    candidate.words.reverse();
    candidates.push(candidate);
  }
  return { candidates, blocked: blockedAt.slice() };
}

// Inserts into dp[e]'s sorted top-KEEP list; equal scores keep their arrival order.
// False when the score did not make the list.
function insert(e: number, score: number, prevPos: number, prevRank: number, word: number, words: number): boolean {
  const base = e * KEEP;
  const count = dpCount[e]!;
  if (count === KEEP && score <= dpScore[base + KEEP - 1]!) return false;
  let k = count < KEEP ? count : KEEP - 1;
  while (k > 0 && dpScore[base + k - 1]! < score) {
    dpScore[base + k] = dpScore[base + k - 1]!;
    dpPrevPos[base + k] = dpPrevPos[base + k - 1]!;
    dpPrevRank[base + k] = dpPrevRank[base + k - 1]!;
    dpWord[base + k] = dpWord[base + k - 1]!;
    dpWords[base + k] = dpWords[base + k - 1]!;
    k--;
  }
  dpScore[base + k] = score;
  dpPrevPos[base + k] = prevPos;
  dpPrevRank[base + k] = prevRank;
  dpWord[base + k] = word;
  dpWords[base + k] = words;
  if (count < KEEP) dpCount[e] = count + 1;
  return true;
}
