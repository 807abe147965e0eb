import { describe, expect, it } from "vitest";
import { formatDateTime, formatTimeAgo } from "./time.js";

const now = new Date("2026-11-25T08:30:00.000Z");
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000).toISOString();

describe("formatTimeAgo", () => {
  it("says just now for the last few seconds, and for small clock skew", () => {
    expect(formatTimeAgo(ago(0), now)).toBe("just now");
    expect(formatTimeAgo(ago(44), now)).toBe("just now");
    expect(formatTimeAgo(ago(-10), now)).toBe("just now");
  });
  it("counts minutes, hours and days", () => {
    expect(formatTimeAgo(ago(50), now)).toBe("1 minute ago");
    expect(formatTimeAgo(ago(5 * 60), now)).toBe("5 minutes ago");
    expect(formatTimeAgo(ago(3 * 3600 + 59 * 60), now)).toBe("3 hours ago");
    expect(formatTimeAgo(ago(24 * 3600), now)).toBe("yesterday");
    expect(formatTimeAgo(ago(3 * 24 * 3600), now)).toBe("3 days ago");
    expect(formatTimeAgo(ago(15 * 24 * 3600), now)).toBe("2 weeks ago");
    expect(formatTimeAgo(ago(400 * 24 * 3600), now)).toBe("last year");
  });
  it("gives nothing for a date it can't read", () => {
    expect(formatTimeAgo("not a date", now)).toBe("");
  });
});

describe("formatDateTime", () => {
  it("writes the time in UTC, whatever the machine's zone", () => {
    expect(formatDateTime("2026-11-25T08:05:09.123Z")).toBe("25 Nov 2026, 08:05 UTC");
  });
  it("leaves what it can't read alone", () => {
    expect(formatDateTime("soon")).toBe("soon");
  });
});
