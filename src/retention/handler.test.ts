// The retention Lambda against sandbox's DynamoDB: one pass, its counts, one log line.
import { beforeAll, describe, expect, it } from "vitest";
import { captureLogs } from "../log.js";
import { assertLocalDb, callersToDelete, uniqueNumber } from "../../test/local-db.js";
import { saveCaller } from "../data/callers.server.js";
import { handler } from "./handler.js";

const created = callersToDelete();
beforeAll(() => assertLocalDb());

describe("the retention Lambda", () => {
  it("applies the current VANITY_RETENTION_DAYS to what is stored and says what it did", async () => {
    const e164 = uniqueNumber();
    created.push(e164);
    await saveCaller({ e164, vanity: ["1-206-FLOWERS", "1-206-FLOWER-S", "1-206-356-9377", "1-206-ABC-DEFG", "1-206-DOG-CATS"] });
    const logs = captureLogs();
    let result;
    try {
      result = await handler();
    } finally {
      logs.stop();
    }
    expect(result.days).toBe(90);
    expect(result.checked).toBeGreaterThanOrEqual(1);
    const lines = logs.lines.filter((l) => l.msg === "retention applied");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      days: 90,
      checked: result.checked,
      shortened: result.shortened,
      calls: result.calls,
      hours: result.hours,
    });
  });

  it("an invalid setting fails the run and changes nothing", async () => {
    const saved = process.env.VANITY_RETENTION_DAYS;
    process.env.VANITY_RETENTION_DAYS = "forever";
    try {
      await expect(handler()).rejects.toThrow(/VANITY_RETENTION_DAYS/);
    } finally {
      if (saved === undefined) delete process.env.VANITY_RETENTION_DAYS;
      else process.env.VANITY_RETENTION_DAYS = saved;
    }
  });
});
