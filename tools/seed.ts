// npm run seed -- --count N [--days D] [--concurrency C]
// Fills the local sandbox table with N synthetic callers through the data layer (saveCaller, so keys, call items and hourly counts are the data layer's own): random valid
// North American numbers, their engine-made vanity numbers, and calls spread over the last D
// days, most callers calling once and some several times (up to 6), so the chart and the paging
// have something to show. For demos, and for checking that the pages stay fast with a big table.
// Needs the sandbox running (npm run dev).
import { parseArgs } from "node:util";
import { findVanityNumbers } from "../src/vanity/index.js";
import { appName, listLocalTables } from "./local-sandbox.js";
import { fail } from "./options.js";
import { randomCallerNumber } from "./random-callers.js";

const USAGE = "Usage: npm run seed -- --count N [--days 30] [--concurrency 16]";

function options() {
  const { values } = parseArgs({
    options: {
      count: { type: "string", default: "100" },
      days: { type: "string", default: "30" },
      concurrency: { type: "string", default: "16" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const whole = (name: string, text: string, max: number) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1 || n > max) {
      console.error(`--${name} must be a whole number from 1 to ${max}, got "${text}".\n${USAGE}`);
      process.exit(2);
    }
    return n;
  };
  return {
    count: whole("count", values.count, 1_000_000),
    days: whole("days", values.days, 3650),
    concurrency: whole("concurrency", values.concurrency, 256),
  };
}

/** The sandbox's tables port: ARC_SANDBOX (inside sandbox), ARC_TABLES_PORT, else sandbox's default. */
function tablesPort(): string {
  if (process.env.ARC_SANDBOX) {
    const port = (JSON.parse(process.env.ARC_SANDBOX) as { ports?: { tables?: number } }).ports?.tables;
    if (port) return String(port);
  }
  return process.env.ARC_TABLES_PORT || "5555";
}

/** Fails with a clear message unless sandbox's DynamoDB answers and has the table. */
async function checkSandbox(port: string, table: string): Promise<void> {
  let tables: string[];
  try {
    tables = await listLocalTables(Number(port));
  } catch (error) {
    fail(
      `No sandbox DynamoDB on localhost:${port} (${(error as Error).message || (error as Error).name}).\n` +
        "Start the sandbox first (`npm run dev`, or `npx arc sandbox`), or set ARC_TABLES_PORT to its tables port.",
    );
  }
  if (!tables.includes(table)) {
    fail(
      `The DynamoDB on localhost:${port} has no table ${table} (it has: ${tables.join(", ") || "none"}).\n` +
        "Is that this project's sandbox? Set ARC_TABLES_PORT to the port `npm run dev` printed, or VANITY_TABLE.",
    );
  }
}

/** When one caller called, oldest first: one call for most, a few for some (2 to 6), spread over `span` ms before `now`. */
function callTimes(now: number, span: number): string[] {
  let count = 1;
  while (count < 6 && Math.random() < 0.35) count++;
  const times = Array.from({ length: count }, () => now - Math.floor(Math.random() * span)).sort((a, b) => a - b);
  return times.map((t) => new Date(t).toISOString());
}

async function main() {
  const { count, days, concurrency } = options();
  const port = tablesPort();
  process.env.ARC_TABLES_PORT = port; // what the data layer reads outside sandbox
  process.env.VANITY_TABLE ||= `${appName()}-staging-data`;
  process.env.AWS_REGION ||= "us-west-2";
  await checkSandbox(port, process.env.VANITY_TABLE);
  const { saveCaller } = await import("../src/data/callers.server.js");

  const numbers = new Set<string>();
  while (numbers.size < count) numbers.add(randomCallerNumber());
  const queue = [...numbers];
  const now = Date.now();
  const span = days * 86_400_000;

  const started = performance.now();
  let engineMs = 0;
  let created = 0;
  let existing = 0;
  let failed = 0;
  let done = 0;
  let calls = 0;
  const worker = async () => {
    for (let e164 = queue.pop(); e164 !== undefined; e164 = queue.pop()) {
      const t = performance.now();
      const { vanity } = findVanityNumbers(e164);
      engineMs += performance.now() - t;
      try {
        const times = callTimes(now, span);
        const call = { e164, vanity: vanity.map((v) => v.display), words: vanity.map((v) => v.words) };
        const result = await saveCaller({ ...call, calledAt: times[0], contactId: `seed-${e164.slice(1)}-0` });
        if (result.created) created++;
        else existing++;
        for (let i = 1; i < times.length; i++) await saveCaller({ ...call, calledAt: times[i], contactId: `seed-${e164.slice(1)}-${i}` });
        calls += times.length;
      } catch (error) {
        failed++;
        if (failed <= 3) console.error(`${e164}: ${(error as Error).message}`);
      }
      done++;
      if (count >= 2000 && done % 1000 === 0) console.log(`  ${done} / ${count}…`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));

  const seconds = (performance.now() - started) / 1000;
  console.log(
    `Seeded ${created} new callers into ${process.env.VANITY_TABLE} on localhost:${port}` +
      (existing ? ` (${existing} already stored, left as they were)` : "") +
      (failed ? `, ${failed} failed` : "") +
      `, ${calls} calls spread over the last ${days} days.\n` +
      `${count} callers in ${seconds.toFixed(2)} s (${Math.round(count / seconds)}/s, concurrency ${concurrency}; ` +
      `the vanity engine took ${(engineMs / 1000).toFixed(2)} s of it).`,
  );
  if (failed) process.exit(1);
}

await main();
