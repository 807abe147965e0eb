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
      count[cell] = 0;
      if (p === 0) {
        push(cell, k, letter === BOUNDARY ? 0 : bigram[BOUNDARY * BIGRAM_SIZE + letter]!, 0, 0);
        continue;
      }
      for (let po = 0; po < prevOptions.length; po++) {
        const prevCell = (p - 1) * STATES + po;
        const prev = prevOptions[po]!;
        const step = prev === BOUNDARY && letter === BOUNDARY ? 0 : bigram[prev * BIGRAM_SIZE + letter]!;
        const paths = count[prevCell]!;
        for (let r = 0; r < paths; r++) if (!push(cell, k, cost[prevCell * MAX_PATHS + r]! + step, po, r)) break;
      }
    }
    prevOptions = here;
  }

  // Close the last run, keeping the k best endings (ties in keypad order), then read them back.
  const endCost: number[] = [];
  const endState: number[] = [];
  const endRank: number[] = [];
  for (let o = 0; o < prevOptions.length; o++) {
    const cell = (n - 1) * STATES + o;
    const last = prevOptions[o]!;
    const close = last === BOUNDARY ? 0 : bigram[last * BIGRAM_SIZE + BOUNDARY]!;
    for (let r = 0; r < count[cell]!; r++) {
      const c = cost[cell * MAX_PATHS + r]! + close;
      let at = endCost.length;
      while (at > 0 && endCost[at - 1]! > c) at--;
      if (at >= k) break; // this cell's later paths cost more still
      endCost.splice(at, 0, c);
      endState.splice(at, 0, o);
      endRank.splice(at, 0, r);
      if (endCost.length > k) {
        endCost.length = k;
        endState.length = k;
        endRank.length = k;
      }
    }
  }
  return endCost.map((_, e) => {
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
    return letters;
  });
}

const NO_LETTER: readonly number[] = [BOUNDARY];

// Keeps the cell's paths sorted by cost, at most k; equal costs keep their arrival order.
// False when the path did not make the list (and, paths arriving cheapest first, no later one will).
function push(cell: number, k: number, c: number, prevState: number, prevRank: number): boolean {
  const base = cell * MAX_PATHS;
  const n = count[cell]!;
  if (n === k && c >= cost[base + k - 1]!) return false;
  let i = n < k ? n : k - 1;
  while (i > 0 && cost[base + i - 1]! > c) {
    cost[base + i] = cost[base + i - 1]!;
    fromState[base + i] = fromState[base + i - 1]!;
    fromRank[base + i] = fromRank[base + i - 1]!;
    i--;
  }
  cost[base + i] = c;
  fromState[base + i] = prevState;
  fromRank[base + i] = prevRank;
  if (n < k) count[cell] = n + 1;
  return true;
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
