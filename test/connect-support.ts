// Test support for the Connect handler's tests (not bundled: only *.test.ts import it). Events come
// from test/connect-event.ts, the answer's keys from ./contract.ts.
import { ssmlProblems } from "../tools/call/ssml-check.js";
import { expect } from "vitest";
import type { ConnectStatus } from "../src/connect/contract.js";
import { getDb } from "../src/data/db.server.js";
import { findVanityNumbers } from "../src/vanity/index.js";

/** What a caller the handler made numbers for hears: the engine's first three for `e164`, in order (for toMatchObject). */
export function numbersFor(e164: string): { status: "OK"; vanity1: string; vanity2: string; vanity3: string } {
  const [first, second, third] = findVanityNumbers(e164).vanity;
  return { status: "OK", vanity1: first!.display, vanity2: second!.display, vanity3: third!.display };
}

/** The answer when there are no numbers to give: every key present, the numbers empty, an apology to speak. */
export function apologyAnswer(status: Exclude<ConnectStatus, "OK">, ssml: unknown) {
  return { status, vanity1: "", vanity2: "", vanity3: "", source: "", ssml, smsOffered: "false" };
}

export function expectWellFormedSsml(ssml: string): void {
  expect(ssmlProblems(ssml), ssml.slice(0, 200)).toEqual([]);
}

/**
 * Records the data-changing commands the data layer's real DynamoDB client sends (the client is
 * watched, not mocked). Call once per test file, before the handler runs.
 */
export async function watchWrites(): Promise<string[]> {
  const writes: string[] = [];
  const { client } = await getDb();
  client.middlewareStack.add(
    (next, context) => (args) => {
      if (/^(Put|Update|Delete|BatchWrite|TransactWrite)/.test(context.commandName ?? "")) writes.push(context.commandName!);
      return next(args);
    },
    { step: "initialize", name: `recordWrites${Math.random()}` },
  );
  return writes;
}

/**
 * Counts the round trips to DynamoDB the data layer's real client makes: a command that starts
 * after every command before it has answered starts a new one; commands in flight together share one.
 */
export async function watchRoundTrips(): Promise<{ reset(): void; count(): number }> {
  let inFlight = 0;
  let trips = 0;
  const { client } = await getDb();
  client.middlewareStack.add(
    (next) => async (args) => {
      if (inFlight++ === 0) trips++;
      try {
        return await next(args);
      } finally {
        inFlight--;
      }
    },
    { step: "initialize", name: `countRoundTrips${Math.random()}` },
  );
  return { reset: () => (trips = 0), count: () => trips };
}
