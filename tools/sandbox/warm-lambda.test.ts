// The warm Lambda environments behind the local invoker, on small handler modules written for each
// test (real child processes, real module loading): reuse, scale-out, and what Lambda does on a
// throw, a timeout, a crash, an init error and new code.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createWarmLambda } from "./warm-lambda.js";

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const dir = mkdtempSync(join(tmpdir(), "warm-lambda-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let pools: Array<ReturnType<typeof createWarmLambda>> = [];
afterEach(() => {
  for (const pool of pools) pool.close();
  pools = [];
});

let files = 0;
/** A handler module with `body` as its handler's body (event, context in scope). */
function handlerFile(body: string, init = ""): string {
  const file = join(dir, `handler-${++files}.mjs`);
  writeFileSync(file, `${init}\nlet calls = 0;\nexport const handler = async (event, context) => { calls++; ${body} };\n`);
  return file;
}

function pool(file: string, options: { timeoutMs?: number; maxWorkers?: number; env?: Record<string, string> } = {}) {
  const warm = createWarmLambda({
    handlerFile: file,
    env: { PATH: process.env.PATH!, ...options.env },
    timeoutMs: options.timeoutMs ?? 5000,
    maxWorkers: options.maxWorkers ?? 2,
  });
  pools.push(warm);
  return warm;
}

const WHO = "return { pid: process.pid, calls, echo: event.echo };";
const sleep = (ms: number) => `await new Promise((r) => setTimeout(r, ${ms}));`;

describe("warm Lambda environments", () => {
  it("runs the handler once per invocation in an environment that is reused, module state and all", async () => {
    const warm = pool(handlerFile(WHO));
    const first = await warm.invoke({ echo: "a" });
    const second = await warm.invoke({ echo: "b" });
    expect(first).toMatchObject({ calls: 1, echo: "a" });
    expect(second).toEqual({ pid: first.pid, calls: 2, echo: "b" });
    expect(first.pid).not.toBe(process.pid);
  });

  it("gives the handler the environment it was given and a Lambda context", async () => {
    const warm = pool(handlerFile("return { x: process.env.X, id: context.awsRequestId, left: context.getRemainingTimeInMillis() };"), {
      env: { X: "from the invoker" },
      timeoutMs: 3000,
    });
    const answer = await warm.invoke({});
    expect(answer.x).toBe("from the invoker");
    expect(answer.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.left).toBeGreaterThan(2000);
    expect(answer.left).toBeLessThanOrEqual(3000);
  });

  it("runs one invocation at a time per environment, starts more one at a time up to maxWorkers, and queues the rest", async () => {
    const warm = pool(handlerFile(`${sleep(150)} ${WHO}`), { maxWorkers: 3 });
    const burst = Promise.all(Array.from({ length: 9 }, (_, i) => warm.invoke({ echo: i })));
    expect(warm.stats()).toEqual({ environments: 1, busy: 1, waiting: 8 }); // one starting, not nine
    const answers = await burst;
    expect(answers.map((a) => a.echo)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    const pids = new Set(answers.map((a) => a.pid));
    expect(pids.size).toBeGreaterThan(1);
    expect(pids.size).toBeLessThanOrEqual(3);
    // One at a time each: every environment counted its own calls 1, 2, 3… with none shared.
    for (const pid of pids) {
      const calls = answers
        .filter((a) => a.pid === pid)
        .map((a) => a.calls)
        .sort((x, y) => x - y);
      expect(calls).toEqual(Array.from({ length: calls.length }, (_, i) => i + 1));
    }
    expect(warm.stats()).toEqual({ environments: pids.size, busy: 0, waiting: 0 });
  });

  it("can start an environment before the first invocation, which then finds it ready", async () => {
    const warm = pool(handlerFile(WHO), { maxWorkers: 2 });
    warm.prewarm();
    expect(warm.stats()).toEqual({ environments: 1, busy: 0, waiting: 0 });
    const first = await warm.invoke({});
    const second = await warm.invoke({});
    expect(first.calls).toBe(1);
    expect(second).toMatchObject({ pid: first.pid, calls: 2 });
    expect(warm.stats().environments).toBe(1);
  });

  it("fails only the invocation whose handler throws; the environment goes on", async () => {
    const warm = pool(handlerFile(`if (event.fail) { const e = new Error("no luck"); e.name = "LuckError"; throw e; } ${WHO}`), {
      maxWorkers: 1,
    });
    const before = await warm.invoke({});
    await expect(warm.invoke({ fail: true })).rejects.toMatchObject({ name: "LuckError", message: "no luck" });
    expect(await warm.invoke({})).toMatchObject({ pid: before.pid, calls: 3 });
  });

  it("stops an invocation at the timeout, as Lambda does, and never reuses that environment", async () => {
    const warm = pool(handlerFile(`if (event.slow) { ${sleep(5000)} } ${WHO}`), { timeoutMs: 300, maxWorkers: 1 });
    const before = await warm.invoke({});
    const started = performance.now();
    await expect(warm.invoke({ slow: true })).rejects.toMatchObject({
      name: "Sandbox.Timedout",
      message: "Task timed out after 0.30 seconds",
    });
    expect(performance.now() - started).toBeLessThan(2000);
    const after = await warm.invoke({});
    expect(after.pid).not.toBe(before.pid);
    expect(after.calls).toBe(1);
  });

  it("fails the invocation when its environment dies, and starts a new one for the next", async () => {
    const warm = pool(handlerFile(`if (event.crash) process.exit(3); ${WHO}`), { maxWorkers: 1 });
    const before = await warm.invoke({});
    await expect(warm.invoke({ crash: true })).rejects.toMatchObject({
      name: "Runtime.ExitError",
      message: expect.stringContaining("code 3"),
    });
    expect((await warm.invoke({})).pid).not.toBe(before.pid);
  });

  it("reports an init error (the module throws on import) as the invocation's error", async () => {
    const warm = pool(handlerFile(WHO, 'throw new TypeError("cannot start");'));
    await expect(warm.invoke({})).rejects.toMatchObject({ name: "TypeError", message: "cannot start" });
    const missing = pool(join(dir, "no-such-handler.mjs"));
    await expect(missing.invoke({})).rejects.toThrow(/Cannot find module|ERR_MODULE_NOT_FOUND|no-such-handler/);
  });

  it("runs new code once the handler file changes (a rebuild), without a restart", async () => {
    const file = handlerFile('return "old";');
    const warm = pool(file);
    expect(await warm.invoke({})).toBe("old");
    await new Promise((r) => setTimeout(r, 20)); // a later mtime
    writeFileSync(file, 'export const handler = async () => "new";\n');
    expect(await warm.invoke({})).toBe("new");
  });

  it("on close, fails what still waits and stops every environment", async () => {
    const warm = pool(handlerFile(`${sleep(2000)} ${WHO}`), { maxWorkers: 1 });
    const running = warm.invoke({});
    const queued = warm.invoke({});
    await new Promise((r) => setTimeout(r, 300));
    warm.close();
    await expect(queued).rejects.toThrow("closed");
    await expect(running).rejects.toMatchObject({ name: "Runtime.ExitError" });
    await expect(warm.invoke({})).rejects.toThrow("closed");
  });

  it("does not outlive the sandbox that started it, even when the sandbox dies without closing it", async () => {
    const handler = handlerFile("setInterval(() => {}, 1000); return process.pid;"); // a handler that keeps its process busy
    const parent = join(dir, "parent.mjs");
    writeFileSync(
      parent,
      `import { createWarmLambda } from ${JSON.stringify(new URL("./warm-lambda.js", import.meta.url).href)};
const warm = createWarmLambda({ handlerFile: ${JSON.stringify(handler)}, env: { PATH: process.env.PATH }, timeoutMs: 5000, maxWorkers: 1 });
console.log(await warm.invoke({}));
process.exit(0);\n`,
    );
    const child = spawn(process.execPath, [parent], { stdio: ["ignore", "pipe", "inherit"] });
    const pid = Number(await new Promise<string>((resolve) => child.stdout.once("data", (chunk: Buffer) => resolve(chunk.toString()))));
    expect(pid).toBeGreaterThan(0);
    await new Promise((resolve) => child.once("exit", resolve));
    const deadline = Date.now() + 5000;
    while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(alive(pid)).toBe(false);
  });
});
