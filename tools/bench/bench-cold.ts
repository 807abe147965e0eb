// npm run bench:cold -- [--runs 15] [--write]
//
// The Connect Lambda's cold start, as a new execution environment pays it: a fresh Node process
// imports the built bundle (build/connect/index.mjs) and answers its first call, a new caller
// that is stored in the local DynamoDB of a sandbox this starts on the benchmark
// ports (see local-sandbox.ts) and stops at the end. Prints the median and range of the import,
// the first call and the second; with --write, also into its section of docs/benchmarks.md.
// Run `npm run build` first.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import { benchReport } from "./bench-report.js";
import { ms, percentile } from "./bench-stats.js";
import { benchPorts, root, sandboxTable, startSandbox } from "../local-sandbox.js";
import { fail, parseOptions, wholeNumber } from "../options.js";

const USAGE = `Usage: npm run bench:cold -- [--runs 15] [--write]
  --runs N   fresh processes, 3..200 (default 15)
  --write    also put the figures in docs/benchmarks.md`;
const bundle = join(root, "build/connect/index.mjs");

// Runs in each fresh process: import, then two calls from new numbers; prints the three times.
const PROBE = `
const started = performance.now();
const { handler } = await import(process.env.BUNDLE);
const imported = performance.now();
const call = (n) => handler({ Name: "ContactFlowEvent", Details: { Parameters: {}, ContactData: {
  ContactId: "bench-cold-" + n, CustomerEndpoint: { Type: "TELEPHONE_NUMBER",
  Address: "+1303" + String(2000000 + Math.floor(Math.random() * 7999999)) } } } });
const first = await call(1);
const answered = performance.now();
await call(2);
console.log(JSON.stringify({ status: first.status, importMs: imported - started, firstMs: answered - imported, secondMs: performance.now() - answered }));
`;

const values = parseOptions({ runs: { type: "string", default: "15" }, write: { type: "boolean", default: false } }, USAGE);
const runs = wholeNumber("runs", values.runs as string, 3, 200, USAGE);
if (!existsSync(bundle)) fail("build/connect/index.mjs is missing: run `npm run build` first.");
const report = benchReport({
  name: "bench:cold",
  title: "`npm run bench:cold`: the Connect Lambda's cold start",
  write: values.write as boolean,
  omit: [/^Starting a sandbox for its DynamoDB/],
});

const ports = benchPorts();
console.log(`Starting a sandbox for its DynamoDB (tables ${ports.tables}); it is stopped at the end.`);
const sandbox = await startSandbox(ports);
const samples = { importMs: [] as number[], firstMs: [] as number[], secondMs: [] as number[] };
try {
  const env = {
    ...process.env,
    BUNDLE: bundle,
    VANITY_TABLE: sandboxTable(),
    ARC_TABLES_PORT: String(ports.tables),
    AWS_REGION: "us-west-2",
    AWS_ACCESS_KEY_ID: "local",
    AWS_SECRET_ACCESS_KEY: "local",
    LOG_LEVEL: "silent",
  };
  for (let i = 0; i < runs; i++) {
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", PROBE], { env, encoding: "utf8", cwd: root });
    const result = run.status === 0 ? JSON.parse(run.stdout.trim().split("\n").pop()!) : null;
    if (!result || result.status !== "OK") fail(`A run failed: ${run.stderr || run.stdout}`);
    for (const key of Object.keys(samples) as Array<keyof typeof samples>) samples[key].push(result[key]);
  }
} finally {
  await sandbox.stop();
}
const line = (name: string, values: number[]) =>
  `  ${name.padEnd(38)} median ${ms(percentile(values, 50)).padStart(9)} · min ${ms(Math.min(...values)).padStart(9)} · max ${ms(Math.max(...values)).padStart(9)}`;
console.log(`\nbench:cold: ${runs} fresh processes, node ${process.version}, ${relative(root, bundle)}`);
console.log(line("import the bundle (init)", samples.importMs));
console.log(line("first call (a new caller, stored)", samples.firstMs));
console.log(line("second call, same process", samples.secondMs));
if (!report.finish()) process.exitCode = 1;
