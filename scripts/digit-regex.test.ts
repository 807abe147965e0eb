import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DigitRegex, UnsupportedPatternError } from "./digit-regex.js";

// Every pattern in libphonenumber-js's metadata, for every country (not only +1).
const metadataFile = createRequire(import.meta.url).resolve("libphonenumber-js/metadata.max.json");
const patterns = new Set<string>();
const collect = (value: unknown): void => {
  if (typeof value === "string" && /^[\d\\[\](|)?:{},$-]*$/.test(value) && !/\$\d/.test(value)) patterns.add(value);
  else if (Array.isArray(value)) value.forEach(collect);
  else if (value && typeof value === "object") Object.values(value).forEach(collect);
};
collect(JSON.parse(readFileSync(metadataFile, "utf8")));
// The automaton's answers for `digits`: whole match, and whether some prefix matches.
function walk(regex: DigitRegex, digits: string): { whole: boolean; prefix: boolean } {
  let state = 0;
  let prefix = regex.matches(state, digits.length === 0);
  for (let i = 0; i < digits.length; i++) {
    state = regex.step(state, Number(digits[i]));
    prefix ||= regex.matches(state, i === digits.length - 1);
  }
  return { whole: regex.matches(state, true), prefix };
}

describe("DigitRegex", () => {
  it("matches digits exactly as JavaScript's RegExp does, for every pattern in the metadata", () => {
    expect(patterns.size).toBeGreaterThan(700);
    const regexes = [...patterns].map((source) => ({
      ours: new DigitRegex(source),
      whole: new RegExp(`^(?:${source})$`),
      prefix: new RegExp(`^(?:${source})`),
    }));
    fc.assert(
      fc.property(fc.nat({ max: regexes.length - 1 }), fc.stringMatching(/^\d{0,14}$/), (index, digits) => {
        const { ours, whole, prefix } = regexes[index]!;
        expect(walk(ours, digits)).toEqual({ whole: whole.test(digits), prefix: prefix.test(digits) });
      }),
      { numRuns: 20_000 },
    );
  });

  it.each(["a", "\\s", "[^1]", "1*", "1+", "\\d{2,}", "(1", "1)"])("refuses %j rather than misread it", (source) => {
    expect(() => new DigitRegex(source)).toThrow(UnsupportedPatternError);
  });
});
