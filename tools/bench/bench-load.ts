// npm run bench:load -- [--calls 1000] [--concurrency 20] [--url http://localhost:3334/] [--start-sandbox] [--write]
//
// Load benchmark for the Connect Lambda: N simulated calls at concurrency C, POSTed as realistic
// Connect events to the local sandbox's invoker (src/plugins/connect.js), then checked through
// the data layer. The mix: mostly first calls from new numbers, a share of repeat callers (who
// must get their stored numbers back) and bursts where one new number calls two to four times
// at the same moment (one record, the same numbers for all). Reports throughput, latency
// percentiles and errors; exits 1 when any check fails. With --write, a run that got as far as
// the checks also goes into its section of docs/benchmarks.md, whatever their verdict.
//
// Where it sends the calls: --url, else the invoker on CONNECT_INVOKE_PORT (default 3334) if one
// answers (`npm run dev`), else a sandbox it starts itself on the benchmark ports (3360 http,
// 5660 tables, 2260 _arc, 3361 invoker; BENCH_*_PORT to change) and stops at the end;
// --start-sandbox always starts its own. Only ever localhost. Run `npm run build` first.
//
// The invoker runs the Lambda the way AWS does, in warm environments reused between calls (more
// start as concurrency grows). A sandbox started with CONNECT_INVOKER=cold runs every call as a
// fresh process instead, a cold start each: on a machine with few cores those start-ups, not the
// handler, bound throughput, and with many calls in flight some run past the Lambda's 5 s timeout.
import { existsSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { RESPONSE_KEYS } from "../../src/connect/contract.js";
import { connectEvent } from "../../test/connect-event.js";
import { stringMapProblem } from "../call/interpreter.js";
import { ssmlProblem } from "../call/ssml-check.js";
import {
  assertLocalUrl,
  benchPorts,
  invokerMode,
  listLocalTables,
  root,
  sandboxTable,
  startSandbox,
  useLocalTables,
  type RunningSandbox,
} from "../local-sandbox.js";
import { benchReport } from "./bench-report.js";
import { ms, summarize } from "./bench-stats.js";
import { fail, parseOptions, wholeNumber } from "../options.js";
import { randomCallerNumber } from "../random-callers.js";

const USAGE = `Usage: npm run bench:load -- [--calls 1000] [--concurrency 20] [--url http://localhost:3334/] [--start-sandbox]
  --calls N          simulated calls, 1..20000 (default 1000)
  --concurrency C    calls in flight at once, 1..200 (default 20)
  --url URL          the sandbox's Connect invoker (localhost only; default CONNECT_INVOKE_PORT or 3334)
  --start-sandbox    start a sandbox of its own (ports BENCH_HTTP_PORT 3360, BENCH_TABLES_PORT 5660,
                     BENCH_ARC_PORT 2260, BENCH_INVOKE_PORT 3361) and stop it at the end
  --max-seconds S    give up after S seconds, 10..3600 (default 900)
  --write            also put the report in docs/benchmarks.md`;

const CALL_TIMEOUT_MS = 30_000; // far above Connect's 8 s: we want the latency, not a cut-off
const CONNECT_LIMIT_MS = 8_000;
const LAMBDA_TIMEOUT_MS = 5_000; // the connect-caller Lambda's Timeout (Architect's default)
const REPEAT_SHARE = 0.14; // of all calls
const BURST_SHARE = 0.06; // of all calls, in groups of 2–4 fired together
const RECENT_CHECKED = 50; // RECENT_LIMIT_MAX in the data layer
const VERIFY_CONCURRENCY = 8;

interface Options {
  calls: number;
  concurrency: number;
  url: string | undefined;
  startSandbox: boolean;
  maxSeconds: number;
  write: boolean;
}

function options(): Options {
  const values = parseOptions(
    {
      calls: { type: "string", default: "1000" },
      concurrency: { type: "string", default: "20" },
      url: { type: "string" },
      "start-sandbox": { type: "boolean", default: false },
      "max-seconds": { type: "string", default: "900" },
      write: { type: "boolean", default: false },
    },
    USAGE,
  );
  if (values.url !== undefined) {
    try {
      assertLocalUrl(values.url as string);
    } catch (error) {
      fail((error as Error).message, 2);
    }
  }
  return {
    calls: wholeNumber("calls", values.calls as string, 1, 20_000, USAGE),
    concurrency: wholeNumber("concurrency", values.concurrency as string, 1, 200, USAGE),
    url: values.url as string | undefined,
    startSandbox: values["start-sandbox"] as boolean,
    maxSeconds: wholeNumber("max-seconds", values["max-seconds"] as string, 10, 3600, USAGE),
    write: values.write as boolean,
  };
}

// --- The plan: who calls, in which order -------------------------------------------------------

type Kind = "new" | "repeat" | "burst";

interface Job {
  kind: Kind;
  e164: string;
  /** Calls fired at the same moment (bursts: 2–4; otherwise 1). */
  size: number;
  /** A repeat call waits until this number's first call has been answered. */
  after?: Job;
  done?: Promise<void>;
}

/** Numbers not yet stored in the table, so that their first call really is a first call. */
async function freshNumbers(count: number, getCaller: (q: { e164: string }) => Promise<unknown>): Promise<string[]> {
  const numbers = new Set<string>();
  while (numbers.size < count) {
    const batch: string[] = [];
    while (batch.length < Math.min(100, count - numbers.size)) {
      const n = randomCallerNumber();
      if (!numbers.has(n) && !batch.includes(n)) batch.push(n);
    }
    const stored = await mapLimit(batch, VERIFY_CONCURRENCY, (e164) => getCaller({ e164 }));
    batch.forEach((n, i) => stored[i] === null && numbers.add(n));
  }
  return [...numbers];
}

/** Like Promise.all over `items`, with at most `limit` at a time (the checks must not be a load test of their own). */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** N calls: bursts and repeats as shares of N, the rest first calls; repeats come after their first call. */
function plan(calls: number, concurrency: number, numbers: string[]): Job[] {
  // Burst sizes cycle 2, 3, 4 (at most the concurrency); a leftover single call joins the singles.
  const burstSizes: number[] = [];
  let burstCalls = calls >= 10 ? Math.round(calls * BURST_SHARE) : 0;
  const maxBurst = Math.min(4, concurrency);
  while (maxBurst >= 2 && burstCalls >= 2) {
    const size = Math.min(maxBurst, burstCalls, 2 + (burstSizes.length % 3));
    burstSizes.push(size);
    burstCalls -= size;
  }
  const used = burstSizes.reduce((a, b) => a + b, 0);
  const repeats = calls >= 10 ? Math.round(calls * REPEAT_SHARE) : 0;
  const singles = calls - used - repeats;
  let next = 0;
  const firsts: Job[] = shuffle([
    ...burstSizes.map((size): Job => ({ kind: "burst", e164: numbers[next++]!, size })),
    ...Array.from({ length: singles }, (): Job => ({ kind: "new", e164: numbers[next++]!, size: 1 })),
  ]);
  // Each repeat lands a little after a first call from the first three quarters of the run.
  const keyed: Array<{ key: number; job: Job }> = firsts.map((job, i) => ({ key: i, job }));
  const window = Math.max(1, Math.floor(firsts.length / 4));
  for (let r = 0; r < repeats; r++) {
    const origin = Math.floor(Math.random() * Math.max(1, Math.floor(firsts.length * 0.75)));
    const first = firsts[origin]!;
    keyed.push({ key: origin + 1 + Math.random() * window, job: { kind: "repeat", e164: first.e164, size: 1, after: first } });
  }
  return keyed.sort((a, b) => a.key - b.key).map(({ job }) => job);
}

// --- Running it ----------------------------------------------------------------------------------

/** A counting semaphore that serves waiters in order, including ones that need several permits. */
function semaphore(permits: number) {
  let free = permits;
  const waiting: Array<{ n: number; go: () => void }> = [];
  const pump = () => {
    while (waiting.length > 0 && waiting[0]!.n <= free) {
      const head = waiting.shift()!;
      free -= head.n;
      head.go();
    }
  };
  return {
    acquire: (n: number) => new Promise<void>((go) => (waiting.push({ n, go }), pump())),
    release: (n: number) => ((free += n), pump()),
  };
}

interface CallOutcome {
  kind: Kind;
  e164: string;
  ms: number;
  httpStatus: number | null;
  response: Record<string, string> | null;
  problem: string | null;
}

/** Why a response is not what the flow needs (a flat map with every key, OK, speakable SSML), or null. */
function responseProblem(body: unknown): string | null {
  const shape = stringMapProblem(body);
  if (shape) return `malformed: ${shape}`;
  const map = body as Record<string, string>;
  const keys = Object.keys(map).sort().join(",");
  if (keys !== RESPONSE_KEYS.join(",")) return `malformed: keys ${keys}`;
  if (map.status !== "OK") return `status ${map.status}`;
  if (!map.vanity1 || !map.vanity2 || !map.vanity3) return "malformed: an empty vanity number with status OK";
  const ssml = ssmlProblem(map.ssml!);
  if (ssml) return `malformed: SSML ${ssml}`;
  if (map.source !== "new" && map.source !== "existing") return `malformed: source "${map.source}"`;
  return null;
}

async function placeOne(url: string, kind: Kind, e164: string, signal: AbortSignal): Promise<CallOutcome> {
  const started = performance.now();
  const outcome: CallOutcome = { kind, e164, ms: 0, httpStatus: null, response: null, problem: null };
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(connectEvent(e164)),
      signal: AbortSignal.any([signal, AbortSignal.timeout(CALL_TIMEOUT_MS)]),
    });
    const text = await response.text();
    outcome.httpStatus = response.status;
    if (response.status !== 200) {
      outcome.problem = `HTTP ${response.status}: ${text.split("\n")[0]!.slice(0, 200)}`;
    } else {
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
      outcome.problem = responseProblem(body);
      if (!outcome.problem || !outcome.problem.startsWith("malformed")) outcome.response = body as Record<string, string>;
    }
  } catch (error) {
    outcome.problem = `no answer: ${(error as Error).name === "TimeoutError" ? `timed out after ${CALL_TIMEOUT_MS / 1000} s` : (error as Error).message}`;
  }
  outcome.ms = performance.now() - started;
  // A Lambda that ran past its Timeout (5 s, as deployed): the warm invoker says "Task timed out";
  // sandbox's cold invoke answers with an error that has no message.
  if (outcome.httpStatus === 500 && (outcome.ms >= LAMBDA_TIMEOUT_MS || /Task timed out/.test(outcome.problem ?? ""))) {
    outcome.problem = `HTTP 500: the Lambda ran past its ${LAMBDA_TIMEOUT_MS / 1000} s timeout and was stopped`;
  }
  return outcome;
}

async function run(url: string, jobs: Job[], concurrency: number, maxSeconds: number) {
  const gate = semaphore(concurrency);
  const stop = new AbortController();
  const timer = setTimeout(() => stop.abort(new Error(`gave up after --max-seconds ${maxSeconds}`)), maxSeconds * 1000);
  const outcomes: CallOutcome[] = [];
  let answered = 0;
  const total = jobs.reduce((sum, job) => sum + job.size, 0);
  const progressEvery = Math.max(100, Math.round(total / 10));
  const started = performance.now();
  for (const job of jobs) {
    job.done = (async () => {
      if (job.after) await job.after.done;
      await gate.acquire(job.size);
      try {
        if (stop.signal.aborted) {
          for (let i = 0; i < job.size; i++)
            outcomes.push({ kind: job.kind, e164: job.e164, ms: 0, httpStatus: null, response: null, problem: "not sent: out of time" });
          return;
        }
        const results = await Promise.all(Array.from({ length: job.size }, () => placeOne(url, job.kind, job.e164, stop.signal)));
        outcomes.push(...results);
        for (let i = 0; i < results.length; i++)
          if (++answered % progressEvery === 0) console.log(`  ${answered} / ${total} calls answered…`);
      } finally {
        gate.release(job.size);
      }
    })();
  }
  await Promise.all(jobs.map((job) => job.done));
  clearTimeout(timer);
  return { outcomes, seconds: (performance.now() - started) / 1000, timedOut: stop.signal.aborted };
}

// --- Where to send the calls ----------------------------------------------------------------------

async function target(opts: Options): Promise<{ url: string; tablesPort: number; sandbox: RunningSandbox | null }> {
  const own = async (why: string) => {
    for (const built of ["build/connect/index.mjs", "server/index.mjs"]) {
      if (!existsSync(join(root, built))) fail(`${built} is missing: run \`npm run build\` first.`);
    }
    const ports = benchPorts();
    console.log(
      `${why}Starting a sandbox for the benchmark (http ${ports.http}, tables ${ports.tables}, _arc ${ports.internal}, invoker ${ports.invoker}); it is stopped at the end.`,
    );
    const started = performance.now();
    const sandbox = await startSandbox(ports);
    console.log(`Sandbox ready in ${ms(performance.now() - started)} (log: ${sandbox.log}).`);
    return { url: sandbox.invokeUrl, tablesPort: ports.tables, sandbox };
  };
  if (opts.startSandbox) return own("");
  const url = opts.url ?? `http://localhost:${process.env.CONNECT_INVOKE_PORT || 3334}/`;
  if ((await invokerMode(url)) === null) {
    if (opts.url) fail(`No Connect invoker answered at ${url}. Start the sandbox (\`npm run dev\`), or use --start-sandbox.`);
    return own(`No Connect invoker answered at ${url} (is \`npm run dev\` running?).\n`);
  }
  // A running sandbox: its tables port is not discoverable from the invoker, so take sandbox's default.
  const tablesPort = Number(process.env.ARC_TABLES_PORT || 5555);
  const tables = await listLocalTables(tablesPort).catch(() => [] as string[]);
  if (!tables.includes(sandboxTable())) {
    fail(
      `The invoker at ${url} answers, but there is no ${sandboxTable()} table on localhost:${tablesPort}.\n` +
        "Set ARC_TABLES_PORT to that sandbox's tables port (npm run dev prints it), or use --start-sandbox.",
    );
  }
  console.log(`Using the running sandbox: invoker ${url}, tables localhost:${tablesPort}.`);
  return { url, tablesPort, sandbox: null };
}

// --- Checks --------------------------------------------------------------------------------------

interface Check {
  ok: boolean;
  text: string;
  details?: string[];
}

const sample = (items: string[], n = 5) => (items.length > n ? [...items.slice(0, n), `… and ${items.length - n} more`] : items);

async function main() {
  const opts = options();
  const report = benchReport({
    name: "bench:load",
    title: "`npm run bench:load`: simulated calls through the local invoker",
    write: opts.write,
    omit: [/calls answered…$/, /^No Connect invoker answered at/, /^Starting a sandbox for the benchmark/, /^Sandbox ready in/],
  });
  const { url, tablesPort, sandbox } = await target(opts);
  let exitCode = 1;
  try {
    useLocalTables(tablesPort);
    const data = await import("../../src/data/callers.server.js");
    const { getDb } = await import("../../src/data/db.server.js");

    const lambdaMode = (await invokerMode(url)) ?? "unknown";
    const draft = plan(
      opts.calls,
      opts.concurrency,
      Array.from({ length: opts.calls }, (_, i) => String(i)),
    );
    const firstCount = draft.filter((job) => job.kind !== "repeat").length;
    const numbers = await freshNumbers(firstCount, data.getCaller);
    const jobs = plan(opts.calls, opts.concurrency, numbers);
    const bursts = jobs.filter((job) => job.kind === "burst");
    const burstCalls = bursts.reduce((sum, job) => sum + job.size, 0);
    const repeats = jobs.filter((job) => job.kind === "repeat").length;
    const distinct = new Set(jobs.map((job) => job.e164));
    console.log(
      `\nbench:load: ${opts.calls} calls at concurrency ${opts.concurrency} → ${url}\n` +
        `  Lambda: ${lambdaMode}\n` +
        `  mix: ${opts.calls - burstCalls - repeats} first calls from new numbers · ${repeats} repeat calls (after the number's first call) · ` +
        `${burstCalls} calls in ${bursts.length} bursts of 2–4 (one new number, fired at the same moment) · ${distinct.size} distinct numbers`,
    );

    const loadBefore = loadavg()[0]!;
    const runStart = new Date(Date.now() - 1000).toISOString(); // a second of slack for clock rounding
    const { outcomes, seconds, timedOut } = await run(url, jobs, opts.concurrency, opts.maxSeconds);
    const runEnd = new Date(Date.now() + 1000).toISOString();

    // --- Figures
    const latencies = outcomes.filter((o) => o.httpStatus !== null).map((o) => o.ms);
    const all = summarize(latencies);
    const byKind = (kind: Kind) => summarize(outcomes.filter((o) => o.kind === kind && o.httpStatus !== null).map((o) => o.ms));
    const over = latencies.filter((t) => t > CONNECT_LIMIT_MS).length;
    const errors = outcomes.filter((o) => o.problem);
    const count = (test: (o: CallOutcome) => boolean) => errors.filter(test).length;
    console.log(
      `\nResults\n` +
        `  wall time ${seconds.toFixed(1)} s · throughput ${(outcomes.length / seconds).toFixed(1)} calls/s` +
        ` (${cpus().length} cores; load average ${loadBefore.toFixed(1)} before, ${loadavg()[0]!.toFixed(1)} after)\n` +
        `  latency  p50 ${ms(all.p50)} · p95 ${ms(all.p95)} · p99 ${ms(all.p99)} · max ${ms(all.max)}` +
        ` (${over} over Connect's 8 s limit)\n` +
        (["new", "repeat", "burst"] as const)
          .map((kind) => {
            const s = byKind(kind);
            return `    ${kind.padEnd(6)} ${String(s.count).padStart(5)} calls · p50 ${ms(s.p50)} · p95 ${ms(s.p95)} · p99 ${ms(s.p99)} · max ${ms(s.max)}`;
          })
          .join("\n") +
        `\n  errors ${errors.length}: non-200 ${count((o) => o.httpStatus !== null && o.httpStatus !== 200)} · ` +
        `status ERROR ${count((o) => o.problem === "status ERROR")} · other status ${count((o) => /^status (?!ERROR)/.test(o.problem!))} · ` +
        `malformed ${count((o) => o.problem!.startsWith("malformed"))} · no answer ${count((o) => o.httpStatus === null)}`,
    );

    const kinds = new Map<string, number>();
    for (const o of errors) kinds.set(o.problem!.slice(0, 160), (kinds.get(o.problem!.slice(0, 160)) ?? 0) + 1);
    for (const [problem, n] of [...kinds].sort((a, b) => b[1] - a[1]).slice(0, 5)) console.log(`    ${String(n).padStart(5)} × ${problem}`);

    const timeouts = errors.filter((o) => o.problem!.includes("ran past its")).length;
    if (timeouts > 0 && lambdaMode.startsWith("cold")) {
      const cpuPerCall = (cpus().length * seconds) / outcomes.length;
      console.log(
        `  why the timeouts: this invoker starts a fresh Node process for every invocation, which here costs about ${cpuPerCall.toFixed(2)} s of the machine's\n` +
          `  ${cpus().length} cores per call (other work included); with ${opts.concurrency} calls in flight each one waits ≈ ${((opts.concurrency * cpuPerCall) / cpus().length).toFixed(1)} s,\n` +
          `  past the Lambda's ${LAMBDA_TIMEOUT_MS / 1000} s timeout. On AWS, as with the default warm invoker, environments are reused between calls.`,
      );
    }

    // --- Checks: the answers. A call that failed (killed at the Lambda's timeout, say) is counted
    // by the first check; the consistency checks look at the numbers whose calls were all
    // answered, so that "the data is wrong" is never confused with "a call failed".
    const checks: Check[] = [];
    checks.push({
      ok: errors.length === 0 && !timedOut && outcomes.length === opts.calls,
      text: `every call answered 200 with a complete string map, status OK and well-formed SSML (${outcomes.length - errors.length}/${opts.calls})`,
      details: sample(errors.map((o) => `${o.e164} (${o.kind}): ${o.problem}`)),
    });
    const byNumber = new Map<string, CallOutcome[]>();
    for (const o of outcomes) byNumber.set(o.e164, [...(byNumber.get(o.e164) ?? []), o]);
    const clean = new Set([...byNumber].filter(([, calls]) => calls.every((o) => !o.problem)).map(([e164]) => e164));
    const scope =
      clean.size === byNumber.size
        ? `${clean.size} numbers`
        : `${clean.size} numbers whose calls were all answered; ${byNumber.size - clean.size} with a failed call left out`;
    const cleanRepeats = outcomes.filter((o) => o.kind === "repeat" && clean.has(o.e164));
    const repeatWrong = cleanRepeats.filter((o) => o.response!.source !== "existing");
    checks.push({
      ok: repeatWrong.length === 0,
      text: `repeat callers were answered from their stored record, source "existing" (${cleanRepeats.length - repeatWrong.length}/${cleanRepeats.length})`,
      details: sample(repeatWrong.map((o) => `${o.e164}: source "${o.response!.source}"`)),
    });
    const triple = (r: Record<string, string>) => [r.vanity1, r.vanity2, r.vanity3].join(" | ");
    const differing: string[] = [];
    const notOneNew: string[] = [];
    for (const e164 of clean) {
      const calls = byNumber.get(e164)!;
      const heardSet = new Set(calls.map((o) => triple(o.response!)));
      if (heardSet.size > 1) differing.push(`${e164}: ${[...heardSet].join(" ≠ ")}`);
      const news = calls.filter((o) => o.response!.source === "new").length;
      if (news !== 1) notOneNew.push(`${e164}: ${news} of its ${calls.length} calls said "new"`);
    }
    const cleanBurstCalls = outcomes.filter((o) => o.kind === "burst" && clean.has(o.e164)).length;
    checks.push({
      ok: differing.length === 0,
      text: `every number got the same three vanity numbers on all of its calls (${scope}; ${cleanBurstCalls} calls in bursts)`,
      details: sample(differing),
    });
    checks.push({
      ok: notOneNew.length === 0,
      text: `every number was stored by exactly one call: one "new", the others "existing" (no lost update, no double create)`,
      details: sample(notOneNew),
    });

    // --- Checks: the table, through the data layer
    const stored = new Map(
      await mapLimit([...distinct], VERIFY_CONCURRENCY, async (e164) => [e164, await data.getCaller({ e164 })] as const),
    );
    const recordProblems: string[] = [];
    for (const e164 of clean) {
      const record = stored.get(e164);
      const heard = triple(byNumber.get(e164)![0]!.response!);
      if (!record) recordProblems.push(`${e164}: no record`);
      else if (record.e164 !== e164) recordProblems.push(`${e164}: record says ${record.e164}`);
      else if (record.vanity.slice(0, 3).join(" | ") !== heard)
        recordProblems.push(`${e164}: stored ${record.vanity.slice(0, 3).join(" | ")}, heard ${heard}`);
      else if (record.calledAt < runStart || record.calledAt > runEnd)
        recordProblems.push(`${e164}: calledAt ${record.calledAt} is outside the run`);
    }
    checks.push({
      ok: recordProblems.length === 0,
      text: `getCaller finds each number's record, stored during the run, holding the numbers the caller heard (${clean.size - recordProblems.length}/${clean.size})`,
      details: sample(recordProblems),
    });
    // Every call is stored once: the record's count and its call items match the calls made.
    const countProblems: string[] = [];
    await mapLimit([...clean], VERIFY_CONCURRENCY, async (e164) => {
      const made = byNumber.get(e164)!.length;
      const history = await data.getCallerWithCalls({ e164, limit: 100 });
      if (history?.caller.callCount !== made || history.calls.length !== made)
        countProblems.push(`${e164}: ${made} calls made, count ${history?.caller.callCount}, ${history?.calls.length} call items`);
    });
    checks.push({
      ok: countProblems.length === 0,
      text: `every call is stored once: each number's call count and call items match the calls it made (${clean.size - countProblems.length}/${clean.size})`,
      details: sample(countProblems),
    });
    const failedNumbers = [...distinct].filter((e164) => !clean.has(e164));
    if (failedNumbers.length > 0) {
      const kept = failedNumbers.filter((e164) => stored.get(e164)).length;
      console.log(
        `  note: of the ${failedNumbers.length} numbers with a failed call, ${kept} were stored anyway (the Lambda stored the caller, then failed to answer) and ${failedNumbers.length - kept} were not.`,
      );
    }

    // Every record written since the run began, shard by shard, through the recent index (paged).
    const { client, table } = await getDb();
    const entity = data.makeCallerEntity(client, table);
    const perShard: number[] = [];
    const seen = new Map<string, number>();
    for (let shard = 0; shard < data.RECENT_SHARDS; shard++) {
      const { data: items } = await entity.query
        .recent({ shard: String(shard) })
        .gte({ lastCalledAt: runStart })
        .go({ pages: "all" });
      perShard.push(items.length);
      for (const item of items) seen.set(item.e164, (seen.get(item.e164) ?? 0) + 1);
    }
    const indexProblems = [
      ...[...seen].filter(([, n]) => n > 1).map(([e164, n]) => `${e164}: ${n} index entries`),
      ...[...distinct].filter((e164) => stored.get(e164) && !seen.has(e164)).map((e164) => `${e164}: stored but not in the recent index`),
      ...[...distinct]
        .filter((e164) => !stored.get(e164) && seen.has(e164))
        .map((e164) => `${e164}: in the recent index but getCaller finds nothing`),
    ];
    const storedCount = [...stored.values()].filter(Boolean).length;
    checks.push({
      ok: indexProblems.length === 0,
      text: `the recent index holds each stored number of this run exactly once (${storedCount} records; per shard: ${perShard.join(" ")})`,
      details: sample(indexProblems),
    });
    const strangers = [...seen.keys()].filter((e164) => !distinct.has(e164));
    if (strangers.length > 0)
      console.log(`  note: ${strangers.length} other callers were stored during the run (someone else using this sandbox?)`);

    const recent = await data.listRecentCallers({ limit: RECENT_CHECKED });
    const expectedHead = Math.min(RECENT_CHECKED, storedCount);
    const recentProblems: string[] = [];
    for (let i = 1; i < recent.length; i++) {
      if (recent[i - 1]!.lastCalledAt < recent[i]!.lastCalledAt)
        recentProblems.push(`#${i} ${recent[i - 1]!.lastCalledAt} is older than #${i + 1} ${recent[i]!.lastCalledAt}`);
    }
    if (recent.length < expectedHead) recentProblems.push(`only ${recent.length} callers listed, expected ${expectedHead}`);
    recentProblems.push(
      ...recent
        .slice(0, expectedHead)
        .filter((r) => !distinct.has(r.e164))
        .map((r) => `${r.e164} (${r.lastCalledAt}) is not from this run`),
    );
    const newestStored = [...stored.values()]
      .map((r) => r?.lastCalledAt ?? "")
      .sort()
      .at(-1);
    if (recent[0] && newestStored && recent[0].lastCalledAt !== newestStored)
      recentProblems.push(`the head is ${recent[0].lastCalledAt}, the newest call of the run is ${newestStored}`);
    checks.push({
      ok: recentProblems.length === 0,
      text: `listRecentCallers({ limit: ${RECENT_CHECKED} }) is newest latest call first, starts with the run's last call, and its ${expectedHead} callers are all from this run`,
      details: sample(recentProblems),
    });

    console.log("\nChecks");
    for (const check of checks) {
      console.log(`  ${check.ok ? "✓" : "✗"} ${check.text}`);
      if (!check.ok) for (const line of check.details ?? []) console.log(`      ${line}`);
    }
    const failed = checks.filter((c) => !c.ok).length;
    console.log(failed ? `\n${failed} check(s) failed.` : "\nAll checks passed.");
    const written = report.finish();
    exitCode = failed || !written ? 1 : 0;
    client.destroy();
  } catch (error) {
    console.error(`\n✗ The benchmark could not finish: ${(error as Error).message}`);
  } finally {
    if (sandbox) {
      await sandbox.stop();
      console.log("Sandbox stopped.");
    }
  }
  process.exit(exitCode);
}

await main();
