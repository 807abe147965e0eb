import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import fc from "fast-check";
import { getExampleNumber, getCountries } from "libphonenumber-js/max";
import examples from "libphonenumber-js/mobile/examples";
import { describe, expect, it } from "vitest";
import { findVanityNumbers, PhoneNumberError, type VanityNumber } from "./index.js";
import { dialDigits } from "./keypad.js";
import { firstNames, placeNames } from "../../scripts/dictionary/sources.js";
import { CHANCE_FIT, getDictionary } from "./dictionary.js";
import { isPronounceable } from "./fillers.js";
import { explainWords } from "./explain.js";
import { isImperative, knownPairFit, unheardCost, wordPart } from "./score.js";
import { findWord, searchWords } from "./search.js";

const require = createRequire(import.meta.url);

// Valid North American numbers: NPA and NXX start with 2-9; libphonenumber-js has the last word.
const northAmerican = fc
  .tuple(fc.integer({ min: 200, max: 999 }), fc.integer({ min: 200, max: 999 }), fc.integer({ min: 0, max: 9999 }))
  .map(([npa, nxx, line]) => `+1${npa}${nxx}${String(line).padStart(4, "0")}`)
  .filter(isValid);

function isValid(input: string): boolean {
  try {
    findVanityNumbers(input);
    return true;
  } catch (error) {
    if (error instanceof PhoneNumberError) return false;
    throw error;
  }
}

const displays = (input: string) => findVanityNumbers(input).vanity.map((v) => v.display);

describe("findVanityNumbers: known numbers", () => {
  it("gives 1-800-FLOWERS first for +18003569377", () => {
    expect(displays("+18003569377")[0]).toBe("1-800-FLOWERS");
  });

  it("finds phrases of common words: 1-800-GOT-JUNK", () => {
    expect(displays("+18004685865")[0]).toBe("1-800-GOT-JUNK");
  });

  it("keeps the exchange as digits when only the line spells a word: 1-303-555-CAKE", () => {
    expect(displays("+13035552253")).toContain("1-303-555-CAKE");
  });

  it("keeps one word and its digits rather than split words by digits: MOB-9923, not MOB-9-WAD", () => {
    expect(displays("+16726629923")[0]).not.toBe("1-672-MOB-9-WAD");
    expect(displays("+16726629923")).toContain("1-672-MOB-9923");
  });

  it("reads a 2 between a word and itself as 'to': 1-877-VET-2-VET", () => {
    const [first] = findVanityNumbers("+18778382838").vanity;
    expect(first!.display).toBe("1-877-VET-2-VET");
    expect(first!.explanation.parts.map((p) => p.what)).toContain('VET again after a 2 read as "to"');
  });

  it("explains in plain English, one letter and one digit in the singular: 1-800-3-I-GUESS", () => {
    const guess = findVanityNumbers("+18003448377").vanity.find((v) => v.display === "1-800-3-I-GUESS");
    const { parts, digitsKept } = guess!.explanation;
    expect(parts.map((p) => p.what)).toContain("I: a common word of 1 letter (Zipf 4.6)");
    expect(parts.map((p) => p.what)).toContain("I GUESS: words side by side, pronoun + verb, a known phrase (1.00)");
    expect(digitsKept).toBe(1);
  });

  it("puts a filler word only where people say it: 1-877-43-THEFT, not IF-THEFT; 1-719-26-MATES, not AN-MATES", () => {
    expect(displays("+18774384338")[0]).toBe("1-877-43-THEFT");
    expect(displays("+17192662837")[0]).toBe("1-719-26-MATES");
  });

  it("reads a verb before what it acts on as a phrase: 1-888-ENJOY-IN over ENJOY-46, 1-251-79-BET-ON over 79-BE-TOO", () => {
    const [enjoyIn] = findVanityNumbers("+18883656946").vanity;
    expect(enjoyIn!.display).toBe("1-888-ENJOY-IN");
    expect(enjoyIn!.explanation.parts.map((p) => p.what)).toContain(
      "ENJOY IN: words side by side, verb + preposition, a verb and what it acts on, a pair people say",
    );
    expect(displays("+12517923866")[0]).toBe("1-251-79-BET-ON");
  });

  it("keeps digits rather than pair an adverb with a noun (1-825-487-MAN-0, not 4-UP-MAN-0) or open with a conjunction (1-319-67-SON-12, not OR-SON)", () => {
    expect(displays("+18254876260")[0]).toBe("1-825-487-MAN-0");
    expect(displays("+13196776612")[0]).toBe("1-319-67-SON-12");
    expect(displays("+18162632229")[0]).toBe("1-816-263-BABY");
  });

  it("opens a phrase with SO but never ends one with it: 1-847-JOBS-605, not JOB-SO-05 ('my job, so…')", () => {
    const heard = findVanityNumbers("+18475627605").vanity.map((v) => v.display);
    expect(heard[0]).toBe("1-847-JOBS-605");
    expect(heard).not.toContain("1-847-JOB-SO-05");
  });

  it("never ends a phrase with a subject pronoun, nor offers one alone: 1-706-9-SPOT-93, not SPOT-WE; no 1-949-SHE-1499", () => {
    expect(displays("+17069776893")).not.toContain("1-706-9-SPOT-WE");
    expect(displays("+18776394315")).not.toContain("1-877-NEW-HE-15");
    const she = findVanityNumbers("+19497431499").vanity.find((v) => v.display === "1-949-SHE-1499");
    expect(she?.words ?? []).toEqual([]); // at most as filler letters, spelled out
  });

  it("puts a verb after I, WE, HE, SHE or THEY, one that agrees (WE-CARE; not I-WHEN, WE-NEW, WE-WAS or HE-MIND)", () => {
    expect(displays("+17854943600")).not.toContain("1-785-I-WHEN-00");
    expect(displays("+13259363943")).not.toContain("1-325-WE-NEW-43");
    expect(displays("+13656093927")).not.toContain("1-365-60-WE-WAS"); // BE, HAVE and DO only in pairs said (I-AM)
    expect(displays("+18584436463")).not.toContain("1-858-4-HE-MIND");
    const care = findVanityNumbers("+14155932273").vanity.find((v) => v.display === "1-415-5-WE-CARE"); // CARE is a noun and often a verb
    expect(care?.explanation.parts.map((p) => p.what)).toContain("WE CARE: words side by side, pronoun + noun or verb, a pair people say");
  });

  it("puts no noun after YOU or IT unless the pair is said (YOU-GUYS, YOU-CARE; not IT-GAS: IT is no acronym here)", () => {
    expect(displays("+14159684897")[0]).toBe("1-415-YOU-GUYS");
    expect(displays("+14159682273")[0]).toBe("1-415-YOU-CARE");
    expect(displays("+13214842700")).not.toContain("1-321-IT-GAS-00");
  });

  it("pairs two words no corpus says together more often than chance only in a vanity phrase's shape (GOT-JUNK, FIX-ROAD, BETS-OFF; not EYE-WOVE, DISC-MAD, YES-LIST, IVY-GROW or DAY-UP)", () => {
    expect(displays("+15303939683")).not.toContain("1-530-EYE-WOVE"); // noun + past verb: a clause, not a name for a number
    expect(displays("+19033472623")).not.toContain("1-903-DISC-MAD"); // noun + adjective
    expect(displays("+17479375478")).not.toContain("1-747-YES-LIST"); // adverb + noun
    expect(displays("+14014894769")).not.toContain("1-401-IVY-GROW"); // noun + verb
    expect(displays("+16125332987")).not.toContain("1-612-53-DAY-UP"); // noun + adverb, a pair said less often than chance
    expect(displays("+19719836729")).not.toContain("1-971-9-TEN-SAY"); // number + verb, the same
    expect(displays("+18004685865")[0]).toBe("1-800-GOT-JUNK"); // past verb + noun
    expect(displays("+18882387633")[0]).toBe("1-888-BETS-OFF"); // a verb too + adverb
    expect(displays("+18003497623")).toContain("1-800-FIX-ROAD"); // verb + noun
  });

  it("takes a verb that is often a noun as one after an article: 1-406-469-A-FIX, 1-212-555-A-HUG; not AT-LOOK", () => {
    expect(displays("+14064692349")).toContain("1-406-469-A-FIX");
    expect(displays("+12125552484")).toContain("1-212-555-A-HUG");
    expect(displays("+14692856656")[0]).toBe("1-469-28-LOOK-6"); // not after a preposition: AT-LOOK needs an article
  });

  it("puts an article, a possessive or a preposition only before a noun phrase or in a pair said as one (A-OK-COOL, A-GANG; not A-NOW, AN-TWO, TRY-A-SIT, MY-OUT, BY-YET or DID-NICK)", () => {
    expect(displays("+14052993890")).not.toContain("1-405-BY-YET-90");
    expect(displays("+18495328879")).not.toContain("1-849-53-AT-TRY");
    expect(displays("+18192966493")).not.toContain("1-819-A-WON-493");
    expect(displays("+18055463355")).not.toContain("1-805-5-IN-FELL");
    expect(displays("+13106968854")).not.toContain("1-310-MY-OUT-54"); // a possessive too
    expect(displays("+19473436425")).not.toContain("1-947-DID-NICK"); // and a form of BE, HAVE or DO takes no noun unless the pair is said (HAVE-FUN)
    expect(displays("+14646994530")[0]).toBe("1-464-69-WILD-0"); // and with an adjective it waits for a noun
    expect(displays("+14694126692")).not.toContain("1-469-41-A-NOW-2");
    expect(displays("+17192689600")).not.toContain("1-719-AN-TWO-00");
    expect(displays("+19408792748")).not.toContain("1-940-TRY-A-SIT");
    expect(displays("+17072652665")).toContain("1-707-A-OK-COOL");
    expect(displays("+18434424264")).toContain("1-843-44-A-GANG");
  });

  it("puts a past verb after THE only where the language model hears it as a noun (THE-LOST, THE-FED; not THE-SENT, THE-WENT or THE-KNEW)", () => {
    expect(displays("+18008435678")[0]).toBe("1-800-THE-LOST");
    expect(displays("+12128433331")).toContain("1-212-THE-FED-1");
    expect(displays("+12128437368")).not.toContain("1-212-THE-SENT");
    expect(displays("+12128439368")).not.toContain("1-212-THE-WENT");
    expect(displays("+12128435639")).not.toContain("1-212-THE-KNEW");
  });

  it("never leaves an article and an adjective without a noun: 1-415-2-BIG-140, not A-BIG-140; 1-425-843-TRUE, not THE-TRUE", () => {
    const big = findVanityNumbers("+14152244140").vanity.map((v) => v.display);
    expect(big[0]).toBe("1-415-2-BIG-140");
    expect(big).not.toContain("1-415-A-BIG-140");
    expect(findVanityNumbers("+14258438783").vanity.map((v) => v.display)).not.toContain("1-425-THE-TRUE");
  });

  it("starts no phrase with a word that continues one: 1-835-63-VIEW-4, not OF-VIEW-4; 1-201-47-SAD-65, not IS-SAD-65", () => {
    expect(findVanityNumbers("+18356384394").vanity[0]!.display).toBe("1-835-63-VIEW-4");
    expect(displays("+12014772365")).toContain("1-201-47-SAD-65");
    expect(displays("+12014772365")).not.toContain("1-201-IS-SAD-65");
  });

  it("puts a word with a bad meaning after a neutral one that fits nearly as well: 1-715-399-RAIN, then PAIN; 1-585-RAFT-422, not SAD-8422", () => {
    expect(displays("+17153997246").slice(0, 2)).toEqual(["1-715-399-RAIN", "1-715-399-PAIN"]);
    expect(displays("+15857238422")[0]).toBe("1-585-RAFT-422");
  });

  it("never writes A before a vowel: 1-916-780-2-EYE, and no 1-916-780-A-EYE", () => {
    const heard = findVanityNumbers("+19167802393").vanity.map((v) => v.display);
    expect(heard).toContain("1-916-780-2-EYE");
    expect(heard).not.toContain("1-916-780-A-EYE");
  });

  it("allows a word plus a digit: 1-866-TOWING-1", () => {
    expect(displays("+18668694641")).toContain("1-866-TOWING-1");
  });

  it("reads the input the way people type it", () => {
    expect(displays("(800) 356-9377")).toEqual(displays("+18003569377"));
    expect(findVanityNumbers("800.356.9377").e164).toBe("+18003569377");
  });

  it("writes other countries from their E.164 form", () => {
    const { e164, vanity } = findVanityNumbers("+442079460958");
    expect(e164).toBe("+442079460958");
    for (const v of vanity) expect(v.display).toMatch(/^\+44-20-/);
  });

  it("uses a word in the area code when the last seven digits hold none: 1-GET-305-5309, not filler letters", () => {
    const [first, second] = findVanityNumbers("+14383055309").vanity;
    expect(first!.display).toBe("1-GET-305-5309");
    expect(first!.words).toEqual(["GET"]);
    expect(first!.explanation.parts.map((p) => p.what)).toContain("the last word ends its group");
    expect(second!.words).toEqual([]);
  });

  it("fills up with pronounceable letters when no word fits", () => {
    const { vanity } = findVanityNumbers("+13032000000");
    expect(vanity).toHaveLength(5);
    expect(vanity.every((v) => v.words.length === 0)).toBe(true);
  });

  it("fills at another place before it offers a third lettering of one place: 1-920-492-0-JUD, then 1-920-IZA-0583", () => {
    const heard = findVanityNumbers("+19204920583").vanity.slice(0, 3);
    const places = new Set(heard.map((v) => v.display.replace(/[A-Z]/g, "x")));
    expect(heard.every((v) => v.words.length === 0)).toBe(true);
    expect(places.size).toBeGreaterThan(1);
  });

  it("prefers a vowel where the keypad offers one", () => {
    // 2-6-3: pronounceable letters beat consonant soup (a vowel from 2, 6 or 3 in every result).
    const { vanity } = findVanityNumbers("+13032000263");
    for (const v of vanity.filter((x) => x.words.length === 0)) expect(v.display).toMatch(/[AEIOU]/);
  });

  it("rejects bad input with a typed error and never makes a result up", () => {
    for (const input of ["", "anonymous", "+1800FLOWERS", "123", "+18001111111", "not a number"]) {
      expect(() => findVanityNumbers(input)).toThrow(PhoneNumberError);
    }
  });

  it("rejects an out-of-range letter count", () => {
    expect(() => findVanityNumbers("+18003569377", { letterDigits: 0 })).toThrow(RangeError);
    expect(displays("+18003569377")).not.toEqual(findVanityNumbers("+18003569377", { letterDigits: 4 }).vanity.map((v) => v.display));
    for (const v of findVanityNumbers("+18003569377", { letterDigits: 4 }).vanity) {
      expect(v.display.startsWith("1-800-356-") || /^1-800-35-?6/.test(v.display) || v.words.length === 0).toBe(true);
    }
  });
});

describe("findVanityNumbers: for every valid number", () => {
  const check = (input: string) => {
    const { e164, vanity } = findVanityNumbers(input);
    expect(vanity).toHaveLength(5);
    expect(new Set(vanity.map((v) => v.display)).size).toBe(5);
    for (const v of vanity) expect(dialDigits(v.display)).toBe(e164.slice(1));
    // Groups of digits and capital letters; the command line writes them into JSON unescaped.
    for (const v of vanity) expect(v.display).toMatch(/^\+?[0-9A-Z]+(-[0-9A-Z]+)*$/);
    expect(findVanityNumbers(input).vanity.map((v) => v.display)).toEqual(vanity.map((v) => v.display));
  };

  it("North America: five distinct results, each dials the number, the same every time", () => {
    fc.assert(fc.property(northAmerican, check), { numRuns: 300 });
  });

  it("every country libphonenumber-js has an example number for", () => {
    let checked = 0;
    for (const country of getCountries()) {
      const example = getExampleNumber(country, examples);
      if (!example?.isValid()) continue;
      check(example.number);
      checked++;
    }
    expect(checked).toBeGreaterThan(200);
  });

  it("numbers whose most pronounceable letters spelled a blocked term still get five", () => {
    // Found by bench:pages among 100,000 random numbers: every best filler held "SM".
    for (const input of ["+12065760761", "+14047615761"]) check(input);
  });

  it("numbers of 0s and 1s with only a few letter digits still get five", () => {
    for (const input of ["+12122000000", "+12122001111", "+18002000000", "+19072000101"]) if (isValid(input)) check(input);
  });
});

describe("findVanityNumbers: never offensive", () => {
  // Blocked terms from the sources, independent of the built dictionary.
  const naughty = (require("naughty-words/en.json") as string[]).map((t) => t.toUpperCase().replace(/[^A-Z]/g, ""));
  const ours = readFileSync(new URL("../../scripts/blocklist.txt", import.meta.url), "utf8")
    .split("\n")
    .filter((l) => l.trim() && !l.startsWith("#"))
    .map((t) => t.toUpperCase().trim());
  const blocked = [...new Set([...naughty, ...ours])].filter((t) => t.length >= 3 && t.length <= 7);
  const digitsOf = (t: string) => dialDigits(t);

  function offends(v: VanityNumber, term: string): boolean {
    const groups = v.display.split("-");
    if (v.words.length === 0) return groups.some((g) => g.includes(term)); // filler letters: nowhere
    // Words: not a blocked word, nor blocked words side by side (a term inside one real word,
    // like CLASS, is that word).
    for (let a = 0; a < groups.length; a++) {
      let joined = "";
      for (let b = a; b < groups.length && /^[A-Z]+$/.test(groups[b]!); b++) {
        joined += groups[b];
        if (joined === term) return true;
      }
    }
    return false;
  }

  it("offers no blocked term, even on a number that spells it", () => {
    let numbers = 0;
    for (const term of blocked) {
      const digits = digitsOf(term).padStart(7, "2");
      const input = `+1303${digits}`;
      if (!isValid(input)) continue;
      numbers++;
      for (const v of findVanityNumbers(input).vanity) expect(offends(v, term), `${v.display} for ${term}`).toBe(false);
    }
    expect(numbers).toBeGreaterThan(200);
  });

  it("offers no blocked term in the area code either, where words go when the last seven digits hold none", () => {
    let numbers = 0;
    for (const term of blocked.filter((t) => t.length === 3)) {
      const input = `+1${digitsOf(term)}2000000`;
      if (!isValid(input)) continue;
      numbers++;
      for (const v of findVanityNumbers(input).vanity) expect(offends(v, term), `${v.display} for ${term}`).toBe(false);
    }
    expect(numbers).toBeGreaterThan(5);
  });

  it("never offers KKK over 555", () => {
    for (const input of ["+13035550000", "+13035555555", "+18005551234", "+12125550199"]) {
      for (const v of findVanityNumbers(input).vanity) expect(v.display).not.toContain("KKK");
    }
  });
});

describe("findVanityNumbers: real words only", () => {
  const english = new Set(
    readFileSync(require.resolve("english-words/english-words.txt"), "utf8")
      .split("\n")
      .map((w) => w.toLowerCase()),
  );
  const proper = new Set([...firstNames(), ...placeNames()]);
  it("uses english-words entries, first names and place names, and the common two-letter words", () => {
    fc.assert(
      fc.property(northAmerican, (input) => {
        for (const v of findVanityNumbers(input).vanity) {
          for (const word of v.words) {
            const w = word.toLowerCase();
            expect(word.length === 2 || english.has(w) || proper.has(w), word).toBe(true);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  const words = (n: string) => findVanityNumbers(n).vanity.flatMap((v) => v.words);
  it("never offers a word no usage source has seen (RELAID, THROE), nor a name list's acronym or half of a place name (RICA)", () => {
    expect(words("+14137352434")).not.toContain("RELAID");
    expect(words("+12034884763")).not.toContain("THROE");
    expect(words("+17145627422")).not.toContain("RICA");
    expect(words("+17145627422")).toContain("JOBS");
  });

  it("never offers a form English no longer uses as a word (THY, ERE, UNTO)", () => {
    expect(words("+12185561849")).not.toContain("THY");
    expect(words("+14147351373")).not.toContain("ERE");
    expect(words("+18048686426")).not.toContain("UNTO");
    expect(words("+18048686426")).toContain("HAM");
  });

  it("a name that is an everyday word too (FORD, WELLS) counts as the word, not as a name; NICOLE is a name", () => {
    const what = (input: string, display: string) =>
      findVanityNumbers(input)
        .vanity.find((v) => v.display === display)
        ?.explanation.parts.map((p) => p.what)
        .join("; ");
    expect(what("+18003923673", "1-800-392-FORD")).toMatch(/FORD: a common word/);
    expect(what("+18008693557", "1-800-TO-WELLS")).toMatch(/WELLS: a \w+ word/);
    expect(what("+13128642653", "1-312-8-NICOLE")).toMatch(/NICOLE: a \w+ first name/);
  });

  it("knows common first names that the subtitle counts leave out, from the language model (NICOLE, ETHAN)", () => {
    const displays = (n: string) => findVanityNumbers(n).vanity.map((v) => v.display);
    expect(displays("+13128642653")).toContain("1-312-8-NICOLE");
    expect(displays("+12065438426")).toContain("1-206-54-ETHAN");
  });
});

describe("no noise", () => {
  // Words that open a phrase and cannot end one (SO-WET; after a word, SO starts a clause: JOB-SO).
  const OPENERS = ["A", "I", "AN", "THE", "MY", "OUR", "YOUR", "THEIR", "AND", "OR", "NOR", "OF", "SO", "WE", "HE", "SHE", "THEY"];
  // Words that continue a phrase and cannot start one (LOT-OF-FUN, CALL-ME; not OF-VIEW, IS-SAD, ME-GOT).
  const CONTINUERS = ["OF", "AND", "OR", "NOR", "IS", "ARE", "AM", "WAS", "WERE", "HAS", "ME", "HIM", "THEM"];
  const groups = (display: string) => display.split("-").slice(1);
  const letterGroups = (display: string) => groups(display).filter((g) => /[A-Z]/.test(g));

  it("word results: every letter run is words, a short word always beside a longer one, never alone between digits, A, THE, OUR, OF… before a word, OF, IS, ME… after one, no A before a vowel", () => {
    fc.assert(
      fc.property(northAmerican, (input) => {
        for (const v of findVanityNumbers(input).vanity.filter((x) => x.words.length > 0)) {
          // Each group of letters is one word, and the groups a run is made of stand side by side.
          expect(letterGroups(v.display)).toEqual([...v.words]);
          const g = groups(v.display);
          for (let i = 0; i < g.length; i++) {
            if (!/^[A-Z]+$/.test(g[i]!)) continue;
            let run = i;
            while (run + 1 < g.length && /^[A-Z]+$/.test(g[run + 1]!)) run++;
            const words = g.slice(i, run + 1);
            expect(
              words.some((w) => w.length >= 3),
              `${v.display}: a run of short words only`,
            ).toBe(true);
            expect(OPENERS, `${v.display}: a phrase's opening word with no word after it`).not.toContain(words.at(-1));
            expect(CONTINUERS, `${v.display}: a word that continues a phrase with no word before it`).not.toContain(words[0]);
            words.slice(1).forEach((w, j) => expect(words[j] === "A" && /^[AEI]/.test(w), `${v.display}: A before a vowel`).toBe(false));
            i = run;
          }
          for (const w of v.words) if (w.length === 1) expect(["A", "I"]).toContain(w);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("word results: two words with meaning make a vanity phrase's shape (a verb and what it acts on, or a noun after a noun, an adjective or a number) unless a corpus says them together more often than chance", () => {
    const VERBS = ["verb", "past verb", "-ing verb"];
    const NOUNS = ["noun", "plural noun", "name"];
    const CONTENT = [...VERBS, ...NOUNS, "adjective", "adverb", "number"];
    const shaped = (a: string, b: string) =>
      (VERBS.includes(a) && [...NOUNS, "adjective", "adverb", "number"].includes(b)) ||
      ([...NOUNS, "adjective", "number"].includes(a) && NOUNS.includes(b));
    fc.assert(
      fc.property(northAmerican, (input) => {
        for (const v of findVanityNumbers(input).vanity) {
          for (const { what } of v.explanation.parts) {
            const pair = what.match(/^(\S+ \S+): words side by side, ([^,]+) \+ ([^,]+)(.*)$/);
            if (!pair) continue;
            const known = pair[4]!.match(/a known phrase \((\d\.\d\d)\)/);
            if (known && Number(known[1]) > CHANCE_FIT / 255) continue; // a pair a corpus says more often than chance
            const [firsts, seconds] = [pair[2]!.split(" or "), pair[3]!.split(" or ")];
            if (![...firsts, ...seconds].every((tag) => CONTENT.includes(tag))) continue; // a filler word's pair
            expect(
              firsts.some((a) => seconds.some((b) => shaped(a, b))),
              `${v.display}: ${what}`,
            ).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("filler results: one pronounceable run of three or more letters, unless the explanation says which rule gave way", () => {
    fc.assert(
      fc.property(northAmerican, (input) => {
        for (const v of findVanityNumbers(input).vanity.filter((x) => x.words.length === 0)) {
          const runs = letterGroups(v.display);
          if (v.explanation.relaxed) continue;
          expect(runs, v.display).toHaveLength(1);
          expect(runs[0]!.length).toBeGreaterThanOrEqual(3);
          expect(isPronounceable(runs[0]!), v.display).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("no number word a caller would read as digits (1-806-ONE-6440; OH for 0), as a word or inside filler letters", () => {
    const NUMBER_WORDS = "OH ZERO ONE TWO THREE FOUR FIVE SIX SEVEN EIGHT NINE TEN ELEVEN TWELVE TWENTY".split(" ");
    expect(displays("+18066636440")).not.toContain("1-806-ONE-6440");
    fc.assert(
      fc.property(northAmerican, (input) => {
        for (const v of findVanityNumbers(input).vanity) {
          const runs = letterGroups(v.display);
          if (v.words.length > 0) for (const w of runs) expect(NUMBER_WORDS, v.display).not.toContain(w);
          else for (const n of NUMBER_WORDS.filter((n) => n.length >= 3)) expect(runs.join("-"), v.display).not.toContain(n);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("filler results: the second a caller hears is not one letter from the first while another lettering is left (RYM, SWO; not RYM, RYN)", () => {
    const [first, second] = displays("+18047960040");
    expect(first).toBe("1-804-RYM-0040");
    const differ = [...second!].filter((ch, i) => ch !== first![i]).length;
    expect(differ, second).toBeGreaterThan(1);
  });

  it("filler results: a number with one stretch of letter keys still gets five runs of three, the three a caller hears two letters apart (DET, EFT, EDU)", () => {
    const { vanity } = findVanityNumbers("+19413381703"); // only 338 is letter keys in a row
    for (const v of vanity) {
      expect(v.words, v.display).toEqual([]);
      expect(v.explanation.relaxed, v.display).toBeUndefined();
    }
    const heard = vanity.slice(0, 3).map((v) => letterGroups(v.display)[0]!);
    for (const [i, a] of heard.entries()) {
      for (const b of heard.slice(i + 1)) expect([...a].filter((ch, k) => ch !== b[k]).length, `${a} ${b}`).toBeGreaterThan(1);
    }
  });

  it("a common word in the last seven digits: the first result is words and uses it (CAKE, FORK)", () => {
    expect(displays("+13035552253")[0]).toBe("1-303-555-ABLE");
    expect(displays("+13035552253")).toContain("1-303-555-CAKE");
    expect(displays("+12403923675")[0]).toBe("1-240-392-FORK");
  });

  it("numbers of 0s, 1s and 5s: still five, and each says which rule gave way", () => {
    for (const input of ["+12125550000", "+13015550110", "+13042114097"]) {
      const { vanity } = findVanityNumbers(input);
      expect(vanity).toHaveLength(5);
      const relaxed = vanity.filter((v) => v.words.length === 0 && v.explanation.relaxed);
      expect(relaxed.length, input).toBeGreaterThan(0);
      for (const v of relaxed) expect(v.explanation.relaxed).toMatch(/letters?/);
    }
  });
});

describe("the score", () => {
  const dict = getDictionary();
  const wordOf = (text: string) => {
    const word = findWord(dict, text);
    if (word < 0) throw new Error(`${text} is not in the dictionary`);
    return word;
  };

  it("ranks a common word above a rare one of the same length", () => {
    expect(wordPart(dict, wordOf("ABLE"), 4, false)).toBeGreaterThan(wordPart(dict, wordOf("BALD"), 4, false));
  });

  it("an imperative is a pair people say of a verb's base form and a noun or particle (BET-ON, FLIP-UP), not a verb, pronoun or article", () => {
    const pair = (a: string, b: string) => isImperative(dict, wordOf(a), wordOf(b));
    expect([pair("BET", "ON"), pair("FLIP", "UP"), pair("ENJOY", "IN")]).toEqual([true, true, true]);
    const not = [
      pair("BET", "RODE"), // a verb after a verb
      pair("LOSE", "HE"), // a pronoun the verb cannot take (HE-SAID-3: HE never ends a phrase)
      pair("TRY", "A"), // an article
      pair("FIX", "ROAD"), // a pair the language model never has
      pair("FED", "INFO"), // a past verb
    ];
    expect(not).toEqual([false, false, false, false, false]);
  });

  it("an adverb before a noun is a known pair only when strongly said (OFF-ROAD; not UP-MAN, from 'what's up, man')", () => {
    const fit = (a: string, b: string) => knownPairFit(dict, wordOf(a), wordOf(b));
    expect(fit("UP", "MAN")).toBe(0);
    expect(fit("UP", "GUY")).toBe(0);
    expect(fit("OFF", "ROAD")).toBeGreaterThan(0.5);
  });

  it("knows WordNet's hyphenated entries as pairs (TOLL-FREE, BRAND-NEW, A-OK)", () => {
    const fit = (a: string, b: string) => knownPairFit(dict, wordOf(a), wordOf(b));
    expect(fit("TOLL", "FREE")).toBe(1);
    expect(fit("BRAND", "NEW")).toBe(1);
    expect(fit("A", "OK")).toBe(1);
  });

  it("calls a pair rarely said only when it pays for that (WARN-WAY does, two rare words do not)", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[2-9]{7}$/), (digits) => {
        for (const candidate of searchWords(dict, digits, 12).candidates) {
          const lines = explainWords(dict, candidate, digits, [0]).parts.map((p) => p.what);
          candidate.placements.forEach((p, k) => {
            const before = candidate.placements[k - 1];
            if (!before || before.end !== p.start) return;
            const line = lines.find((l) => l.startsWith(`${before.text} ${p.text}: words side by side`))!;
            expect(line.endsWith("a pair people rarely say")).toBe(unheardCost(dict, before.word, p.word) > 0);
          });
        }
      }),
      { numRuns: 200 },
    );
    const warnWay = searchWords(dict, "9276929", 40).candidates.find((c) => c.placements.map((p) => p.text).join("-") === "WARN-WAY");
    expect(warnWay && explainWords(dict, warnWay, "9276929", [0]).parts.some((p) => p.what.endsWith("rarely say"))).toBe(true);
  });

  it("explains each result: the parts add up to its score, and scores never rise down the list (words in the last seven digits, then in the area code)", () => {
    fc.assert(
      fc.property(northAmerican, (input) => {
        const words = findVanityNumbers(input).vanity.filter((v) => v.words.length > 0);
        const inAreaCode = words.map((v) => /^1-[A-Z]/.test(v.display));
        expect(inAreaCode).toEqual([...inAreaCode].sort()); // false (the last seven) before true
        let previous = Infinity;
        words.forEach((v, i) => {
          const { score, parts } = v.explanation;
          expect(Math.abs(parts.reduce((sum, p) => sum + p.points, 0) - score)).toBeLessThan(0.05);
          if (i > 0 && inAreaCode[i] !== inAreaCode[i - 1]) previous = Infinity; // a new search
          expect(score).toBeLessThanOrEqual(previous + 1e-9);
          previous = score;
        });
      }),
      { numRuns: 200 },
    );
  });
});
