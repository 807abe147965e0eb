// The export's and the API's paging, on a made-up list of callers (no table).
import { describe, expect, it } from "vitest";
import type { CallerCursor, CallerPage, CallerRecord } from "./callers.server";
import {
  EXPORT_HEADER,
  exportCallersCsv,
  exportFileName,
  exportLine,
  isCallsCursor,
  listFilteredCallers,
  parseCallerNumber,
  type CallerSource,
  type ExportSummary,
} from "./caller-list.server";
import { parseCsv } from "./csv";

/** `n` callers, one a minute, newest first. */
function callers(n: number): CallerRecord[] {
  return Array.from({ length: n }, (_, i) => {
    const at = new Date(Date.UTC(2026, 11, 2, 12, 0) - i * 60_000).toISOString();
    const e164 = `+1206555${String(1000 + i).padStart(4, "0")}`;
    return {
      e164,
      vanity: ["1-206-555-A", "1-206-555-B", "1-206-555-C", "1-206-555-D", "1-206-555-E"],
      calledAt: at,
      lastCalledAt: at,
      callCount: 1,
    };
  });
}

/** A data layer over `all` that pages the way listCallers does, and records what it was asked. */
function fakeSource(all: CallerRecord[], { failOnPage }: { failOnPage?: number } = {}) {
  const asked: Array<{ limit: number; from?: string | undefined; to?: string | undefined; before?: CallerCursor | null }> = [];
  const source: CallerSource = {
    getCaller: async ({ e164 }) => all.find((c) => c.e164 === e164) ?? null,
    listCallers: async (query) => {
      asked.push({ limit: query.limit, from: query.from, to: query.to, before: query.before ?? null });
      if (failOnPage === asked.length) throw new Error("table unavailable");
      const chosen = all.filter((c) => (!query.from || c.lastCalledAt >= query.from) && (!query.to || c.lastCalledAt < query.to));
      const start = query.before ? chosen.findIndex((c) => c.e164 === query.before!.e164) + 1 : 0;
      const page = chosen.slice(start, start + query.limit);
      const last = page.at(-1);
      const more = start + query.limit < chosen.length;
      return {
        callers: page,
        older: more && last ? { e164: last.e164, lastCalledAt: last.lastCalledAt } : null,
        newer: null,
      } satisfies CallerPage;
    },
  };
  return { source, asked };
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

const NO_FILTER = { e164: null, from: "", to: "" };

describe("the CSV export", () => {
  it("writes the header and one line per caller, numbers in E.164 and times in ISO 8601", async () => {
    const { source } = fakeSource(callers(3));
    const rows = parseCsv(await readAll(exportCallersCsv(NO_FILTER, { source })));
    expect(rows[0]).toEqual([...EXPORT_HEADER]);
    expect(rows).toHaveLength(4);
    expect(rows[1]).toEqual([
      "+12065551000",
      "1-206-555-A",
      "1-206-555-A | 1-206-555-B | 1-206-555-C | 1-206-555-D | 1-206-555-E",
      "2026-12-02T12:00:00.000Z",
      "2026-12-02T12:00:00.000Z",
      "1",
    ]);
  });

  it("reads every page in turn, each from where the last one ended", async () => {
    const { source, asked } = fakeSource(callers(25));
    const rows = parseCsv(await readAll(exportCallersCsv(NO_FILTER, { source, pageSize: 10 })));
    expect(rows.slice(1).map((r) => r[0])).toEqual(callers(25).map((c) => c.e164));
    expect(asked.map((a) => a.before?.e164 ?? null)).toEqual([null, "+12065551009", "+12065551019"]);
  });

  it("stops at the maximum with a last line that says so, and only when callers are left", async () => {
    const summaries: ExportSummary[] = [];
    const onEnd = (summary: ExportSummary) => summaries.push(summary);
    const capped = parseCsv(
      await readAll(exportCallersCsv(NO_FILTER, { source: fakeSource(callers(30)).source, pageSize: 10, maxRows: 25, onEnd })),
    );
    expect(capped).toHaveLength(1 + 25 + 1);
    expect(capped.at(-1)).toEqual(["Capped at 25 rows: narrow the date range to export the rest"]);

    const exact = parseCsv(
      await readAll(exportCallersCsv(NO_FILTER, { source: fakeSource(callers(20)).source, pageSize: 10, maxRows: 20, onEnd })),
    );
    expect(exact).toHaveLength(1 + 20);
    expect(summaries).toEqual([
      { rows: 25, capped: true, failed: false, cancelled: false },
      { rows: 20, capped: false, failed: false, cancelled: false },
    ]);
  });

  it("says 10,000 in the default note", async () => {
    const { source } = fakeSource(callers(10_001));
    const text = await readAll(exportCallersCsv(NO_FILTER, { source }));
    const rows = parseCsv(text);
    expect(rows).toHaveLength(1 + 10_000 + 1);
    expect(rows.at(-1)).toEqual(["Capped at 10,000 rows: narrow the date range to export the rest"]);
  });

  it("ends the file with a line that says it stopped when a page cannot be read", async () => {
    let ended: [ExportSummary, unknown] | undefined;
    const { source } = fakeSource(callers(30), { failOnPage: 2 });
    const text = await readAll(exportCallersCsv(NO_FILTER, { source, pageSize: 10, onEnd: (s, e) => (ended = [s, e]) }));
    const rows = parseCsv(text);
    expect(rows).toHaveLength(1 + 10 + 1);
    expect(rows.at(-1)![0]).toMatch(/^Export stopped after 10 rows/);
    expect(text).not.toContain("table unavailable"); // the details stay in the log
    expect(ended?.[0]).toEqual({ rows: 10, capped: false, failed: true, cancelled: false });
    expect(String(ended?.[1])).toContain("table unavailable");
  });

  it("stops reading when the download is cancelled", async () => {
    const { source, asked } = fakeSource(callers(50));
    let ended: ExportSummary | undefined;
    const reader = exportCallersCsv(NO_FILTER, { source, pageSize: 10, onEnd: (s) => (ended = s) }).getReader();
    await reader.read(); // the header
    await reader.read(); // the first page
    await reader.cancel();
    expect(asked.length).toBeLessThanOrEqual(2);
    expect(ended).toMatchObject({ cancelled: true });
  });

  it("exports the one caller a number search finds, if their latest call is in the range", async () => {
    const all = callers(3);
    const { source } = fakeSource(all);
    const one = parseCsv(await readAll(exportCallersCsv({ e164: all[1]!.e164, from: "", to: "" }, { source })));
    expect(one.map((r) => r[0])).toEqual(["number", all[1]!.e164]);
    const outside = parseCsv(await readAll(exportCallersCsv({ e164: all[1]!.e164, from: "2026-12-03", to: "" }, { source })));
    expect(outside).toHaveLength(1);
  });

  it("makes the vanity numbers formula-safe and leaves the number as it is", () => {
    const line = exportLine({
      e164: "+442079460958",
      vanity: ["+44-20-7-WHO-0958", "=1+1"],
      calledAt: "2026-12-02T09:41:07.000Z",
      lastCalledAt: "2026-12-02T09:41:07.000Z",
      callCount: 2,
    });
    expect(parseCsv(line)[0]).toEqual([
      "+442079460958",
      "'+44-20-7-WHO-0958",
      "'+44-20-7-WHO-0958 | =1+1",
      "2026-12-02T09:41:07.000Z",
      "2026-12-02T09:41:07.000Z",
      "2",
    ]);
  });

  it("names the file for the day, UTC", () => {
    expect(exportFileName(new Date("2026-12-02T23:59:59Z"))).toBe("callers-2026-12-02.csv");
  });
});

describe("a page of the API's callers", () => {
  it("passes the day range as instants and the cursor as `before`", async () => {
    const { source, asked } = fakeSource(callers(5));
    const cursor = { e164: "+12065551001", lastCalledAt: "2026-12-02T11:59:00.000Z" };
    const page = await listFilteredCallers({ e164: null, from: "2026-12-01", to: "2026-12-02" }, { limit: 2, before: cursor }, source);
    expect(asked).toEqual([{ limit: 2, from: "2026-12-01T00:00:00.000Z", to: "2026-12-03T00:00:00.000Z", before: cursor }]);
    expect(page.callers.map((c) => c.e164)).toEqual(["+12065551002", "+12065551003"]);
  });

  it("has one page for a number search", async () => {
    const { source } = fakeSource(callers(3));
    expect(await listFilteredCallers({ e164: "+12065551002", from: "", to: "" }, { limit: 25 }, source)).toMatchObject({
      callers: [{ e164: "+12065551002" }],
      older: null,
    });
    const cursor = { e164: "+12065551002", lastCalledAt: "2026-12-02T11:58:00.000Z" };
    expect(await listFilteredCallers({ e164: "+12065551002", from: "", to: "" }, { limit: 25, before: cursor }, source)).toEqual({
      callers: [],
      older: null,
      newer: null,
    });
  });
});

describe("addresses and cursors", () => {
  it("reads a number however it is written", () => {
    expect(parseCallerNumber("+12065550100")).toEqual({ ok: true, e164: "+12065550100" });
    expect(parseCallerNumber("(206) 555-0100")).toEqual({ ok: true, e164: "+12065550100" });
    expect(parseCallerNumber("12065550100")).toEqual({ ok: true, e164: "+12065550100" });
    expect(parseCallerNumber("pizza")).toMatchObject({ ok: false, message: expect.stringContaining("is not a phone number") });
  });

  it("tells a cursor of ElectroDB's shape from anything else", () => {
    const cursor = Buffer.from(JSON.stringify({ pk: "$vanity#e164_+12065550100", sk: "$call_1#calledat_2026" })).toString("base64url");
    expect(isCallsCursor(cursor)).toBe(true);
    for (const bad of ["", "abc", "not base64!", Buffer.from("[1,2]").toString("base64url"), Buffer.from('{"pk":1}').toString("base64url")])
      expect(isCallsCursor(bad)).toBe(false);
  });
});
