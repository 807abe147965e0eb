import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { logLevel } from "./config.js";
import { captureLogs, countryCodeLength, createLogger, logger, maskPhoneNumber, MAX_LOGGED_STRING, scrubText } from "./log.js";

/** The longest run of consecutive digits (any script) in `text`. */
const longestDigitRun = (text: string) => Math.max(0, ...Array.from(text.matchAll(/\p{Nd}+/gu), (m) => Array.from(m[0]).length));

const e164 = fc
  .tuple(fc.constantFrom("1", "7", "44", "81", "33", "49", "266", "353", "880", "971"), fc.stringMatching(/^[0-9]{6,12}$/))
  .map(([code, national]) => ({ code, national, number: `+${code}${national}`.slice(0, 16) }));

describe("maskPhoneNumber", () => {
  it("keeps the country code and the last four digits", () => {
    expect(maskPhoneNumber("+18003569377")).toBe("+1******9377");
    expect(maskPhoneNumber("+442079460958")).toBe("+44******0958");
    expect(maskPhoneNumber("+819012345678")).toBe("+81******5678");
    expect(maskPhoneNumber("+266696687")).toBe("+266***687");
    expect(maskPhoneNumber("+1******9377")).toBe("+1******9377"); // masking twice changes nothing
  });

  it("shows at most half of a short national number", () => {
    expect(maskPhoneNumber("+3531234")).toBe("+353**34");
  });

  it("masks anything that is not E.164 down to its last four digits, and bounds its length", () => {
    expect(maskPhoneNumber("(206) 555-0123")).toBe("(***) ***-0123");
    expect(maskPhoneNumber("١٢٠٦٥٥٥٠١٢٣")).toBe("*******٠١٢٣");
    expect(maskPhoneNumber(12065550123)).toBe("*******0123");
    expect(maskPhoneNumber(null)).toBe("null");
    expect(maskPhoneNumber(undefined)).toBe("undefined");
    expect(maskPhoneNumber("anonymous")).toBe("anonymous");
    expect(maskPhoneNumber("9".repeat(1 << 20)).length).toBeLessThanOrEqual(MAX_LOGGED_STRING + 1);
  });

  it("property: an E.164 number never shows more than the last four digits of its national number in a row", () => {
    fc.assert(
      fc.property(e164, ({ number }) => {
        const masked = maskPhoneNumber(number);
        const digits = number.slice(1);
        const national = digits.slice(countryCodeLength(digits));
        expect(masked.startsWith(`+${digits.slice(0, countryCodeLength(digits))}`)).toBe(true);
        // After the country code, the only digits left are a suffix of at most four.
        const rest = masked.slice(1 + countryCodeLength(digits));
        expect(rest).toMatch(/^\*+\d{0,4}$/);
        expect(national.endsWith(rest.replace(/\*/g, ""))).toBe(true);
        expect(rest.length).toBe(national.length);
      }),
    );
  });

  it("property: for any input, no more than four digits in a row survive", () => {
    const anything = fc.oneof(
      fc.string(),
      fc.stringMatching(/^\+?[0-9 ()-]{0,40}$/),
      fc.array(fc.constantFrom(..."0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳ +-()abc"), { maxLength: 60 }).map((chars) => chars.join("")),
      fc.integer(),
      fc.jsonValue(),
    );
    fc.assert(
      fc.property(anything, (value) => {
        const masked = maskPhoneNumber(value);
        const code = /^\+(\d{1,3})\*/.exec(masked)?.[1];
        // A masked E.164 number's country code is followed by stars, so it is a run of its own.
        expect(longestDigitRun(masked)).toBeLessThanOrEqual(code ? Math.max(4, code.length) : 4);
      }),
    );
  });
});

describe("scrubText", () => {
  it("masks numbers inside messages and cuts long strings", () => {
    expect(scrubText('Invalid value "+12065550123" for e164')).toBe('Invalid value "+1******0123" for e164');
    expect(scrubText("call from +1 (206) 555-0123 today")).toBe("call from +1******0123 today");
    expect(scrubText("at line 1234")).toBe("at line 1234"); // four digits are not a number
    expect(scrubText("calledAt 2026-11-25T08:59:41.747Z, on 2026-11-25")).toBe("calledAt 2026-11-25T08:59:41.747Z, on 2026-11-25");
    expect(scrubText("connect ECONNREFUSED 127.0.0.1:5640")).toBe("connect ECONNREFUSED 127.0.0.1:5640");
    expect(scrubText("call 1.206.555.0123")).toBe("call *.***.***.0123"); // dotted like an address, but not one
    expect(scrubText("2065-55-01234")).toBe("****-**-*1234"); // shaped almost like a date, but not one
    expect(scrubText("x".repeat(5000)).length).toBeLessThan(MAX_LOGGED_STRING + 40);
  });
});

describe("the logger", () => {
  it("writes one JSON line per event with level, time and message", () => {
    const logs = captureLogs();
    logger.child({ contactId: "c-1" }).info({ status: "OK" }, "answered");
    logs.stop();
    expect(logs.text().trim().split("\n")).toHaveLength(1);
    expect(logs.lines[0]).toMatchObject({
      level: "info",
      contactId: "c-1",
      status: "OK",
      msg: "answered",
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });

  it("masks numbers a caller forgot to mask: known keys, nested values, error messages and stacks", () => {
    const logs = captureLogs();
    const error = new Error("The conditional request failed for +12065550123");
    logger.error({ e164: "+12065550123", detail: { note: "caller 2065550123", Address: "+12065550123" }, err: error }, "oops");
    logs.stop();
    const text = logs.text();
    expect(text).not.toMatch(/2065550123|206555/);
    expect(logs.lines[0]).toMatchObject({ e164: "+1******0123", detail: { note: "caller ******0123", Address: "+1******0123" } });
    expect((logs.lines[0]!.err as { message: string }).message).toBe("The conditional request failed for +1******0123");
  });

  it("summarises a raw event instead of logging it whole", () => {
    const logs = captureLogs();
    const event = {
      Name: "ContactFlowEvent",
      Details: { ContactData: { Channel: "VOICE", CustomerEndpoint: { Address: "+12065550123", Type: "TELEPHONE_NUMBER" } } },
    };
    logger.info({ event }, "received");
    logger.info(event as Record<string, unknown>, "received, the event passed whole");
    logs.stop();
    const summary = { name: "ContactFlowEvent", channel: "VOICE", endpointType: "TELEPHONE_NUMBER", caller: "+1******0123" };
    expect(logs.lines.map((line) => line.event)).toEqual([summary, summary]);
    expect(logs.text()).not.toContain("Details");
  });

  it("takes its level from LOG_LEVEL, ignoring nonsense", () => {
    expect(logLevel({ LOG_LEVEL: "debug" })).toBe("debug");
    expect(logLevel({ LOG_LEVEL: " WARN " })).toBe("warn");
    expect(logLevel({ LOG_LEVEL: "loud" })).toBe("info");
    expect(logLevel({})).toBe("info");
    const lines: string[] = [];
    const quiet = createLogger({ write: (line: string) => void lines.push(line) }, "warn");
    quiet.info("not written");
    quiet.warn("written");
    expect(lines).toHaveLength(1);
  });
});
