// The engine's dictionary: the words people know, filed in a trie over the digits 2-9 (a node
// holds the words its path dials, best first), with what the ranking needs to know of each word
// and of word pairs. Built by scripts/build-dictionary.ts into one binary file that is read
// here as typed-array views, without parsing, in a few milliseconds.
//
// Layout (little endian): a header (magic, version, input hash, section count), a table of
// sections (byte offset and element count, in SECTIONS order), then the sections, each 4-byte
// aligned.
import { dictionaryFile } from "../config.js";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const MAGIC = "VNTYDIC3";
export const DICTIONARY_VERSION = 3;
export const MAX_WORD_LENGTH = 10;
/** `wordQ` of a blocked term: filed in the trie so the engine can keep it out of words side by side. */
export const BLOCKED = 255;
/** The pair fit (of 255) of a pair known to be said but with no phrase of its own (IN-MY, ARE-TALL). */
export const SAID_FIT = 1;
const FULL_FIT = 254; // below a WordNet compound's 255
const NO_LIFT = -1;
const FULL_LIFT = 2;
/**
 * The fit of a language-model pair of two words with meaning, from its lift (log10 of how much
 * likelier the second word is after the first than anywhere): from SAID_FIT at lift −1 to
 * FULL_FIT at lift 2 (NEW-CARS 1.2, WAR-VETS 1.8, ID-THEFT 2.7).
 */
export function liftFit(lift: number): number {
  const strength = Math.max(0, Math.min(1, (lift - NO_LIFT) / (FULL_LIFT - NO_LIFT)));
  return SAID_FIT + Math.round(strength * (FULL_FIT - SAID_FIT));
}
/** The fit of a pair said no more often than chance (lift 0; OUT-GET, DAY-UP): no evidence of a phrase. */
export const CHANCE_FIT = liftFit(0);
export const BIGRAM_SIZE = 27; // A-Z and a run boundary
/** `bigram` holds a letter pair's cost in bits × BIGRAM_SCALE, rounded into a byte. */
export const BIGRAM_SCALE = 16;
/** `wordQ` is a word's Zipf value × ZIPF_SCALE, rounded into a byte. */
export const ZIPF_SCALE = 32;
export const INPUT_HASH_BYTES = 32;
export const DICTIONARY_FILE = "vanity-dictionary.bin";

/**
 * Coarse parts of speech, to tell filler words (FUNCTION_TAGS) from words with a meaning and to
 * name a pair's parts in `explain`: nouns singular and plural, verbs by form (base, -s, past,
 * -ing), AUX for be, have and do, MODAL for can, will and the like.
 */
export const COARSE_TAGS = [
  "NOUN",
  "NOUNS",
  "NAME",
  "VERB",
  "VERBS",
  "VERBED",
  "VERBING",
  "AUX",
  "MODAL",
  "ADJ",
  "ADV",
  "POSS",
  "PRON",
  "DET",
  "PREP",
  "CONJ",
  "NUM",
  "OTHER",
] as const;
export type CoarseTag = (typeof COARSE_TAGS)[number];
/** Each part of speech's `wordTag` value (TAG.NOUN). */
export const TAG = Object.fromEntries(COARSE_TAGS.map((t, i) => [t, i])) as Record<CoarseTag, number>;
/** The `wordTag` values of these parts of speech. */
export const tagIndexes = (tags: Iterable<CoarseTag>) => new Set([...tags].map((t) => TAG[t]));
/** Parts of speech that carry no meaning of their own (BUT, FOR, HIM, HAD, OUR): a phrase may make up for them. */
export const FUNCTION_TAGS: ReadonlySet<CoarseTag> = new Set(["AUX", "MODAL", "PRON", "POSS", "DET", "PREP", "CONJ", "OTHER"]);

/** Bits of `wordKind`. */
export const KIND = {
  /** A first name (JOHN). */
  NAME: 1,
  /** A city, state or country (BOSTON). */
  PLACE: 2,
  /** Maybe offensive next to other words (BALLS, CRACK): offered only on its own. */
  ALONE: 4,
  /** A verb often used as a count noun too (HUG, FIX): it may follow A, THE or MY. */
  NOUN_TOO: 8,
  /** A noun often used as a verb too (CARE, ENVY): it may follow I, WE or THEY. */
  VERB_TOO: 16,
  /** A word with a bad meaning (SAD, ROB, WAR, PAIN): a caller would rather not hear it. */
  GLOOMY: 32,
} as const;

const SECTIONS = [
  ["firstChild", Uint32Array], // per node: its first child; a node's children are contiguous
  ["nodeWords", Uint32Array], // per node + 1: its words are nodeWords[n] .. nodeWords[n+1]-1, best first, blocked terms last
  ["mask", Uint8Array], // per node: bit d-2 set when it has a child for digit d
  ["wordChar", Uint32Array], // per word: where its letters start in `chars` (its length is its node's depth)
  ["wordQ", Uint8Array], // per word: how common it is, 0-254 (a blend of sources, see the build), or BLOCKED
  ["wordKind", Uint8Array], // per word: KIND bits
  ["wordTag", Uint8Array], // per word: its most likely coarse tag (an index into COARSE_TAGS)
  ["pairStart", Uint32Array], // per word + 1: its known pairs are pairStart[w] .. pairStart[w+1]-1
  ["pairWord", Uint32Array], // per pair: the second word, ascending within a first word
  ["pairFit", Uint8Array], // per pair: how well the two words go together, 0-255
  ["bigram", Uint8Array], // 27 × 27: -log2 P(next letter | previous letter) × BIGRAM_SCALE, for filler letters
  ["chars", Uint8Array], // upper-case ASCII letters
] as const;

type SectionName = (typeof SECTIONS)[number][0];
type SectionArrays = { [K in (typeof SECTIONS)[number] as K[0]]: InstanceType<K[1]> };
export type SectionData = { [K in SectionName]: ArrayLike<number> };

export interface Dictionary extends SectionArrays {
  /** `chars` as one string, so that a word is a cheap `substring` of it. */
  text: string;
  /** Which build made it: the format version and the hash of its inputs, the ranking code among them ("3-1f0c9a3e"). */
  id: string;
}

export class DictionaryError extends Error {
  override readonly name = "DictionaryError";
}

const HEADER_BYTES = 8 + 4 + INPUT_HASH_BYTES + 4;
const TABLE_BYTES = SECTIONS.length * 8;

let loaded: Dictionary | undefined;

/** The dictionary, loaded on first use and kept for the life of the process. */
export function getDictionary(): Dictionary {
  return (loaded ??= loadDictionary(defaultPath()));
}

// Bundles (the Lambdas, the command line) carry the file beside them; source runs find it
// beside this module. VANITY_DICTIONARY overrides both.
function defaultPath(): string {
  return dictionaryFile() ?? fileURLToPath(new URL(`./${DICTIONARY_FILE}`, import.meta.url));
}

export function loadDictionary(path: string): Dictionary {
  let file: Buffer;
  try {
    file = readFileSync(path);
  } catch (error) {
    throw new DictionaryError(`The vanity dictionary is missing at ${path}: run \`npm run build\`. (${String(error)})`);
  }
  if (file.length < HEADER_BYTES + TABLE_BYTES || file.subarray(0, 8).toString("latin1") !== MAGIC) {
    throw new DictionaryError(`${path} is not a vanity dictionary (version ${DICTIONARY_VERSION}): run \`npm run build\`.`);
  }
  const version = file.readUInt32LE(8);
  if (version !== DICTIONARY_VERSION || file.readUInt32LE(12 + INPUT_HASH_BYTES) !== SECTIONS.length) {
    throw new DictionaryError(`${path} is dictionary version ${version}, this code reads ${DICTIONARY_VERSION}: run \`npm run build\`.`);
  }
  // readFileSync may hand back a slice of a shared pool; copy once if it is not 4-byte aligned.
  const bytes = file.byteOffset % 4 === 0 ? file : Buffer.from(file);
  const arrays: Record<string, ArrayLike<number>> = {};
  let end = HEADER_BYTES + TABLE_BYTES;
  SECTIONS.forEach(([name, Type], i) => {
    const offset = bytes.readUInt32LE(HEADER_BYTES + 8 * i);
    const count = bytes.readUInt32LE(HEADER_BYTES + 8 * i + 4);
    end = offset + count * Type.BYTES_PER_ELEMENT;
    if (offset % 4 !== 0 || end > bytes.length) throw new DictionaryError(`${path} is truncated or corrupt: run \`npm run build\`.`);
    arrays[name] = new Type(bytes.buffer as ArrayBuffer, bytes.byteOffset + offset, count);
  });
  if (align4(end) !== bytes.length) throw new DictionaryError(`${path} is truncated or corrupt: run \`npm run build\`.`);
  const sections = arrays as unknown as SectionArrays;
  // One object literal of a fixed shape: the engine reads these fields millions of times.
  return {
    firstChild: sections.firstChild,
    nodeWords: sections.nodeWords,
    mask: sections.mask,
    wordChar: sections.wordChar,
    wordQ: sections.wordQ,
    wordKind: sections.wordKind,
    wordTag: sections.wordTag,
    pairStart: sections.pairStart,
    pairWord: sections.pairWord,
    pairFit: sections.pairFit,
    bigram: sections.bigram,
    chars: sections.chars,
    text: Buffer.from(sections.chars.buffer, sections.chars.byteOffset, sections.chars.length).toString("latin1"),
    id: `${DICTIONARY_VERSION}-${bytes.toString("latin1", 12, 20)}`,
  };
}

/** The file for `data`: what the build writes and loadDictionary reads. */
export function encodeDictionary(data: SectionData, inputHash: string): Buffer {
  if (inputHash.length !== INPUT_HASH_BYTES) throw new RangeError(`the input hash must be ${INPUT_HASH_BYTES} characters`);
  let at = HEADER_BYTES + TABLE_BYTES;
  const placed = SECTIONS.map(([name, Type]) => {
    const array = Type.from(data[name]);
    const offset = at;
    at = align4(at + array.byteLength);
    return { offset, array };
  });
  const out = Buffer.alloc(at);
  out.write(MAGIC, 0, "latin1");
  out.writeUInt32LE(DICTIONARY_VERSION, 8);
  out.write(inputHash, 12, "latin1");
  out.writeUInt32LE(SECTIONS.length, 12 + INPUT_HASH_BYTES);
  placed.forEach(({ offset, array }, i) => {
    out.writeUInt32LE(offset, HEADER_BYTES + 8 * i);
    out.writeUInt32LE(array.length, HEADER_BYTES + 8 * i + 4);
    Buffer.from(array.buffer, array.byteOffset, array.byteLength).copy(out, offset);
  });
  return out;
}

/** The input hash a file was built from, or null when it is not a dictionary this code reads. */
export function builtFrom(file: Buffer): string | null {
  if (file.length < HEADER_BYTES || file.subarray(0, 8).toString("latin1") !== MAGIC || file.readUInt32LE(8) !== DICTIONARY_VERSION)
    return null;
  return file.toString("latin1", 12, 12 + INPUT_HASH_BYTES);
}

function align4(n: number): number {
  return (n + 3) & ~3;
}

/** The word's letters, upper case ("FLOWERS"). */
export function wordText(dict: Dictionary, word: number, length: number): string {
  const at = dict.wordChar[word]!;
  return dict.text.substring(at, at + length);
}

/** How well `second` follows `first` as a known pair (a compound, a corpus pair), 0-255; 0 when unknown. */
export function pairFit(dict: Dictionary, first: number, second: number): number {
  let lo = dict.pairStart[first]!;
  let hi = dict.pairStart[first + 1]!;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const w = dict.pairWord[mid]!;
    if (w === second) return dict.pairFit[mid]!;
    if (w < second) lo = mid + 1;
    else hi = mid;
  }
  return 0;
}
