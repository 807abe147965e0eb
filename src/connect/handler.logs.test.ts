// What the real handler writes to its log, captured line by line: JSON, the contact id on every
// line, the number masked, and never the whole number anywhere: for a new caller, a repeat
// caller, an invalid number, and a call whose database is down.
import { beforeAll, describe, expect, it } from "vitest";
import { resetDb } from "../data/db.server.js";
import { captureLogs, logger, maskPhoneNumber } from "../log.js";
import { assertLocalDb, callersToDelete, uniqueNumber } from "../../test/local-db.js";
import { handler } from "./handler.js";
import { connectEvent } from "../../test/connect-event.js";

const created = callersToDelete();
beforeAll(() => assertLocalDb());

/** Runs the handler for `address` and returns the log lines it wrote, raw and parsed. */
async function logsOf(address: string, contactId: string) {
  const logs = captureLogs();
  try {
    await handler(connectEvent(address, contactId));
  } finally {
    logs.stop();
  }
  const text = logs.text();
  expect(text.endsWith("\n")).toBe(true);
  for (const line of text.trimEnd().split("\n")) expect(() => JSON.parse(line)).not.toThrow(); // one JSON object per line
  return { text, lines: logs.lines };
}

/** No form of the number: E.164, national, or any five of its digits in a row. */
function expectNoWholeNumber(text: string, e164: string) {
  const digits = e164.slice(1);
  for (let i = 0; i + 5 <= digits.length; i++) expect(text).not.toContain(digits.slice(i, i + 5));
}

describe("handler logs", () => {
  it("a new caller, then the same caller again: contact ids on every line, the number masked", async () => {
    const e164 = uniqueNumber();
    created.push(e164);
    for (const [contactId, source] of [
      ["11111111-aaaa-4bbb-8ccc-dddddddddddd", "new"],
      ["22222222-aaaa-4bbb-8ccc-dddddddddddd", "existing"],
    ] as const) {
      const { text, lines } = await logsOf(e164, contactId);
      expectNoWholeNumber(text, e164);
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines)
        expect(line).toMatchObject({ contactId, initialContactId: contactId, level: expect.any(String), time: expect.any(String) });
      expect(lines.at(-1)).toEqual({
        level: "info",
        time: expect.any(String),
        contactId,
        initialContactId: contactId,
        caller: maskPhoneNumber(e164),
        status: "OK",
        source,
        ms: expect.any(Number),
        msg: "answered",
      });
    }
  });

  it("at LOG_LEVEL=debug, the data layer's lines belong to the contact too", async () => {
    const e164 = uniqueNumber();
    created.push(e164);
    const level = logger.level;
    logger.level = "debug";
    try {
      const { text, lines } = await logsOf(e164, "66666666-aaaa-4bbb-8ccc-dddddddddddd");
      expectNoWholeNumber(text, e164);
      expect(lines.find((line) => line.msg === "caller stored")).toMatchObject({
        level: "debug",
        contactId: "66666666-aaaa-4bbb-8ccc-dddddddddddd",
        caller: maskPhoneNumber(e164),
      });
      expect(text.match(/"caller":/g)?.length).toBe(lines.filter((line) => "caller" in line).length); // no key twice on a line
    } finally {
      logger.level = level;
    }
  });

  it("adds Lambda's request id to every line when it has one", async () => {
    const logs = captureLogs();
    try {
      await handler(connectEvent("anonymous", "55555555-aaaa-4bbb-8ccc-dddddddddddd"), {
        awsRequestId: "8f5c1f0e-1d2b-4c3a-9e8f-7a6b5c4d3e2f",
      });
    } finally {
      logs.stop();
    }
    expect(logs.lines.length).toBeGreaterThan(0);
    for (const line of logs.lines)
      expect(line).toMatchObject({ contactId: "55555555-aaaa-4bbb-8ccc-dddddddddddd", requestId: "8f5c1f0e-1d2b-4c3a-9e8f-7a6b5c4d3e2f" });
  });

  it("an invalid number: why, masked", async () => {
    const address = "+11235550123"; // an area code cannot start with 1
    const { text, lines } = await logsOf(address, "33333333-aaaa-4bbb-8ccc-dddddddddddd");
    expectNoWholeNumber(text, address);
    expect(lines.map((line) => [line.msg, line.status])).toEqual([
      ["caller number not usable", "INVALID_NUMBER"],
      ["answered", "INVALID_NUMBER"],
    ]);
    expect(lines[0]).toMatchObject({ code: "INVALID", caller: "+1******0123" });
  });

  it("a call while the database is down: the error, masked, and still an answer", async () => {
    const table = process.env.VANITY_TABLE;
    process.env.VANITY_TABLE = "connect-vanity-staging-no-such-table";
    resetDb();
    try {
      const e164 = uniqueNumber();
      const { text, lines } = await logsOf(e164, "44444444-aaaa-4bbb-8ccc-dddddddddddd");
      expectNoWholeNumber(text, e164);
      expect(lines.map((line) => [line.level, line.msg])).toEqual([
        ["error", "storing the call failed: queued for a retry"],
        ["error", "caller lookup failed"],
        ["info", "caller queued for a retry"],
        ["info", "answered"],
      ]);
      expect(lines[0]).toMatchObject({
        msg: "storing the call failed: queued for a retry",
        caller: maskPhoneNumber(e164),
        err: { message: expect.stringMatching(/resource not found/i) },
      });
      expect(lines.at(-1)).toMatchObject({ msg: "answered", status: "OK", source: "new" });
    } finally {
      process.env.VANITY_TABLE = table;
      resetDb();
    }
  });
});
