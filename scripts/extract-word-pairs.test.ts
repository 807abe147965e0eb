import { describe, expect, it } from "vitest";
import { extractLines, readModel } from "./extract-word-pairs.js";
import { languageModel, MAX_PAIR_LETTERS } from "./dictionary/sources.js";

// A sphinxbase trie language model laid out as lm_trie.c writes it, small enough to read by eye.
// Scores are in sphinxbase's units (log base 1.0001); bigrams are grouped by their second word.
const UNIT = Math.log10(1.0001);
const BINS = 1 << 16;
const requiredBits = (max: number) => (max === 0 ? 0 : Math.floor(Math.log2(max)) + 1);

function trieModel(words: string[], unigramLog10: number[], bigrams: [first: string, second: string, log10: number][]): Buffer {
  const vocab = words.length;
  const id = (w: string) => words.indexOf(w);
  const sorted = [...bigrams].sort(([a1, b1], [a2, b2]) => id(b1) - id(b2) || id(a1) - id(a2));
  const trigrams = 2; // records only there to be skipped
  const counts = [vocab, sorted.length, trigrams];
  const header = Buffer.concat([Buffer.from("Trie Language Model", "latin1"), Buffer.from([3])]);
  const countBytes = Buffer.alloc(4 * 3 + 4);
  counts.forEach((n, i) => countBytes.writeUInt32LE(n, 4 * i));
  // Quantizer: bigram probs, bigram backoffs, trigram probs; bin i of the probs is bigram i's.
  const quant = Buffer.alloc(4 * BINS * 3);
  sorted.forEach(([, , log10], i) => quant.writeFloatLE(log10 / UNIT, 4 * i));
  const unigrams = Buffer.alloc(12 * (vocab + 1));
  let next = 0;
  for (let w = 0; w <= vocab; w++) {
    while (next < sorted.length && id(sorted[next]![1]) < w) next++;
    if (w < vocab) unigrams.writeFloatLE(unigramLog10[w]! / UNIT, 12 * w);
    unigrams.writeUInt32LE(next, 12 * w + 8);
  }
  const wordBits = requiredBits(vocab);
  const nextBits = requiredBits(trigrams);
  const recordBits = wordBits + 32 + nextBits;
  const middle = Buffer.alloc(Math.floor(((1 + sorted.length) * recordBits + 7) / 8) + 8);
  const put = (buf: Buffer, bit: number, value: number, length: number) => {
    for (let b = 0; b < length; b++) if ((value >>> b) & 1) buf[(bit + b) >>> 3]! |= 1 << ((bit + b) & 7);
  };
  sorted.forEach(([first], i) => {
    put(middle, i * recordBits, id(first), wordBits);
    put(middle, i * recordBits + wordBits + 16, i, 16); // the prob's bin, after the backoff's
  });
  const longest = Buffer.alloc(Math.floor(((1 + trigrams) * (wordBits + 16) + 7) / 8) + 8);
  const strings = Buffer.from(words.map((w) => `${w}\0`).join(""), "latin1");
  const length = Buffer.alloc(4);
  length.writeInt32LE(strings.length);
  return Buffer.concat([header, countBytes, quant, unigrams, middle, longest, length, strings]);
}

describe("readModel", () => {
  const words = ["</s>", "<s>", "call", "new", "now", "york", "zoo"];
  const unigrams = [-1, -99, -3.5, -3, -2.5, -4, -5];
  const model = readModel(
    trieModel(words, unigrams, [
      ["new", "york", -0.6],
      ["call", "now", -2],
      ["<s>", "call", -3],
      ["new", "zoo", -4.5],
    ]),
  );

  it("reads the words and their unigram scores as log10", () => {
    expect(model.words).toEqual(words);
    expect(model.unigram[words.indexOf("york")]).toBeCloseTo(-4, 3);
  });

  it("reads each pair first word first, with its conditional log10 probability", () => {
    const pairs = [...model.bigrams()].map(([a, b, p]) => [words[a], words[b], Number(p.toFixed(3))]);
    expect(pairs).toEqual(
      expect.arrayContaining([
        ["new", "york", -0.6],
        ["call", "now", -2],
        ["<s>", "call", -3],
        ["new", "zoo", -4.5],
      ]),
    );
    expect(pairs).toHaveLength(4);
  });

  it("keeps plain words and pairs that fit in seven letters, with the pair's lift over chance", () => {
    const lines = extractLines(model);
    expect(lines).toContain("new york\t3.40"); // -0.6 against -4
    expect(lines).toContain("call now\t0.50");
    expect(lines).toContain("york\t5.00"); // Zipf: log10 per billion words
    expect(lines.some((l) => l.includes("<s>") || l.includes("</s>"))).toBe(false);
  });

  it("refuses a file that is not a trie model", () => {
    expect(() => readModel(Buffer.from("\\data\\\nngram 1=3\n"))).toThrow(/not a sphinxbase trie language model/);
  });
});

describe("the committed extract (scripts/dictionary/language-model.tsv.gz)", () => {
  const model = languageModel();

  it("holds everyday words at their commonness", () => {
    expect(model.words.get("the")).toBeGreaterThan(7);
    expect(model.words.get("flowers")!).toBeGreaterThan(3.5);
    expect(model.words.get("flowers")!).toBeLessThan(5);
  });

  it("holds pairs in the order people say them", () => {
    expect(model.pairs.get("new york")).toBeGreaterThan(1);
    expect(model.pairs.get("york new") ?? -Infinity).toBeLessThan(model.pairs.get("new york")!);
    expect(model.pairs.has("war vets")).toBe(true);
    expect(model.pairs.has("are talk")).toBe(false);
  });

  it("holds only pairs of plain words that fit in the seven digits", () => {
    for (const pair of model.pairs.keys()) {
      expect(pair).toMatch(/^[a-z]+ [a-z]+$/);
      expect(pair.length - 1).toBeLessThanOrEqual(MAX_PAIR_LETTERS);
    }
  });
});
