// The handler when its parts fail for real (no mocks): a table that does not exist, a missing
// dictionary. It must still answer Connect, and say nothing it cannot back up.
import type { ConnectContactFlowEvent } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { resetDb } from "../data/db.server.js";
import { assertLocalDb, uniqueNumber } from "../test/local-db.js";
import { findVanityNumbers } from "../vanity/index.js";
import { handler } from "./handler.js";

const event = (address: string) =>
  ({ Name: "ContactFlowEvent", Details: { Parameters: {}, ContactData: { CustomerEndpoint: { Address: address, Type: "TELEPHONE_NUMBER" } } } }) as unknown as ConnectContactFlowEvent;

const saved = { table: process.env.VANITY_TABLE, dictionary: process.env.VANITY_DICTIONARY };
const errors: string[] = [];

beforeAll(() => {
  assertLocalDb();
  process.env.VANITY_TABLE = "connect-vanity-staging-no-such-table"; // every read and write fails
  resetDb();
  vi.spyOn(console, "error").mockImplementation((line: string) => void errors.push(line));
});
afterAll(() => {
  process.env.VANITY_TABLE = saved.table;
  if (saved.dictionary === undefined) delete process.env.VANITY_DICTIONARY;
  else process.env.VANITY_DICTIONARY = saved.dictionary;
  resetDb();
  vi.restoreAllMocks();
});

describe("when something breaks", () => {
  it("answers ERROR with an apology, and does not throw, when the engine cannot run", async () => {
    process.env.VANITY_DICTIONARY = "/nonexistent/vanity-dictionary.bin";
    const result = await handler(event(uniqueNumber()));
    delete process.env.VANITY_DICTIONARY;
    expect(result).toEqual({ status: "ERROR", vanity1: "", vanity2: "", vanity3: "", source: "", ssml: expect.stringMatching(/^<speak>Sorry, .+<\/speak>$/) });
    expect(errors.some((line) => line.includes("DictionaryError"))).toBe(true);
  });

  it("still gives the caller their numbers when they cannot be stored, and logs it without the full number", async () => {
    const e164 = uniqueNumber();
    errors.length = 0;
    const result = await handler(event(e164));
    const expected = findVanityNumbers(e164).vanity;
    expect(result).toMatchObject({ status: "OK", source: "new", vanity1: expected[0]!.display });
    expect(errors.map((line) => JSON.parse(line).message)).toEqual(["caller lookup failed", "storing the caller failed"]);
    expect(errors.join("\n")).toContain(e164.slice(-4));
    expect(errors.join("\n")).not.toContain(e164);
  });
});
