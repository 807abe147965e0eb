// Command-line options for the scripts: node:util's parseArgs with usage on --help and on
// mistakes (exit code 2), and whole-number options checked against a range.
import { parseArgs, type ParseArgsConfig } from "node:util";

/** Prints `message` to stderr and exits with `code`. */
export function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

/** The parsed option values; `--help` prints `usage` and exits 0, a mistake exits 2 with it. */
export function parseOptions(options: ParseArgsConfig["options"], usage: string): Record<string, string | boolean | undefined> {
  let values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  try {
    values = parseArgs({ options: { ...options, help: { type: "boolean", default: false } } }).values;
  } catch (error) {
    fail(`${(error as Error).message}\n${usage}`, 2);
  }
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  return values as Record<string, string | boolean | undefined>; // no option here is `multiple`
}

/** `text` as a whole number from `min` to `max`, or exit 2 naming the option. */
export function wholeNumber(name: string, text: string, min: number, max: number, usage: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max)
    fail(`--${name} must be a whole number from ${min} to ${max}, got "${text}".\n${usage}`, 2);
  return n;
}
