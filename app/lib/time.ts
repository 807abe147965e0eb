// Times for people. Both forms are worked out on the server (with the loader's "now", in UTC),
// so the browser hydrates exactly the text the server sent whatever its clock or time zone.

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const absolute = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
});

/** "just now", "5 minutes ago", "yesterday", "3 weeks ago"; "" for a date that can't be read. */
export function formatTimeAgo(iso: string, now: Date): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return "";
  const seconds = Math.round((now.getTime() - then) / 1000);
  // A little clock skew between the Lambda that wrote the record and this one is still "just now".
  if (Math.abs(seconds) < 45) return "just now";
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return relative.format(-Math.trunc(seconds / size), unit);
  }
  return relative.format(-Math.round(seconds / 60) || -1, "minute");
}

/** "25 Nov 2026, 08:30 UTC"; the input unchanged if it can't be read. */
export function formatDateTime(iso: string): string {
  const then = Date.parse(iso);
  return Number.isNaN(then) ? iso : `${absolute.format(then)} UTC`;
}
