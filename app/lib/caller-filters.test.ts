import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeCallerCursor, encodeCallerCursor, filterQuery, timeRange } from "./caller-filters";
import { parseCallerFilters } from "./caller-filters.server";

const parse = (query: string) => parseCallerFilters(new URLSearchParams(query));

describe("the callers list's filters", () => {
  it("finds the number in a search however it is written", () => {
    for (const q of ["(206) 555-0100", "+1 206 555 0100", "206.555.0100", "12065550100"])
      expect(parse(`q=${encodeURIComponent(q)}`)).toMatchObject({ ok: true, filters: { e164: "+12065550100" } });
  });

  it("finds a stored caller ID the phone metadata does not list (a possible number)", () => {
    expect(parse("q=(357)%20234-5678")).toMatchObject({ ok: true, filters: { e164: "+13572345678" } });
  });

  it("says what is wrong with a search that is not a number, or days that are not days", () => {
    const bad = parse("q=pizza&from=2026-02-30&to=yesterday");
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.problems).toEqual([
      expect.stringContaining("“pizza” is not a phone number"),
      "The first day must be a date like 2026-12-01.",
      "The last day must be a date like 2026-12-01.",
    ]);
    expect(parse("from=2026-12-02&to=2026-12-01")).toMatchObject({ ok: false, problems: ["The first day is after the last day."] });
  });

  it("turns days into a range of instants, the last day included", () => {
    const { filters } = parse("from=2026-11-01&to=2026-11-30");
    expect(timeRange(filters)).toEqual({ from: "2026-11-01T00:00:00.000Z", to: "2026-12-01T00:00:00.000Z" });
    expect(timeRange(parse("").filters)).toEqual({});
  });

  it("writes the filters back as a query, with a page's cursor", () => {
    const { filters } = parse("q=%2B12065550100&from=2026-11-01");
    const cursor = { lastCalledAt: "2026-11-05T10:00:00.000Z", e164: "+12065550100" };
    const query = filterQuery(filters, { before: cursor });
    expect(parse(query.slice(1)).filters).toMatchObject({ q: "+12065550100", from: "2026-11-01", before: cursor, after: null });
    expect(filterQuery(parse("").filters)).toBe("");
  });

  it("reads back every cursor it writes, and nothing else", () => {
    const cursors = fc.record({
      lastCalledAt: fc.date({ min: new Date("2000-01-01"), max: new Date("2199-12-31"), noInvalidDate: true }).map((d) => d.toISOString()),
      e164: fc.stringMatching(/^\+[1-9]\d{6,14}$/),
    });
    fc.assert(
      fc.property(cursors, (cursor) => {
        expect(decodeCallerCursor(encodeCallerCursor(cursor))).toEqual(cursor);
      }),
    );
    for (const bad of [
      "",
      "x",
      "2026-13-01T00:00:00.000Z~+1206",
      "2026-01-01T00:00:00.000Z~12065550100",
      "2026-02-30T00:00:00.000Z~+12065550100",
    ])
      expect(decodeCallerCursor(bad)).toBeNull();
    expect(decodeCallerCursor(null)).toBeNull();
  });
});
