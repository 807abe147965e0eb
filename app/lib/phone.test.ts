import { describe, expect, it } from "vitest";
import { callerPath, formatPhoneNumber } from "./phone.js";

describe("formatPhoneNumber", () => {
  it("groups a North American number", () => {
    expect(formatPhoneNumber("+18003569377")).toBe("+1 800 356 9377");
  });
  it("groups other countries their own way", () => {
    expect(formatPhoneNumber("+442079460958")).toBe("+44 20 7946 0958");
    expect(formatPhoneNumber("+819012345678")).toBe("+81 90 1234 5678");
  });
  it("groups a possible number the metadata does not list", () => {
    expect(formatPhoneNumber("+13572345678")).toBe("+1 357 234 5678");
  });
  it("leaves what it can't read alone", () => {
    expect(formatPhoneNumber("anonymous")).toBe("anonymous");
    expect(formatPhoneNumber("")).toBe("");
  });
});

describe("callerPath", () => {
  it("keeps the plus readable", () => {
    expect(callerPath("+18003569377")).toBe("/callers/+18003569377");
  });
  it("escapes anything else", () => {
    expect(callerPath("+1 800/x")).toBe("/callers/+1%20800%2Fx");
  });
});
