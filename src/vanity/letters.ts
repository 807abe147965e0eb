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
  const letterOf = (p: number, o: number) => (p < 0 ? BOUNDARY : (OPTIONS[digits[p]!]![o] ?? BOUNDARY));
  const statesAt = (p: number) => (p < 0 ? 1 : Math.max(1, OPTIONS[digits[p]!]!.length));

  for (let p = 0; p < n; p++) {
    const here = OPTIONS[digits[p]!]!;
    for (let o = 0; o < statesAt(p); o++) {
      const cell = p * STATES + o;
      count[cell] = 0;
      const letter = here.length > 0 ? here[o]! : BOUNDARY;
      if (p === 0) {
        push(cell, k, letter === BOUNDARY ? 0 : bigram[BOUNDARY * BIGRAM_SIZE + letter]!, 0, 0);
        continue;
      }
      for (let po = 0; po < statesAt(p - 1); po++) {
        const prevCell = (p - 1) * STATES + po;
        const prev = letterOf(p - 1, po);
        const step = prev === BOUNDARY && letter === BOUNDARY ? 0 : bigram[prev * BIGRAM_SIZE + letter]!;
        for (let r = 0; r < count[prevCell]!; r++) push(cell, k, cost[prevCell * MAX_PATHS + r]! + step, po, r);
      }
    }
  }
  // Close the last run, then read the k best back.
  const ends: [number, number, number][] = [];
  for (let o = 0; o < statesAt(n - 1); o++) {
    const cell = (n - 1) * STATES + o;
    const last = letterOf(n - 1, o);
    const close = last === BOUNDARY ? 0 : bigram[last * BIGRAM_SIZE + BOUNDARY]!;
    for (let r = 0; r < count[cell]!; r++) ends.push([cost[cell * MAX_PATHS + r]! + close, o, r]);
  }
  ends.sort((a, b) => a[0] - b[0]); // stable: ties keep keypad order
  return ends.slice(0, k).map(([, o, r]) => {
    const letters = new Array<number>(n);
    for (let p = n - 1; p >= 0; p--) {
      letters[p] = OPTIONS[digits[p]!]!.length > 0 ? OPTIONS[digits[p]!]![o]! : -1;
      const at = (p * STATES + o) * MAX_PATHS + r;
      o = fromState[at]!;
      r = fromRank[at]!;
    }
    return letters;
  });
}

// Keeps the cell's paths sorted by cost, at most k; equal costs keep their arrival order.
function push(cell: number, k: number, c: number, prevState: number, prevRank: number): void {
  const base = cell * MAX_PATHS;
  const n = count[cell]!;
  if (n === k && c >= cost[base + k - 1]!) return;
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
