import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BLOCKED, DICTIONARY_VERSION, DictionaryError, getDictionary, KIND, loadDictionary, pairFit, wordText } from "./dictionary.js";
import { dialDigits } from "./keypad.js";

describe("the built dictionary", () => {
  const dict = getDictionary();

  it("is a consistent trie: word ranges in order, children inside the node table, a node's blocked terms after its words", () => {
    const nodes = dict.mask.length;
    expect(dict.nodeWords[nodes]).toBe(dict.wordQ.length);
    let wordAfterBlocked = 0; // the search reads a node's last entry to know whether it has blocked terms
    for (let n = 0; n < nodes; n++) {
      expect(dict.nodeWords[n]! <= dict.nodeWords[n + 1]!).toBe(true);
      if (dict.mask[n]) expect(dict.firstChild[n]! > n && dict.firstChild[n]! < nodes).toBe(true);
      for (let w = dict.nodeWords[n]! + 1; w < dict.nodeWords[n + 1]!; w++) {
        if (dict.wordQ[w - 1] === BLOCKED && dict.wordQ[w] !== BLOCKED) wordAfterBlocked++;
      }
    }
    expect(wordAfterBlocked).toBe(0);
  });

  // The trie node that `digits` dial to.
  const nodeOf = (digits: string) => {
    let node = 0;
    for (const d of digits) {
      const bit = 1 << (Number(d) - 2);
      const mask = dict.mask[node]!;
      expect(mask & bit).not.toBe(0);
      let child = dict.firstChild[node]!;
      for (let b = 1; b < bit; b <<= 1) if (mask & b) child++;
      node = child;
    }
    return node;
  };
  const wordIndex = (text: string) => {
    const node = nodeOf(dialDigits(text));
    for (let w = dict.nodeWords[node]!; w < dict.nodeWords[node + 1]!; w++) if (wordText(dict, w, text.length) === text) return w;
    throw new Error(`${text} is not in the dictionary`);
  };

  it("files FLOWERS under 3569377, ahead of anything rarer, and blocked terms after the words", () => {
    const node = nodeOf("3569377");
    const words = [];
    for (let w = dict.nodeWords[node]!; w < dict.nodeWords[node + 1]!; w++) words.push([wordText(dict, w, 7), dict.wordQ[w]!] as const);
    expect(words[0]![0]).toBe("FLOWERS");
    expect(dict.id).toMatch(new RegExp(`^${DICTIONARY_VERSION}-[0-9a-f]{8}$`));
    const firstBlocked = words.findIndex(([, q]) => q === BLOCKED);
    if (firstBlocked >= 0) expect(words.slice(firstBlocked).every(([, q]) => q === BLOCKED)).toBe(true);
  });

  it("blocks the inflected forms of a blocked term, where every base form WordNet gives is blocked (HOMOS, QUEERS, GAYER; not FATED, from FATE too), and sets apart those of a word offered only alone", () => {
    const blocked = (list: string) => list.split(" ").map((w) => [w, dict.wordQ[wordIndex(w)] === BLOCKED]);
    const all = (list: string, is: boolean) => list.split(" ").map((w) => [w, is]);
    expect(blocked("HOMOS QUEERS MIDGETS LESBIANS HOS GAYER STABBED FATTER")).toEqual(
      all("HOMOS QUEERS MIDGETS LESBIANS HOS GAYER STABBED FATTER", true),
    );
    // Not forms of a blocked term: FATED and FATES are FATE's too, BUTTER and CUNNING no forms of BUTT or CUNN, PRICES PRICE's.
    expect(blocked("FATED FATES BUTTER CUNNING PRICES SPICY")).toEqual(all("FATED FATES BUTTER CUNNING PRICES SPICY", false));
    // Number words, which a caller reads as digits, are blocked; words that hold one are not.
    expect(blocked("ONE SIX TEN ZERO")).toEqual(all("ONE SIX TEN ZERO", true));
    expect(blocked("NONE TONE TENT MONEY SIXTH")).toEqual(all("NONE TONE TENT MONEY SIXTH", false));
    // And a form of a word offered only alone (CRACK, SCREW) is offered only alone too.
    const alone = (list: string) => list.split(" ").map((w) => [w, (dict.wordKind[wordIndex(w)]! & KIND.ALONE) !== 0]);
    expect(alone("CRACKED SCREWED MOLESTED LYNCHING")).toEqual(all("CRACKED SCREWED MOLESTED LYNCHING", true));
  });

  it("marks a verb often used as a count noun, and a noun often used as a verb, from how the corpora tag and say them", () => {
    const kinds = (list: string) => list.split(" ").map((w) => [w, dict.wordKind[wordIndex(w)]! & (KIND.NOUN_TOO | KIND.VERB_TOO)]);
    const all = (list: string, bit: number) => list.split(" ").map((w) => [w, bit]);
    expect(kinds("HUG FIX LAG CALL LOOK")).toEqual(all("HUG FIX LAG CALL LOOK", KIND.NOUN_TOO));
    expect(kinds("CARE ENVY LOVE WORK")).toEqual(all("CARE ENVY LOVE WORK", KIND.VERB_TOO));
    expect(kinds("TRY SEE SIT ROCK AIR BOOK")).toEqual(all("TRY SEE SIT ROCK AIR BOOK", 0)); // the other part of speech in less than a fifth of their uses
    expect(kinds("HELP PAY HATE CAB WAX")).toEqual(all("HELP PAY HATE CAB WAX", 0)); // no one says "a help", "a pay", "I cab" or "I wax" more than chance
  });

  it("marks words with a bad meaning (AFINN valence -2 or lower), not the mildly negative ones some businesses are for", () => {
    const gloomy = (list: string) => list.split(" ").map((w) => [w, (dict.wordKind[wordIndex(w)]! & KIND.GLOOMY) !== 0]);
    const all = (list: string, is: boolean) => list.split(" ").map((w) => [w, is]);
    expect(gloomy("SAD BAD ROB WAR PAIN HURT")).toEqual(all("SAD BAD ROB WAR PAIN HURT", true));
    expect(gloomy("RAFT RAIN PAD CUT LEAK FIGHT")).toEqual(all("RAFT RAIN PAD CUT LEAK FIGHT", false)); // CUT, LEAK and FIGHT are -1
  });
});

describe("known pairs", () => {
  it("are sorted by their second word, so that a lookup can halve its way to it", () => {
    const dict = getDictionary();
    for (let w = 0; w + 1 < dict.pairStart.length; w++) {
      for (let p = dict.pairStart[w]! + 1; p < dict.pairStart[w + 1]!; p++) expect(dict.pairWord[p - 1]! < dict.pairWord[p]!).toBe(true);
    }
    const first = dict.pairStart.findIndex((start, w) => dict.pairStart[w + 1]! > start);
    expect(pairFit(dict, first, dict.pairWord[dict.pairStart[first]!]!)).toBeGreaterThan(0);
  });
});

describe("loadDictionary", () => {
  const dir = mkdtempSync(join(tmpdir(), "vanity-dict-"));

  it("says to run the build when the file is missing", () => {
    expect(() => loadDictionary(join(dir, "missing.bin"))).toThrow(DictionaryError);
    expect(() => loadDictionary(join(dir, "missing.bin"))).toThrow(/npm run build/);
  });

  it("rejects a file that is not a dictionary, or is cut short", () => {
    const junk = join(dir, "junk.bin");
    writeFileSync(junk, "hello");
    expect(() => loadDictionary(junk)).toThrow(/not a vanity dictionary/);
    const real = readFileSync(new URL("./vanity-dictionary.bin", import.meta.url));
    const cut = join(dir, "cut.bin");
    writeFileSync(cut, real.subarray(0, real.length - 100));
    expect(() => loadDictionary(cut)).toThrow(DictionaryError);
  });
});
