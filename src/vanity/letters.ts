// Filler letters for digits no word fits: the most pronounceable letters the digits allow,
// by a letter-pair model of English built with the dictionary (see bigramCosts in
// scripts/build-dictionary.ts). Deterministic: the same digits always give the same letters.
import { BIGRAM_SIZE, type Dictionary } from "./dictionary.js";
import { KEYPAD } from "./keypad.js";

const BOUNDARY = 26; // the bigram index for "no letter": a run starts or ends
const OPTIONS: number[][] = Array.from({ length: 10 }, (_, d) =>
  [...(KEYPAD[String(d)] ?? "")].map((ch) => ch.charCodeAt(0) - 65),
);
const MAX_POSITIONS = 16;
export const MAX_FILLERS = 16;
const MAX_PATHS = MAX_FILLERS;
const STATES = 4; // at most four letters on a key

// k-best Viterbi tables, reused: for position p, state o (the o-th letter of the key, or 0
// for a digit that stays), rank r: the path's cost and where it came from.
const cost = new Float64Array(MAX_POSITIONS * STATES * MAX_PATHS);
const fromState = new Int8Array(MAX_POSITIONS * STATES * MAX_PATHS);
const fromRank = new Int8Array(MAX_POSITIONS * STATES * MAX_PATHS);
const count = new Int8Array(MAX_POSITIONS * STATES);

/**
 * Up to `limit` distinct letter choices for `digits`, most pronounceable first, as one array
 * per choice: a letter index (0 = A) per position, or -1 where the digit (0 or 1) stays.
 */
export function pronounceableLetters(dict: Dictionary, digits: ArrayLike<number>, limit: number): number[][] {
  const n = digits.length;
  const k = Math.min(limit, MAX_PATHS);
  if (n === 0 || n > MAX_POSITIONS) return [];
  const bigram = dict.bigram;

  let prevOptions: readonly number[] = NO_LETTER; // before the first position: a run boundary
  for (let p = 0; p < n; p++) {
    const letters = OPTIONS[digits[p]!]!;
    const here = letters.length > 0 ? letters : NO_LETTER;
    for (let o = 0; o < here.length; o++) {
      const cell = p * STATES + o;
      const letter = here[o]!;
      if (p === 0) {
        cost[cell * MAX_PATHS] = letter === BOUNDARY ? 0 : bigram[BOUNDARY * BIGRAM_SIZE + letter]!;
        fromState[cell * MAX_PATHS] = 0;
        fromRank[cell * MAX_PATHS] = 0;
        count[cell] = 1;
        continue;
      }
      for (let po = 0; po < prevOptions.length; po++) {
        const prev = prevOptions[po]!;
        step[po] = prev === BOUNDARY && letter === BOUNDARY ? 0 : bigram[prev * BIGRAM_SIZE + letter]!;
      }
      count[cell] = mergeBest((p - 1) * STATES, prevOptions.length, k, cell * MAX_PATHS, cost, fromState, fromRank);
    }
    prevOptions = here;
  }

  // Close the last run, keeping the k best endings, then read them back.
  for (let o = 0; o < prevOptions.length; o++) step[o] = prevOptions[o] === BOUNDARY ? 0 : bigram[prevOptions[o]! * BIGRAM_SIZE + BOUNDARY]!;
  const ends = mergeBest((n - 1) * STATES, prevOptions.length, k, 0, endCost, endState, endRank);
  const out: number[][] = [];
  for (let e = 0; e < ends; e++) {
    const letters = new Array<number>(n);
    let o = endState[e]!;
    let r = endRank[e]!;
    for (let p = n - 1; p >= 0; p--) {
      const options = OPTIONS[digits[p]!]!;
      letters[p] = options.length > 0 ? options[o]! : -1;
      const at = (p * STATES + o) * MAX_PATHS + r;
      o = fromState[at]!;
      r = fromRank[at]!;
    }
    out.push(letters);
  }
  return out;
}

const NO_LETTER: readonly number[] = [BOUNDARY];
const step = new Float64Array(STATES); // the bigram cost from each previous state into this one
const heads = new Int32Array(STATES);
const endCost = new Float64Array(MAX_PATHS);
const endState = new Int8Array(MAX_PATHS);
const endRank = new Int8Array(MAX_PATHS);

/**
 * The k cheapest paths into one cell, merged from the cells `states` of the previous position
 * (each list already sorted, each shifted by step[state]); written at `at` in the given tables.
 * Equal costs go to the lower state, then the lower rank: keypad order, so ties never depend
 * on anything but the digits. Returns how many were written.
 */
function mergeBest(prevBase: number, states: number, k: number, at: number, costs: Float64Array, cameFrom: Int8Array, ranks: Int8Array): number {
  for (let s = 0; s < states; s++) heads[s] = 0;
  let written = 0;
  while (written < k) {
    let best = -1;
    let bestCost = Infinity;
    for (let s = 0; s < states; s++) {
      const r = heads[s]!;
      if (r >= count[prevBase + s]!) continue;
      const c = cost[(prevBase + s) * MAX_PATHS + r]! + step[s]!;
      if (c < bestCost) {
        bestCost = c;
        best = s;
      }
    }
    if (best < 0) break;
    costs[at + written] = bestCost;
    cameFrom[at + written] = best;
    ranks[at + written] = heads[best]!;
    heads[best]!++;
    written++;
  }
  return written;
}

/**
 * Every letter choice for `digits` in keypad order (AAA, AAB, …), for the rare number whose most
 * pronounceable letters all spell something blocked. Stops after `limit` choices.
 */
export function* keypadOrderLetters(digits: ArrayLike<number>, limit: number): Generator<number[]> {
  const n = digits.length;
  const choice = new Array<number>(n).fill(0);
  for (let produced = 0; produced < limit; produced++) {
    yield Array.from(choice, (c, p) => OPTIONS[digits[p]!]![c] ?? -1);
    // Advance like an odometer, last position fastest.
    let p = n - 1;
    while (p >= 0 && choice[p]! + 1 >= Math.max(1, OPTIONS[digits[p]!]!.length)) choice[p--] = 0;
    if (p < 0) return;
    choice[p]!++;
  }
}
