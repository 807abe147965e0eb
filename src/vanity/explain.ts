// Why a vanity number ranks where it does: its score split into the parts src/vanity/score.ts
// adds up, in words a person can read (`npm run -s vanity -- --explain`, "why this order" on /try).
import { COARSE_TAGS, KIND, SAID_FIT, type Dictionary } from "./dictionary.js";
import type { Filler } from "./fillers.js";
import { alignPart, echoes, endPart, isImperative, knownPairFit, pairPart, runPart, unheardCost, wordPart, zipfOf } from "./score.js";
import type { Candidate } from "./search.js";

export interface ExplanationPart {
  /** What the part is for: "FLOWERS: a word of 7 letters, Zipf 4.4". */
  what: string;
  points: number;
}

export interface Explanation {
  /** Words, filler letters, or a stored number (made earlier; its parts are not known). */
  kind: "words" | "filler" | "stored";
  /** Words: the ranking's score, higher first. Fillers: how easy to say, in bits a letter (lower first). */
  score: number;
  parts: ExplanationPart[];
  /** Which noise rule gave way, when one had to (numbers of mostly 0, 1 and 5). */
  relaxed?: string;
  /** How many of the searched digits stayed digits. */
  digitsKept?: number;
}

const round = (n: number) => Math.round(n * 100) / 100;
const TAG_NAMES: Record<(typeof COARSE_TAGS)[number], string> = {
  NOUN: "noun",
  NOUNS: "plural noun",
  NAME: "name",
  VERB: "verb",
  VERBS: "verb",
  VERBED: "past verb",
  VERBING: "-ing verb",
  AUX: "be/have/do",
  MODAL: "modal verb",
  ADJ: "adjective",
  ADV: "adverb",
  POSS: "possessive",
  PRON: "pronoun",
  DET: "article",
  PREP: "preposition",
  CONJ: "conjunction",
  NUM: "number",
  OTHER: "other",
};
/** "1 letter", "7 letters". */
export const count = (n: number, thing: string) => `${n} ${thing}${n === 1 ? "" : "s"}`;
const tagName = (tag: number) => TAG_NAMES[COARSE_TAGS[tag]!];
/** A word's likeliest part of speech, and the other it often has ("verb or noun" for HUG). */
function partOfSpeech(dict: Dictionary, word: number): string {
  const kind = dict.wordKind[word]!;
  const also = kind & KIND.NOUN_TOO ? " or noun" : kind & KIND.VERB_TOO ? " or verb" : "";
  return tagName(dict.wordTag[word]!) + also;
}
// Zipf in words: 5 and up is said every day (THE 7.7, GOT 5.8), 3 a few times in a million words.
const howCommon = (zipf: number) => (zipf >= 5 ? "a very common" : zipf >= 4 ? "a common" : zipf >= 3 ? "a known" : "a rare");

/** `digits` are the searched digits: the end of the number, or an earlier group ("its group"). */
export function explainWords(
  dict: Dictionary,
  candidate: Candidate,
  digits: string,
  groupStarts: readonly number[],
  digitsEnd = "the number",
): Explanation {
  const parts: ExplanationPart[] = [];
  let covered = 0;
  candidate.placements.forEach((p, k) => {
    const length = p.end - p.start;
    covered += length;
    const kind = p.word < 0 ? 0 : dict.wordKind[p.word]!;
    const zipf = zipfOf(dict, p.word);
    const sort = kind & KIND.NAME ? "first name" : kind & KIND.PLACE ? "place" : "word";
    const what = p.boosted
      ? `${p.text}: a boost word of ${count(length, "letter")}`
      : `${p.text}: ${howCommon(zipf)} ${sort} of ${count(length, "letter")}${kind & KIND.GLOOMY ? " with a bad meaning" : ""} (Zipf ${zipf.toFixed(1)})`;
    parts.push({ what, points: wordPart(dict, p.word, length, p.boosted) });
    if (groupStarts.includes(p.start)) parts.push({ what: `${p.text} starts a group of the number`, points: alignPart(true) });
    const before = candidate.placements[k - 1];
    if (before && before.end === p.start) {
      const known = knownPairFit(dict, before.word, p.word);
      const pos = p.word < 0 || before.word < 0 ? "" : `${partOfSpeech(dict, before.word)} + ${partOfSpeech(dict, p.word)}`;
      const heard =
        known > SAID_FIT / 255
          ? `a known phrase (${known.toFixed(2)})`
          : known > 0
            ? "a pair people say"
            : unheardCost(dict, before.word, p.word) > 0
              ? "a pair people rarely say"
              : "";
      parts.push({
        what: [
          `${before.text} ${p.text}: words side by side`,
          pos,
          isImperative(dict, before.word, p.word) ? "a verb and what it acts on" : "",
          heard,
        ]
          .filter(Boolean)
          .join(", "),
        points: pairPart(dict, before.word, p.word) ?? 0,
      });
    } else {
      const echo = before !== undefined && echoes(digits, before, p);
      const what = echo ? `${p.text} again after a 2 read as "to"` : before ? "a new run of letters after digits" : "a run of letters";
      parts.push({ what, points: runPart(before !== undefined, echo) });
    }
  });
  const last = candidate.placements.at(-1);
  if (last && last.end === digits.length) parts.push({ what: `the last word ends ${digitsEnd}`, points: endPart() });
  const score = parts.reduce((sum, part) => sum + part.points, 0);
  return {
    kind: "words",
    score: round(score),
    parts: parts.map((p) => ({ ...p, points: round(p.points) })),
    digitsKept: digits.length - covered,
  };
}

export function explainFiller(filler: Filler): Explanation {
  const letters = filler.letters.filter((l) => l >= 0).length;
  const explanation: Explanation = {
    kind: "filler",
    score: round(filler.bitsPerLetter),
    parts: [
      {
        what: `${count(letters, "pronounceable filler letter")} where no more words fit, ${filler.bitsPerLetter.toFixed(2)} bits a letter`,
        points: 0,
      },
    ],
  };
  if (filler.relaxed) explanation.relaxed = filler.relaxed;
  return explanation;
}
