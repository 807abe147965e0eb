import { describe, expect, it } from "vitest";
import { boostWordsOrNone, BoostWordsError, parseBoostWords } from "./boost.js";
import { getDictionary, KIND } from "./dictionary.js";
import { findVanityNumbers } from "./index.js";
import { WEIGHTS, wordPart } from "./score.js";
import { findWord } from "./search.js";

describe("parseBoostWords", () => {
  it("reads a comma-separated list, upper-cases it and adds plurals", () => {
    expect(parseBoostWords(" flowers, Rose,box,party ").map((w) => w.text)).toEqual([
      "FLOWERS",
      "ROSE",
      "ROSES",
      "BOX",
      "BOXES",
      "PARTY",
      "PARTIES",
    ]);
    expect(parseBoostWords("rose")[0]!.digits).toBe("7673");
    expect(parseBoostWords(undefined)).toEqual([]);
    expect(parseBoostWords("")).toEqual([]);
  });

  it("rejects what is not a word, with the reason", () => {
    for (const bad of ["flowers;roses", "x", "r0ses", "abcdefghijk", Array.from({ length: 51 }, () => "rose").join(",")]) {
      expect(() => parseBoostWords(bad)).toThrow(BoostWordsError);
    }
  });
});

describe("boostWordsOrNone", () => {
  it("a bad setting is reported and left out, so a call never fails on it", () => {
    const reported: string[] = [];
    expect(boostWordsOrNone("roses;tulips", (e) => reported.push(e.message))).toEqual([]);
    expect(reported).toHaveLength(1);
    expect(reported[0]).toMatch(/VANITY_BOOST_WORDS/);
    expect(boostWordsOrNone("roses", () => reported.push("no")).map((w) => w.text)).toEqual(["ROSES"]);
    expect(reported).toHaveLength(1);
  });
});

describe("boost words in the engine", () => {
  it("puts a boost word and its plural first where they fit", () => {
    const boost = parseBoostWords("bloom,kwik");
    // BLOOMS dials 256667; KWIK (a brand spelling, not in the dictionary) 5945.
    expect(findVanityNumbers("+12063256667", { boost }).vanity[0]!.display).toBe("1-206-3-BLOOMS");
    expect(findVanityNumbers("+12063335945", { boost }).vanity[0]!.words).toContain("KWIK");
    expect(findVanityNumbers("+12063335945").vanity.flatMap((v) => v.words)).not.toContain("KWIK");
  });

  it("charges a boost word nothing for a bad meaning: a deployment may want DEBT or PAIN", () => {
    const dict = getDictionary();
    const pain = findWord(dict, "PAIN");
    expect(dict.wordKind[pain]! & KIND.GLOOMY).not.toBe(0);
    expect(wordPart(dict, pain, 4, true) - wordPart(dict, pain, 4, false)).toBeCloseTo(WEIGHTS.BOOST * 4 + WEIGHTS.GLOOMY_COST);
  });

  it("puts a boost word first in the area code too, when the last seven digits hold no word", () => {
    expect(findVanityNumbers("+19363055309").vanity[0]!.display).toBe("1-YEN-305-5309");
    expect(findVanityNumbers("+19363055309", { boost: parseBoostWords("zen") }).vanity[0]!.display).toBe("1-ZEN-305-5309");
  });
});
