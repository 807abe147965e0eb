// npm run eval [-- --misses] [-- --examples] [-- --blends] [-- --json]
// How good the vanity numbers are, on the project's own sets (tools/eval/measure.ts): one table,
// with the targets beside the figures. --blends rebuilds the dictionary with each way of
// blending the frequency sources and compares them (then rebuilds the default).
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { BLENDS, DEFAULT_BLEND } from "../../scripts/dictionary/vocabulary.js";
import {
  randomNumbers,
  readLabelled,
  scoreLabelled,
  scoreRandom,
  TARGETS,
  wordLists,
  type LabelledScore,
  type RandomScore,
} from "./measure.js";

const RANDOM_COUNT = 1000;
const pct = (n: number, of: number) => (of === 0 ? "-" : `${((100 * n) / of).toFixed(1)}%`);

export function measureAll(): { labelled: LabelledScore; random: RandomScore } {
  return { labelled: scoreLabelled(readLabelled()), random: scoreRandom(randomNumbers(RANDOM_COUNT), wordLists()) };
}

function table({ labelled, random }: { labelled: LabelledScore; random: RandomScore }): string {
  const reach = labelled.inReach;
  const rows: [string, string, string][] = [
    [`Labelled numbers, every run a word (${reach.total}): first`, pct(reach.first, reach.total), `≥ ${TARGETS.labelledFirst * 100}%`],
    ["  in the top 3", pct(reach.top3, reach.total), `≥ ${TARGETS.labelledTop3 * 100}%`],
    ["  in the top 5", pct(reach.top5, reach.total), ""],
    [
      `All labelled numbers, acronyms and brands too (${labelled.total}): first / top 3 / top 5`,
      `${pct(labelled.first, labelled.total)} / ${pct(labelled.top3, labelled.total)} / ${pct(labelled.top5, labelled.total)}`,
      "",
    ],
  ];
  for (const [kind, k] of Object.entries(labelled.byKind).sort()) {
    rows.push([
      `  by kind, ${kind} (${k.total}): first / top 3 / top 5`,
      `${pct(k.first, k.total)} / ${pct(k.top3, k.total)} / ${pct(k.top5, k.total)}`,
      "",
    ]);
  }
  const r = random;
  rows.push(
    [`Random numbers (${r.numbers}): a common word in the last 7`, String(r.withCommonWord), ""],
    ["  first result real words with such a word", pct(r.commonWordUsed, r.withCommonWord), `≥ ${TARGETS.commonWordUsed * 100}%`],
    ["  first result where no clean one exists (a rule gave way, and says so)", pct(r.relaxedFirst, r.numbers), ""],
    ["  first result with a stray letter (the others)", pct(r.strayLetterFirst, r.numbers), "0%"],
    ["  first result with a run that is not a word", pct(r.nonWordRunFirst, r.numbers), "0%"],
    ["  first result with consonant soup", pct(r.soupFirst, r.numbers), "0%"],
    ["  first result only filler words (ANY, HAS-A) where a word with meaning fits", pct(r.fillerWordsFirst, r.withCommonWord), ""],
    ["  first result of words split by digits (MOB-9-WAD; DAY-2-DAY is one phrase)", pct(r.splitWordsFirst, r.numbers), ""],
    ["  first result with a word of bad meaning (SAD, ROB, WAR: AFINN -2 or lower)", pct(r.gloomyFirst, r.numbers), ""],
    ["  first three results: two filler runs one letter apart (LAL, JAL)", pct(r.fillerTwinsInTop3, r.numbers), ""],
    ["  first result filler letters (no word fits)", pct(r.fillerFirst, r.numbers), ""],
    ["  mean digits covered by words (first result)", r.meanDigitsCovered.toFixed(2), ""],
    ["  offensive / undialable / fewer than five", `${r.offensive} / ${r.undialable} / ${r.fewerThanFive}`, "0 / 0 / 0"],
  );
  const width = Math.max(...rows.map(([a]) => a.length));
  return ["| measure | figure | target |", "|---|---|---|", ...rows.map(([a, b, c]) => `| ${a.padEnd(width)} | ${b} | ${c} |`)].join("\n");
}

function compareBlends(): void {
  const build = fileURLToPath(new URL("../../scripts/build-dictionary.ts", import.meta.url));
  const self = fileURLToPath(import.meta.url);
  const tsx = fileURLToPath(new URL("../../node_modules/.bin/tsx", import.meta.url));
  console.log("| blend | labelled first | top 3 | common word used |\n|---|---|---|---|");
  // (figures for the labelled lines in reach)
  for (const blend of Object.keys(BLENDS)) {
    execFileSync(tsx, [build, "--blend", blend], { stdio: "ignore" });
    const { labelled, random } = JSON.parse(execFileSync(tsx, [self, "--json"], { encoding: "utf8" })) as ReturnType<typeof measureAll>;
    const reach = labelled.inReach;
    console.log(
      `| ${blend}${blend === DEFAULT_BLEND ? " (default)" : ""} | ${pct(reach.first, reach.total)} | ${pct(reach.top3, reach.total)} | ${pct(random.commonWordUsed, random.withCommonWord)} |`,
    );
  }
  execFileSync(tsx, [build, "--blend", DEFAULT_BLEND], { stdio: "ignore" });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  if (args.includes("--blends")) {
    compareBlends();
  } else {
    const result = measureAll();
    if (args.includes("--json")) {
      console.log(JSON.stringify(result));
    } else {
      console.log(table(result));
      if (args.includes("--misses"))
        for (const m of result.labelled.misses.filter((x) => x.inReach)) console.log(`${m.vanity.padEnd(20)} got ${m.got.join("  ")}`);
      if (args.includes("--examples")) for (const e of result.random.examples) console.log(`${e.e164}  ${e.vanity.join("  ")}`);
    }
  }
}
