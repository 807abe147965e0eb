// Two calls from the same number at the same moment: one record, and every caller hears the same
// numbers. First through the handler in this process (N invocations at once, sharing one client),
// then through sandbox's local invoker, where the calls run in separate Lambda environments
// (processes), as on AWS.
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { getCaller, getCallerWithCalls, makeCallerEntity } from "../data/callers.server.js";
import { getDb } from "../data/db.server.js";
import { assertLocalDb, callersToDelete, uniqueNumber } from "../../test/local-db.js";
import { handler, type ConnectVanityResponse } from "./handler.js";
import { connectEvent } from "../../test/connect-event.js";
import { numbersFor, watchWrites } from "../../test/connect-support.js";

const created = callersToDelete();
let writes: string[] = [];
beforeAll(async () => {
  assertLocalDb();
  writes = await watchWrites();
});

/** Every record stored for `e164`: the item by its key, and its entries on the recent index. */
async function recordsFor(e164: string) {
  const { client, table } = await getDb();
  const entity = makeCallerEntity(client as DynamoDBClient, table);
  const byNumber = (await entity.query.byNumber({ e164 }).go()).data;
  const stored = await getCaller({ e164 });
  const recent = stored
    ? (await entity.query.recent({ shard: byNumber[0]!.shard }).gte({ lastCalledAt: stored.lastCalledAt }).go()).data.filter(
        (item) => item.e164 === e164,
      )
    : [];
  return { byNumber, recent, stored };
}

/** n contacts: n calls on the record and n call items, one of them the call that made the numbers. */
async function expectEveryCallStored(e164: string, n: number) {
  const history = await getCallerWithCalls({ e164, limit: 100 });
  expect(history?.caller.callCount).toBe(n);
  expect(history?.calls).toHaveLength(n);
  expect(history?.calls.filter((c) => c.numbers === "new")).toHaveLength(1);
}

/** All answers OK, with identical numbers and speech; exactly one says it stored them. */
function expectOneStoryFromEveryone(answers: ConnectVanityResponse[], e164: string) {
  for (const answer of answers) {
    expect(answer).toMatchObject(numbersFor(e164));
    expect({ ...answer, source: "" }).toEqual({ ...answers[0]!, source: "" });
  }
  expect(answers.filter((a) => a.source === "new")).toHaveLength(1);
  expect(answers.filter((a) => a.source === "existing")).toHaveLength(answers.length - 1);
}

describe("the same number calling N times at once", () => {
  it.each([2, 10, 25])("in one process, %i calls: one record, the same numbers and SSML for all", async (n) => {
    const e164 = uniqueNumber();
    created.push(e164);
    writes.length = 0;
    const answers = await Promise.all(
      Array.from({ length: n }, (_, i) => handler(connectEvent(e164, `c0ffee00-0000-4000-8000-${String(i).padStart(12, "0")}`))),
    );
    expectOneStoryFromEveryone(answers, e164);
    const { byNumber, recent, stored } = await recordsFor(e164);
    expect(byNumber).toHaveLength(1);
    expect(recent).toHaveLength(1);
    expect(stored?.vanity.slice(0, 3)).toEqual([answers[0]!.vanity1, answers[0]!.vanity2, answers[0]!.vanity3]);
    await expectEveryCallStored(e164, n);
  });

  // The invoker runs them in warm environments, up to 2 per core, so several processes race.
  const INVOKER_CALLS = 12;
  it(`through sandbox's invoker, ${INVOKER_CALLS} calls at once over several Lambda environments: one record, the same answer for all`, async () => {
    const port = process.env.CONNECT_INVOKE_PORT;
    expect(port, "CONNECT_INVOKE_PORT (set by test/sandbox-setup.ts)").toBeTruthy();
    const e164 = uniqueNumber();
    created.push(e164);
    const post = async (i: number): Promise<ConnectVanityResponse> => {
      const response = await fetch(`http://localhost:${port}/`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(connectEvent(e164, `c0ffee00-0000-4000-9000-${String(i).padStart(12, "0")}`)),
      });
      expect(response.status).toBe(200);
      return (await response.json()) as ConnectVanityResponse;
    };
    const answers = await Promise.all(Array.from({ length: INVOKER_CALLS }, (_, i) => post(i)));
    expectOneStoryFromEveryone(answers, e164);
    const { byNumber, recent } = await recordsFor(e164);
    expect(byNumber).toHaveLength(1);
    expect(recent).toHaveLength(1);
    await expectEveryCallStored(e164, INVOKER_CALLS);
  }, 60_000);
});
