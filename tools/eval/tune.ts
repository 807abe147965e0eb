// npm run -s eval:tune [-- --seconds 300 --seed 1]
// Tunes the ranking's weights (src/vanity/score.ts WEIGHTS) on the whole labelled set and the
// whole random sample together, never on a handful of cases: a seeded random local search that
// moves one to three weights at a time and keeps a move that does not lower the objective (so it
// can cross flat ground, which one weight at a time cannot), and never a move that loses one of
// the examples the tests hold first (ANCHORS). Prints the weights to copy into score.ts; it
// changes no file.
//   objective = 2 × labelled first + labelled top 3 (lines in reach) + common word used (random)
//               − 4 × first results of filler words only − 2 × first results of words split by digits
//               − 10 × noise at the top (non-words, soup)
//               − 100 × how far "common word used" is below its target
import { fileURLToPath } from "node:url";
import { findVanityNumbers } from "../../src/vanity/index.js";
import { WEIGHTS } from "../../src/vanity/score.js";
import { randomNumbers, readLabelled, scoreLabelled, scoreRandom, seededRandom, TARGETS, wordLists } from "./measure.js";

type Weight = keyof typeof WEIGHTS;
const TUNED: Weight[] = [
  "WORD_COST",
  "RARITY",
  "EVERYDAY_ZIPF",
  "EVERYDAY_ZIPF_PER_LETTER",
  "FUNCTION_COST",
  "NAME_COST",
  "PLACE_COST",
  "RUN_COST",
  "GAP_COST",
  "JOIN_COST",
  "KNOWN_PAIR",
  "UNHEARD_PAIR",
  "UNHEARD_ZIPF",
  "UNHEARD_FILLER",
  "IMPERATIVE",
  "ALIGN",
  "END_BONUS",
];
const MAX_STEP = 0.6;
/** Numbers whose first result src/vanity/vanity.test.ts holds: no weights may lose them. */
const ANCHORS = [
  ["+18003569377", "1-800-FLOWERS"],
  ["+18004685865", "1-800-GOT-JUNK"],
  ["+18778382838", "1-877-VET-2-VET"],
  ["+18774384338", "1-877-43-THEFT"],
  ["+17192662837", "1-719-26-MATES"],
];
const anchorsHold = () => ANCHORS.every(([input, first]) => findVanityNumbers(input).vanity[0]!.display === first);

const set = readLabelled();
const numbers = randomNumbers(1000);
const lists = wordLists();

export function objective(): { value: number; first: number; top3: number; used: number; fillerWords: number; split: number } {
  const labelled = scoreLabelled(set).inReach;
  const random = scoreRandom(numbers, lists);
  const first = labelled.first / labelled.total;
  const top3 = labelled.top3 / labelled.total;
  const used = random.commonWordUsed / random.withCommonWord;
  const fillerWords = random.fillerWordsFirst / random.withCommonWord;
  const split = random.splitWordsFirst / random.numbers;
  const noise = (random.strayLetterFirst + random.nonWordRunFirst + random.soupFirst) / random.numbers;
  const value = 2 * first + top3 + used - 4 * fillerWords - 2 * split - 10 * noise - 100 * Math.max(0, TARGETS.commonWordUsed - used);
  return { value, first, top3, used, fillerWords, split };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name: string, fallback: number) => {
    const at = process.argv.indexOf(name);
    return at > 0 ? Number(process.argv[at + 1]) : fallback;
  };
  const random = seededRandom(arg("--seed", 1));
  const until = Date.now() + arg("--seconds", 300) * 1000;
  let best = objective();
  console.log(`start: ${JSON.stringify(best)}`);
  while (Date.now() < until) {
    const saved = { ...WEIGHTS };
    for (let moves = 1 + Math.floor(random() * 3); moves > 0; moves--) {
      const key = TUNED[Math.floor(random() * TUNED.length)]!;
      WEIGHTS[key] = Math.max(0, Math.round((WEIGHTS[key] + (random() - 0.5) * 2 * MAX_STEP) * 100) / 100);
    }
    const tried = anchorsHold() ? objective() : { ...best, value: -Infinity };
    if (tried.value < best.value - 1e-9) Object.assign(WEIGHTS, saved);
    else {
      if (tried.value > best.value + 1e-9) console.log(JSON.stringify(tried));
      best = tried;
    }
  }
  console.log(JSON.stringify(Object.fromEntries(TUNED.map((key) => [key, WEIGHTS[key]])), null, 2));
}
