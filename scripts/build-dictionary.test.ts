import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { buildInputs } from "./build-dictionary.js";
import { DEFAULT_BLEND } from "./dictionary/vocabulary.js";
import { inputHash } from "./input-hash.js";
import { DICTIONARY_VERSION, INPUT_HASH_BYTES } from "../src/vanity/dictionary.js";
import { findVanityNumbers } from "../src/vanity/index.js";

const engineFile = (name: string) => fileURLToPath(new URL(`../src/vanity/${name}`, import.meta.url));

describe("the dictionary's id, which each stored caller's record keeps", () => {
  it("is made from the ranking's code as well as the word sources, so a new ranking gets a new id", () => {
    for (const file of ["score.ts", "search.ts", "vanity.ts", "fillers.ts"]) expect(buildInputs()).toContain(engineFile(file));
  });

  it("is the format version and the hash of those inputs as they are now", () => {
    const hash = inputHash(buildInputs(), INPUT_HASH_BYTES, DEFAULT_BLEND);
    expect(findVanityNumbers("+18003569377").dictionary, "the built dictionary is stale: npm run build:data").toBe(
      `${DICTIONARY_VERSION}-${hash.slice(0, 8)}`,
    );
  });
});
