// Structured logs: one JSON line per event (pino), for CloudWatch Logs Insights.
//   {"level":"info","time":"2026-11-25T09:12:03.411Z","contactId":"5ca3…","initialContactId":"5ca3…",
//    "caller":"+1******9377","status":"OK","source":"new","ms":41,"msg":"answered"}
// Phone numbers are personal data and never appear whole: code logs `maskPhoneNumber(e164)`, and a
// safety net behind it masks any run of five or more digits in any string the logger is given
// (fields, error messages, stacks), cuts long strings short and summarises Connect events.
// Level from LOG_LEVEL (default "info"; "silent" turns logging off). No pretty-printer: Lambda
// ships stdout to CloudWatch as it is; pipe through `npx pino-pretty` when reading locally.
import { pino, stdSerializers, type DestinationStream, type Logger } from "pino";
import { logLevel } from "./config.js";

export type { Logger } from "pino";

/** Longest string value a log line keeps (a caller can send a megabyte as their "number"). */
export const MAX_LOGGED_STRING = 200;

// E.164 country calling codes of one and two digits (ITU-T E.164 assignments); every other is three.
const ONE_DIGIT_CODES = new Set(["1", "7"]);
const TWO_DIGIT_CODES = new Set(
  "20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98".split(
    " ",
  ),
);

/** The length of the country calling code that begins `digits` (an E.164 number without "+"). */
export function countryCodeLength(digits: string): 1 | 2 | 3 {
  if (ONE_DIGIT_CODES.has(digits.slice(0, 1))) return 1;
  if (TWO_DIGIT_CODES.has(digits.slice(0, 2))) return 2;
  return 3;
}

const DIGIT = /\p{Nd}/u;
const E164 = /^\+[1-9]\d{4,14}$/;
const MASKED = /^\+[1-9]\d{0,2}\*+\d{0,4}$/;

/**
 * A phone number as logs may show it: the country code and the last four digits of the national
 * number, every other digit a star. "+18003569377" → "+1******9377". Anything that is not E.164
 * keeps only its last four digits (any script's digits count) and is cut to MAX_LOGGED_STRING.
 * Never more than four digits of the national number in a row; fewer for short numbers.
 */
export function maskPhoneNumber(value: unknown): string {
  if (value === undefined || value === null) return String(value);
  const text = typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
  if (MASKED.test(text)) return text; // already masked (the redact censor may see a masked value)
  if (E164.test(text)) {
    const digits = text.slice(1);
    const code = digits.slice(0, countryCodeLength(digits));
    const national = digits.slice(code.length);
    // A national number of eight or fewer digits shows half of them at most.
    const shown = Math.min(4, Math.floor(national.length / 2));
    return `+${code}${"*".repeat(national.length - shown)}${national.slice(national.length - shown)}`;
  }
  const chars = Array.from(text.length > 4 * MAX_LOGGED_STRING ? text.slice(-4 * MAX_LOGGED_STRING) : text);
  let keep = 4;
  for (let i = chars.length - 1; i >= 0; i--) {
    if (!DIGIT.test(chars[i]!)) continue;
    if (keep > 0) keep--;
    else chars[i] = "*";
  }
  const masked = chars.join("");
  return masked.length > MAX_LOGGED_STRING ? `…${masked.slice(-MAX_LOGGED_STRING)}` : masked;
}

// An IPv4 address or an ISO 8601 date or time (kept as they are), or five or more digits, possibly split by the
// separators people write numbers with (masked).
const DIGIT_RUN =
  /(\d{1,3}(?:\.\d{1,3}){3}(?![\d.])|\d{4}-\d\d-\d\d(?:T\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:\d\d)?)?(?![\d-]))|\+?\p{Nd}(?:[\p{Nd} ().-]*\p{Nd}){4,}/gu;

/** A string made safe to log: digit runs that could be phone numbers masked, length bounded. */
export function scrubText(text: string, max: number = MAX_LOGGED_STRING): string {
  const cut = text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
  return cut.replace(DIGIT_RUN, (run, date?: string) =>
    date ? run : maskPhoneNumber(run.startsWith("+") ? `+${run.replace(/\D/g, "")}` : run),
  );
}

/** `scrubText` over every string in a plain value (depth-limited: logs are not for whole documents). */
export function scrubValue(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return scrubText(value);
  if (typeof value !== "object" || value === null) return value;
  if (value instanceof Error || value instanceof Date) return value; // the err serializer scrubs errors
  if (depth >= 4) return "[…]";
  if (Array.isArray(value)) return value.slice(0, 20).map((item) => scrubValue(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value).slice(0, 40)) out[key] = scrubValue(item, depth + 1);
  return out;
}

/** What a Connect event may say in a log: where it came from, never what the caller sent whole. */
export function summariseConnectEvent(event: unknown): Record<string, unknown> {
  const contact = pick(pick(event, "Details"), "ContactData");
  const endpoint = pick(contact, "CustomerEndpoint");
  return {
    name: short(pick(event, "Name")),
    channel: short(pick(contact, "Channel")),
    endpointType: short(pick(endpoint, "Type")),
    caller: maskPhoneNumber(pick(endpoint, "Address")),
  };
}

function pick(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

function short(value: unknown): string | undefined {
  return typeof value === "string" ? scrubText(value.slice(0, 64)) : undefined;
}

/** An error for a log line: name, message, code, and a stack long enough to find the line. */
function serializeError(error: unknown): unknown {
  if (!(error instanceof Error)) return scrubValue(error);
  const { stack, ...rest } = stdSerializers.err(error);
  return { ...(scrubValue(rest) as object), stack: typeof stack === "string" ? scrubText(stack, 1000) : undefined };
}

/** A Connect event, passed as `event` or as the whole object, becomes its summary. */
function withoutRawEvents(object: Record<string, unknown>): Record<string, unknown> {
  if ("Details" in object) {
    const { Details: _details, Name: _name, ...rest } = object;
    return { ...rest, event: summariseConnectEvent(object) };
  }
  return "event" in object ? { ...object, event: summariseConnectEvent(object.event) } : object;
}

// Keys that hold a number or a raw event; the censor masks them even if a caller forgot to.
const SENSITIVE_PATHS = ["e164", "phone", "address", "Address", "number", "*.e164", "*.phone", "*.address", "*.Address", "*.number"];

export function createLogger(destination: DestinationStream, level: string = logLevel()): Logger {
  return pino(
    {
      level,
      base: undefined, // no pid or hostname: Lambda's log stream says where it ran
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => scrubValue(withoutRawEvents(object)) as Record<string, unknown>,
      },
      serializers: {
        err: serializeError,
        error: serializeError,
      },
      redact: { paths: SENSITIVE_PATHS, censor: (value) => maskPhoneNumber(value) },
    },
    destination,
  );
}

// Lines go to `sink`, stdout unless a test captures them (captureLogs), through one real logger.
let sink: { write(line: string): unknown } = process.stdout;

/** The process's logger; the handler, the data layer and the web make children of it. */
export const logger: Logger = createLogger({ write: (line: string) => void sink.write(line) });

/** For tests: lines below `level` are not printed (captureLogs still gets every line). */
export function printFrom(level: "warn" | "error"): void {
  const min = pino.levels.values[level]!;
  sink = {
    write(line: string) {
      const label = /"level":"(\w+)"/.exec(line)?.[1];
      if (!label || (pino.levels.values[label] ?? 0) >= min) process.stdout.write(line);
    },
  };
}

/** For tests: every line logged until `stop()`, parsed, and the raw text. */
export function captureLogs(): { lines: Record<string, unknown>[]; text: () => string; stop: () => void } {
  const raw: string[] = [];
  const previous = sink;
  sink = { write: (line: string) => raw.push(line) };
  return {
    get lines() {
      return raw.map((line) => JSON.parse(line) as Record<string, unknown>);
    },
    text: () => raw.join(""),
    stop: () => {
      sink = previous;
    },
  };
}
