// `npm run call` as a user runs it: a child process, its output and exit code. Calls that reach
// the Lambda use the sandbox started by test/sandbox-setup.ts (CONNECT_INVOKE_PORT).
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteCaller, getCaller } from "../../src/data/callers.server.js";
import { assertLocalDb, callersToDelete, uniqueNumber } from "../../test/local-db.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const work = mkdtempSync(join(tmpdir(), "call-test-"));
const FLOWERS = "+18003569377";
const created = callersToDelete();
const MENU =
  "To hear them again, press 1. To get them by text message, press 2. To hear the vanity numbers of another phone number, press 3. Or just hang up.";
let flowersExisted = true;
beforeAll(async () => {
  assertLocalDb();
  flowersExisted = (await getCaller({ e164: FLOWERS })) !== null;
});
afterAll(async () => {
  rmSync(work, { recursive: true, force: true });
  if (!flowersExisted) await deleteCaller({ e164: FLOWERS });
});

function call(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ["--import", "tsx", join(root, "tools/call/call.ts"), ...args], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, NODE_NO_WARNINGS: "1", ...env },
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe("npm run call", () => {
  it("prints what the caller hears and the path, from the real Lambda", () => {
    const { code, stdout } = call(["+18003569377"]);
    expect(code).toBe(0);
    const lines = stdout.split("\n");
    expect(lines).toContain("Calling from +18003569377");
    expect(lines).toContain(
      "Thanks for calling. Please hold for a moment while we find vanity numbers for the number you are calling from.",
    );
    expect(lines).toContain("Number 1: 1, 8 0 0, flowers, F L O W E R S.");
    expect(lines.filter((line) => /^Number [123]: /.test(line))).toHaveLength(3);
    // Not a terminal and no --keys: the caller stays silent, hears the menu twice, and goodbye.
    expect(lines.filter((line) => line.endsWith(MENU))).toEqual([MENU, `Sorry, I didn't get that. ${MENU}`]);
    expect(lines).toContain("  [the caller keys nothing]");
    expect(lines).toContain(
      "Path: enable-flow-logs → set-voice → greet-and-ask-to-hold → find-vanity-numbers → remember-vanity-numbers → check-vanity-status → play-vanity-numbers → choose-menu → choose-own-menu → menu → menu-again → say-goodbye → hang-up",
    );
  });

  it("--keys answers the prompts in order: again, a text (printed from the local outbox), another number's", () => {
    const e164 = uniqueNumber();
    created.push(e164);
    const { code, stdout } = call([e164, "--keys", "1,2,3,8004685865#,"]);
    expect(code).toBe(0);
    const lines = stdout.split("\n");
    expect(lines.filter((line) => line.startsWith("  [the caller keys"))).toEqual([
      "  [the caller keys 1]",
      "  [the caller keys 2]",
      "  [the caller keys 3]",
      "  [the caller keys 8004685865#]",
      "  [the caller keys nothing]",
      "  [the caller keys nothing]",
    ]);
    expect(lines.filter((line) => line === "Here are your vanity numbers.")).toHaveLength(2); // heard, then again
    expect(lines).toContain("We have sent your vanity numbers to you in a text message.");
    expect(lines).toContain("Here are the vanity numbers for 8 0 0, 4 6 8, 5 8 6 5.");
    expect(lines).toContain("Number 1: 1, 8 0 0, got, G O T, junk, J U N K.");
    const text = lines.indexOf(`Text message to ${e164} (the local outbox: nothing is sent locally):`);
    expect(text).toBeGreaterThan(0);
    expect(lines[text + 1]).toMatch(/^ {2}Your vanity numbers: 1-\d{3}-[-0-9A-Z]+(, 1-\d{3}-[-0-9A-Z]+){4}$/);
  });

  it("--ssml shows the raw SSML", () => {
    const { code, stdout } = call(["+18003569377", "--ssml"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^<speak><s>Here are your vanity numbers\.<\/s>.*<say-as interpret-as="characters">FLOWERS<\/say-as>.*<\/speak>$/m,
    );
  });

  it("--json prints a machine-readable transcript", () => {
    const { code, stdout } = call(["--withheld", "--json"]);
    expect(code).toBe(0);
    const transcript = JSON.parse(stdout) as {
      callerNumber: unknown;
      path: string[];
      heard: { text: string }[];
      lambda: { response: { status: string } };
      events: { type: string }[];
    };
    expect(transcript.callerNumber).toBeNull();
    expect(transcript.lambda.response.status).toBe("NO_NUMBER");
    expect(transcript.path).toContain("play-no-number");
    expect(transcript.path.slice(-4)).toEqual(["offer-another-number", "offer-another-number-again", "say-goodbye", "hang-up"]);
    expect(transcript.events.map((e) => e.type)).toContain("transition");
  });

  it.each([
    ["--lambda-error", /Lambda find-vanity-numbers: error: simulated Lambda error/],
    ["--lambda-timeout", /Lambda find-vanity-numbers: timeout: the Lambda did not answer within 6 s/],
  ])("%s plays the apology without a sandbox", async (flag, note) => {
    const { code, stdout } = call(["+18003569377", flag], { CONNECT_INVOKE_PORT: String(await freePort()) });
    expect(code).toBe(0);
    expect(stdout).toMatch(note);
    expect(stdout).toContain("Sorry, we couldn't look up your vanity numbers right now. Please try again later. Goodbye.");
    expect(stdout).toContain(
      "Path: enable-flow-logs → set-voice → greet-and-ask-to-hold → find-vanity-numbers → apologise-try-later → hang-up",
    );
  });

  it("exits 3 and says to run npm run dev when the sandbox is not running", async () => {
    const { code, stderr } = call(["+18003569377"], { CONNECT_INVOKE_PORT: String(await freePort()) });
    expect(code).toBe(3);
    expect(stderr).toMatch(/No local sandbox answered at http:\/\/localhost:\d+\/\. Start it first with `npm run dev`/);
  });

  it("exits 64 with the usage for bad arguments", () => {
    for (const args of [
      [],
      ["+18003569377", "--nope"],
      ["+18003569377", "--lambda-error", "--lambda-timeout"],
      ["--withheld=maybe"],
      ["+18003569377", "--keys", "1,two"],
    ]) {
      const { code, stderr } = call(args);
      expect(code, args.join(" ")).toBe(64);
      expect(stderr).toContain("Usage: npm run -s call --");
    }
    expect(call(["--help"]).code).toBe(0);
  });

  it("--say without espeak-ng: a clear message and exit code 2", () => {
    const { code, stderr } = call(["+18003569377", "--lambda-error", "--say"], { PATH: join(work, "no-such-dir") });
    expect(code).toBe(2);
    expect(stderr).toMatch(/espeak-ng is not installed.*apt-get install espeak-ng/);
  });

  it("--say file.wav joins one clip per prompt into one WAV (with a stand-in espeak-ng that records its input)", () => {
    // The stand-in writes 0.1 s of 22050 Hz mono PCM per prompt, as espeak-ng -w does, and logs its SSML.
    const bin = join(work, "bin");
    const log = join(work, "espeak.log");
    spawnSync("mkdir", ["-p", bin]);
    writeFileSync(
      join(bin, "espeak-ng"),
      `#!${process.execPath}
const fs = require("node:fs"); const args = process.argv.slice(2);
if (args[0] === "--version") process.exit(0);
fs.appendFileSync(${JSON.stringify(log)}, args.at(-1) + "\\n");
const data = Buffer.alloc(4410); const h = Buffer.alloc(44);
h.write("RIFF", 0); h.writeUInt32LE(36 + data.length, 4); h.write("WAVEfmt ", 8); h.writeUInt32LE(16, 16);
h.writeUInt16LE(1, 20); h.writeUInt16LE(1, 22); h.writeUInt32LE(22050, 24); h.writeUInt32LE(44100, 28); h.writeUInt16LE(2, 32); h.writeUInt16LE(16, 34);
h.write("data", 36); h.writeUInt32LE(data.length, 40);
fs.writeFileSync(args[args.indexOf("-w") + 1], Buffer.concat([h, data]));
`,
    );
    chmodSync(join(bin, "espeak-ng"), 0o755);
    const { code, stderr } = call(["+18003569377", "--lambda-error", "--say", join(work, "out.wav")], {
      PATH: `${bin}:${process.env.PATH}`,
    });
    expect(code).toBe(0);
    expect(stderr).toMatch(/Spoke the call into .*out\.wav \(0\.8 s\)/); // 2 clips of 0.1 s + a 0.6 s pause
    const wav = readFileSync(join(work, "out.wav"));
    expect(wav.toString("ascii", 0, 4)).toBe("RIFF");
    expect(wav.readUInt32LE(4)).toBe(wav.length - 8);
    expect(wav.readUInt32LE(40)).toBe(2 * 4410 + 26460);
    expect(readFileSync(log, "utf8").trim().split("\n")).toEqual([
      "<speak>Thanks for calling. Please hold for a moment while we find vanity numbers for the number you are calling from.</speak>",
      "<speak>Sorry, we couldn&apos;t look up your vanity numbers right now. Please try again later. Goodbye.</speak>",
    ]);
  });
});
