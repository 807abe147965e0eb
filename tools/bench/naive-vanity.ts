// The naive generator the seed used, kept only as the benchmark's yardstick: every letter
// combination of the last seven digits, each checked against a word set, the five with the
// longest word kept. Exponential in the digits (up to 4^7 = 16,384 strings a number).
import { KEYPAD } from "../../src/vanity/keypad.js";

export function naiveVanity(nationalNumber: string, words: ReadonlySet<string>, letterDigits = 7): string[] {
  const head = nationalNumber.slice(0, -letterDigits);
  const tail = nationalNumber.slice(-letterDigits);
  let combos = [""];
  for (const digit of tail) {
    const letters = KEYPAD[digit] ?? digit;
    combos = combos.flatMap((prefix) => [...letters].map((ch) => prefix + ch));
  }
  const scored = combos.map((combo) => {
    let best = 0;
    for (let i = 0; i < combo.length; i++) {
      for (let j = i + 3; j <= combo.length; j++) if (j - i > best && words.has(combo.slice(i, j))) best = j - i;
    }
    return { combo, best };
  });
  scored.sort((a, b) => b.best - a.best);
  return scored.slice(0, 5).map(({ combo }) => `1-${head}-${combo}`);
}
