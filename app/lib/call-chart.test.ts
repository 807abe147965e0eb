import fc from "fast-check";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { HourCount } from "../../src/data/calls.server.js";
import { CallsChart } from "../components/CallsChart.js";
import {
  CHART_PERIODS,
  callsChart,
  callsText,
  chartPeriodLinks,
  chartRange,
  describeChart,
  formatCount,
  formatShare,
  niceCeiling,
  parseChartPeriod,
  type ChartPeriod,
} from "./call-chart.js";

const now = new Date("2026-12-02T09:41:07.000Z");
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe("parseChartPeriod", () => {
  it("reads the three periods and falls back to the last 24 hours for anything else", () => {
    expect(parseChartPeriod("24h")).toBe("24h");
    expect(parseChartPeriod("7d")).toBe("7d");
    expect(parseChartPeriod("30d")).toBe("30d");
    for (const other of [null, "", "7D", "1y", " 7d", "constructor", "__proto__"]) expect(parseChartPeriod(other)).toBe("24h");
  });
});

describe("chartRange", () => {
  it("reads the 24 whole hours ending with the current one", () => {
    expect(chartRange("24h", now)).toEqual({ from: "2026-12-01T10:00:00.000Z", to: "2026-12-02T09:59:59.999Z" });
  });
  it("reads the 7 or 30 whole days ending today", () => {
    expect(chartRange("7d", now)).toEqual({ from: "2026-11-26T00:00:00.000Z", to: "2026-12-02T23:59:59.999Z" });
    expect(chartRange("30d", now)).toEqual({ from: "2026-11-03T00:00:00.000Z", to: "2026-12-02T23:59:59.999Z" });
  });
  it("counts an hour or a day that has only just begun as the current one", () => {
    const midnight = new Date("2027-01-01T00:00:00.000Z");
    expect(chartRange("24h", midnight)).toEqual({ from: "2026-12-31T01:00:00.000Z", to: "2027-01-01T00:59:59.999Z" });
    expect(chartRange("7d", midnight)).toEqual({ from: "2026-12-26T00:00:00.000Z", to: "2027-01-01T23:59:59.999Z" });
  });
});

describe("callsChart", () => {
  const hours: HourCount[] = [
    { hour: "2026-11-20T12", calls: 9, newCallers: 9, latest: 0 }, // before every period
    { hour: "2026-12-01T09", calls: 5, newCallers: 0, latest: 1 }, // a minute before the last 24 hours
    { hour: "2026-12-01T10", calls: 2, newCallers: 2, latest: 1 },
    { hour: "2026-12-02T09", calls: 3, newCallers: 1, latest: 2 },
  ];

  it("puts each hour of the last 24 into its own bucket, oldest first", () => {
    const chart = callsChart(hours, "24h", now);
    expect(chart.buckets).toHaveLength(24);
    expect(chart.buckets[0]).toEqual({
      key: "2026-12-01T10",
      label: "10:00",
      name: "1 Dec, 10:00–11:00 UTC",
      title: "1 Dec, 10:00–11:00 UTC: 2 calls",
      calls: 2,
      startsAt: "2026-12-01T10:00:00.000Z",
      tick: null,
    });
    expect(chart.buckets[23]).toMatchObject({ key: "2026-12-02T09", label: "09:00", calls: 3, title: "2 Dec, 09:00–10:00 UTC: 3 calls" });
    expect(chart.buckets[14]).toMatchObject({ key: "2026-12-02T00", label: "00:00", name: "2 Dec, 00:00–01:00 UTC", calls: 0 });
    expect(chart.buckets[13]).toMatchObject({ name: "1 Dec, 23:00–00:00 UTC", title: "1 Dec, 23:00–00:00 UTC: 0 calls" });
    expect(chart.max).toBe(3);
    expect(chart.scaleMax).toBe(3);
    expect(chart.busiest?.key).toBe("2026-12-02T09");
    expect(chart.totals).toEqual({ calls: 5, callers: 3, newCallers: 3, repeatShare: 0.4 });
  });

  it("adds the hours of a day into the day's bucket", () => {
    const chart = callsChart(hours, "7d", now);
    expect(chart.buckets.map((bucket) => bucket.label)).toEqual(["26 Nov", "27 Nov", "28 Nov", "29 Nov", "30 Nov", "1 Dec", "2 Dec"]);
    expect(chart.buckets.map((bucket) => bucket.calls)).toEqual([0, 0, 0, 0, 0, 7, 3]);
    expect(chart.buckets[5]).toMatchObject({ key: "2026-12-01", title: "1 Dec: 7 calls", startsAt: "2026-12-01T00:00:00.000Z" });
    expect(chart.busiest?.key).toBe("2026-12-01");
    expect(chart.totals).toEqual({ calls: 10, callers: 4, newCallers: 3, repeatShare: 0.7 });
    expect(callsChart(hours, "30d", now).totals).toEqual({ calls: 19, callers: 4, newCallers: 12, repeatShare: 7 / 19 });
  });

  it("labels a few buckets on the axis: more where there is room", () => {
    const ticks = (period: ChartPeriod) => callsChart([], period, now).buckets.map((bucket) => bucket.tick);
    const labelled = (period: ChartPeriod, tick: "major" | "minor") =>
      callsChart([], period, now)
        .buckets.filter((bucket) => bucket.tick === tick)
        .map((bucket) => bucket.label);
    expect(labelled("24h", "major")).toEqual(["12:00", "18:00", "00:00", "06:00"]);
    expect(labelled("24h", "minor")).toEqual(["15:00", "21:00", "03:00", "09:00"]);
    expect(labelled("7d", "major")).toEqual(["26 Nov", "28 Nov", "30 Nov", "2 Dec"]);
    expect(labelled("30d", "major")).toEqual(["4 Nov", "11 Nov", "18 Nov", "25 Nov", "2 Dec"]);
    expect(ticks("30d").filter((tick) => tick === "minor")).toEqual([]);
  });

  it("shows an empty period as zeros with no share and no busiest bucket", () => {
    const chart = callsChart([], "30d", now);
    expect(chart.buckets).toHaveLength(30);
    expect(chart.buckets.every((bucket) => bucket.calls === 0)).toBe(true);
    expect(chart).toMatchObject({ max: 0, scaleMax: 1, busiest: null });
    expect(chart.totals).toEqual({ calls: 0, callers: 0, newCallers: 0, repeatShare: null });
    expect(describeChart(chart)).toBe("No calls in the last 30 days.");
  });

  it("never shows fewer callers than none or more than calls while the counters catch up", () => {
    const halfCounted: HourCount[] = [
      { hour: "2026-12-02T08", calls: 0, newCallers: 0, latest: -1 }, // the "-1" landed, the "+1" not yet
      { hour: "2026-12-02T09", calls: 1, newCallers: 0, latest: 3 },
    ];
    expect(callsChart(halfCounted.slice(0, 1), "24h", now).totals.callers).toBe(0);
    expect(callsChart(halfCounted.slice(1), "24h", now).totals.callers).toBe(1);
  });

  // Calls as the Connect handler counts them (countCall): each call adds to its hour and moves the
  // caller's "latest" from the hour of their call before. What the chart says must then match
  // the calls themselves: calls and different callers in the period, and first calls ever.
  const callArb = fc.record({
    caller: fc.integer({ min: 0, max: 12 }),
    ago: fc.integer({ min: 0, max: 45 * DAY }), // ms before now
  });
  const scenarioArb = fc.record({
    // Two calls of one caller at the same millisecond would be a retry of one contact: stored once.
    calls: fc.uniqueArray(callArb, { maxLength: 80, selector: (call) => `${call.caller}@${call.ago}` }),
    // Callers with a record from before calls were kept: their first counted call is no new caller
    // and has no call before it to move "latest" from.
    legacy: fc.uniqueArray(fc.integer({ min: 0, max: 12 })),
    now: fc.date({ min: new Date("2020-01-01T00:00:00.000Z"), max: new Date("2035-01-01T00:00:00.000Z"), noInvalidDate: true }),
    period: fc.constantFrom(...CHART_PERIODS),
  });

  function countCalls(calls: { caller: number; at: number }[], legacy: number[]): HourCount[] {
    const byHour = new Map<string, HourCount>();
    const hourOf = (ms: number) => new Date(ms).toISOString().slice(0, 13);
    const add = (ms: number, counts: Partial<HourCount>) => {
      const hour = hourOf(ms);
      const item = byHour.get(hour) ?? { hour, calls: 0, newCallers: 0, latest: 0 };
      item.calls += counts.calls ?? 0;
      item.newCallers += counts.newCallers ?? 0;
      item.latest += counts.latest ?? 0;
      byHour.set(hour, item);
    };
    const previous = new Map<number, number>();
    for (const { caller, at } of [...calls].sort((a, b) => a.at - b.at)) {
      const before = previous.get(caller);
      const stays = before !== undefined && hourOf(before) === hourOf(at);
      add(at, { calls: 1, newCallers: before === undefined && !legacy.includes(caller) ? 1 : 0, latest: stays ? 0 : 1 });
      if (before !== undefined && !stays) add(before, { latest: -1 });
      previous.set(caller, at);
    }
    return [...byHour.values()].sort((a, b) => a.hour.localeCompare(b.hour));
  }

  it("matches the calls it was counted from, for any calls, period and time", () => {
    fc.assert(
      fc.property(scenarioArb, ({ calls: generated, legacy, now, period }) => {
        const calls = generated.map(({ caller, ago }) => ({ caller, at: now.getTime() - ago }));
        const chart = callsChart(countCalls(calls, legacy), period, now);

        // The period's buckets, in whole UTC hours or days, the last one holding now.
        const size = period === "24h" ? HOUR : DAY;
        const count = { "24h": 24, "7d": 7, "30d": 30 }[period];
        const index = (ms: number) => count - 1 - (Math.floor(now.getTime() / size) - Math.floor(ms / size));
        const inPeriod = calls.filter((call) => index(call.at) >= 0);
        const firstCalls = new Map<number, number>();
        for (const call of calls) firstCalls.set(call.caller, Math.min(call.at, firstCalls.get(call.caller) ?? Infinity));

        expect(chart.buckets).toHaveLength(count);
        chart.buckets.forEach((bucket, i) => {
          expect(bucket.calls).toBe(inPeriod.filter((call) => index(call.at) === i).length);
          expect(Date.parse(bucket.startsAt) % size).toBe(0);
          if (i > 0) expect(Date.parse(bucket.startsAt) - Date.parse(chart.buckets[i - 1]!.startsAt)).toBe(size);
        });
        expect(Date.parse(chart.buckets[count - 1]!.startsAt)).toBeLessThanOrEqual(now.getTime());
        expect(Date.parse(chart.buckets[count - 1]!.startsAt) + size).toBeGreaterThan(now.getTime());

        const newCallers = inPeriod.filter((call) => !legacy.includes(call.caller) && firstCalls.get(call.caller) === call.at).length;
        expect(chart.totals).toEqual({
          calls: inPeriod.length,
          callers: new Set(inPeriod.map((call) => call.caller)).size,
          newCallers,
          repeatShare: inPeriod.length === 0 ? null : (inPeriod.length - newCallers) / inPeriod.length,
        });
        expect(chart.max).toBe(Math.max(0, ...chart.buckets.map((bucket) => bucket.calls)));
        expect(chart.busiest?.calls ?? 0).toBe(chart.max);
      }),
      { numRuns: 300 },
    );
  });

  it("reads exactly the hours of its buckets: chartRange and callsChart agree", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2000-01-01T00:00:00.000Z"), max: new Date("2099-12-31T23:59:59.999Z"), noInvalidDate: true }),
        fc.constantFrom(...CHART_PERIODS),
        (now, period) => {
          const { from, to } = chartRange(period, now);
          const { buckets } = callsChart([], period, now);
          expect(from).toBe(buckets[0]!.startsAt);
          expect(Date.parse(to)).toBeGreaterThanOrEqual(now.getTime());
          expect(to.slice(0, buckets[0]!.key.length)).toBe(buckets[buckets.length - 1]!.key);
          // An hour just outside each end lands in no bucket.
          const outside: HourCount[] = [
            { hour: new Date(Date.parse(from) - HOUR).toISOString().slice(0, 13), calls: 1, newCallers: 1, latest: 1 },
            { hour: new Date(Date.parse(to) + 1).toISOString().slice(0, 13), calls: 1, newCallers: 1, latest: 1 },
          ];
          expect(callsChart(outside, period, now).totals.calls).toBe(0);
        },
      ),
    );
  });
});

describe("niceCeiling", () => {
  it("rounds up to a number an axis can show", () => {
    const cases: Array<[number, number]> = [
      [0, 1],
      [1, 1],
      [7, 8],
      [9, 10],
      [11, 12],
      [13, 15],
      [16, 20],
      [21, 25],
      [26, 30],
      [81, 100],
      [101, 120],
      [1_501, 2_000],
      [3_001, 4_000],
      [2_001, 2_500],
    ];
    for (const [max, top] of cases) expect(niceCeiling(max)).toBe(top);
  });
  it("is a whole number at least the max and less than a third above it", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), (max) => {
        const top = niceCeiling(max);
        expect(Number.isInteger(top)).toBe(true);
        expect(top).toBeGreaterThanOrEqual(max);
        expect(3 * top).toBeLessThan(4 * max); // so the busiest bar fills over three quarters of the plot
      }),
    );
  });
});

describe("words", () => {
  it("writes counts and shares for people", () => {
    expect(callsText(1)).toBe("1 call");
    expect(callsText(0)).toBe("0 calls");
    expect(callsText(1234)).toBe("1,234 calls");
    expect(formatCount(12345)).toBe("12,345");
    expect(formatShare(null)).toBe("–");
    expect(formatShare(0)).toBe("0%");
    expect(formatShare(0.4)).toBe("40%");
    expect(formatShare(7 / 19)).toBe("37%");
  });
  it("says the totals and the busiest bucket in one sentence", () => {
    const hours: HourCount[] = [
      { hour: "2026-12-02T08", calls: 1, newCallers: 1, latest: 1 },
      { hour: "2026-12-02T09", calls: 3, newCallers: 0, latest: 1 },
    ];
    expect(describeChart(callsChart(hours, "24h", now))).toBe(
      "Calls per hour in the last 24 hours: 4 calls from 2 callers, 1 of them new; 75% repeat calls. " +
        "Busiest hour: 2 Dec, 09:00–10:00 UTC, with 3 calls.",
    );
    expect(describeChart(callsChart(hours.slice(0, 1), "7d", now))).toBe(
      "Calls per day in the last 7 days: 1 call from 1 caller, 1 of them new; 0% repeat calls. Busiest day: 2 Dec, with 1 call.",
    );
  });
  it("makes one link per period, the current one marked", () => {
    expect(chartPeriodLinks("7d", (period) => `/callers?chart=${period}`)).toEqual([
      { period: "24h", label: "24 hours", href: "/callers?chart=24h", current: false },
      { period: "7d", label: "7 days", href: "/callers?chart=7d", current: true },
      { period: "30d", label: "30 days", href: "/callers?chart=30d", current: false },
    ]);
  });
});

describe("CallsChart", () => {
  const render = (hours: HourCount[], period: ChartPeriod) =>
    renderToStaticMarkup(
      createElement(CallsChart, {
        chart: callsChart(hours, period, now),
        periods: chartPeriodLinks(period, (p) => `/callers?chart=${p}`),
      }),
    );
  const count = (html: string, text: string) => html.split(text).length - 1;

  it("draws a bar per bucket with its tooltip, the totals, and the period links", () => {
    const html = render(
      [
        { hour: "2026-11-20T12", calls: 2, newCallers: 2, latest: 1 },
        { hour: "2026-12-01T10", calls: 14, newCallers: 10, latest: 9 },
      ],
      "30d",
    );
    expect(count(html, 'data-testid="calls-chart"')).toBe(1);
    expect(count(html, 'data-testid="chart-bar"')).toBe(30);
    expect(html).toContain("<h2");
    expect(html).toContain("Calls in the last 30 days</h2>");
    expect(html).toContain("<title>1 Dec: 14 calls</title>");
    expect(html).toContain("<title>2 Dec: 0 calls</title>");
    expect(html).toMatch(/<a href="\/callers\?chart=30d" aria-current="page">30 days<\/a>/);
    expect(count(html, "aria-current")).toBe(1);
    expect(html).toContain("<dt>Calls</dt><dd>16</dd>");
    expect(html).toContain("<dt>Callers</dt><dd>10</dd>");
    expect(html).toContain("<dt>New callers</dt><dd>12</dd>");
    expect(html).toContain("<dt>Repeat calls</dt><dd>25%</dd>");
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-label="Calls per day in the last 30 days: 16 calls from 10 callers/);
    expect(html).toContain("15 calls</text>"); // the y axis's top
    expect(html).toContain('<th scope="row">1 Dec</th><td>14</td>'); // the table for screen readers
    expect(html).not.toContain("No calls in this period");
    // No bar taller than the plot, and the busiest reaches most of it.
    const heights = [...html.matchAll(/data-testid="chart-bar"[^>]*height="([\d.]+)"/g)].map((match) => Number(match[1]));
    expect(heights).toHaveLength(30);
    expect(Math.max(...heights)).toBeGreaterThan(80);
    expect(Math.max(...heights)).toBeLessThanOrEqual(100);
  });

  it("says so when there were no calls", () => {
    const html = render([], "24h");
    expect(html).toContain("No calls in this period.");
    expect(html).toContain("Calls in the last 24 hours</h2>");
    expect(html).toContain("<dt>Repeat calls</dt><dd>–</dd>");
    expect(html).not.toContain('data-testid="chart-bar"');
    expect(html).not.toContain("<table");
  });
});
