// npm run -s eval:tune [-- --rounds 3]
// Tunes the ranking's weights (src/vanity/score.ts WEIGHTS) on the whole labelled set and the
// whole random sample together, never on a handful of cases: a coordinate search that tries
// each weight a step up and down and keeps what raises the objective. Prints the weights to
// copy into score.ts; it changes no file.
//   objective = 2 × labelled first + labelled top 3 (lines in reach) + common word used (random)
//               − 10 × noise at the top (non-words, soup) − 10 × how far "common word used" is below 95%
import { fileURLToPath } from "node:url";
import { WEIGHTS } from "../../src/vanity/score.js";
import { randomNumbers, readLabelled, scoreLabelled, scoreRandom, TARGETS, wordLists } from "./measure.js";

type Weights = typeof WEIGHTS;
const TUNED: (keyof Weights)[] = [
  "WORD_COST",
  "RARITY",
  "FUNCTION_COST",
  "NAME_COST",
  "PLACE_COST",
  "RUN_COST",
  "GAP_COST",
  "JOIN_COST",
  "TEMPLATE",
  "KNOWN_PAIR",
  "ALIGN",
  "END_BONUS",
];
const STEPS = [0.5, 0.25, 0.1];

function objective(): { value: number; first: number; top3: number; used: number } {
  const labelled = scoreLabelled(set).inReach;
  const random = scoreRandom(numbers, lists);
  const first = labelled.first / labelled.total;
  const top3 = labelled.top3 / labelled.total;
  const used = random.commonWordUsed / random.withCommonWord;
  const noise = (random.strayLetterFirst + random.nonWordRunFirst + random.soupFirst) / random.numbers;
  return { value: 2 * first + top3 + used - 10 * noise - 10 * Math.max(0, TARGETS.commonWordUsed - used), first, top3, used };
}

const set = readLabelled();
const numbers = randomNumbers(1000);
const lists = wordLists();

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf("--rounds");
  const rounds = at > 0 ? Number(process.argv[at + 1]) : 3;
  let best = objective();
  console.log(`start: ${JSON.stringify(best)}`);
  for (let round = 0; round < rounds; round++) {
    const step = STEPS[Math.min(round, STEPS.length - 1)]!;
    for (const key of TUNED) {
      const start = WEIGHTS[key];
      for (const delta of [step, -step, 2 * step, -2 * step]) {
        const value = Math.max(0, Math.round((start + delta) * 100) / 100);
        WEIGHTS[key] = value;
        const tried = objective();
        if (tried.value > best.value + 1e-9) {
          best = tried;
          console.log(`${key} ${start} → ${value}: ${JSON.stringify(tried)}`);
          break;
        }
        WEIGHTS[key] = start;
      }
    }
  }
  console.log(JSON.stringify(WEIGHTS, null, 2));
}
