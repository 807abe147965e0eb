// Speaks a call's prompts into one WAV file with espeak-ng (Debian: `apt-get install espeak-ng`),
// so a person can listen to roughly what a caller hears. espeak-ng reads SSML with -m, but not
// every tag Amazon Polly knows: it reads <say-as interpret-as="digits">800</say-as> as "eight
// hundred", so digits are handed to it as characters ("eight zero zero").
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { escapeXml } from "../../src/vanity/speech.js";
import type { HeardPrompt } from "./place-call.js";

export class EspeakMissingError extends Error {
  constructor() {
    super(
      "espeak-ng is not installed, so the call cannot be spoken. Install it (Debian/Ubuntu: `sudo apt-get install espeak-ng`, macOS: `brew install espeak-ng`) or leave out --say.",
    );
    this.name = "EspeakMissingError";
  }
}

export function hasEspeak(): boolean {
  return spawnSync("espeak-ng", ["--version"], { stdio: "ignore" }).status === 0;
}

/** Renders the prompts, with a short silence between them, into `file`; returns its length in seconds. */
export function sayPrompts(prompts: HeardPrompt[], file: string, { voice = "en-us", pauseMs = 600 } = {}): number {
  if (!hasEspeak()) throw new EspeakMissingError();
  const dir = mkdtempSync(join(tmpdir(), "call-say-"));
  try {
    const clips = prompts
      .filter((p) => p.format !== "prompt-id")
      .map((prompt, i) => {
        const out = join(dir, `${i}.wav`);
        const ssml = prompt.format === "ssml" ? forEspeak(prompt.content) : `<speak>${escapeXml(prompt.content)}</speak>`;
        const result = spawnSync("espeak-ng", ["-m", "-v", voice, "-w", out, ssml], { encoding: "utf8" });
        if (result.status !== 0)
          throw new Error(`espeak-ng failed on prompt "${prompt.identifier}": ${result.stderr || result.error?.message}`);
        return readWav(readFileSync(out));
      });
    if (clips.length === 0) throw new Error("The call played no prompt to speak");
    const format = clips[0]!.format;
    const silence = Buffer.alloc(Math.round((format.byteRate * pauseMs) / 1000 / format.blockAlign) * format.blockAlign);
    const data = Buffer.concat(clips.flatMap((clip, i) => (i === 0 ? [clip.data] : [silence, clip.data])));
    writeFileSync(file, wavFile(format.header, data));
    return data.length / format.byteRate;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** SSML adjusted for espeak-ng: digits spoken one by one. */
export function forEspeak(ssml: string): string {
  return ssml.replace(/interpret-as=(["'])digits\1/g, 'interpret-as="characters"');
}

interface WavClip {
  format: { header: Buffer; byteRate: number; blockAlign: number };
  data: Buffer;
}

// A RIFF/WAVE file: "fmt " and "data" chunks. espeak-ng writes 16-bit mono PCM, all clips alike.
function readWav(file: Buffer): WavClip {
  if (file.toString("ascii", 0, 4) !== "RIFF" || file.toString("ascii", 8, 12) !== "WAVE")
    throw new Error("espeak-ng did not write a WAV file");
  let fmt: Buffer | undefined;
  let data: Buffer | undefined;
  for (let at = 12; at + 8 <= file.length;) {
    const id = file.toString("ascii", at, at + 4);
    // espeak-ng streams its output, so the data chunk's size may be a placeholder: trust the file.
    const size = Math.min(file.readUInt32LE(at + 4), file.length - at - 8);
    if (id === "fmt ") fmt = file.subarray(at + 8, at + 8 + size);
    if (id === "data") data = file.subarray(at + 8, at + 8 + size);
    at += 8 + size + (size % 2);
  }
  if (!fmt || !data) throw new Error("WAV file without fmt or data chunk");
  return { format: { header: fmt, byteRate: fmt.readUInt32LE(8), blockAlign: fmt.readUInt16LE(12) }, data };
}

function wavFile(fmt: Buffer, data: Buffer): Buffer {
  const header = Buffer.alloc(12 + 8 + fmt.length + 8);
  header.write("RIFF", 0, "ascii");
  header.writeUInt32LE(header.length - 8 + data.length, 4);
  header.write("WAVE", 8, "ascii");
  header.write("fmt ", 12, "ascii");
  header.writeUInt32LE(fmt.length, 16);
  fmt.copy(header, 20);
  header.write("data", 20 + fmt.length, "ascii");
  header.writeUInt32LE(data.length, 24 + fmt.length);
  return Buffer.concat([header, data]);
}
