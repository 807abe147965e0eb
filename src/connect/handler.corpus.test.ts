// Every event in the corpus (fixtures/bad-events.json) through the real handler and sandbox's
// DynamoDB: a flat map of strings with every key, the expected status, well-formed SSML, an
// apology and no write unless the number is good, one stored record when it is, and logs that
// never hold a whole number.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteCaller, getCaller } from "../data/callers.server.js";
import { captureLogs } from "../log.js";
import { assertLocalDb } from "../../test/local-db.js";
import { findVanityNumbers } from "../vanity/index.js";
import { loadEventCases } from "../../test/connect-fixtures.js";
import { APOLOGY, handler } from "./handler.js";
import { RESPONSE_KEYS } from "./contract.js";
import { apologyAnswer, expectWellFormedSsml, numbersFor, watchWrites } from "../../test/connect-support.js";

const cases = loadEventCases();
const storedNumbers = cases.flatMap((c) => (c.stored ? [c.stored] : []));
let writes: string[] = [];

beforeAll(async () => {
  assertLocalDb();
  await Promise.all(storedNumbers.map((e164) => deleteCaller({ e164 }))); // left over from an interrupted run
  writes = await watchWrites();
});
afterAll(async () => {
  await Promise.all(storedNumbers.map((e164) => deleteCaller({ e164 })));
});

describe("the corpus", () => {
  it("covers every status but ERROR, and dozens of shapes", () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
    expect(new Set(cases.map((c) => c.status))).toEqual(new Set(["OK", "NO_NUMBER", "INVALID_NUMBER"]));
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });
});

describe.each(cases.map((c) => [c.name, c] as const))("%s", (_name, { status, stored, event }) => {
  it(`answers ${status}${stored ? `, stores ${stored}` : ", writes nothing"}`, async () => {
    writes.length = 0;
    const logs = captureLogs();
    let result: Record<string, unknown>;
    try {
      result = await handler(event as never);
    } finally {
      logs.stop();
    }

    // A flat map of strings, every key present, small enough for Connect's 32 KB of attributes.
    expect(Object.keys(result).sort()).toEqual(RESPONSE_KEYS);
    for (const value of Object.values(result)) expect(typeof value).toBe("string");
    expect(Buffer.byteLength(JSON.stringify(result))).toBeLessThan(4096);
    expect(result.status).toBe(status);
    expectWellFormedSsml(result.ssml as string);

    if (status === "OK") {
      expect(result).toMatchObject({ ...numbersFor(stored!), source: "new" });
      expect([...writes].sort()).toEqual(["PutItemCommand", "UpdateItemCommand", "UpdateItemCommand"]); // call, caller, count
      expect((await getCaller({ e164: stored! }))?.vanity).toEqual(findVanityNumbers(stored!).vanity.map((v) => v.display));
    } else {
      const apology = status as keyof typeof APOLOGY;
      expect(result).toEqual(apologyAnswer(apology, `<speak>${APOLOGY[apology]}</speak>`));
      expect(writes).toEqual([]);
    }

    // The logs: JSON lines, the last one the answer, no long input echoed, no whole number.
    const lines = logs.lines;
    expect(lines.at(-1)).toMatchObject({ msg: "answered", status });
    expect(logs.text().length).toBeLessThan(4096);
    // Nothing but the ids and the time may hold five digits in a row (a number, however written, may not).
    for (const { contactId: _c, initialContactId: _i, time: _t, ...rest } of lines) expect(JSON.stringify(rest)).not.toMatch(/\p{Nd}{5}/u);
    if (stored) expect(logs.text()).not.toContain(stored.slice(-7));
  });
});
