import { describe, expect, it } from "vitest";
import { DEFAULT_LIMIT, parseLimit } from "./limit.js";

describe("parseLimit", () => {
  it("defaults to five", () => {
    expect(parseLimit(null)).toEqual({ ok: true, limit: DEFAULT_LIMIT });
    expect(parseLimit("")).toEqual({ ok: true, limit: 5 });
  });
  it("accepts 1 to 50", () => {
    expect(parseLimit("1")).toEqual({ ok: true, limit: 1 });
    expect(parseLimit("50")).toEqual({ ok: true, limit: 50 });
    expect(parseLimit("007")).toEqual({ ok: true, limit: 7 });
  });
  it.each(["0", "51", "1000", "-1", "abc", "2.5", "1e1", "0x10", "5abc"])("rejects %j with a message", (raw) => {
    const result = parseLimit(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/limit must be a whole number from 1 to 50/);
  });
});

describe("parseLimit with a maximum and a default of its own (/api/callers)", () => {
  const options = { max: 100, fallback: 25 };
  it("defaults to its own default and accepts 1 to its maximum", () => {
    expect(parseLimit(null, options)).toEqual({ ok: true, limit: 25 });
    expect(parseLimit(" ", options)).toEqual({ ok: true, limit: 25 });
    expect(parseLimit("1", options)).toEqual({ ok: true, limit: 1 });
    expect(parseLimit("51", options)).toEqual({ ok: true, limit: 51 });
    expect(parseLimit("100", options)).toEqual({ ok: true, limit: 100 });
  });
  it.each(["0", "101", "1000", "0100000", "-1", "2.5", "1e2"])("rejects %j, naming its range", (raw) => {
    const result = parseLimit(raw, options);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/limit must be a whole number from 1 to 100/);
  });
});
