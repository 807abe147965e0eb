// The engine's dictionary: a trie over the digits 2-9 whose nodes hold the words spelled by
// the digits on the path to them, best first. Built by scripts/build-dictionary.ts into one
// binary file that is read here as typed-array views, without parsing, in a few milliseconds.
//
// Layout (little endian):
//   header   HEADER_BYTES: magic, version, nodeCount, wordCount, charCount, input hash, bigram costs
//   firstChild  u32[nodeCount]    index of the node's first child; children are contiguous
//   nodeWords   u32[nodeCount+1]  the node's words are nodeWords[n] .. nodeWords[n+1]-1, best
//                                 first, then its blocked terms
//   wordChar    u32[wordCount]    where the word's letters start in `chars`
//   mask        u8[nodeCount]     bit d-2 set when the node has a child for digit d
//   wordQ       u8[wordCount]     how common the word is (0-254), or BLOCKED
//   chars       u8[charCount]     upper-case ASCII letters; a word's length is its node's depth
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const MAGIC = "VNTYDICT";
export const DICTIONARY_VERSION = 1;
export const MAX_WORD_LENGTH = 10;
export const BLOCKED = 255;
export const BIGRAM_SIZE = 27; // A-Z and a run boundary
export const INPUT_HASH_BYTES = 32;
export const HEADER_BYTES = align4(24 + INPUT_HASH_BYTES + BIGRAM_SIZE * BIGRAM_SIZE);
export const DICTIONARY_FILE = "vanity-dictionary.bin";

export interface Dictionary {
  firstChild: Uint32Array;
  nodeWords: Uint32Array;
  wordChar: Uint32Array;
  mask: Uint8Array;
  wordQ: Uint8Array;
  chars: Uint8Array;
  /** `chars` as one string, so that a word is a cheap `substring` of it. */
  text: string;
  /** -log2 P(next letter | previous letter) × 16; index 26 is a run boundary. */
  bigram: Uint8Array;
}

export class DictionaryError extends Error {
  override readonly name = "DictionaryError";
}

let loaded: Dictionary | undefined;

/** The dictionary, loaded on first use and kept for the life of the process. */
export function getDictionary(): Dictionary {
  return (loaded ??= loadDictionary(defaultPath()));
}

// Bundles (the Lambdas, the command line) carry the file beside them; source runs find it
// beside this module. VANITY_DICTIONARY overrides both.
function defaultPath(): string {
  return process.env.VANITY_DICTIONARY ?? fileURLToPath(new URL(`./${DICTIONARY_FILE}`, import.meta.url));
}

export function loadDictionary(path: string): Dictionary {
  let file: Buffer;
  try {
    file = readFileSync(path);
  } catch (error) {
    throw new DictionaryError(`The vanity dictionary is missing at ${path}: run \`npm run build\`. (${String(error)})`);
  }
  if (file.length < HEADER_BYTES || file.subarray(0, 8).toString("latin1") !== MAGIC) {
    throw new DictionaryError(`${path} is not a vanity dictionary: run \`npm run build\`.`);
  }
  const version = file.readUInt32LE(8);
  if (version !== DICTIONARY_VERSION) {
    throw new DictionaryError(`${path} is dictionary version ${version}, this code reads ${DICTIONARY_VERSION}: run \`npm run build\`.`);
  }
  const nodeCount = file.readUInt32LE(12);
  const wordCount = file.readUInt32LE(16);
  const charCount = file.readUInt32LE(20);
  const expected = HEADER_BYTES + 4 * (nodeCount + (nodeCount + 1) + wordCount) + nodeCount + wordCount + charCount;
  if (file.length !== expected) throw new DictionaryError(`${path} is truncated or corrupt: run \`npm run build\`.`);
  // readFileSync may hand back a slice of a shared pool; copy once if it is not 4-byte aligned.
  const bytes = file.byteOffset % 4 === 0 ? file : Buffer.from(file);
  const { buffer, byteOffset } = bytes;
  let at = byteOffset + HEADER_BYTES;
  const u32 = (n: number) => {
    const view = new Uint32Array(buffer, at, n);
    at += 4 * n;
    return view;
  };
  const u8 = (n: number) => {
    const view = new Uint8Array(buffer, at, n);
    at += n;
    return view;
  };
  const bigramAt = byteOffset + 24 + INPUT_HASH_BYTES;
  const dictionary: Dictionary = {
    firstChild: u32(nodeCount),
    nodeWords: u32(nodeCount + 1),
    wordChar: u32(wordCount),
    mask: u8(nodeCount),
    wordQ: u8(wordCount),
    chars: u8(charCount),
    text: "",
    bigram: new Uint8Array(buffer, bigramAt, BIGRAM_SIZE * BIGRAM_SIZE),
  };
  dictionary.text = bytes.toString("latin1", at - byteOffset - charCount, at - byteOffset);
  return dictionary;
}

function align4(n: number): number {
  return (n + 3) & ~3;
}
