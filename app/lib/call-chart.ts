// The calls chart on the callers page: which hours to read for a period, and the hourly counts
// put into the period's buckets with their totals. Pure and browser-safe, so the loader works it
// all out (with its own "now") and the component only draws it. Every time here is UTC.
import type { HourCount } from "../../src/data/calls.server.js";

export type ChartPeriod = "24h" | "7d" | "30d";

export const CHART_PERIODS: readonly ChartPeriod[] = ["24h", "7d", "30d"];

export interface ChartBucket {
  /** "2026-12-02T09" (an hour) or "2026-12-02" (a day), as the data layer writes hours. */
  key: string;
  /** Short, for the axis: "09:00" or "2 Dec". */
  label: string;
  /** In full, for people: "2 Dec, 09:00–10:00 UTC" or "2 Dec". */
  name: string;
  /** For the bar's tooltip: "2 Dec: 14 calls". */
  title: string;
  calls: number;
  /** When the bucket starts, ISO 8601. */
  startsAt: string;
  /** Whether the axis labels this bucket: "major" always, "minor" only where there is room, null never. */
  tick: "major" | "minor" | null;
}

export interface ChartTotals {
  calls: number;
  /** Different numbers that called in the period. */
  callers: number;
  /** Calls from numbers that had never called before. */
  newCallers: number;
  /** Share of the calls from numbers that had called before, 0 to 1; null with no calls. */
  repeatShare: number | null;
}

export interface CallsChartData {
  period: ChartPeriod;
  /** Oldest first: 24 hours, or 7 or 30 days, ending with the current one. */
  buckets: ChartBucket[];
  /** The most calls in one bucket (0 with no calls). */
  max: number;
  /** The top of the y axis: a round number, at least `max` and less than a third above it (1 with no calls). */
  scaleMax: number;
  /** The first bucket with the most calls; null with no calls. */
  busiest: ChartBucket | null;
  totals: ChartTotals;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const PERIODS: Record<ChartPeriod, { unit: "hour" | "day"; count: number; label: string }> = {
  "24h": { unit: "hour", count: 24, label: "24 hours" },
  "7d": { unit: "day", count: 7, label: "7 days" },
  "30d": { unit: "day", count: 30, label: "30 days" },
};

const dayFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
const countFormat = new Intl.NumberFormat("en-GB");
const shareFormat = new Intl.NumberFormat("en-GB", { style: "percent", maximumFractionDigits: 0 });

/** The period a query string asks for; "24h" when it asks for none or for one we don't have. */
export function parseChartPeriod(value: string | null): ChartPeriod {
  return CHART_PERIODS.find((period) => period === value) ?? "24h";
}

/** "24 hours", for the period links. */
export function chartPeriodLabel(period: ChartPeriod): string {
  return PERIODS[period].label;
}

/** "the last 24 hours", for headings and sentences. */
export function describeChartPeriod(period: ChartPeriod): string {
  return `the last ${PERIODS[period].label}`;
}

/** Whether the period's buckets are hours or days. */
export function chartUnit(period: ChartPeriod): "hour" | "day" {
  return PERIODS[period].unit;
}

/** The links the component shows, one per period, with `hrefFor` making each one's URL. */
export function chartPeriodLinks(
  current: ChartPeriod,
  hrefFor: (period: ChartPeriod) => string,
): { period: ChartPeriod; label: string; href: string; current: boolean }[] {
  return CHART_PERIODS.map((period) => ({ period, label: chartPeriodLabel(period), href: hrefFor(period), current: period === current }));
}

/** When each bucket starts (ms since the epoch), oldest first; the last one holds `now`. */
function bucketStarts(period: ChartPeriod, now: Date): number[] {
  const { unit, count } = PERIODS[period];
  const size = unit === "hour" ? HOUR : DAY;
  // The epoch is a UTC midnight and Date has no leap seconds, so this is the UTC hour or day.
  const last = Math.floor(now.getTime() / size) * size;
  return Array.from({ length: count }, (_, index) => last - (count - 1 - index) * size);
}

/**
 * The times to read for a period (for callsByHour, which takes both ends' hours): the 24 whole
 * UTC hours ending with the current one, or the 7 or 30 whole UTC days ending with today.
 */
export function chartRange(period: ChartPeriod, now: Date): { from: string; to: string } {
  const starts = bucketStarts(period, now);
  const size = PERIODS[period].unit === "hour" ? HOUR : DAY;
  return { from: new Date(starts[0]!).toISOString(), to: new Date(starts[starts.length - 1]! + size - 1).toISOString() };
}

/** "1 call", "1,234 calls". */
export function callsText(calls: number): string {
  return `${countFormat.format(calls)} ${calls === 1 ? "call" : "calls"}`;
}

/** "1,234". */
export function formatCount(count: number): string {
  return countFormat.format(count);
}

/** "71%"; "–" when there is no share (no calls). */
export function formatShare(share: number | null): string {
  return share === null ? "–" : shareFormat.format(share);
}

/** The smallest of 1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40… that is at least `max` (less than a third above it). */
export function niceCeiling(max: number): number {
  for (let power = 1; ; power *= 10) {
    for (const step of [10, 12, 15, 20, 25, 30, 40, 50, 60, 80]) {
      const candidate = (step * power) / 10;
      if (Number.isInteger(candidate) && candidate >= max) return candidate;
    }
  }
}

function tickOf(period: ChartPeriod, index: number, start: Date): ChartBucket["tick"] {
  const fromEnd = PERIODS[period].count - 1 - index;
  switch (period) {
    case "24h": {
      const hour = start.getUTCHours();
      return hour % 6 === 0 ? "major" : hour % 3 === 0 ? "minor" : null;
    }
    case "7d":
      return fromEnd % 2 === 0 ? "major" : "minor";
    case "30d":
      return fromEnd % 7 === 0 ? "major" : null;
  }
}

/**
 * The period's buckets, zero-filled, with the hourly counts added into them (hours outside the
 * period are left out), and the totals. Callers is the sum of `latest` over the period, which is
 * exact because the period ends now (see the attribute in calls.server.ts).
 */
export function callsChart(hours: readonly HourCount[], period: ChartPeriod, now: Date): CallsChartData {
  const unit = PERIODS[period].unit;
  const keyLength = unit === "hour" ? 13 : 10; // "2026-12-02T09" or "2026-12-02"
  const buckets: ChartBucket[] = bucketStarts(period, now).map((ms, index) => {
    const start = new Date(ms);
    const iso = start.toISOString();
    const day = dayFormat.format(start);
    const hour = iso.slice(11, 13);
    const next = String((start.getUTCHours() + 1) % 24).padStart(2, "0");
    return {
      key: iso.slice(0, keyLength),
      label: unit === "hour" ? `${hour}:00` : day,
      name: unit === "hour" ? `${day}, ${hour}:00–${next}:00 UTC` : day,
      title: "",
      calls: 0,
      startsAt: iso,
      tick: tickOf(period, index, start),
    };
  });
  const byKey = new Map(buckets.map((bucket) => [bucket.key, bucket]));

  let calls = 0;
  let newCallers = 0;
  let latest = 0;
  for (const hour of hours) {
    const bucket = byKey.get(hour.hour.slice(0, keyLength));
    if (!bucket) continue;
    bucket.calls += hour.calls;
    calls += hour.calls;
    newCallers += hour.newCallers;
    latest += hour.latest;
  }
  for (const bucket of buckets) bucket.title = `${bucket.name}: ${callsText(bucket.calls)}`;

  const max = Math.max(0, ...buckets.map((bucket) => bucket.calls));
  // A call's two counter updates are separate writes, so for a moment (or after one failed) the
  // sum can be a little off; it never shows fewer than none or more callers than calls.
  const callers = Math.min(Math.max(latest, 0), calls);
  return {
    period,
    buckets,
    max,
    scaleMax: niceCeiling(max),
    busiest: max > 0 ? (buckets.find((bucket) => bucket.calls === max) ?? null) : null,
    totals: { calls, callers, newCallers, repeatShare: calls > 0 ? (calls - Math.min(newCallers, calls)) / calls : null },
  };
}

/** The chart in one sentence, for its aria-label. */
export function describeChart(chart: CallsChartData): string {
  const when = describeChartPeriod(chart.period);
  const { calls, callers, newCallers, repeatShare } = chart.totals;
  if (calls === 0 || !chart.busiest) return `No calls in ${when}.`;
  const per = chartUnit(chart.period);
  return (
    `Calls per ${per} in ${when}: ${callsText(calls)} from ${formatCount(callers)} ${callers === 1 ? "caller" : "callers"}, ` +
    `${formatCount(newCallers)} of them new; ${formatShare(repeatShare)} repeat calls. ` +
    `Busiest ${per}: ${chart.busiest.name}, with ${callsText(chart.busiest.calls)}.`
  );
}
