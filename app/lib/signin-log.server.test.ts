import { describe, expect, it } from "vitest";
import { captureLogs } from "../../src/log.js";
import { logSignin, maskAddress } from "./signin-log.server";

describe("sign-in log lines", () => {
  it("mask the address to its network", () => {
    expect(maskAddress("198.51.100.23")).toBe("198.51.100.0/24");
    expect(maskAddress("2001:db8:1:2::7")).toBe("2001:db8:1::/48");
    expect(maskAddress("::1")).toBe("0:0:0::/48");
    expect(maskAddress("not an address")).toBe("unknown");
  });

  it("one line per event, with the outcome and the attempts in the window", () => {
    const logs = captureLogs();
    try {
      logSignin({ outcome: "failure", ip: "198.51.100.23", attempts: 3 });
      logSignin({ outcome: "success", ip: "198.51.100.23", attempts: 4 });
      logSignin({ outcome: "refused", ip: "198.51.100.23", reason: "This form has expired." });
    } finally {
      logs.stop();
    }
    expect(logs.lines.map((l) => [l.msg, l.outcome, l.client, l.attempts])).toEqual([
      ["sign-in", "failure", "198.51.100.0/24", 3],
      ["sign-in", "success", "198.51.100.0/24", 4],
      ["sign-in", "refused", "198.51.100.0/24", undefined],
    ]);
    expect(logs.text()).not.toContain("198.51.100.23");
  });
});
