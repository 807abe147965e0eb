// Builds the vanity engine's dictionary (src/vanity/vanity-dictionary.bin, layout in
// src/vanity/dictionary.ts): the words people know, from english-words, with how common each is
// (spoken, written and dictionary-class sources blended), its part of speech, first names and
// place names, the pairs of words known to go together, and the blocked terms. Loading the
// sources takes seconds and some cannot be bundled, so only this build reads them.
//
// Usage: tsx scripts/build-dictionary.ts [--force] [--blend NAME]
//   Skips the work when its inputs are unchanged. --blend (or VANITY_BLEND) picks how the
//   frequency sources are blended, for `npm run eval` to compare (scripts/dictionary/vocabulary.ts).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { BIGRAM_SIZE, builtFrom, encodeDictionary, INPUT_HASH_BYTES, KIND, TAG, ZIPF_SCALE } from "../src/vanity/dictionary.js";
import { letterToDigit } from "../src/vanity/keypad.js";
import { knownPairs, letterPairCosts } from "./dictionary/phrases.js";
import * as sources from "./dictionary/sources.js";
import { BLENDS, buildVocabulary, DEFAULT_BLEND, type Word } from "./dictionary/vocabulary.js";
import { inputHash } from "./input-hash.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const DICTIONARY_PATH = join(root, "src/vanity/vanity-dictionary.bin");

/** Words kept per digit key, best first: the search tries the first few, boost words aside. */
const WORDS_PER_KEY = 8;

const digitsOf = (word: string) => [...word].map((c) => letterToDigit(c.toUpperCase())).join("");

export interface BuildResult {
  path: string;
  built: boolean;
  stats?: Record<string, unknown>;
}

/** The engine's files that decide which five numbers a caller gets and in what order. */
const RANKING_FILES = ["score.ts", "search.ts", "vanity.ts", "fillers.ts", "letters.ts", "format.ts", "keypad.ts"];

/**
 * What the dictionary is made from: its sources and the code that builds it, and the ranking's
 * code too, since the hash is the id a stored caller's record keeps: it changes whenever the
 * numbers for a caller could.
 */
export function buildInputs(): string[] {
  const code = ["build-dictionary.ts", "dictionary/sources.ts", "dictionary/vocabulary.ts", "dictionary/phrases.ts"];
  return [
    ...sources.sourceFiles(),
    ...code.map((f) => join(root, "scripts", f)),
    ...["dictionary.ts", ...RANKING_FILES].map((f) => join(root, "src/vanity", f)),
  ];
}

export function buildDictionary({ force = false, blend = DEFAULT_BLEND } = {}): BuildResult {
  if (!BLENDS[blend]) throw new RangeError(`unknown blend ${JSON.stringify(blend)}: one of ${Object.keys(BLENDS).join(", ")}`);
  const hash = inputHash(buildInputs(), INPUT_HASH_BYTES, blend);
  if (!force && existsSync(DICTIONARY_PATH) && builtFrom(readFileSync(DICTIONARY_PATH)) === hash)
    return { path: DICTIONARY_PATH, built: false };

  const written = sources.taggedCorpus();
  const wordNet = sources.wordNet();
  const general = sources.languageModel();
  const vocabulary = buildVocabulary({
    english: sources.englishWords(),
    spoken: sources.spokenCounts(),
    written,
    scowl: sources.scowlClasses(),
    general,
    wordNet,
    names: sources.firstNames(),
    places: sources.placeNames(),
    valence: sources.valence(),
    block: sources.blockLists(),
    blend: BLENDS[blend]!,
  });
  const pairs = knownPairs(vocabulary.words, written, wordNet, general);

  // Group by digit key: the best words first, blocked terms after them.
  const byKey = new Map<string, { words: Word[]; blocked: string[] }>();
  const entry = (key: string) => byKey.get(key) ?? byKey.set(key, { words: [], blocked: [] }).get(key)!;
  for (const word of vocabulary.words.values()) entry(digitsOf(word.word)).words.push(word);
  for (const term of vocabulary.blocked) entry(digitsOf(term)).blocked.push(term);

  // Trie over digits 2-9, nodes numbered breadth-first so that a node's children are contiguous.
  type Node = { children: (Node | undefined)[]; key: string };
  const rootNode: Node = { children: [], key: "" };
  for (const key of byKey.keys()) {
    let node = rootNode;
    for (const ch of key) node = node.children[Number(ch) - 2] ??= { children: [], key: node.key + ch };
  }
  const order: Node[] = [rootNode];
  const firstChild: number[] = [];
  const mask: number[] = [];
  for (let i = 0; i < order.length; i++) {
    firstChild.push(order.length);
    let bits = 0;
    order[i]!.children.forEach((child, d) => {
      if (!child) return;
      bits |= 1 << d;
      order.push(child);
    });
    mask.push(bits);
  }

  const data = {
    firstChild,
    mask,
    nodeWords: [] as number[],
    wordChar: [] as number[],
    wordQ: [] as number[],
    wordKind: [] as number[],
    wordTag: [] as number[],
    chars: [] as number[],
  };
  const idOf = new Map<string, number>();
  let kept = 0;
  for (const node of order) {
    data.nodeWords.push(data.wordChar.length);
    const words = byKey.get(node.key);
    if (!words) continue;
    const best = words.words.sort((a, b) => b.zipf - a.zipf || (a.word < b.word ? -1 : 1)).slice(0, WORDS_PER_KEY);
    const listed: [string, Word | null][] = [
      ...best.map((w): [string, Word] => [w.word, w]),
      ...words.blocked.sort().map((t): [string, null] => [t, null]),
    ];
    for (const [text, word] of listed) {
      if (word) {
        idOf.set(text, data.wordChar.length);
        kept++;
      }
      data.wordChar.push(data.chars.length);
      data.wordQ.push(word ? Math.min(254, Math.max(0, Math.round(word.zipf * ZIPF_SCALE))) : 255);
      data.wordKind.push(word?.kind ?? 0);
      data.wordTag.push(word ? TAG[word.tag] : 0);
      for (const ch of text.toUpperCase()) data.chars.push(ch.charCodeAt(0));
    }
  }
  data.nodeWords.push(data.wordChar.length);

  // Known pairs by first word, second words ascending.
  const byFirst = new Map<number, [number, number][]>();
  for (const [pair, fit] of pairs) {
    const [a, b] = pair.split(" ").map((w) => idOf.get(w));
    if (a === undefined || b === undefined) continue; // not among its key's best words
    (byFirst.get(a) ?? byFirst.set(a, []).get(a)!).push([b, fit]);
  }
  const pairStart: number[] = [];
  const pairWord: number[] = [];
  const pairFit: number[] = [];
  for (let w = 0; w < data.wordChar.length; w++) {
    pairStart.push(pairWord.length);
    for (const [b, fit] of (byFirst.get(w) ?? []).sort((x, y) => x[0] - y[0])) {
      pairWord.push(b);
      pairFit.push(fit);
    }
  }
  pairStart.push(pairWord.length);

  const file = encodeDictionary(
    {
      ...data,
      pairStart,
      pairWord,
      pairFit,
      bigram: letterPairCosts(vocabulary.words.values(), BIGRAM_SIZE),
    },
    hash,
  );
  mkdirSync(dirname(DICTIONARY_PATH), { recursive: true });
  writeFileSync(DICTIONARY_PATH, file);
  const stats = {
    blend,
    words: kept,
    names: [...vocabulary.words.values()].filter((w) => w.kind & KIND.NAME).length,
    places: [...vocabulary.words.values()].filter((w) => w.kind & KIND.PLACE).length,
    "with a bad meaning": [...vocabulary.words.values()].filter((w) => w.kind & KIND.GLOOMY).length,
    "left out past a key's best": vocabulary.words.size - kept,
    blocked: vocabulary.blocked.size,
    pairs: pairWord.length,
    bytes: file.length,
    dropped: vocabulary.dropped,
  };
  return { path: DICTIONARY_PATH, built: true, stats };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  const at = process.argv.indexOf("--blend");
  const blend = at > 0 ? process.argv[at + 1]! : (process.env.VANITY_BLEND ?? DEFAULT_BLEND);
  const result = buildDictionary({ force: process.argv.includes("--force"), blend });
  const ms = Math.round(performance.now() - started);
  if (result.built) console.log(`dictionary: built ${result.path} in ${ms} ms`, result.stats);
  else console.log(`dictionary: up to date (${result.path})`);
}
