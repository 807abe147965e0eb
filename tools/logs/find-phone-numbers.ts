// npx tsx tools/logs/find-phone-numbers.ts <file>…
// Reads what a test run printed and finds log lines (the JSON lines the logger writes, also
// behind a "[WebServer] " prefix) that hold a whole phone number: E.164 ("+18005550199") or a
// bare North American one of 10 or 11 digits. The logger masks them ("+1******0199"), so any
// hit is a leak. Exits 1 and prints the lines when it finds one. .ci/run runs it on `npm test`.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

// Whole runs only, not digits inside a longer word: a timestamp in milliseconds or the tail of a
// contact id ("…-bd7595580123") holds ten digits but is no phone number.
const WHOLE_NUMBER = /(?<![\w*])(?:\+\d{8,15}|1[2-9]\d{2}[2-9]\d{6}|[2-9]\d{2}[2-9]\d{6})(?!\w)/;

/** The log lines in `text` that hold a whole phone number. */
export function leakedLines(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.replace(/^\s*(\[WebServer\]\s*)?/, ""))
    .filter((line) => line.startsWith('{"level"') && WHOLE_NUMBER.test(line));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const files = process.argv.slice(2);
  const leaks = files.flatMap((file) => leakedLines(readFileSync(file, "utf8")).map((line) => `${file}: ${line.slice(0, 300)}`));
  if (leaks.length > 0) {
    console.error(`${leaks.length} log line(s) with a whole phone number:\n${leaks.join("\n")}`);
    process.exit(1);
  }
  console.log(`No whole phone numbers in the logs of ${files.join(", ")}.`);
}
