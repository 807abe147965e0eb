// npm run -s vanity -- <number> [<number> …] [--json] [--explain] [--letters N] [--boost words]
// With no numbers, reads one number a line from standard input, so thousands can be piped
// through one process. Exit code 1 when any number was rejected.
import { boostWordsSetting } from "../../src/config.js";
import {
  BoostWordsError,
  findVanityNumbers,
  parseBoostWords,
  PhoneNumberError,
  type VanityNumber,
  type VanityOptions,
} from "../../src/vanity/index.js";
import { count } from "../../src/vanity/explain.js";

const USAGE = `Usage: npm run -s vanity -- [--json] [--explain] [--letters N] [--boost words] [<number> …]
Prints the five best vanity numbers for each phone number, best first.
With no numbers, reads one number a line from standard input.
  --json       one JSON object a line: {"input","e164","vanity":[…]} or {"input","error","code"}
  --explain    under each number, the parts of its score (why this order)
  --letters N  how many trailing digits may become letters (1-10, default 7)
  --boost W    comma-separated words to put first where they fit (default: VANITY_BOOST_WORDS)`;

interface Args {
  json: boolean;
  explain: boolean;
  options: VanityOptions;
  numbers: string[];
}

function parseArgs(argv: string[]): Args {
  const args: Args = { json: false, explain: false, options: {}, numbers: [] };
  let boost = boostWordsSetting();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--json") args.json = true;
    else if (arg === "--explain") args.explain = true;
    else if (arg === "--boost") boost = argv[++i] ?? "";
    else if (arg === "--letters") args.options.letterDigits = Number(argv[++i]);
    else if (arg === "-h" || arg === "--help") {
      console.log(USAGE);
      process.exit(0);
    } else if (arg.startsWith("--")) {
      console.error(`Unknown option ${arg}\n${USAGE}`);
      process.exit(2);
    } else args.numbers.push(arg);
  }
  const n = args.options.letterDigits;
  if (n !== undefined && !(Number.isInteger(n) && n >= 1 && n <= 10)) {
    console.error(`--letters takes a whole number from 1 to 10\n${USAGE}`);
    process.exit(2);
  }
  try {
    args.options.boost = parseBoostWords(boost);
  } catch (error) {
    if (!(error instanceof BoostWordsError)) throw error;
    console.error(`${error.message}\n${USAGE}`);
    process.exit(2);
  }
  return args;
}

const WRITE_BATCH = 256;
let failed = false;

function render(input: string, args: Args): string {
  try {
    const { e164, vanity } = findVanityNumbers(input, args.options);
    const displays = vanity.map((v) => v.display);
    if (args.explain) return `${input} (${e164})\n${vanity.map(explained).join("\n")}`;
    return args.json ? jsonLine(input, e164, displays) : `${input} (${e164})\n  ${displays.join("\n  ")}`;
  } catch (error) {
    if (!(error instanceof PhoneNumberError)) throw error;
    failed = true;
    return args.json ? JSON.stringify({ input, error: error.message, code: error.code }) : `${input}: ${error.message}`;
  }
}

function explained(v: VanityNumber, rank: number): string {
  const { kind, score, parts, relaxed, digitsKept } = v.explanation;
  const head = kind === "words" ? `score ${score.toFixed(2)}` : `filler, ${score.toFixed(2)} bits a letter`;
  const lines = parts.map((p) => `      ${kind === "words" ? (p.points >= 0 ? "+" : "") + p.points.toFixed(2) : "     "}  ${p.what}`);
  if (digitsKept !== undefined) lines.push(`             ${count(digitsKept, "digit")} kept`);
  if (relaxed) lines.push(`             rule relaxed: ${relaxed}`);
  return [`  ${rank + 1}. ${v.display}  (${head})`, ...lines].join("\n");
}

// {"input","e164","vanity"} as JSON.stringify writes it, joined from its parts: E.164 and the
// displays are digits, capital letters, "+" and "-", which JSON leaves as they are, and join()
// makes one flat string at once. Cheaper per number than JSON.stringify, which first
// flattens each display (the engine builds them by concatenation).
function jsonLine(input: string, e164: string, displays: string[]): string {
  return ['{"input":', JSON.stringify(input), ',"e164":"', e164, '","vanity":["', displays.join('","'), '"]}'].join("");
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  // A reader that stops early (`… | head`) closes the pipe: stop quietly, as Unix tools do.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    process.exit(failed ? 1 : 0);
  });
  if (args.numbers.length > 0) {
    process.stdout.write(args.numbers.map((n) => render(n, args)).join("\n") + "\n");
  } else {
    // Whole lines from each chunk of standard input, answered WRITE_BATCH at a time with one
    // write each: no per-line promise or write, and few answers alive at once, so that the
    // garbage collector has less to copy (whole chunks of ~4,700 lines left it two to three
    // times as much to promote).
    let rest = "";
    const answer = (lines: string[]) => {
      for (let from = 0; from < lines.length; from += WRITE_BATCH) {
        const out = lines
          .slice(from, from + WRITE_BATCH)
          .filter((line) => line.trim() !== "")
          .map((line) => render(line.replace(/\r$/, ""), args));
        if (out.length > 0) process.stdout.write(out.join("\n") + "\n");
      }
    };
    process.stdin.setEncoding("utf8");
    for await (const chunk of process.stdin) {
      const lines = (rest + (chunk as string)).split("\n");
      rest = lines.pop()!;
      answer(lines);
    }
    answer([rest]);
  }
  process.exitCode = failed ? 1 : 0;
}

void main();
