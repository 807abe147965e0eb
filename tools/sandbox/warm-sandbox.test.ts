// Warm environments for the Lambdas sandbox invokes itself, on sandbox's own runtime table and invocation
// records (the objects it reads while serving), with handler modules written for each test and
// the stand-in processes spawned the way sandbox spawns them (a shell). The last test goes through
// the test sandbox's real HTTP server and the app's real Remix Lambda.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createPlaceholders } from "./placeholder-processes.js";
import { startWarmLambdas } from "./warm-sandbox.js";

const require = createRequire(import.meta.url);
const sandboxRoot = dirname(require.resolve("@architect/sandbox/package.json"));
type Command = { command: string; args: string[] };
const runtimeEval = require(join(sandboxRoot, "src/lib/runtime-eval.js")) as Record<"node" | "node-esm", (script: string) => Command>;
const { invocations } = require(join(sandboxRoot, "src/arc/_runtime-api/index.js")) as {
  invocations: Record<string, { request: unknown; lambda: { pragma: string; name: string }; response?: unknown; error?: unknown }>;
};

const dir = mkdtempSync(join(tmpdir(), "warm-sandbox-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let stops: Array<() => void> = [];
afterEach(() => {
  for (const stop of stops) stop();
  stops = [];
});

let files = 0;
function handlerFile(body: string): string {
  const file = join(dir, `handler-${++files}.mjs`);
  writeFileSync(file, `let calls = 0;\nexport const handler = async (event) => { calls++; ${body} };\n`);
  return file;
}

function warm(file: string, { pragma = "http", name = "get /x" } = {}) {
  const started = startWarmLambdas({
    lambdas: [{ pragma, name, handlerFile: file, config: { timeout: 5 } }],
    envFor: () => () => ({ PATH: process.env.PATH! }),
    maxWorkers: 1,
    log: () => {},
  });
  stops.push(() => started.stop());
  return started;
}

/** What sandbox's invokeLambda does: record the invocation, ask for the command, spawn it in a shell, wait for it to end. */
async function invokeLikeSandbox(lambda: { pragma: string; name: string }, request: unknown, runtime: "node" | "node-esm" = "node-esm") {
  const requestID = randomUUID();
  invocations[requestID] = { request, lambda };
  const { command, args } = runtimeEval[runtime]("/* the bootstrap */");
  const child = spawn(command, args, { shell: true, stdio: "ignore" });
  const exit = await new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const { response, error } = invocations[requestID]!;
  delete invocations[requestID];
  return { command, exit, response, error };
}

describe("warm environments under sandbox", () => {
  it("answer an HTTP invocation from a warm environment, reused for the next, and the stand-in ends on its own", async () => {
    warm(handlerFile("return { statusCode: 200, body: JSON.stringify({ pid: process.pid, path: event.rawPath, calls }) };"));
    const first = await invokeLikeSandbox({ pragma: "http", name: "get /x" }, { rawPath: "/a" });
    const second = await invokeLikeSandbox({ pragma: "http", name: "get /x" }, { rawPath: "/b" });
    expect(first.exit).toBe(0); // ended by the response, not killed
    const a = JSON.parse((first.response as { body: string }).body);
    const b = JSON.parse((second.response as { body: string }).body);
    expect(a).toMatchObject({ path: "/a", calls: 1 });
    expect(b).toMatchObject({ path: "/b", calls: 2, pid: a.pid }); // the same process: warm
    expect(a.pid).not.toBe(process.pid);
  });

  it("answer 500, as API Gateway does, when the handler throws, and say why in the invocation's error", async () => {
    warm(handlerFile('throw new TypeError("no such thing");'));
    const { response, error, exit } = await invokeLikeSandbox({ pragma: "http", name: "get /x" }, { rawPath: "/" });
    expect(exit).toBe(0);
    expect(response).toEqual({
      statusCode: 500,
      headers: { "content-type": "application/json" },
      body: '{"message":"Internal Server Error"}',
    });
    expect(error).toBe("TypeError: no such thing");
  });

  it("run a queue Lambda too, and note a failure without making up an HTTP response", async () => {
    warm(handlerFile('if (event.Records[0].body === "bad") throw new Error("malformed"); return { pid: process.pid };'), {
      pragma: "queues",
      name: "caller-writes",
    });
    const ok = await invokeLikeSandbox({ pragma: "queues", name: "caller-writes" }, { Records: [{ body: "{}" }] });
    expect(ok.response).toEqual({ pid: expect.any(Number) });
    const bad = await invokeLikeSandbox({ pragma: "queues", name: "caller-writes" }, { Records: [{ body: "bad" }] });
    expect(bad).toMatchObject({ exit: 0, response: undefined, error: "Error: malformed" });
  });

  it("leave Lambdas they were not given to sandbox's own process per invocation", () => {
    warm(handlerFile("return {};"));
    for (const lambda of [
      { pragma: "queues", name: "caller-writes" },
      { pragma: "scheduled", name: "get /x" },
      { pragma: "http", name: "post /other" },
    ]) {
      const requestID = randomUUID();
      invocations[requestID] = { request: {}, lambda };
      try {
        expect(runtimeEval["node-esm"]("SCRIPT")).toEqual({ command: "node", args: ["--input-type=module", "-e", "SCRIPT"] });
        expect(runtimeEval.node("SCRIPT")).toEqual({ command: "node", args: ["-e", "SCRIPT"] });
      } finally {
        delete invocations[requestID];
      }
    }
  });

  it("give sandbox its own commands back on stop()", () => {
    const before = { node: runtimeEval.node, esm: runtimeEval["node-esm"] };
    warm(handlerFile("return {};")).stop();
    expect(runtimeEval.node).toBe(before.node);
    expect(runtimeEval["node-esm"]).toBe(before.esm);
  });
});

describe("stand-in processes", () => {
  it("wait until released, even on a pipe whose last stand-in was killed before reading its line", async () => {
    const placeholders = createPlaceholders(5);
    stops.push(() => placeholders.close());
    const first = placeholders.take();
    first.release(); // nobody read it: the line stays in the pipe
    const others = Array.from({ length: 31 }, () => placeholders.take());
    const again = placeholders.take(); // the first pipe once more
    expect(again.command).toBe(first.command);
    const child = spawn(again.command, again.args, { shell: true, stdio: "ignore" });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const early = await Promise.race([exited.then(() => "exited"), new Promise((resolve) => setTimeout(() => resolve("waiting"), 300))]);
    expect(early).toBe("waiting");
    again.release();
    expect(await exited).toBe(0);
    for (const other of others) other.release();
  });
});

describe("the test sandbox's Remix Lambda", () => {
  it("answers 20 requests sent at once", async () => {
    const url = `http://127.0.0.1:${process.env.ARC_HTTP_PORT}/try`;
    const statuses = await Promise.all(
      Array.from({ length: 20 }, () => fetch(url, { signal: AbortSignal.timeout(15_000) }).then((r) => r.text().then(() => r.status))),
    );
    expect(statuses).toEqual(Array(20).fill(200));
  });
});
