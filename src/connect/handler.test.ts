// The Connect handler against sandbox's real DynamoDB (started by test/sandbox-setup.ts),
// fed events shaped like the ones Amazon Connect sends. The corpus of odd and hostile events is in
// handler.corpus.test.ts, faults in handler.failures.test.ts, concurrency in handler.concurrency.test.ts.
import type { ConnectContactFlowEvent } from "aws-lambda";
import { beforeAll, describe, expect, it } from "vitest";
import { getCaller, getCallerWithCalls, makeCallerEntity, saveCaller } from "../data/callers.server.js";
import { getDictionary } from "../vanity/dictionary.js";
import { getDb } from "../data/db.server.js";
import { assertLocalDb, callersToDelete, uniqueNumber } from "../../test/local-db.js";
import { findVanityNumbers } from "../vanity/index.js";
import { dialDigits } from "../vanity/keypad.js";
import { handler } from "./handler.js";
import { captureLogs } from "../log.js";
import { connectEvent } from "../../test/connect-event.js";
import { RESPONSE_KEYS } from "./contract.js";
import { apologyAnswer, expectWellFormedSsml, numbersFor, watchRoundTrips, watchWrites } from "../../test/connect-support.js";

const KEYS = RESPONSE_KEYS;
const created = callersToDelete();
let writes: string[] = []; // commands this file's DynamoDB client sent that change data
let roundTrips: Awaited<ReturnType<typeof watchRoundTrips>>;

beforeAll(async () => {
  assertLocalDb();
  // Watch the real client (not a mock): every write the handler makes goes through here.
  writes = await watchWrites();
  roundTrips = await watchRoundTrips();
});

describe("a new caller", () => {
  it("gets three of the engine's five numbers, stored with the number and the time", async () => {
    const e164 = uniqueNumber();
    created.push(e164);
    const before = new Date().toISOString();
    writes.length = 0;
    roundTrips.reset();
    const result = await handler(connectEvent(e164));
    // The one conditional write that stores the caller (an upsert), then the call and its hour's
    // count together: two round trips, as many as a lookup and a put took before calls were kept.
    expect([...writes].sort()).toEqual(["PutItemCommand", "UpdateItemCommand", "UpdateItemCommand"]);
    expect(roundTrips.count()).toBe(2);

    expect(Object.keys(result).sort()).toEqual(KEYS);
    expect(result).toMatchObject({ ...numbersFor(e164), source: "new" });
    for (const value of Object.values(result)) expect(typeof value).toBe("string");
    expectWellFormedSsml(result.ssml);
    expect(result.ssml).toContain("Number 3:");
    expect(result.ssml).not.toContain("Number 4:");

    const stored = await getCaller({ e164 });
    expect(stored?.vanity).toEqual(findVanityNumbers(e164).vanity.map((v) => v.display));
    expect(stored!.calledAt >= before).toBe(true);
    expect(stored).toMatchObject({ lastCalledAt: stored!.calledAt, callCount: 1 });
    expect(stored!.dictionary).toBe(getDictionary().id); // which ranking made them
  });

  it("accepts the number as people write it and stores it in E.164", async () => {
    const e164 = uniqueNumber();
    created.push(e164);
    const national = e164.slice(2); // "2065550123"
    const result = await handler(connectEvent(`(${national.slice(0, 3)}) ${national.slice(3, 6)}-${national.slice(6)}`));
    expect(result.status).toBe("OK");
    expect(await getCaller({ e164 })).not.toBeNull();
  });
});

describe("a repeat caller", () => {
  it("hears the same numbers again, from the one stored record, and the call is stored", async () => {
    const e164 = uniqueNumber();
    created.push(e164);
    const first = await handler(connectEvent(e164));
    const record = await getCaller({ e164 });
    writes.length = 0;
    roundTrips.reset();

    const before = new Date().toISOString();
    const second = await handler(connectEvent(e164));
    expect(second).toEqual({ ...first, source: "existing" });
    // The same conditional write (the record's latest call and count), then the call and its hour's count together.
    expect([...writes].sort()).toEqual(["PutItemCommand", "UpdateItemCommand", "UpdateItemCommand"]);
    expect(roundTrips.count()).toBe(2);
    const again = await getCaller({ e164 });
    expect(again).toEqual({ ...record, lastCalledAt: again!.lastCalledAt, callCount: 2 });
    expect(again!.lastCalledAt >= before).toBe(true);
    const { client, table } = await getDb();
    const { data } = await makeCallerEntity(client, table).query.byNumber({ e164 }).go();
    expect(data).toHaveLength(1);
    const history = await getCallerWithCalls({ e164, limit: 10 });
    expect(history?.calls.map((c) => c.numbers)).toEqual(["repeat", "new"]);
  });

  it("is counted once when Connect retries the same contact", async () => {
    const e164 = uniqueNumber();
    created.push(e164);
    await handler(connectEvent(e164, "retried-contact-1"));
    const retry = await handler(connectEvent(e164, "retried-contact-1"));
    expect(retry).toMatchObject({ status: "OK", source: "existing" });
    await handler(connectEvent(e164, "retried-contact-2"));
    await handler(connectEvent(e164, "retried-contact-2"));
    const history = await getCallerWithCalls({ e164, limit: 10 });
    expect(history?.caller.callCount).toBe(2);
    expect(history?.calls.map((c) => c.contactId)).toEqual(["retried-contact-2", "retried-contact-1"]);
  });

  it("gets what is stored, not what the engine would make now", async () => {
    const e164 = uniqueNumber();
    created.push(e164);
    const vanity = ["1-206-STORED1", "1-206-STORED2", "1-206-STORED3", "1-206-STORED4", "1-206-STORED5"];
    await saveCaller({ e164, vanity }); // a record without words: its letters are spelled
    const result = await handler(connectEvent(e164));
    expect(result).toMatchObject({ status: "OK", source: "existing", vanity1: vanity[0], vanity2: vanity[1], vanity3: vanity[2] });
    expect(result.ssml).toContain('<say-as interpret-as="characters">STORED1</say-as>');
    expectWellFormedSsml(result.ssml);
  });
});

describe("a caller ID from a range libphonenumber-js's metadata does not list", () => {
  it("gets vanity numbers and is stored, with a log line saying so", async () => {
    // 357: an area code the pinned metadata does not list; the exchange and line are random (a
    // new caller every run), the exchange never N11 (211…811 are service codes, not possible).
    const drawn = 200 + Math.floor(Math.random() * 700);
    const exchange = drawn % 100 === 11 ? drawn + 1 : drawn;
    const e164 = `+1357${exchange}${String(Math.floor(Math.random() * 10_000)).padStart(4, "0")}`;
    created.push(e164);
    const logs = captureLogs();
    const result = await handler(connectEvent(e164)).finally(() => logs.stop());
    expect(result).toMatchObject({ status: "OK", source: "new" });
    // It dials the caller's number (a line of mostly 0s and 1s puts its letters in the area code: 1-EL-7-610-0177).
    expect(`+${dialDigits(result.vanity1!)}`).toBe(e164);
    expectWellFormedSsml(result.ssml);
    expect(logs.lines.map((line) => line.msg)).toContain("caller number not in libphonenumber-js's numbering plan: possible, so answered");
    expect((await getCaller({ e164 }))?.vanity[0]).toBe(result.vanity1);
  });
});

describe("callers without a usable number: a status, an apology, nothing written", () => {
  const cases: [string, "NO_NUMBER" | "INVALID_NUMBER", () => unknown][] = [
    ["withheld (anonymous)", "NO_NUMBER", () => connectEvent("anonymous")],
    ["withheld (Restricted)", "NO_NUMBER", () => connectEvent("Restricted")],
    ["an empty address", "NO_NUMBER", () => connectEvent("")],
    ["a null address", "NO_NUMBER", () => connectEvent(null)],
    [
      "a null CustomerEndpoint",
      "NO_NUMBER",
      () => ({ ...connectEvent(null), Details: { Parameters: {}, ContactData: { CustomerEndpoint: null } } }),
    ],
    ["a null ContactData", "NO_NUMBER", () => ({ Name: "ContactFlowEvent", Details: { Parameters: {}, ContactData: null } })],
    ["an empty event", "NO_NUMBER", () => ({})],
    ["no event at all", "NO_NUMBER", () => undefined],
    ["a number, not a string", "INVALID_NUMBER", () => connectEvent(12065550123)],
    ["letters in the number", "INVALID_NUMBER", () => connectEvent("+1800FLOWERS")],
    ["too short", "INVALID_NUMBER", () => connectEvent("+1206555")],
    ["an area code that starts with 1 (not even possible)", "INVALID_NUMBER", () => connectEvent("+11235550123")],
  ];

  it.each(cases)("%s → %s", async (_name, status, event) => {
    writes.length = 0;
    const result = await handler(event() as ConnectContactFlowEvent);
    expect(result).toEqual(apologyAnswer(status, expect.stringMatching(/^<speak>Sorry, .+<\/speak>$/)));
    expectWellFormedSsml(result.ssml);
    expect(writes).toEqual([]);
  });

  it("stores nothing for a number that is not even possible", async () => {
    await handler(connectEvent("+11235550123"));
    expect(await getCaller({ e164: "+11235550123" })).toBeNull();
  });
});
