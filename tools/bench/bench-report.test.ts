import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  BrokenMarkersError,
  cleanOutput,
  commandLine,
  findSections,
  INTRO,
  replaceSection,
  sectionBody,
  writeSection,
  type Provenance,
} from "./bench-report.js";

const made: Provenance = {
  command: "npm run -s bench:pages -- --size 2000 --write",
  date: new Date("2026-12-02T02:30:59Z"),
  node: "v24.9.0",
  cpuCount: 2,
  cpuModel: "Some CPU",
};
const body = (text: string) => sectionBody(text, made);

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "bench-report-"));
  file = join(dir, "benchmarks.md");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("writeSection", () => {
  it("makes a new file: the intro, then the section under its heading", () => {
    writeSection(file, "bench:pages", "npm run bench:pages", body("p50 12 ms"));
    expect(readFileSync(file, "utf8")).toBe(
      `${INTRO}\n## npm run bench:pages\n\n<!-- bench:pages -->\n` +
        "`npm run -s bench:pages -- --size 2000 --write` on 2026-12-02 02:30 UTC, Node v24.9.0, 2 CPUs (Some CPU):\n\n```text\np50 12 ms\n```\n" +
        "<!-- /bench:pages -->\n",
    );
    expect(existsSync(`${file}.tmp`)).toBe(false);
  });

  it("replaces only its own section: everything else stays byte for byte", () => {
    const head = "# Benchmarks\r\n\nHand-written, with odd spacing  \n\n## Engine\n\n<!-- bench -->\nold engine figures\n";
    const middle = "<!-- /bench -->\n\nNotes between sections.\n\n<!-- bench:cold -->\n";
    const tail = "<!-- /bench:cold -->\n\n<!-- bench:pages -->\nold pages\n<!-- /bench:pages -->\ntrailing text, no newline";
    writeFileSync(file, `${head}${middle}old cold figures\n\nmore\n${tail}`);
    writeSection(file, "bench:cold", "unused", body("import 95 ms"));
    expect(readFileSync(file, "utf8")).toBe(`${head}${middle}${body("import 95 ms")}${tail}`);
  });

  it("adds a section the file lacks at its end, keeping what is there", () => {
    const before = "# Benchmarks\n\n<!-- bench -->\nengine\n<!-- /bench -->"; // no final newline
    writeFileSync(file, before);
    writeSection(file, "bench:load", "npm run bench:load", body("200 calls/s"));
    const after = readFileSync(file, "utf8");
    expect(after.startsWith(`${before}\n`)).toBe(true);
    expect(after.slice(before.length)).toBe(
      `\n\n## npm run bench:load\n\n<!-- bench:load -->\n${body("200 calls/s")}<!-- /bench:load -->\n`,
    );
  });

  it.each([
    [
      "a section opened twice",
      "<!-- bench -->\na\n<!-- /bench -->\n<!-- bench -->\nb\n<!-- /bench -->\n",
      /:4: the bench section opens a second time/,
    ],
    ["an open marker never closed", "intro\n<!-- bench:pages -->\nfigures\n", /:2: the bench:pages section opens but never closes/],
    ["a close marker with no open one", "intro\n<!-- /bench:cold -->\n", /:2: the bench:cold section closes but never opened/],
    [
      "a section inside another",
      "<!-- bench -->\n<!-- bench:cold -->\n<!-- /bench:cold -->\n<!-- /bench -->\n",
      /:2: the bench:cold section opens inside the bench section/,
    ],
    ["crossed sections", "<!-- bench -->\n<!-- /bench:cold -->\n", /:2: the bench:cold section closes inside the bench section/],
    ["a misspelt marker", "<!-- bench:pages -->\nx\n<!--/bench:pages-->\n", /:3: "<!--\/bench:pages-->" looks like a section marker/],
  ])("refuses a file with %s, with a clear error, and leaves it alone", (_, text, message) => {
    writeFileSync(file, text);
    expect(() => writeSection(file, "bench:pages", "t", body("new"))).toThrow(BrokenMarkersError);
    expect(() => writeSection(file, "bench:pages", "t", body("new"))).toThrow(message);
    expect(() => writeSection(file, "bench:pages", "t", body("new"))).toThrow(/Fix the markers by hand.*nothing was written/);
    expect(readFileSync(file, "utf8")).toBe(text);
    expect(existsSync(`${file}.tmp`)).toBe(false);
  });
});

describe("the section's text", () => {
  it("drops colours and progress lines, squeezes blank lines", () => {
    const printed = [
      "\x1b[32m✓\x1b[39m all good  ",
      "Seeding 10 callers (npm run seed)…",
      "  1,000 callers · chunk of 99 in 1.2 s (80/s) · 5.0 s so far",
      "",
      "",
      "",
      "table\nrows",
    ];
    expect(cleanOutput(printed, [/^Seeding .*…$/, / so far$/])).toBe("✓ all good\n\ntable\nrows");
  });

  it("fences the report with more backticks than it holds", () => {
    expect(body("a ``` in the output")).toContain("\n````text\na ``` in the output\n````\n");
  });

  it("only inline mentions of a marker are not markers", () => {
    expect(findSections("Run it: `<!-- bench -->` is the marker.\n").size).toBe(0);
    expect(replaceSection("x\n<!-- bench -->\n<!-- /bench -->\n", "bench", "new\n", "t")).toBe("x\n<!-- bench -->\nnew\n<!-- /bench -->\n");
  });

  it("names the command as typed", () => {
    const npm = { npm_lifecycle_event: "bench:pages", npm_config_loglevel: "silent" };
    expect(commandLine(["node", "/x/tools/bench/bench-pages.ts", "--size", "2000", "--write"], npm)).toBe(
      "npm run -s bench:pages -- --size 2000 --write",
    );
    expect(commandLine(["node", "/x/dist/bench.mjs"], { npm_lifecycle_event: "bench" })).toBe("npm run bench");
    expect(commandLine(["node", join(process.cwd(), "tools/bench/bench-cold.ts"), "--runs", "a b"], {})).toBe(
      "npx tsx tools/bench/bench-cold.ts --runs 'a b'",
    );
  });
});
