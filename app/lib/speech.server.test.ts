import { describe, expect, it } from "vitest";
import { spokenText } from "./speech.server";

describe("spokenText (what 'Hear it' reads)", () => {
  const vanity = ["1-800-FLOWERS", "1-800-356-9377", "1-800-FLOWER-7", "1-800-35-LOWER", "1-800-3-KNOWER"];
  const words = [["FLOWERS"], [], ["FLOWER"], ["LOWER"], ["KNOWER"]];

  it("says the three numbers the contact flow reads, as it reads them: a word, then its letters; digits one by one", () => {
    const text = spokenText(vanity, words);
    expect(text).toContain("Here are your vanity numbers.");
    expect(text).toMatch(/Number 1: 1, 8 0 0, flowers, F L O W E R S/);
    expect(text).toMatch(/Number 2: 1, 8 0 0, 3 5 6, 9 3 7 7/);
    expect(text).toContain("Number 3:");
    expect(text).not.toContain("Number 4");
    expect(text).not.toMatch(/[<>]/); // text, not SSML
  });

  it("spells the letters of a stored record without words", () => {
    expect(spokenText(["1-800-FLOWERS"])).toMatch(/Number 1: 1, 8 0 0, F L O W E R S/);
  });
});
