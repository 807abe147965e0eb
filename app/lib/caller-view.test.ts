import { describe, expect, it } from "vitest";
import { toCallerView } from "./caller-view.js";

describe("toCallerView", () => {
  const vanity = ["1-800-FLOWERS", "1-800-FLOWER-7", "1-800-356-WEEP", "1-800-35-LOWER", "1-800-3-KNOWER"];
  const now = new Date("2026-11-25T08:30:00.000Z");

  it("gives the pages everything ready to show", () => {
    const caller = {
      e164: "+18003569377",
      vanity,
      calledAt: "2026-11-23T08:25:00.000Z",
      lastCalledAt: "2026-11-25T08:25:00.000Z",
      callCount: 3,
    };
    const view = toCallerView(caller, now);
    expect(view).toEqual({
      e164: "+18003569377",
      phone: "+1 800 356 9377",
      href: "/callers/+18003569377",
      vanity,
      firstCall: { iso: "2026-11-23T08:25:00.000Z", ago: "2 days ago", text: "23 Nov 2026, 08:25 UTC" },
      latestCall: { iso: "2026-11-25T08:25:00.000Z", ago: "5 minutes ago", text: "25 Nov 2026, 08:25 UTC" },
      callCount: 3,
    });
    expect(view.vanity).not.toBe(vanity); // a copy: the view never aliases the record
  });

  it("shows a record from before calls were counted as one call, its first also its latest", () => {
    const view = toCallerView({ e164: "+18003569377", vanity, calledAt: "2026-11-25T08:25:00.000Z" }, now);
    expect(view).toMatchObject({ callCount: 1, latestCall: view.firstCall });
  });
});
