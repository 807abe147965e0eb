import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BIGRAM_SCALE, BIGRAM_SIZE, getDictionary } from "./dictionary.js";
import { pronounceableLetters, spell as spellLetters } from "./letters.js";

const spell = (letters: number[]) => letters.map((l) => (l < 0 ? "_" : String.fromCharCode(65 + l))).join("");

describe("spell", () => {
  it("writes letter indexes as capitals, one for each", () => {
    expect(spellLetters([11, 0, 11])).toBe("LAL");
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 25 }), { maxLength: 16 }), (letters) => {
        expect(spellLetters(letters)).toBe(String.fromCharCode(...letters.map((l) => 65 + l)));
      }),
    );
  });
});

describe("pronounceableLetters", () => {
  it("gives distinct letterings, 0 and 1 left as digits, the same every time", () => {
    const dict = getDictionary();
    const first = pronounceableLetters(dict, "5760761", 16).map((l) => spell(l.letters));
    expect(new Set(first).size).toBe(first.length);
    for (const s of first) expect(s).toMatch(/^[JKL][PQRS][MNO]_[PQRS][MNO]_$/);
    expect(pronounceableLetters(dict, "5760761", 16).map((l) => spell(l.letters))).toEqual(first);
  });

  // The engine asks for a few letterings, then for more where the first ones stopped.
  it("gives a shorter list as the start of a longer one", () => {
    const dict = getDictionary();
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{1,16}$/), fc.integer({ min: 1, max: 16 }), (digits, limit) => {
        const all = pronounceableLetters(dict, digits, 16);
        expect(pronounceableLetters(dict, digits, limit)).toEqual(all.slice(0, limit));
      }),
      { numRuns: 2000 },
    );
  });

  it("gives each lettering the cost of its letter pairs in bits, cheapest first", () => {
    const dict = getDictionary();
    const BOUNDARY = BIGRAM_SIZE - 1; // before and after a run of letters
    const pairBits = (letters: number[]) => {
      let sum = 0;
      let prev = BOUNDARY;
      for (const next of [...letters.map((l) => (l < 0 ? BOUNDARY : l)), BOUNDARY]) {
        if (prev !== BOUNDARY || next !== BOUNDARY) sum += dict.bigram[prev * BIGRAM_SIZE + next]!;
        prev = next;
      }
      return sum / BIGRAM_SCALE;
    };
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{1,16}$/), (digits) => {
        const all = pronounceableLetters(dict, digits, 16);
        for (const l of all) expect(l.bits).toBe(pairBits(l.letters));
        all.slice(1).forEach((l, i) => expect(l.bits).toBeGreaterThanOrEqual(all[i]!.bits));
      }),
      { numRuns: 500 },
    );
  });

  it("prefers vowels where the keys have them", () => {
    // 2-8-4: B-U-G beats consonant soup such as C-T-H.
    expect(spell(pronounceableLetters(getDictionary(), "284", 1)[0]!.letters)).toMatch(/[AEIOU]/);
  });
});
