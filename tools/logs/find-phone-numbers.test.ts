import { describe, expect, it } from "vitest";
import { leakedLines } from "./find-phone-numbers.js";

describe("leakedLines", () => {
  it("finds a whole number in a log line, also behind the web server's prefix", () => {
    const text = [
      '{"level":"info","caller":"+18005550199","msg":"answered"}',
      '[WebServer] {"level":"error","msg":"No route matches URL \\"/callers/8005550177\\""}',
    ].join("\n");
    expect(leakedLines(text)).toHaveLength(2);
  });

  it("leaves masked numbers, timestamps, short figures and lines that are not logs alone", () => {
    const text = [
      '{"level":"info","caller":"+1******0199","ms":41,"msg":"answered"}',
      '{"level":"info","time":"2026-12-01T20:52:31.517Z","at":1764622351517,"expiresAt":1798675200,"msg":"stored"}',
      '{"level":"info","contactId":"25d31595-a79e-416e-9c6a-bd7595580123","msg":"answered"}',
      "✓ src/connect/handler.test.ts > a new caller +18005550199 hears three numbers",
    ].join("\n");
    expect(leakedLines(text)).toEqual([]);
  });
});
