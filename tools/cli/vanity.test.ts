// The command line as people and scripts use it: the compiled bundle, in a child process.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const cli = `${root}dist/vanity.cjs`;
const run = (args: string[], input?: string) => spawnSync(process.execPath, [cli, ...args], { input, encoding: "utf8" });

beforeAll(() => {
  if (!existsSync(cli)) execFileSync(process.execPath, ["scripts/build-bundles.mjs", "vanity.cjs"], { cwd: root });
}, 60_000);

describe("npm run vanity", () => {
  it("prints five vanity numbers, best first, for each number given", () => {
    const { stdout, status } = run(["+18003569377", "(800) 468-5865"]);
    expect(status).toBe(0);
    const lines = stdout.trim().split("\n");
    expect(lines).toHaveLength(12);
    expect(lines[0]).toBe("+18003569377 (+18003569377)");
    expect(lines[1]!.trim()).toBe("1-800-FLOWERS");
    expect(lines[7]!.trim()).toBe("1-800-GOT-JUNK");
  });

  it("--explain: under each result, the parts of its score and the digits it keeps", () => {
    const { stdout, status } = run(["--explain", "+18003448377"]);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^ {2}1\. 1-800-34-GUESS {2}\(score \d+\.\d\d\)$/m);
    expect(stdout).toMatch(/^ +\+1\.60 {2}the last word ends the number$/m);
    expect(stdout).toMatch(/^ +2 digits kept$/m);
    expect(stdout).toMatch(/^ +1 digit kept$/m);
  });

  it("--json: one object a line, errors included, exit code 1 when any number was rejected", () => {
    const { stdout, status } = run(["--json", "+18003569377", "anonymous"]);
    expect(status).toBe(1);
    const [ok, bad] = stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(ok).toEqual({ input: "+18003569377", e164: "+18003569377", vanity: expect.arrayContaining(["1-800-FLOWERS"]) });
    expect(ok.vanity).toHaveLength(5);
    expect(bad).toEqual({ input: "anonymous", error: "The caller's number is withheld.", code: "WITHHELD" });
  });

  it("--json writes exactly what JSON.stringify would, for typed and foreign numbers too", () => {
    const inputs = [
      "+18003569377",
      "(800) 468-5865",
      "+44 20 7946 0958",
      "８００ ３５６ ９３７７",
      "800 356 9377 \\\\",
      'say "hi"',
      "+1 (800) FLOWERS",
    ];
    const { stdout } = run(["--json"], inputs.join("\n") + "\n");
    const lines = stdout.trim().split("\n");
    expect(lines).toHaveLength(inputs.length);
    lines.forEach((line, i) => {
      expect(JSON.parse(line).input).toBe(inputs[i]);
      expect(line).toBe(JSON.stringify(JSON.parse(line)));
    });
  });

  it("reads one number a line from standard input, skipping blank lines and CRLF endings", () => {
    const numbers = Array.from({ length: 300 }, (_, i) => `+1303555${String(2000 + i).padStart(4, "0")}`);
    const { stdout, status } = run(["--json"], numbers.join("\r\n") + "\n\n");
    expect(status).toBe(0);
    const lines = stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines.map((l) => l.input)).toEqual(numbers);
    for (const line of lines) expect(line.vanity).toHaveLength(5);
  });

  it("stops quietly when its reader stops early (| head)", async () => {
    const child = spawn(process.execPath, [cli, "--json"], { stdio: ["pipe", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once("data", () => child.stdout.destroy());
    // It stops before it has read all of its input: writing the rest may then fail with EPIPE.
    child.stdin.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE") throw error;
    });
    child.stdin.end(Array.from({ length: 50_000 }, (_, i) => `+1303555${String(i % 10_000).padStart(4, "0")}`).join("\n"));
    const code = await new Promise((resolve) => child.on("close", resolve));
    expect(stderr).toBe("");
    expect(code).toBe(0);
  });

  it("--letters limits the letters to the last N digits", () => {
    const { stdout } = run(["--json", "--letters", "4", "+13035552253"]);
    for (const v of JSON.parse(stdout).vanity as string[]) expect(v.startsWith("1-303-555-")).toBe(true);
  });

  it("rejects unknown options and a bad --letters with usage and exit code 2", () => {
    expect(run(["--nope"]).status).toBe(2);
    const bad = run(["--letters", "11", "+18003569377"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--letters takes a whole number from 1 to 10");
  });
});
