// Builds src/vanity/nanp-plan.json: the verdict of libphonenumber-js (through our
// parseWithLibphonenumber) on every number Amazon Connect can send for North America, "+1" and
// ten digits, as a decision table over the digits. src/vanity/phone.ts answers from it with a
// walk of ten table entries instead of the library's pattern matching on every call (`npm run
// bench` times both).
//
// The table is exact, not sampled. Every pattern the library's metadata holds for calling code
// 1 (its 25 countries' number patterns, number types, leading digits, formats, prefixes)
// becomes an automaton over digits, and all ten-digit strings are walked through all of them at
// once. Strings that end in the same combined state match exactly the same patterns, whole and
// by prefix, and for "+1" and ten digits the library's answer depends on nothing else (the
// length is the same for all, and our checks before it pass for every such string). So one
// string per final state, asked of parseWithLibphonenumber itself, answers for every string in
// that state. States with the same future are then merged, level by level, which leaves a few
// hundred rows.
//
// Usage: tsx scripts/build-nanp-plan.ts [--force]   (skips the work when the metadata is unchanged)
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { nanpLookup, type NanpPlan, type NanpVerdict } from "../src/vanity/nanp.js";
import { parseWithLibphonenumber, PhoneNumberError, rejection } from "../src/vanity/phone-library.js";
import { DigitRegex } from "./digit-regex.js";
import { inputHash } from "./input-hash.js";

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const NANP_PLAN_PATH = join(root, "src/vanity/nanp-plan.json");
const DIGITS = 10; // a North American national number
const SPOT_CHECKS = 20_000; // random numbers compared with the library after the build

export function metadataInputs(): { source: string; inputHash: string } {
  const metadataFile = require.resolve("libphonenumber-js/metadata.max.json");
  const { version } = JSON.parse(readFileSync(require.resolve("libphonenumber-js/package.json"), "utf8")) as { version: string };
  const files = [
    metadataFile,
    fileURLToPath(import.meta.url),
    ...["scripts/digit-regex.ts", "src/vanity/phone-library.ts"].map((file) => join(root, file)),
  ];
  return { source: `libphonenumber-js ${version} (metadata.max.json)`, inputHash: inputHash(files, 32) };
}

// Every string in the countries' metadata that is a pattern; "$1-$2"-style templates are not.
function patternsFor(metadata: { countries: Record<string, unknown> }, countries: string[]): string[] {
  const patterns = new Set<string>();
  const collect = (value: unknown): void => {
    if (typeof value === "string" && !/\$\d/.test(value)) patterns.add(value);
    else if (Array.isArray(value)) value.forEach(collect);
  };
  for (const country of countries) collect(metadata.countries[country]);
  return [...patterns];
}

interface State {
  regex: Int32Array; // each pattern's automaton state
  prefixMatched: Uint8Array; // whether some prefix read so far matched the pattern
  example: string; // digits that lead here
}

// The verdict of the code the table stands in for, checked against what src/vanity/phone.ts
// assumes when it answers from the table.
function verdictOf(digits: string): NanpVerdict {
  const e164 = `+1${digits}`;
  try {
    const phone = parseWithLibphonenumber(e164);
    const groups = ["+1", digits.slice(0, 3), digits.slice(3, 6), digits.slice(6)];
    if (
      phone.e164 !== e164 ||
      phone.nationalNumber !== digits ||
      phone.countryCallingCode !== "1" ||
      phone.groups.join() !== groups.join() ||
      !phone.country
    ) {
      throw new Error(`${e164} parses as ${JSON.stringify(phone)}, not as src/vanity/phone.ts would write it`);
    }
    return { country: phone.country };
  } catch (error) {
    if (!(error instanceof PhoneNumberError)) throw error;
    if (error.message !== rejection(error.code, e164, e164).message)
      throw new Error(`${e164}: "${error.message}" is not what src/vanity/phone.ts would say`);
    return { error: error.code };
  }
}

export function buildNanpPlan(): NanpPlan {
  const metadata = JSON.parse(readFileSync(require.resolve("libphonenumber-js/metadata.max.json"), "utf8")) as {
    country_calling_codes: Record<string, string[]>;
    countries: Record<string, unknown>;
  };
  const countries = metadata.country_calling_codes["1"]!;
  const regexes = patternsFor(metadata, countries).map((source) => new DigitRegex(source));

  // Forward: the distinct combined states after each number of digits, and how digits move between them.
  let level: State[] = [
    { regex: new Int32Array(regexes.length), prefixMatched: Uint8Array.from(regexes, (r) => (r.matches(0, false) ? 1 : 0)), example: "" },
  ];
  const moves: Int32Array[] = [];
  for (let depth = 1; depth <= DIGITS; depth++) {
    const atEnd = depth === DIGITS;
    const ids = new Map<string, number>();
    const nextLevel: State[] = [];
    const move = new Int32Array(level.length * 10);
    level.forEach((state, from) => {
      for (let d = 0; d <= 9; d++) {
        const regex = Int32Array.from(regexes, (r, i) => r.step(state.regex[i]!, d));
        const prefixMatched = Uint8Array.from(regexes, (r, i) => state.prefixMatched[i]! | (r.matches(regex[i]!, atEnd) ? 1 : 0));
        // At the end only what was matched matters, not the states the patterns are in.
        const key = atEnd
          ? Array.from(regexes, (r, i) => `${r.matches(regex[i]!, true) ? 1 : 0}${prefixMatched[i]}`).join("")
          : `${regex.join()}|${prefixMatched.join("")}`;
        let id = ids.get(key);
        if (id === undefined) {
          id = nextLevel.push({ regex, prefixMatched, example: state.example + d }) - 1;
          ids.set(key, id);
        }
        move[from * 10 + d] = id;
      }
    });
    moves.push(move);
    level = nextLevel;
  }

  // Backward: the verdicts, then merge nodes whose ten entries are the same.
  const verdicts: NanpVerdict[] = [];
  const verdictIds = new Map<string, number>();
  let codes = level.map((state) => {
    const verdict = verdictOf(state.example);
    const key = JSON.stringify(verdict);
    if (!verdictIds.has(key)) verdictIds.set(key, verdicts.push(verdict) - 1);
    return verdictIds.get(key)!;
  });
  const rowsByLevel: number[][][] = [];
  for (let depth = DIGITS - 1; depth >= 0; depth--) {
    const move = moves[depth]!;
    const ids = new Map<string, number>();
    const rows: number[][] = [];
    codes = Array.from({ length: move.length / 10 }, (_, from) => {
      const row = Array.from({ length: 10 }, (_, d) => codes[move[from * 10 + d]!]!);
      const key = row.join();
      let id = ids.get(key);
      if (id === undefined) {
        id = rows.push(row) - 1;
        ids.set(key, id);
      }
      return id;
    });
    rowsByLevel.unshift(rows);
  }
  // One array: each level's rows after the previous level's, entries pointing at global rows.
  const next: number[] = [];
  let firstRow = 0;
  rowsByLevel.forEach((rows, depth) => {
    const nextFirstRow = firstRow + rows.length;
    for (const row of rows) for (const entry of row) next.push(depth === DIGITS - 1 ? entry : nextFirstRow + entry);
    firstRow = nextFirstRow;
  });
  return { ...metadataInputs(), verdicts, next };
}

// Belt and braces: random numbers, the table against the library. Half are any ten digits, half
// have the shape of a North American number (area code and exchange not starting with 0 or 1),
// of which about half are valid.
function spotCheck(plan: NanpPlan): { valid: number } {
  const lookUp = nanpLookup(plan);
  let seed = 1;
  const random = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
  let valid = 0;
  for (let n = 0; n < SPOT_CHECKS; n++) {
    const digits = Array.from({ length: DIGITS }, (_, i) => (n % 2 === 1 && (i === 0 || i === 3) ? 2 + random(8) : random(10))).join("");
    const verdict = verdictOf(digits);
    if (JSON.stringify(lookUp(`+1${digits}`)) !== JSON.stringify(verdict))
      throw new Error(`the table and libphonenumber-js disagree on +1${digits}`);
    if (verdict.country) valid++;
  }
  return { valid };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  const current = existsSync(NANP_PLAN_PATH) ? (JSON.parse(readFileSync(NANP_PLAN_PATH, "utf8")) as NanpPlan) : undefined;
  if (!process.argv.includes("--force") && current?.inputHash === metadataInputs().inputHash) {
    console.log(`NANP plan: up to date (${NANP_PLAN_PATH})`);
  } else {
    const plan = buildNanpPlan();
    const { valid } = spotCheck(plan);
    writeFileSync(`${NANP_PLAN_PATH}.tmp`, `${JSON.stringify(plan)}\n`);
    renameSync(`${NANP_PLAN_PATH}.tmp`, NANP_PLAN_PATH);
    const ms = Math.round(performance.now() - started);
    console.log(
      `NANP plan: built ${NANP_PLAN_PATH} in ${ms} ms (${plan.next.length / 10} rows, ${SPOT_CHECKS} spot checks, ${valid} of them valid, against ${plan.source})`,
    );
  }
}
