// npm run bench: how fast the vanity engine is, on this machine.
// Prints, for 10,000 random valid North American numbers (fixed seed):
//   - warm: median and p99 µs per number, engine only (parsed number → five results) and
//     end to end (text → parse and validate → five results); parsing alone, as Connect sends
//     numbers (the +1 table) and through libphonenumber-js (as for numbers people type);
//   - cold: process start to first result of the command line, minus a bare `node` start;
//   - the command line with --json, 10,000 numbers piped through one process: µs per number,
//     and the same once V8 has optimised it (the extra time for 30,000 more);
//   - the naive exhaustive generator (all letter combinations checked against a word set) on
//     a sample, and how many times slower it is.
// With --write it also puts what it printed into its section of docs/benchmarks.md (bench-report.ts).
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { BLOCKED, getDictionary, wordText } from "../../src/vanity/dictionary.js";
import { findVanityNumbers, parsePhoneNumber, vanityForParsedNumber, type ParsedPhoneNumber } from "../../src/vanity/index.js";
import { parseWithLibphonenumber } from "../../src/vanity/phone-library.js";
import { benchReport } from "./bench-report.js";
import { naiveVanity } from "./naive-vanity.js";
import { parseOptions } from "../options.js";

const USAGE = "Usage: npm run bench -- [--write]   (--write: also put the figures in docs/benchmarks.md)";
const { write } = parseOptions({ write: { type: "boolean", default: false } }, USAGE);
const report = benchReport({ name: "bench", title: "`npm run bench`: the engine and the command line", write: write as boolean });

const COUNT = 10_000;
const NAIVE_SAMPLE = 200;
const ROUNDS = 5;
const here = dirname(fileURLToPath(import.meta.url)); // dist/ when bundled
const cli = join(here, "vanity.cjs");

function randomNumbers(count: number): string[] {
  let seed = 20261125;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return Math.floor((seed / 2147483648) * n);
  };
  const out: string[] = [];
  while (out.length < count) {
    const e164 = `+1${2 + next(8)}${next(10)}${next(10)}${2 + next(8)}${next(10)}${next(10)}${String(next(10_000)).padStart(4, "0")}`;
    try {
      parsePhoneNumber(e164);
      out.push(e164);
    } catch {
      // not a valid number in the plan: draw again
    }
  }
  return out;
}

interface Stats {
  median: number;
  p99: number;
  mean: number;
}

// Times each item of each measure, µs per item. The measures take turns, ROUNDS times, and each
// keeps its round with the lowest median: a machine's speed drifts within minutes (other work,
// clock speed), and taking turns exposes every measure to the same drift.
function timeEach<K extends string>(measures: Record<K, { items: unknown[]; run: (item: never) => unknown }>): Record<K, Stats> {
  const best = {} as Record<K, Stats>;
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of Object.keys(measures) as K[]) {
      const { items, run } = measures[name] as { items: unknown[]; run: (item: unknown) => unknown };
      const ns: number[] = [];
      for (const item of items) {
        const start = process.hrtime.bigint();
        run(item);
        ns.push(Number(process.hrtime.bigint() - start));
      }
      ns.sort((a, b) => a - b);
      const us = (v: number) => v / 1000;
      const stats = {
        median: us(ns[ns.length >> 1]!),
        p99: us(ns[Math.floor(ns.length * 0.99)]!),
        mean: us(ns.reduce((a, b) => a + b, 0) / ns.length),
      };
      if (best[name] === undefined || stats.median < best[name].median) best[name] = stats;
    }
  }
  return best;
}

// Median wall time of each command, in ms; the commands take turns, so that they see the same
// drift in the machine's speed.
interface Command {
  args: string[];
  input?: string;
}
function medianWallMs<T extends readonly Command[]>(commands: T, runs: number): { [K in keyof T]: number } {
  const ms: number[][] = commands.map(() => []);
  for (let i = 0; i < runs; i++) {
    commands.forEach(({ args, input }, c) => {
      const start = process.hrtime.bigint();
      const result = spawnSync(process.execPath, args, { input, encoding: "utf8", maxBuffer: 1 << 28 });
      ms[c]!.push(Number(process.hrtime.bigint() - start) / 1e6);
      if (result.status !== 0 && result.status !== 1) throw new Error(`${args.join(" ")} failed: ${result.stderr}`);
    });
  }
  return ms.map((times) => times.sort((a, b) => a - b)[times.length >> 1]!) as { [K in keyof T]: number };
}

const fmt = (v: number) => v.toFixed(2).padStart(8);
// The command line also gets a longer stream, to tell its cost once warm from the JIT's warm-up.
const LONG_STREAM = 4 * COUNT;
const streamed = randomNumbers(LONG_STREAM);
const numbers = streamed.slice(0, COUNT); // the same seed: the stream starts with them
const parsed: ParsedPhoneNumber[] = numbers.map((n) => parsePhoneNumber(n));

// Warm: untimed passes first, so the JIT has optimised the code being timed.
for (let pass = 0; pass < 3; pass++) {
  for (const p of parsed) vanityForParsedNumber(p);
  for (const n of numbers) findVanityNumbers(n);
}
// Where the time goes: numbers whose five results are all words, and those that need filler letters.
const filled = new Set(parsed.filter((p) => vanityForParsedNumber(p).vanity.some((v) => v.words.length === 0)));
const needsFillers = [...filled];
const wordsOnly = parsed.filter((p) => !filled.has(p));
for (const n of numbers) parseWithLibphonenumber(n);
const timed = timeEach({
  engine: { items: parsed, run: (p: ParsedPhoneNumber) => vanityForParsedNumber(p) },
  engineWords: { items: wordsOnly, run: (p: ParsedPhoneNumber) => vanityForParsedNumber(p) },
  engineFillers: { items: needsFillers, run: (p: ParsedPhoneNumber) => vanityForParsedNumber(p) },
  endToEnd: { items: numbers, run: (n: string) => findVanityNumbers(n) },
  parseOnly: { items: numbers, run: (n: string) => parsePhoneNumber(n) },
  parseLibrary: { items: numbers, run: (n: string) => parseWithLibphonenumber(n) },
});
const { engine, engineWords, engineFillers, endToEnd, parseOnly, parseLibrary } = timed;

// The naive generator, with the same words (from our dictionary, not english-words, so
// only the algorithm differs).
const dict = getDictionary();
const words = new Set<string>();
const depth = new Uint8Array(dict.mask.length); // nodes are numbered breadth first
for (let node = 0; node < dict.mask.length; node++) {
  let child = dict.firstChild[node]!;
  for (let d = 0; d < 8; d++) if (dict.mask[node]! & (1 << d)) depth[child++] = depth[node]! + 1;
  for (let w = dict.nodeWords[node]!; w < dict.nodeWords[node + 1]!; w++) {
    if (dict.wordQ[w] !== BLOCKED) words.add(wordText(dict, w, depth[node]!));
  }
}
const sample = parsed.slice(0, NAIVE_SAMPLE);
const { naive } = timeEach({ naive: { items: sample, run: (p: ParsedPhoneNumber) => naiveVanity(p.nationalNumber, words) } });

console.log(
  `vanity engine benchmark: ${COUNT} random valid North American numbers, node ${process.version}, best of ${ROUNDS} rounds taken in turns`,
);
console.log(`                                   median µs   p99 µs   mean µs`);
console.log(`engine (parsed number → 5)        ${fmt(engine.median)} ${fmt(engine.p99)} ${fmt(engine.mean)}`);
console.log(
  `  five words (${String(wordsOnly.length).padStart(5)} numbers)     ${fmt(engineWords.median)} ${fmt(engineWords.p99)} ${fmt(engineWords.mean)}`,
);
console.log(
  `  with fillers (${String(needsFillers.length).padStart(5)} numbers)   ${fmt(engineFillers.median)} ${fmt(engineFillers.p99)} ${fmt(engineFillers.mean)}`,
);
console.log(`end to end (text → parse → 5)     ${fmt(endToEnd.median)} ${fmt(endToEnd.p99)} ${fmt(endToEnd.mean)}`);
console.log(`  of which parsing (+1 table)     ${fmt(parseOnly.median)} ${fmt(parseOnly.p99)} ${fmt(parseOnly.mean)}`);
console.log(
  `parsing by libphonenumber-js      ${fmt(parseLibrary.median)} ${fmt(parseLibrary.p99)} ${fmt(parseLibrary.mean)}  (typed numbers; what the table stands in for)`,
);
console.log(`naive exhaustive (${NAIVE_SAMPLE} numbers)     ${fmt(naive.median)} ${fmt(naive.p99)} ${fmt(naive.mean)}`);
console.log(`naive / engine (median)           ${fmt(naive.median / engine.median)}×`);

const [bare, cold] = medianWallMs([{ args: ["-e", "0"] }, { args: [cli, "+18003569377"] }] as const, 15);
console.log(`cold: command line to first result ${fmt(cold - bare)} ms  (${cold.toFixed(1)} ms, bare node ${bare.toFixed(1)} ms)`);
const piping = (lines: string[]): Command => ({ args: [cli, "--json"], input: lines.join("\n") + "\n" });
const [piped, long] = medianWallMs([piping(numbers), piping(streamed)] as const, 5);
console.log(
  `command line --json, ${COUNT} piped   ${fmt(((piped - cold) * 1000) / COUNT)} µs per number  (${piped.toFixed(0)} ms in all, one number's run subtracted)`,
);
console.log(
  `  once warm (${LONG_STREAM} piped minus ${COUNT})  ${fmt(((long - piped) * 1000) / (LONG_STREAM - COUNT))} µs per number  (${long.toFixed(0)} ms in all)`,
);
if (!report.finish()) process.exitCode = 1;
