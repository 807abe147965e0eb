import { describe, expect, it } from "vitest";
import { toCallerView } from "./caller-view.js";

describe("toCallerView", () => {
  it("gives the pages everything ready to show", () => {
    const vanity = ["1-800-FLOWERS", "1-800-FLOWER-7", "1-800-356-WEEP", "1-800-35-LOWER", "1-800-3-KNOWER"];
    const view = toCallerView({ e164: "+18003569377", vanity, calledAt: "2026-11-25T08:25:00.000Z" }, new Date("2026-11-25T08:30:00.000Z"));
    expect(view).toEqual({
      e164: "+18003569377",
      phone: "+1 800 356 9377",
      href: "/callers/+18003569377",
      vanity,
      calledAt: "2026-11-25T08:25:00.000Z",
      calledAgo: "5 minutes ago",
      calledAtText: "25 Nov 2026, 08:25 UTC",
    });
    expect(view.vanity).not.toBe(vanity); // a copy: the view never aliases the record
  });
});
