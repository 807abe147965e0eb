// The handler when its parts fail for real (no mocks): a table that does not exist, a DynamoDB
// that accepts connections and never answers (a black hole on localhost), a port nobody listens
// on, a missing dictionary. It must still answer Connect inside its time limit, say nothing it
// cannot back up, and log the failure without the caller's number.
import { createServer, type Server, type Socket } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { deleteCaller, getCallerWithCalls } from "../data/callers.server.js";
import { getDb, resetDb } from "../data/db.server.js";
import { captureLogs } from "../log.js";
import { assertLocalDb, uniqueNumber } from "../../test/local-db.js";
import { DB_DEADLINE_MS, handler } from "./handler.js";
import { connectEvent } from "../../test/connect-event.js";
import { apologyAnswer, expectWellFormedSsml, numbersFor } from "../../test/connect-support.js";

const saved = { table: process.env.VANITY_TABLE, port: process.env.ARC_TABLES_PORT, dictionary: process.env.VANITY_DICTIONARY };
/** Well inside Connect's 8 s and the flow's 6 s, and generous enough not to flake on a busy machine. */
const ANSWER_WITHIN_MS = 4500;

function restoreEnv() {
  for (const [name, value] of [
    ["VANITY_TABLE", saved.table],
    ["ARC_TABLES_PORT", saved.port],
    ["VANITY_DICTIONARY", saved.dictionary],
  ] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetDb();
}

/** Calls the handler for a fresh number; returns its answer, how long it took and what it logged. */
async function call() {
  const e164 = uniqueNumber();
  const logs = captureLogs();
  const started = performance.now();
  try {
    const result = await handler(connectEvent(e164));
    return { e164, result, ms: performance.now() - started, lines: logs.lines, text: logs.text() };
  } finally {
    logs.stop();
  }
}

/** The caller hears the engine's numbers, and the logs say why nothing was stored, without the number. */
function expectNumbersDespiteTheDatabase({ e164, result, lines, text }: Awaited<ReturnType<typeof call>>) {
  expect(result).toMatchObject({ ...numbersFor(e164), source: "new" });
  expectWellFormedSsml(result.ssml);
  expect(lines.filter((line) => line.level === "error").map((line) => line.msg)).toContain("storing the call failed: queued for a retry");
  expect(lines.at(-1)).toMatchObject({ msg: "answered", status: "OK", source: "new", contactId: expect.any(String) });
  expect(text).not.toContain(e164);
  expect(text).not.toContain(e164.slice(2));
  expect(text).toContain(`+1******${e164.slice(-4)}`);
}

beforeAll(() => assertLocalDb());
afterEach(restoreEnv);
afterAll(restoreEnv);

// First: the engine loads its dictionary once per process, so this must run before any success.
describe("the engine cannot run", () => {
  it("answers ERROR with an apology, and does not throw", async () => {
    process.env.VANITY_TABLE = "connect-vanity-staging-no-such-table";
    process.env.VANITY_DICTIONARY = "/nonexistent/vanity-dictionary.bin";
    resetDb();
    const { result, text } = await call();
    expect(result).toEqual(apologyAnswer("ERROR", expect.stringMatching(/^<speak>Sorry, .+<\/speak>$/)));
    expect(text).toContain("DictionaryError");
  });
});

describe("a table that does not exist", () => {
  it("still gives the caller their numbers, and logs both failed commands", async () => {
    process.env.VANITY_TABLE = "connect-vanity-staging-no-such-table"; // every read and write fails at once
    resetDb();
    const outcome = await call();
    expectNumbersDespiteTheDatabase(outcome);
    expect(outcome.lines.filter((line) => line.level === "error").map((line) => line.msg)).toEqual([
      "storing the call failed: queued for a retry",
      "caller lookup failed",
    ]);
    expect(outcome.lines.map((line) => line.msg)).toContain("caller queued for a retry");
    expect(outcome.ms).toBeLessThan(ANSWER_WITHIN_MS);
  });
});

describe("DynamoDB down: nothing listening on its port", () => {
  it("answers at once with the numbers (connection refused, retried once)", async () => {
    const closed = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, "127.0.0.1", () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    process.env.ARC_TABLES_PORT = String(closed);
    resetDb();
    const outcome = await call();
    expectNumbersDespiteTheDatabase(outcome);
    expect(outcome.text).toMatch(/ECONNREFUSED/);
    expect(outcome.ms).toBeLessThan(ANSWER_WITHIN_MS);
  });
});

describe("DynamoDB hanging: a black hole that accepts connections and never answers", () => {
  let hole: Server;
  const sockets = new Set<Socket>();
  beforeAll(async () => {
    hole = createServer((socket) => {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => {});
    });
    await new Promise<void>((resolve) => hole.listen(0, "127.0.0.1", resolve));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => hole.close(resolve));
  });

  it(`answers with the numbers once the database deadline (${DB_DEADLINE_MS} ms) passes`, async () => {
    process.env.ARC_TABLES_PORT = String((hole.address() as { port: number }).port);
    resetDb();
    const outcome = await call();
    expectNumbersDespiteTheDatabase(outcome);
    // It waited for the database, but no longer than the deadline allows.
    expect(outcome.ms).toBeGreaterThan(DB_DEADLINE_MS - 500);
    expect(outcome.ms).toBeLessThan(ANSWER_WITHIN_MS);
    expect(outcome.text).toMatch(/TimeoutError|DeadlineError|aborted/);
    expect(outcome.lines.some((line) => line.timedOut === true || /not stored in time/.test(String(line.msg)))).toBe(true);
  });
});

describe("a repeat caller whose call cannot be stored", () => {
  it("hears their stored numbers at once; the failure is logged and the call stored from the retry queue", async () => {
    const e164 = uniqueNumber();
    const first = await handler(connectEvent(e164));
    // The table answers reads but refuses writes, as a throttled one does.
    const { client } = await getDb();
    const name = `refuseWrites${Math.random()}`;
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (/^(Put|Update)Item/.test(context.commandName ?? ""))
          throw Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException" });
        return next(args);
      },
      { step: "initialize", name },
    );
    const logs = captureLogs();
    const started = performance.now();
    let again;
    try {
      again = await handler(connectEvent(e164));
    } finally {
      logs.stop();
      client.middlewareStack.remove(name);
    }
    expect(again).toEqual({ ...first, source: "existing" });
    expect(performance.now() - started).toBeLessThan(ANSWER_WITHIN_MS);
    expect(logs.lines.filter((line) => line.level === "error").map((line) => line.msg)).toEqual([
      "storing the call failed: queued for a retry",
    ]);
    expect(logs.text()).not.toContain(e164);
    // The retry queue's Lambda (in sandbox, without the refusal) stores the call once the table takes writes.
    let history = await getCallerWithCalls({ e164, limit: 10 });
    // The count and the call item are written one after the other: wait for both.
    for (const until = Date.now() + 15_000; (history?.caller.callCount !== 2 || history.calls.length !== 2) && Date.now() < until;) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      history = await getCallerWithCalls({ e164, limit: 10 });
    }
    expect(history?.caller.callCount).toBe(2);
    expect(history?.calls.map((c) => c.numbers)).toEqual(["repeat", "new"]);
    await deleteCaller({ e164 });
  });
});
