// Nothing lost when DynamoDB is down: the handler's failed write goes to the retry queue
// (sandbox's queue emulation, app.arc @queues caller-writes) and the queue's Lambda stores it
// once the table answers. Here the table fails for the handler (a table that does not exist)
// and answers for the queue's Lambda in sandbox, which is the table coming back.
import { afterAll, describe, expect, it } from "vitest";
import { handler as storeQueued } from "../caller-writes/handler.js";
import { getCaller } from "../data/callers.server.js";
import { resetDb } from "../data/db.server.js";
import { captureLogs } from "../log.js";
import { assertLocalDb, callersToDelete, uniqueNumber } from "../../test/local-db.js";
import { handler } from "./handler.js";
import { connectEvent } from "../../test/connect-event.js";

const table = process.env.VANITY_TABLE;
const stored = callersToDelete();

function tableDown() {
  process.env.VANITY_TABLE = "connect-vanity-staging-no-such-table";
  resetDb();
}
function tableBack() {
  process.env.VANITY_TABLE = table;
  resetDb();
}
afterAll(tableBack);

async function eventually<T>(read: () => Promise<T | null>, ms = 15_000): Promise<T | null> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (value || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe("a call while the table is down", () => {
  it("the caller hears their numbers, and the record is stored from the retry queue once the table answers", async () => {
    assertLocalDb();
    const e164 = uniqueNumber();
    stored.push(e164);
    tableDown();
    const logs = captureLogs();
    const answer = await handler(connectEvent(e164)).finally(() => logs.stop());
    expect(answer).toMatchObject({ status: "OK", source: "new" });
    expect(logs.lines.filter((line) => line.level === "error").map((line) => line.msg)).toEqual([
      "storing the call failed: queued for a retry",
      "caller lookup failed",
    ]);
    tableBack();

    const caller = await eventually(() => getCaller({ e164 }));
    expect(caller).not.toBeNull();
    expect(caller!.vanity.slice(0, 3)).toEqual([answer.vanity1, answer.vanity2, answer.vanity3]);
    expect(caller!.callCount).toBe(1);
    // The next call is a repeat caller's: the stored numbers, nothing regenerated.
    expect(await handler(connectEvent(e164))).toMatchObject({ status: "OK", source: "existing", vanity1: answer.vanity1 });
  });
});

describe("the queue's Lambda", () => {
  const message = (body: unknown) => ({ Records: [{ messageId: "m-1", body: typeof body === "string" ? body : JSON.stringify(body) }] });

  it.each([
    ["with the contact's id", { contactId: "queued-contact-1" }],
    ["with no contact id (the message's id stands in)", {}],
  ])("stores a queued caller and their call once, however often the message comes (%s)", async (_, ids) => {
    const e164 = uniqueNumber();
    stored.push(e164);
    const body = { e164, vanity: ["1-212-A", "1-212-B", "1-212-C", "1-212-D", "1-212-E"], calledAt: new Date().toISOString(), ...ids };
    expect(await storeQueued(message(body))).toEqual({ stored: 1, existing: 0, dropped: 0 });
    expect(await storeQueued(message(body))).toEqual({ stored: 0, existing: 1, dropped: 0 });
    expect(await getCaller({ e164 })).toMatchObject({ vanity: body.vanity, callCount: 1 });
  });

  it("throws while the table is down, so that SQS delivers the message again", async () => {
    const e164 = uniqueNumber();
    tableDown();
    try {
      await expect(storeQueued(message({ e164, vanity: ["1-212-A"], calledAt: new Date().toISOString() }))).rejects.toThrow();
    } finally {
      tableBack();
    }
    expect(await getCaller({ e164 })).toBeNull();
  });

  it("drops a malformed message instead of retrying it for days, and says why in an error line", async () => {
    const logs = captureLogs();
    try {
      for (const bad of [
        "not json",
        { e164: "12125550123", vanity: ["x"], calledAt: "2026-01-01T00:00:00Z" },
        { e164: "+12125550123", vanity: [], calledAt: "x" },
        { e164: "+12125550123", vanity: ["x"], calledAt: "2026-01-01T00:00:00Z", contactId: "a b" },
      ]) {
        expect(await storeQueued(message(bad))).toEqual({ stored: 0, existing: 0, dropped: 1 });
      }
    } finally {
      logs.stop();
    }
    expect(logs.lines.map((line) => [line.level, line.reason, line.msg])).toEqual([
      ["error", "not JSON", "queued caller dropped: malformed message"],
      ["error", "no E.164 number", "queued caller dropped: malformed message"],
      ["error", "no vanity numbers", "queued caller dropped: malformed message"],
      ["error", "bad contact id", "queued caller dropped: malformed message"],
    ]);
  });
});
