// The benchmarks' `--write`: each command puts what it printed into its own section of
// docs/benchmarks.md, between the lines `<!-- NAME -->` and `<!-- /NAME -->` (NAME is the npm
// script: bench, bench:cold…), with one line saying when, where and how it was produced, and
// leaves the rest of the file byte for byte. A file whose markers are broken is refused, before
// the benchmark starts and again before writing, so that nothing is written into the wrong place.
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { format } from "node:util";
import { fail } from "../options.js";

/** The project's root: this file is in tools/bench/, two levels down, or bundled into dist/bench.mjs, one. */
const here = dirname(fileURLToPath(import.meta.url));
const root = existsSync(join(here, "../package.json")) ? join(here, "..") : join(here, "../..");
export const REPORT_FILE = join(root, "docs/benchmarks.md");

/** How docs/benchmarks.md opens when a command creates it. */
export const INTRO = `# Benchmarks

The figures below are what each benchmark command printed the last time it ran with \`--write\`,
on the machine and at the time its first line gives; timings drift with the machine's load, so
compare figures from one run rather than across sections. To refresh a section, build
(\`npm run build\`) and run its command with \`--write\`: \`npm run bench -- --write\`,
\`npm run bench:cold -- --write\`, \`npm run bench:load -- --start-sandbox --write\` or
\`npm run bench:pages -- --write\` (their options are in the README's Benchmarks table). Each
command rewrites only its own section, between its two marker comments, and leaves the rest of
this file as it is.
`;

export class BrokenMarkersError extends Error {
  override name = "BrokenMarkersError";
}

// A marker is a line of its own. Anything else that starts like one is a typo, and refused.
const MARKER = /^<!-- (\/?)(bench(?::[\w-]+)?) -->[ \t]*\r?$/;
const LOOKS_LIKE_MARKER = /^\s*<!--\s*\/?\s*bench\b/;

interface Span {
  /** Offset of the open marker's line, and of the line after it. */
  openStart: number;
  bodyStart: number;
  /** Offset of the close marker's line, and of the line after it (or the end of the text). */
  closeStart: number;
  closeEnd: number;
}

/** Every section of `text` by name; throws BrokenMarkersError (naming `file` and the lines) unless each opens once, then closes once, with no marker in between. */
export function findSections(text: string, file = "docs/benchmarks.md"): Map<string, Span> {
  const spans = new Map<string, Span>();
  let open: { name: string; line: number; start: number; bodyStart: number } | null = null;
  const refuse = (line: number, why: string): never => {
    throw new BrokenMarkersError(
      `${file}:${line}: ${why}. Fix the markers by hand (each section is a line "<!-- NAME -->", then a line "<!-- /NAME -->"); nothing was written.`,
    );
  };
  let offset = 0;
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const start = offset;
    offset += line.length + 1; // past the "\n" (one too far on the last line: clamped below)
    const marker = MARKER.exec(line);
    if (!marker) {
      if (LOOKS_LIKE_MARKER.test(line)) refuse(i + 1, `"${line.trim()}" looks like a section marker but is not one`);
      continue;
    }
    const [, slash, name] = marker as unknown as [string, string, string];
    if (!slash) {
      if (open) refuse(i + 1, `the ${name} section opens inside the ${open.name} section (opened on line ${open.line}, not closed)`);
      if (spans.has(name)) refuse(i + 1, `the ${name} section opens a second time`);
      open = { name, line: i + 1, start, bodyStart: Math.min(offset, text.length) };
    } else {
      if (!open)
        refuse(i + 1, spans.has(name) ? `the ${name} section closes a second time` : `the ${name} section closes but never opened`);
      if (open!.name !== name) refuse(i + 1, `the ${name} section closes inside the ${open!.name} section (opened on line ${open!.line})`);
      spans.set(name, { openStart: open!.start, bodyStart: open!.bodyStart, closeStart: start, closeEnd: Math.min(offset, text.length) });
      open = null;
    }
  }
  if (open) refuse(open.line, `the ${open.name} section opens but never closes`);
  return spans;
}

/**
 * `text` with the section `name` holding `body` (which should end with a newline); a section it
 * lacks is added at the end under a `## title` heading. Everything outside the section is kept
 * byte for byte.
 */
export function replaceSection(text: string, name: string, body: string, title: string, file?: string): string {
  const span = findSections(text, file).get(name);
  if (span) return text.slice(0, span.bodyStart) + body + text.slice(span.closeStart);
  const base = text === "" || text.endsWith("\n") ? text : `${text}\n`;
  return `${base}\n## ${title}\n\n<!-- ${name} -->\n${body}<!-- /${name} -->\n`;
}

/** ANSI colours and cursor codes, which a Markdown file would show as debris. */
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;

/** The printed lines without colours, without lines matching `omit` (progress), blank runs squeezed, trimmed. */
export function cleanOutput(lines: readonly string[], omit: readonly RegExp[] = []): string {
  const kept = lines
    .flatMap((chunk) => chunk.replace(ANSI, "").split("\n"))
    .map((line) => line.replace(/\s+$/, ""))
    .filter((line) => !omit.some((pattern) => pattern.test(line)));
  return kept
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .replace(/^\n+|\n+$/g, "");
}

/** The command as it was typed, near enough to run again: `npm run -s bench:pages -- --size 2000 --write`. */
export function commandLine(argv: readonly string[] = process.argv, env: Record<string, string | undefined> = process.env): string {
  const args = argv.slice(2).map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`));
  const script = env.npm_lifecycle_event;
  if (script && script.startsWith("bench")) {
    const silent = env.npm_config_loglevel === "silent" ? ["-s"] : [];
    return ["npm", "run", ...silent, script, ...(args.length ? ["--", ...args] : [])].join(" ");
  }
  const file = argv[1] ? relative(process.cwd(), argv[1]) : "?";
  return [...(file.endsWith(".ts") ? ["npx", "tsx"] : ["node"]), file, ...args].join(" ");
}

export interface Provenance {
  command: string;
  date: Date;
  node: string;
  cpuCount: number;
  cpuModel?: string;
}

export function provenance(): Provenance {
  const all = cpus();
  return {
    command: commandLine(),
    date: new Date(),
    node: process.version,
    cpuCount: all.length,
    cpuModel: all[0]?.model.trim().replace(/\s+/g, " "),
  };
}

/** What goes between the markers: when, where and how, then the report as a code block. */
export function sectionBody(report: string, { command, date, node, cpuCount, cpuModel }: Provenance): string {
  const when = `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  const cpu = `${cpuCount} CPU${cpuCount === 1 ? "" : "s"}${cpuModel ? ` (${cpuModel})` : ""}`;
  const longestRun = Math.max(2, ...(report.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  return `\`${command}\` on ${when}, Node ${node}, ${cpu}:\n\n${fence}text\n${report}\n${fence}\n`;
}

/** Puts `body` into section `name` of `file` (made from INTRO if missing), through a temporary file so that a reader never sees half of it. */
export function writeSection(file: string, name: string, title: string, body: string): void {
  const before = existsSync(file) ? readFileSync(file, "utf8") : INTRO;
  const after = replaceSection(before, name, body, title, relative(process.cwd(), file));
  writeFileSync(`${file}.tmp`, after);
  renameSync(`${file}.tmp`, file);
}

export interface BenchReport {
  /** With --write: stops recording and writes the section; false (the error printed) if it could not. Without: true. */
  finish(): boolean;
}

/**
 * For a benchmark's `--write`: checks the file's markers at once (a broken file fails here, not
 * after the run), then records what the benchmark prints with console.log, still printing it,
 * until finish() writes it into section `name`. Lines matching `omit` are progress and left out.
 */
export function benchReport({
  name,
  title,
  write,
  omit = [],
  file = REPORT_FILE,
}: {
  name: string;
  title: string;
  write: boolean;
  omit?: RegExp[];
  file?: string;
}): BenchReport {
  if (!write) return { finish: () => true };
  try {
    if (existsSync(file)) findSections(readFileSync(file, "utf8"), relative(process.cwd(), file));
  } catch (error) {
    fail(`--write: ${(error as Error).message}`);
  }
  const printed: string[] = [];
  const log = console.log;
  console.log = (...args: unknown[]) => {
    printed.push(format(...args));
    log(...args);
  };
  const started = provenance();
  return {
    finish() {
      console.log = log;
      try {
        writeSection(file, name, title, sectionBody(cleanOutput(printed, omit), started));
      } catch (error) {
        console.error(`Could not write the ${name} section of ${relative(process.cwd(), file)}: ${(error as Error).message}`);
        return false;
      }
      console.log(`Wrote the ${name} section of ${relative(process.cwd(), file)}.`);
      return true;
    },
  };
}
