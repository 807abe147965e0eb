// Filler letters for digits no word fits: the most pronounceable letters the digits allow,
// by a letter-pair model of English built with the dictionary (see letterPairCosts in
// scripts/dictionary/phrases.ts). Deterministic: the same digits always give the same letters.
import { BIGRAM_SCALE, BIGRAM_SIZE, type Dictionary } from "./dictionary.js";
import { KEYPAD } from "./keypad.js";

const BOUNDARY = 26; // the bigram index for "no letter": a run starts or ends
const DIGIT_0 = 48;
const LETTER_A = 65;
const OPTIONS: number[][] = Array.from({ length: 10 }, (_, d) => [...(KEYPAD[String(d)] ?? "")].map((ch) => ch.charCodeAt(0) - LETTER_A));
const MAX_POSITIONS = 16;
const MAX_PATHS = 16;
const STRIDE = MAX_PATHS + 1; // a cell's paths, and room for the end marker after them
const END = 1 << 30; // costs past a list's end: more than any path costs
const STATES = 4; // at most four letters on a key

// k-best Viterbi tables, reused: for position p, state o (the o-th letter of the key, or 0 for
// a digit that stays), rank r: the path's cost (a sum of bigram costs, so a whole number) and
// where it came from. Position n, one past the last digit, closes the last run: its paths are
// the answers.
const CELLS = (MAX_POSITIONS + 1) * STATES;
const cost = new Int32Array(CELLS * STRIDE);
const fromState = new Int8Array(CELLS * STRIDE);
const fromRank = new Int8Array(CELLS * STRIDE);
const letterOf = new Int8Array(CELLS); // the letter of each cell, -1 for a digit that stays

/** One way to letter some digits. */
export interface Lettering {
  /** A letter index (0 = A) per position, or -1 where the digit (0 or 1) stays. */
  letters: number[];
  /** The cost of its letter pairs, runs' boundaries included, in bits (lower is easier to say). */
  bits: number;
}

/** Up to `limit` distinct letterings of `digits` (a string of 0-9), most pronounceable first. */
export function pronounceableLetters(dict: Dictionary, digits: string, limit: number): Lettering[] {
  const n = digits.length;
  const k = Math.min(limit, MAX_PATHS);
  if (n === 0 || n > MAX_POSITIONS || k <= 0) return [];
  const bigram = dict.bigram;

  // Each cell keeps its k cheapest paths: the merge of the previous position's lists (each
  // sorted, each shifted by the letter pair's cost), equal costs to the lower state, then the
  // lower rank (keypad order, so ties depend on nothing but the digits). Every cell of a
  // position has as many paths as the others.
  const steps = stepTable(bigram);
  let prevOptions: readonly number[] = NO_LETTER;
  let prevKey = 0; // a digit without letters: before the first position
  let paths = 1;
  for (let p = 0; p <= n; p++) {
    const key = p < n ? digits.charCodeAt(p) - DIGIT_0 : 0; // past the end: a digit without letters
    const here = optionsAt(key);
    const states = prevOptions.length;
    const prevBase = (p - 1) * STATES;
    const pair = (prevKey * 10 + key) * STATES * STATES;
    let written = 0;
    for (let o = 0; o < here.length; o++) {
      letterOf[p * STATES + o] = key > 1 ? here[o]! : -1;
      const at = (p * STATES + o) * STRIDE;
      if (p === 0) {
        cost[at] = steps[pair + o]!;
        cost[at + 1] = END;
        fromState[at] = 0;
        fromRank[at] = 0;
        written = 1;
        continue;
      }
      for (let state = 0; state < states; state++) {
        listStart[state] = (prevBase + state) * STRIDE;
        stepOf[state] = steps[pair + state * STATES + o]!;
      }
      written = mergeCheapest(at, k, states);
    }
    paths = written;
    prevOptions = here;
    prevKey = key;
  }

  const out: Lettering[] = [];
  const end = n * STATES * STRIDE;
  for (let e = 0; e < paths; e++) {
    const letters = new Array<number>(n);
    let o = fromState[end + e]!;
    let r = fromRank[end + e]!;
    for (let p = n - 1; p >= 0; p--) {
      letters[p] = letterOf[p * STATES + o]!;
      const at = (p * STATES + o) * STRIDE + r;
      o = fromState[at]!;
      r = fromRank[at]!;
    }
    out.push({ letters, bits: cost[end + e]! / BIGRAM_SCALE });
  }
  return out;
}

const NO_LETTER: readonly number[] = [BOUNDARY];

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** Letter indexes (0 = A) as capitals: [11, 0, 11] is "LAL". */
export function spell(letters: readonly number[]): string {
  let run = "";
  for (const letter of letters) run += ALPHABET[letter];
  return run;
}

// The merge's inputs, per previous state: where its sorted list of paths starts, what its
// letter pair to this cell costs, and how far the merge has read it.
const listStart = new Int32Array(STATES);
const stepOf = new Int32Array(STATES);
const head = new Int32Array(STATES);

// Merges the previous position's lists (each sorted, each shifted by its letter pair's cost)
// into the k cheapest paths of the cell at `at`. Equal costs go to the lower state, then the
// lower rank (keypad order), so ties depend on nothing but the digits. Each list ends in END,
// so an exhausted one never wins. Returns how many paths the cell has.
function mergeCheapest(at: number, k: number, states: number): number {
  for (let state = 0; state < states; state++) head[state] = 0;
  let written = 0;
  for (; written < k; written++) {
    let best = -1;
    let bestCost = END;
    for (let state = 0; state < states; state++) {
      const c = cost[listStart[state]! + head[state]!]! + stepOf[state]!;
      if (c < bestCost) {
        best = state;
        bestCost = c;
      }
    }
    if (best < 0) break;
    cost[at + written] = bestCost;
    fromState[at + written] = best;
    fromRank[at + written] = head[best]!++;
  }
  cost[at + written] = END;
  return written;
}

// The cost of `letter` after `prev`; nothing between two digits that stay.
function stepCost(bigram: Uint8Array, prev: number, letter: number): number {
  return prev === BOUNDARY && letter === BOUNDARY ? 0 : bigram[prev * BIGRAM_SIZE + letter]!;
}

// The letters on a digit's key, or a run boundary for 0 and 1.
function optionsAt(digit: number): readonly number[] {
  const letters = OPTIONS[digit]!;
  return letters.length > 0 ? letters : NO_LETTER;
}

// The letter pairs' costs for every pair of keys, worked out once per bigram table:
// [((prevDigit * 10 + digit) * STATES + prevState) * STATES + state]. 0 and 1 have one state
// (a run boundary), which also stands for the start and the end.
let stepsFor: Uint8Array | undefined;
let stepsTable = new Int32Array(0);
function stepTable(bigram: Uint8Array): Int32Array {
  if (stepsFor === bigram) return stepsTable;
  stepsTable = new Int32Array(100 * STATES * STATES);
  for (let prev = 0; prev < 10; prev++) {
    for (let digit = 0; digit < 10; digit++) {
      const before = optionsAt(prev);
      const here = optionsAt(digit);
      for (let s = 0; s < before.length; s++) {
        for (let o = 0; o < here.length; o++)
          stepsTable[((prev * 10 + digit) * STATES + s) * STATES + o] = stepCost(bigram, before[s]!, here[o]!);
      }
    }
  }
  stepsFor = bigram;
  return stepsTable;
}
