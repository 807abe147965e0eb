// npm run -s call -- +18003569377 [--keys 1,2] [--ssml] [--json] [--withheld[=anonymous]] [--lambda-error] [--lambda-timeout] [--say [file.wav]]
// Places a simulated Amazon Connect call: runs src/flow/contact-flow.json against the real
// connect-caller Lambda in the running local sandbox (`npm run dev`) and prints what the caller hears.
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { FlowError, type FlowEvent, type InputRequest } from "./interpreter.js";
import { InvokerUnreachableError, placeCall, type CallResult } from "./place-call.js";
import { EspeakMissingError, hasEspeak, sayPrompts } from "./say.js";
import { promptToText } from "../../src/vanity/ssml-text.js";

const USAGE = `Usage: npm run -s call -- <caller number, E.164> [options]

Places a simulated call through the contact flow (src/flow/contact-flow.json), invoking the
connect-caller Lambda in the local sandbox (start it first: npm run dev).

Options:
  --keys 1,2             what the caller keys at each prompt that waits for keys, in order: a
                         menu choice ("1"), a number ("8004685865#"), or nothing for silence
                         ("1,,3"); silence once they run out. Without --keys, in a terminal, it
                         asks at each such prompt (Enter for silence); otherwise, silence.
  --ssml                 show prompts as raw SSML instead of plain text
  --json                 print a machine-readable transcript
  --withheld[=anonymous] the caller withholds their number (CustomerEndpoint null, or Address "anonymous")
  --lambda-error         simulate the Lambda failing (it is not called)
  --lambda-timeout       simulate the Lambda not answering in time (it is not called)
  --say [file.wav]       also speak the prompts into a WAV file with espeak-ng (default call.wav)
  -h, --help             this help

Environment: CONNECT_INVOKE_PORT (default 3334), CONNECT_INSTANCE_ARN.
Exit codes: 0 call completed, 1 flow error, 2 espeak-ng missing, 3 sandbox not running, 64 usage.`;

function parse(argv: string[]) {
  // `--say` takes an optional file name ("--say", "--say x.wav", "--say=x.wav"); `--withheld` an optional kind.
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--say") args.push(`--say=${argv[i + 1]?.endsWith(".wav") ? argv[++i] : "call.wav"}`);
    else if (arg === "--withheld") args.push("--withheld=null");
    else args.push(arg);
  }
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      keys: { type: "string" },
      ssml: { type: "boolean" },
      json: { type: "boolean" },
      withheld: { type: "string" },
      "lambda-error": { type: "boolean" },
      "lambda-timeout": { type: "boolean" },
      say: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
}

async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 64;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const withheld =
    values.withheld === undefined ? false : values.withheld === "anonymous" ? "anonymous" : values.withheld === "null" ? "null" : undefined;
  const number = positionals[0];
  if (withheld === undefined || (!number && !withheld) || positionals.length > 1 || (values["lambda-error"] && values["lambda-timeout"])) {
    console.error(USAGE);
    return 64;
  }
  if (values.say !== undefined && !hasEspeak()) {
    console.error(new EspeakMissingError().message);
    return 2;
  }

  const live = !values.json;
  const keys = values.keys !== undefined ? values.keys.split(",").map((k) => k.trim()) : live && process.stdin.isTTY ? askTheCaller : [];
  if (Array.isArray(keys) && keys.some((k) => !/^[0-9*#]*$/.test(k))) {
    console.error(`--keys takes keypad keys (0-9, * and #) separated by commas, not ${JSON.stringify(values.keys)}\n\n${USAGE}`);
    return 64;
  }
  const started = Date.now();
  let lambdaStarted = started;
  const header = withheld
    ? `Calling with the number withheld (${withheld === "anonymous" ? 'Address "anonymous"' : "CustomerEndpoint null"})\n`
    : `Calling from ${number}\n`;
  let call: CallResult;
  try {
    call = await placeCall({
      number,
      withheld,
      lambda: values["lambda-error"] ? "error" : values["lambda-timeout"] ? "timeout" : "invoke",
      keys,
      onEvent: (event) => {
        // Printed once the call is under way, so a sandbox that is not running gets only its message.
        if (live && event.type === "action" && event.step === 1) console.log(header);
        if (event.type === "action" && event.actionType === "InvokeLambdaFunction") lambdaStarted = Date.now();
        if (live) printEvent(event, { ssml: values.ssml === true, lambdaMs: Date.now() - lambdaStarted });
      },
    });
  } catch (error) {
    if (error instanceof InvokerUnreachableError) {
      console.error(error.message);
      return 3;
    }
    if (error instanceof FlowError) {
      console.error(`The contact flow cannot run: ${error.message}`);
      return 1;
    }
    throw error;
  }

  if (values.json) {
    console.log(JSON.stringify({ ...call, durationMs: Date.now() - started }, null, 2));
  } else {
    for (const text of call.texts)
      console.log(
        `\nText message to ${call.callerNumber} (${text.status === "outbox" ? "the local outbox: nothing is sent locally" : text.status}):\n  ${text.body}`,
      );
    console.log(`\nPath: ${call.path.join(" → ")}`);
  }
  if (values.say !== undefined) {
    try {
      const seconds = sayPrompts(call.heard, values.say);
      console.error(`Spoke the call into ${values.say} (${seconds.toFixed(1)} s).`);
    } catch (error) {
      if (error instanceof EspeakMissingError) {
        console.error(error.message);
        return 2;
      }
      throw error;
    }
  }
  return 0;
}

const lambdaActions = new Set<string>();

let terminal: ReturnType<typeof createInterface> | undefined;
let terminalClosed = false;

/**
 * In a terminal: asks what the caller keys after a prompt that waits for keys (its prompt is
 * printed already). One reader for the whole call, so typed-ahead lines are kept; Ctrl+D ends the
 * keying, and the caller stays silent from then on.
 */
async function askTheCaller(request: InputRequest): Promise<string | null> {
  if (terminalClosed) return null;
  if (!terminal) {
    terminal = createInterface({ input: process.stdin, output: process.stdout });
    terminal.once("close", () => (terminalClosed = true));
  }
  const what = request.store ? `keys, ending with ${request.terminator ?? "#"}` : "a key";
  let answer: string;
  try {
    answer = (await terminal.question(`  > ${what} (Enter for silence): `)).trim();
  } catch {
    terminalClosed = true; // Ctrl+D, or the input ended
    return null;
  }
  if (!/^[0-9*#]*$/.test(answer)) {
    console.log("  (only 0-9, * and # are keys: taken as silence)");
    return null;
  }
  return answer || null;
}

function printEvent(event: FlowEvent, { ssml, lambdaMs }: { ssml: boolean; lambdaMs: number }): void {
  switch (event.type) {
    case "prompt":
      console.log(ssml ? event.content : promptToText(event.format, event.content));
      break;
    case "lambda": {
      lambdaActions.add(event.identifier);
      const { outcome } = event;
      const detail =
        outcome.status === "success"
          ? `status ${JSON.stringify(outcome.response.status)}${outcome.response.source ? `, ${String(outcome.response.source)} caller` : ""}`
          : `${outcome.status}: ${outcome.error}`;
      console.log(`  [Lambda ${event.identifier}: ${detail}, ${(lambdaMs / 1000).toFixed(2)} s]`);
      break;
    }
    case "input":
      console.log(event.keys === null ? "  [the caller keys nothing]" : `  [the caller keys ${event.keys}]`);
      break;
    case "voice":
      console.log(`  [voice: ${event.voice}, ${event.engine.toLowerCase()}]`);
      break;
    case "compare":
      console.log(
        `  [${event.identifier}: ${JSON.stringify(event.value)} ${event.matched ? `matched ${event.matched}` : "matched no condition"}]`,
      );
      break;
    case "transition":
      // A Lambda failure is already reported by its "lambda" event.
      if (event.via === "error" && event.errorType !== "NoMatchingCondition" && !lambdaActions.has(event.from))
        console.log(`  [${event.from} failed (${event.reason}) → ${event.to}]`);
      break;
    case "disconnect":
      console.log("  [call disconnected]");
      break;
    case "end":
      console.log("  [flow ended]");
      break;
  }
}

// `npm run call … | head` closes the pipe early; that is not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});
process.exitCode = await main(process.argv.slice(2));
terminal?.close();
