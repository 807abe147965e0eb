// Filler letters for digits no word fits: the most pronounceable letters the digits allow,
// by a letter-pair model of English built with the dictionary (see bigramCosts in
// scripts/build-dictionary.ts). Deterministic: the same digits always give the same letters.
import { BIGRAM_SIZE, type Dictionary } from "./dictionary.js";
import { KEYPAD } from "./keypad.js";

const BOUNDARY = 26;
const OPTIONS: number[][] = Array.from({ length: 10 }, (_, d) =>
  [...(KEYPAD[String(d)] ?? "")].map((ch) => ch.charCodeAt(0) - 65),
);

interface Path {
  cost: number;
  letters: number[]; // letter index per position, -1 where the digit stays
}

/**
 * Up to `limit` distinct letter choices for `digits`, most pronounceable first. Every digit
 * 2-9 becomes a letter; 0 and 1 stay digits and break the letters into runs.
 */
export function pronounceableLetters(dict: Dictionary, digits: ArrayLike<number>, limit: number): number[][] {
  // k-best Viterbi: for each letter the current position may take, the best paths ending in it.
  let states: { letter: number; paths: Path[] }[] = [{ letter: BOUNDARY, paths: [{ cost: 0, letters: [] }] }];
  for (let p = 0; p < digits.length; p++) {
    const options = OPTIONS[digits[p]!]!;
    if (options.length === 0) {
      // A digit that stays: close every run, then carry on from a boundary.
      const paths = states.flatMap((s) =>
        s.paths.map((path) => ({ cost: path.cost + close(dict, s.letter), letters: [...path.letters, -1] })),
      );
      states = [{ letter: BOUNDARY, paths: best(paths, limit) }];
      continue;
    }
    states = options.map((letter) => {
      const paths = states.flatMap((s) =>
        s.paths.map((path) => ({
          cost: path.cost + dict.bigram[s.letter * BIGRAM_SIZE + letter]!,
          letters: [...path.letters, letter],
        })),
      );
      return { letter, paths: best(paths, limit) };
    });
  }
  const finished = states.flatMap((s) => s.paths.map((path) => ({ cost: path.cost + close(dict, s.letter), letters: path.letters })));
  return best(finished, limit).map((path) => path.letters);
}

function close(dict: Dictionary, letter: number): number {
  return letter === BOUNDARY ? 0 : dict.bigram[letter * BIGRAM_SIZE + BOUNDARY]!;
}

// Stable: equal costs keep their order, which follows keypad order.
function best(paths: Path[], limit: number): Path[] {
  return paths.sort((a, b) => a.cost - b.cost).slice(0, limit);
}
