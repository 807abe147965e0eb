import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { getDictionary } from "./dictionary.js";
import { MAX_CANDIDATES, MAX_DIGITS, searchWords, type Candidates } from "./search.js";
import { wordText } from "./vanity.js";

// Candidates as text ("GOT@3-6 JUNK@6-10"), copied out before the next search reuses them.
function written(candidates: Candidates): string[] {
  const dict = getDictionary();
  return Array.from({ length: candidates.count }, (_, c) =>
    Array.from({ length: candidates.wordCount[c]! }, (_, k) => {
      const at = c * MAX_DIGITS + k;
      const [start, end] = [candidates.starts[at]!, candidates.ends[at]!];
      return `${wordText(dict, candidates.words[at]!, end - start)}@${start}-${end}`;
    }).join(" "),
  );
}

describe("searchWords", () => {
  // The engine searches for five, and again for more only when a blocked term rules one out.
  it("gives a shorter list as the start of a longer one", () => {
    const dict = getDictionary();
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{1,16}$/), fc.integer({ min: 1, max: MAX_CANDIDATES }), (digits, limit) => {
        const all = written(searchWords(dict, digits, MAX_CANDIDATES).candidates);
        expect(written(searchWords(dict, digits, limit).candidates)).toEqual(all.slice(0, limit));
      }),
      { numRuns: 2000 },
    );
  });

  it("writes every candidate's words over the digits they dial, in order", () => {
    const { candidates } = searchWords(getDictionary(), "4685865", 5); // 1-800-GOT-JUNK
    expect(written(candidates)).toContain("GOT@0-3 JUNK@3-7");
  });
});
