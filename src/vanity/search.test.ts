import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { getDictionary } from "./dictionary.js";
import { dialDigits } from "./keypad.js";
import { searchWords, SearchScratch } from "./search.js";

const written = (digits: string, limit: number, scratch = new SearchScratch()) =>
  searchWords(getDictionary(), digits, limit, { scratch }).candidates.map((c) =>
    c.placements.map((p) => `${p.text}@${p.start}-${p.end}`).join(" "),
  );

describe("searchWords", () => {
  it("gives a shorter list as the start of a longer one", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{1,10}$/), fc.integer({ min: 1, max: 12 }), (digits, limit) => {
        expect(written(digits, limit)).toEqual(written(digits, 12).slice(0, limit));
      }),
      { numRuns: 1000 },
    );
  });

  it("places every word over the digits it dials, in order, without overlap", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{1,10}$/), (digits) => {
        for (const { placements } of searchWords(getDictionary(), digits, 12).candidates) {
          let at = 0;
          for (const p of placements) {
            expect(p.start).toBeGreaterThanOrEqual(at);
            expect(dialDigits(p.text)).toBe(digits.slice(p.start, p.end));
            at = p.end;
          }
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("a later search on the same scratch state leaves an earlier result as it was", () => {
    const scratch = new SearchScratch();
    const first = searchWords(getDictionary(), "4685865", 5, { scratch });
    const copy = JSON.stringify(first.candidates);
    searchWords(getDictionary(), "3569377", 5, { scratch });
    expect(JSON.stringify(first.candidates)).toBe(copy);
    expect(written("4685865", 5)).toContain("GOT@0-3 JUNK@3-7");
  });

  it("puts boost words first wherever they fit, even one the dictionary lacks", () => {
    const boost = [
      { text: "ROSES", digits: "76737" },
      { text: "KWIK", digits: "5945" },
    ];
    const roses = searchWords(getDictionary(), "2276737", 3, { boost }).candidates[0]!;
    expect(roses.placements.map((p) => p.text)).toContain("ROSES");
    const kwik = searchWords(getDictionary(), "3335945", 3, { boost }).candidates[0]!;
    expect(kwik.placements.map((p) => p.text)).toContain("KWIK");
  });
});
