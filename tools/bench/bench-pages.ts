// npm run bench:pages -- [--size 100000] [--samples 40] [--http-samples 15] [--max-seed-minutes 10] [--write]
//
// Do the dashboard's reads stay as fast with a big table as with a small one? Starts a sandbox
// of its own (ports 3360/5660/2260/3361, BENCH_*_PORT to change; its DynamoDB is in memory and
// gone when it stops), seeds 10 callers with `npm run seed` (several calls each), and measures
//   - the data layer's reads directly, with the commands each sent and the items DynamoDB read
//     (ScannedCount, ConsumedCapacity): a page of callers (listCallers, 25), a caller with their
//     calls (getCallerWithCalls, 25), the chart's 30 days of hourly counts (callsByHour),
//   - the pages over HTTP (the Remix server Lambda): the callers page with its chart (24 hours
//     and 30 days), a caller's page, the CSV export, /api/callers and /api/recent,
// and 20 requests at once (signed-in GET / and sign-in attempts with wrong passwords), counting
// the answers; then seeds up to --size callers with `npm run seed` (timed; in chunks, stopping early if the
// time budget runs out, and saying so), and measures again. Prints median and p95 for both sizes
// and the ratio, and, as a yardstick, what one Scan of the whole table would have read.
// Exits 1 if a request fails or a read grows with the table. With --write, the report (without
// the seeding progress) also goes into its section of docs/benchmarks.md, whatever the verdict.
// Run `npm run build` first.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ScanCommand, type ScanCommandOutput } from "@aws-sdk/client-dynamodb";
import { DEV_ADMIN_PASSWORD } from "../../src/accounts/policy.js";
import { benchPorts, root, sandboxTable, startSandbox, useLocalTables, type RunningSandbox } from "../local-sandbox.js";
import { probeClient, type ObservedCommand, type Probe } from "./dynamo-probe.js";
import { benchReport } from "./bench-report.js";
import { ms, percentile } from "./bench-stats.js";
import { fail, parseOptions, wholeNumber } from "../options.js";

const USAGE = `Usage: npm run bench:pages -- [--size 100000] [--samples 40] [--http-samples 15] [--max-seed-minutes 10] [--write]
  --size N              callers in the big table, 20..1000000 (default 100000)
  --samples N           direct reads of each kind per size, 5..1000 (default 40)
  --http-samples N      requests per page per size, 3..200 (default 15)
  --max-seed-minutes M  seeding budget; stops at the size reached when it runs out, 1..60 (default 10)
  --write               also put the report in docs/benchmarks.md`;

const SMALL = 10;
const PAGE = 25;
const CSV_SAMPLES = 3; // an export of up to 10,000 rows takes a while
const SEED_CHUNKS = 10;

function options() {
  const values = parseOptions(
    {
      size: { type: "string", default: "100000" },
      samples: { type: "string", default: "40" },
      "http-samples": { type: "string", default: "15" },
      "max-seed-minutes": { type: "string", default: "10" },
      write: { type: "boolean", default: false },
    },
    USAGE,
  );
  const whole = (name: string, min: number, max: number) => wholeNumber(name, values[name] as string, min, max, USAGE);
  return {
    size: whole("size", 20, 1_000_000),
    samples: whole("samples", 5, 1000),
    httpSamples: whole("http-samples", 3, 200),
    maxSeedMs: whole("max-seed-minutes", 1, 60) * 60_000,
    write: values.write as boolean,
  };
}

/** Runs `npm run seed -- --count N` against the benchmark sandbox; resolves with its wall time and how many it created. */
function seed(count: number, tablesPort: number): Promise<{ ms: number; created: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn("npm", ["run", "-s", "seed", "--", "--count", String(count), "--concurrency", "32"], {
      cwd: root,
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, ARC_TABLES_PORT: String(tablesPort), VANITY_TABLE: sandboxTable(), NODE_NO_WARNINGS: "1" },
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code !== 0) reject(new Error(`npm run seed exited with ${code}:\n${out}`));
      // "Seeded N new callers…": random numbers from earlier chunks are left as they were.
      else resolve({ ms: performance.now() - started, created: Number(/Seeded (\d+) new/.exec(out)?.[1] ?? count) });
    });
  });
}

/** The local admin's password sandbox's Lambdas see: LOCAL_ADMIN_PASSWORD, else the one in .env, else the documented development default. */
function adminPassword(): string {
  if (process.env.LOCAL_ADMIN_PASSWORD) return process.env.LOCAL_ADMIN_PASSWORD;
  const envFile = join(root, ".env");
  const line = existsSync(envFile) ? /^\s*LOCAL_ADMIN_PASSWORD\s*=\s*(.*)$/m.exec(readFileSync(envFile, "utf8")) : null;
  return line?.[1]?.trim().replace(/^(["'])(.*)\1$/, "$2") || DEV_ADMIN_PASSWORD;
}

/** The cookies a response sets, as a Cookie header value. */
function cookiesOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .join("; ");
}

/**
 * Signs in to the dashboard the way the form does (CSRF token from /login, then POST) and returns
 * the session cookie; "" if the pages are open without one.
 */
async function signIn(httpUrl: string): Promise<string> {
  const open = await fetch(`${httpUrl}/api/recent?limit=1`, { signal: AbortSignal.timeout(30_000) });
  await open.text();
  if (open.ok) return "";
  const form = await fetch(`${httpUrl}/login?_data=${encodeURIComponent("routes/login")}`, { signal: AbortSignal.timeout(30_000) });
  const { csrf } = (await form.json()) as { csrf?: string };
  const post = await fetch(`${httpUrl}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookiesOf(form), origin: httpUrl },
    body: new URLSearchParams({ csrf: csrf ?? "", name: "admin", password: adminPassword(), redirectTo: "/" }),
    signal: AbortSignal.timeout(30_000),
  });
  await post.text();
  const cookie = cookiesOf(post);
  if (post.status >= 400 || !cookie) {
    throw new Error(
      `Could not sign in to the dashboard (POST /login answered ${post.status}); set LOCAL_ADMIN_PASSWORD to the local admin password the sandbox uses.`,
    );
  }
  return cookie;
}

/**
 * seed(), tried again (with fresh random numbers) if the seed script fails, which it does when
 * the engine throws for a number it drew; the bench reports it rather than stopping there.
 */
async function seedWithRetry(count: number, tablesPort: number): Promise<{ ms: number; created: number }> {
  let spent = 0;
  for (let attempt = 1; ; attempt++) {
    const started = performance.now();
    try {
      const result = await seed(count, tablesPort);
      return { ms: spent + result.ms, created: result.created };
    } catch (error) {
      spent += performance.now() - started;
      if (attempt === 3) throw error;
      const done = /(\d+) \/ \d+…\s*$/.exec((error as Error).message)?.[1] ?? "some";
      console.log(`  npm run seed failed after ${done} callers (its error is above); trying the chunk again with fresh numbers.`);
      seedFailures++;
      // The callers it stored before failing stay; the table's size is read back with a Scan at the end.
    }
  }
}
let seedFailures = 0;

interface PageTimes {
  label: string;
  samples: number[];
}

/** One of the data layer's reads, measured directly. */
interface Read {
  label: string;
  /** The most items it may read, whatever the table's size. */
  bound: number;
  times: number[];
  commands: ObservedCommand[]; // of one read
}

interface Measurement {
  size: number;
  reads: Read[];
  pages: PageTimes[];
  problems: string[];
}

async function timeHttp(
  url: string,
  cookie: string,
  samples: number,
  check: (status: number, body: string) => string | null,
): Promise<{ times: number[]; problem: string | null }> {
  const times: number[] = [];
  let problem: string | null = null;
  for (let i = 0; i < samples + 1; i++) {
    const started = performance.now();
    const response = await fetch(url, { headers: cookie ? { cookie } : {}, redirect: "manual", signal: AbortSignal.timeout(60_000) });
    const body = await response.text();
    const elapsed = performance.now() - started;
    problem ??= check(response.status, body);
    if (i > 0) times.push(elapsed); // the first one warms up the sandbox
  }
  return { times, problem };
}

type Data = typeof import("../../src/data/callers.server.js") & typeof import("../../src/data/calls.server.js");

async function measure(size: number, samples: number, httpSamples: number, probe: Probe, data: Data, httpUrl: string, cookie: string) {
  const problems: string[] = [];
  const newest = (await data.listCallers({ limit: 1 })).callers[0];
  if (!newest) throw new Error("no callers to measure");
  const now = Date.now();
  const reads: Array<{ label: string; bound: number; run: () => Promise<string | null> }> = [
    {
      label: `listCallers({ limit: ${PAGE} })`,
      bound: data.RECENT_SHARDS * (PAGE + 1),
      run: async () => {
        const page = await data.listCallers({ limit: PAGE });
        return page.callers.length === Math.min(PAGE, size) ? null : `listCallers returned ${page.callers.length} callers`;
      },
    },
    {
      label: `getCallerWithCalls({ limit: ${PAGE} })`,
      bound: PAGE + 1,
      run: async () => ((await data.getCallerWithCalls({ e164: newest.e164, limit: PAGE })) ? null : "getCallerWithCalls found nothing"),
    },
    {
      label: "callsByHour(30 days)",
      bound: 31 * 24,
      run: async () => {
        const hours = await data.callsByHour({ from: new Date(now - 30 * 86_400_000).toISOString(), to: new Date(now).toISOString() });
        return hours.length > 0 ? null : "callsByHour found no calls";
      },
    },
    {
      label: "getCaller (control: one key read)",
      bound: 1,
      run: async () => ((await data.getCaller({ e164: newest.e164 })) ? null : "getCaller found nothing"),
    },
  ];
  const measured: Read[] = [];
  for (const read of reads) {
    for (let i = 0; i < 3; i++) await read.run(); // warm-up: connections, module loading
    const times: number[] = [];
    let commands: ObservedCommand[] = [];
    for (let i = 0; i < samples; i++) {
      const started = performance.now();
      const observed = await probe.observe(read.run);
      times.push(performance.now() - started);
      commands = observed.commands;
      if (observed.result) problems.push(observed.result);
    }
    measured.push({ label: read.label, bound: read.bound, times, commands });
  }

  const html = (what: string) => (status: number, body: string) =>
    status !== 200 ? `${what} answered ${status}` : body.includes('name="password"') ? `${what} shows the sign-in form` : null;
  const json = (what: string, key: string, expected: number) => (status: number, body: string) => {
    if (status !== 200) return `${what} answered ${status}`;
    const list = (JSON.parse(body) as Record<string, unknown[] | undefined>)[key];
    return list?.length === expected ? null : `${what} returned ${list?.length} ${key}`;
  };
  const pages: Array<[label: string, path: string, samples: number, check: (status: number, body: string) => string | null]> = [
    ["GET /try (control: no database)", "/try", httpSamples, (status) => (status !== 200 ? `GET /try answered ${status}` : null)],
    ["GET / (callers, 24-hour chart)", "/", httpSamples, html("GET /")],
    ["GET /?period=30d", "/?period=30d", httpSamples, html("GET /?period=30d")],
    ["GET /callers/<number>", `/callers/${newest.e164}`, httpSamples, html("GET /callers/<number>")],
    [
      `GET /api/callers?limit=${PAGE}`,
      `/api/callers?limit=${PAGE}`,
      httpSamples,
      json("GET /api/callers", "callers", Math.min(PAGE, size)),
    ],
    ["GET /api/recent?limit=5", "/api/recent?limit=5", httpSamples, json("GET /api/recent", "callers", Math.min(5, size))],
    [
      "GET /callers.csv (≤ 10,000 rows)",
      "/callers.csv",
      CSV_SAMPLES,
      (status, body) => {
        if (status !== 200) return `GET /callers.csv answered ${status}`;
        const rows = body.trimEnd().split("\r\n").length - 1;
        return rows === Math.min(size, 10_000) + (size > 10_000 ? 1 : 0) ? null : `GET /callers.csv had ${rows} rows for ${size} callers`;
      },
    ],
  ];
  const pageTimes: PageTimes[] = [];
  for (const [label, path, count, check] of pages) {
    const { times, problem } = await timeHttp(`${httpUrl}${path}`, cookie, count, check);
    if (problem) problems.push(problem);
    pageTimes.push({ label, samples: times });
  }
  return { size, reads: measured, pages: pageTimes, problems: [...new Set(problems)] } satisfies Measurement;
}

const BURST = 20;

interface Burst {
  label: string;
  times: number[];
  statuses: Map<number | string, number>;
}

/** Sends `count` requests at once; every one should answer (any status below 500) within 30 s. */
async function burst(label: string, count: number, send: (i: number) => Promise<Response>): Promise<Burst> {
  const statuses = new Map<number | string, number>();
  const times = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const started = performance.now();
      const status = await send(i).then(
        async (response) => (await response.text(), response.status),
        (error: Error) => error.name,
      );
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      return performance.now() - started;
    }),
  );
  return { label, times, statuses };
}

/** 20 signed-in dashboards and 20 wrong-password sign-ins (distinct names: no per-account limit), each all at once. */
async function bursts(httpUrl: string, cookie: string): Promise<Burst[]> {
  const timeout = () => AbortSignal.timeout(30_000);
  const dashboards = await burst(`${BURST} × GET / at once`, BURST, () =>
    fetch(`${httpUrl}/`, { headers: { cookie }, redirect: "manual", signal: timeout() }),
  );
  const form = await fetch(`${httpUrl}/login?_data=${encodeURIComponent("routes/login")}`, { signal: timeout() });
  const { csrf } = (await form.json()) as { csrf?: string };
  const signIns = await burst(`${BURST} × POST /login at once`, BURST, (i) =>
    fetch(`${httpUrl}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookiesOf(form), origin: httpUrl },
      body: new URLSearchParams({ csrf: csrf ?? "", name: `bench-${i}`, password: "not the password", redirectTo: "/" }),
      signal: timeout(),
    }),
  );
  return [dashboards, signIns];
}

function describeReads(commands: ObservedCommand[]): string {
  const kinds = new Map<string, number>();
  for (const c of commands) kinds.set(c.command.replace("Command", ""), (kinds.get(c.command.replace("Command", "")) ?? 0) + 1);
  const scanned = commands.reduce((sum, c) => sum + (c.scannedCount ?? 0), 0);
  const units = commands.reduce((sum, c) => sum + (c.capacityUnits ?? 0), 0);
  return `${[...kinds].map(([k, n]) => `${n} ${k}`).join(" + ")}, ${scanned} items read, ${units} RCU`;
}

/** What a Scan of the whole table reads: the yardstick the index avoids. */
async function scanYardstick(
  probe: Probe,
  send: (command: ScanCommand) => Promise<ScanCommandOutput>,
  table: string,
): Promise<{ ms: number; scanned: number; callers: number; units: number }> {
  const started = performance.now();
  let scanned = 0;
  let callers = 0;
  let units = 0;
  let key: ScanCommandOutput["LastEvaluatedKey"];
  do {
    const { result } = await probe.observe(() =>
      send(
        new ScanCommand({
          TableName: table,
          Select: "COUNT",
          // Counts the callers among the items; ScannedCount is every item (calls and counts too).
          FilterExpression: "#entity = :caller",
          ExpressionAttributeNames: { "#entity": "__edb_e__" },
          ExpressionAttributeValues: { ":caller": { S: "caller" } },
          ExclusiveStartKey: key,
          ReturnConsumedCapacity: "TOTAL",
        }),
      ),
    );
    scanned += result.ScannedCount ?? 0;
    callers += result.Count ?? 0;
    units += result.ConsumedCapacity?.CapacityUnits ?? 0;
    key = result.LastEvaluatedKey;
  } while (key);
  return { ms: performance.now() - started, scanned, callers, units };
}

async function main() {
  const opts = options();
  for (const built of ["build/connect/index.mjs", "server/index.mjs"]) {
    if (!existsSync(join(root, built))) fail(`${built} is missing: run \`npm run build\` first.`);
  }
  const report = benchReport({
    name: "bench:pages",
    title: "`npm run bench:pages`: the dashboard's reads and pages, small table and big",
    write: opts.write,
    omit: [/^Seeding .*…$/, / so far$/],
  });
  const ports = benchPorts();
  console.log(
    `bench:pages: a sandbox of its own (http ${ports.http}, tables ${ports.tables}); its in-memory DynamoDB is discarded at the end.`,
  );
  let sandbox: RunningSandbox | null = null;
  let exitCode = 1;
  try {
    sandbox = await startSandbox(ports);
    useLocalTables(ports.tables);
    const data: Data = { ...(await import("../../src/data/callers.server.js")), ...(await import("../../src/data/calls.server.js")) };
    const { getDb } = await import("../../src/data/db.server.js");
    const { client, table } = await getDb();
    const probe = probeClient(client);

    console.log(`Seeding ${SMALL} callers (npm run seed)…`);
    await seed(SMALL, ports.tables);
    const cookie = await signIn(sandbox.httpUrl);
    const small = await measure(SMALL, opts.samples, opts.httpSamples, probe, data, sandbox.httpUrl, cookie);
    const atOnce = await bursts(sandbox.httpUrl, cookie);

    // Seed the rest in chunks so that a slow machine stops at a size it reached, and says so.
    const target = opts.size;
    const chunk = Math.ceil((target - SMALL) / SEED_CHUNKS);
    let size = SMALL;
    let seedMs = 0;
    let asked = SMALL;
    console.log(
      `Seeding up to ${target.toLocaleString("en-US")} callers (npm run seed, ${SEED_CHUNKS} chunks, budget ${opts.maxSeedMs / 60_000} min)…`,
    );
    while (asked < target) {
      const count = Math.min(chunk, target - asked);
      const { ms: chunkMs, created } = await seedWithRetry(count, ports.tables);
      seedMs += chunkMs;
      asked += count;
      size += created;
      console.log(
        `  ${size.toLocaleString("en-US")} callers · chunk of ${count} in ${ms(chunkMs)} (${Math.round(count / (chunkMs / 1000))}/s) · ${ms(seedMs)} so far`,
      );
      if (asked < target && seedMs + chunkMs > opts.maxSeedMs) {
        console.log(
          `  stopping at ${size.toLocaleString("en-US")}: another chunk would pass the ${opts.maxSeedMs / 60_000}-minute budget.`,
        );
        break;
      }
    }
    // The table's real size (a Scan, also the yardstick below): a chunk that failed may have stored some.
    const scan = await scanYardstick(probe, (command) => client.send(command), table);
    size = scan.callers;
    const large = await measure(size, opts.samples, opts.httpSamples, probe, data, sandbox.httpUrl, cookie);

    // --- Report
    const fmt = (n: number) => n.toLocaleString("en-US");
    const cell = (samples: number[]) => `${ms(percentile(samples, 50))} / ${ms(percentile(samples, 95))}`.padEnd(22);
    const ratio = (a: number[], b: number[]) => `${(percentile(b, 50) / percentile(a, 50)).toFixed(2)}×`;
    console.log(
      `\nSeeding: ${fmt(asked - SMALL)} callers asked in ${ms(seedMs)} ` +
        `(${Math.round((asked - SMALL) / (seedMs / 1000))} callers/s through saveCaller); the table holds ${fmt(scan.callers)} callers in ${fmt(scan.scanned)} items` +
        (seedFailures ? `\n  (npm run seed failed ${seedFailures} time(s) and the chunk was seeded again: see its error above)` : "") +
        "\n",
    );
    const head = `${"median / p95".padEnd(36)}${`${fmt(SMALL)} callers`.padEnd(22)}${`${fmt(size)} callers`.padEnd(22)}ratio of medians`;
    console.log(head);
    for (let i = 0; i < small.reads.length; i++) {
      const a = small.reads[i]!;
      const b = large.reads[i]!;
      console.log(`${a.label.padEnd(36)}${cell(a.times)}${cell(b.times)}${ratio(a.times, b.times)}`);
    }
    for (let i = 0; i < small.pages.length; i++) {
      const a = small.pages[i]!;
      const b = large.pages[i]!;
      console.log(`${a.label.padEnd(36)}${cell(a.samples)}${cell(b.samples)}${ratio(a.samples, b.samples)}`);
    }
    console.log(
      `(${opts.samples} direct reads of each kind and ${opts.httpSamples} requests per page per size, ${CSV_SAMPLES} for the CSV, one at a time after a warm-up; the Remix Lambda runs in warm environments)\n`,
    );
    console.log(`Requests at once, ${fmt(SMALL)} callers:`);
    for (const b of atOnce) {
      const answered = [...b.statuses].filter(([status]) => typeof status === "number" && status < 500).reduce((sum, [, n]) => sum + n, 0);
      const statuses = [...b.statuses].map(([status, n]) => `${n} × ${status}`).join(", ");
      console.log(
        `  ${b.label.padEnd(32)}${answered} of ${b.times.length} answered (${statuses}); median ${ms(percentile(b.times, 50))}, slowest ${ms(Math.max(...b.times))}`,
      );
      if (answered < b.times.length) small.problems.push(`${b.label}: ${b.times.length - answered} did not answer (${statuses})`);
    }
    console.log("");
    console.log("DynamoDB work per read:");
    for (let i = 0; i < small.reads.length; i++) {
      console.log(`  ${small.reads[i]!.label}`);
      console.log(`  ${fmt(SMALL).padStart(9)} callers: ${describeReads(small.reads[i]!.commands)}`);
      console.log(`  ${fmt(size).padStart(9)} callers: ${describeReads(large.reads[i]!.commands)}`);
    }
    console.log(
      `  yardstick: one Scan of the table (Select COUNT) read ${fmt(scan.scanned)} items, ${fmt(Math.round(scan.units))} RCU, in ${ms(scan.ms)}\n`,
    );

    // --- Verdict: the same kind of work at both sizes, within each read's bound, never a Scan.
    const problems = [...small.problems.map((p) => `${SMALL} callers: ${p}`), ...large.problems.map((p) => `${size} callers: ${p}`)];
    for (const [i, read] of large.reads.entries()) {
      const scans = [...small.reads[i]!.commands, ...read.commands].filter(
        (c) => c.command !== "QueryCommand" && c.command !== "GetItemCommand",
      );
      if (scans.length) problems.push(`${read.label} sent ${scans.map((c) => c.command).join(", ")}, not only Queries and key reads`);
      const items = read.commands.reduce((sum, c) => sum + (c.scannedCount ?? (c.command === "GetItemCommand" ? 1 : 0)), 0);
      if (items > read.bound)
        problems.push(`${read.label} read ${items} items at ${fmt(size)} callers, more than its bound of ${read.bound}`);
    }
    if (problems.length) {
      console.log(`✗ ${problems.join("\n✗ ")}`);
    } else {
      console.log(
        `✓ Every read is Queries and key reads within its bound at both sizes (against ${fmt(scan.scanned)} items for a Scan): none grows with the table.`,
      );
    }
    const written = report.finish();
    exitCode = problems.length || !written ? 1 : 0;
    client.destroy();
  } finally {
    await sandbox?.stop();
    console.log("Sandbox stopped.");
  }
  process.exit(exitCode);
}

await main();
