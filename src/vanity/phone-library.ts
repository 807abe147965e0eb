// Parsing and validation of caller numbers, by libphonenumber-js (full metadata, so that a
// number is checked against its country's real numbering plan, not just its length).
import {
  parsePhoneNumberFromString,
  parsePhoneNumberWithError,
  ParseError,
  validatePhoneNumberLength,
  type PhoneNumber,
} from "libphonenumber-js/max";
import { letterToDigit } from "./keypad.js";

export type PhoneNumberErrorCode =
  | "EMPTY" // nothing, or only spaces
  | "WITHHELD" // "anonymous", "private", "restricted", "unknown"…: the caller hid their number
  | "NOT_A_NUMBER" // letters or symbols where digits belong
  | "TOO_SHORT"
  | "TOO_LONG"
  | "INVALID_COUNTRY" // no such country calling code
  | "INVALID"; // the right shape, but no such number in that country's numbering plan

/** Bad caller input. `code` is for programs, `message` for people. */
export class PhoneNumberError extends Error {
  override readonly name = "PhoneNumberError";
  constructor(
    readonly code: PhoneNumberErrorCode,
    message: string,
    readonly input: string,
  ) {
    super(message);
  }
}

export interface ParsedPhoneNumber {
  /** E.164, e.g. "+18003569377". */
  e164: string;
  /** Without "+", e.g. "1", "44". */
  countryCallingCode: string;
  /** The national significant number, e.g. "8003569377". */
  nationalNumber: string;
  /** ISO country, when the number belongs to one ("US", "CA", "GB"…). */
  country: string | undefined;
  /** The international form split into groups, e.g. ["+44", "20", "7946", "0958"]. */
  groups: string[];
}

// Words carriers and Connect put in place of a withheld number, and those words spelled on a
// keypad: some carriers send "+266696687" (ANONYMOUS) as if it were a number.
const WITHHELD_WORDS = ["anonymous", "private", "restricted", "unknown", "unavailable", "withheld", "blocked"];
const WITHHELD = new Set(WITHHELD_WORDS);
const WITHHELD_ON_KEYPAD = new Set(WITHHELD_WORDS.map((word) => [...word.toUpperCase()].map(letterToDigit).join("")));
const MAX_INPUT_LENGTH = 64; // far longer than any written phone number; stops pathological input early

/**
 * parsePhoneNumber (phone.ts) the long way: any input, through libphonenumber-js.
 * @throws {PhoneNumberError} for anything that is not a valid phone number.
 */
export function parseWithLibphonenumber(input: unknown): ParsedPhoneNumber {
  if (typeof input !== "string") {
    throw new PhoneNumberError("NOT_A_NUMBER", `Expected a phone number as text, got ${describe(input)}.`, String(input));
  }
  const text = input.trim();
  if (text === "") throw new PhoneNumberError("EMPTY", "No phone number was given.", input);
  if (WITHHELD.has(text.toLowerCase()) || WITHHELD_ON_KEYPAD.has(text.replace(/^\+/, ""))) {
    throw new PhoneNumberError("WITHHELD", "The caller's number is withheld.", input);
  }
  if (text.length > MAX_INPUT_LENGTH) throw rejection("TOO_LONG", text, input);
  // libphonenumber-js reads letters as keypad digits ("+1800FLOWERS"); a caller number never has them.
  if (/\p{L}/u.test(text)) {
    throw new PhoneNumberError("NOT_A_NUMBER", `"${preview(text)}" contains letters; a phone number has only digits.`, input);
  }
  let phone: PhoneNumber;
  try {
    phone = parsePhoneNumberWithError(text, { defaultCountry: "US" });
  } catch (error) {
    if (error instanceof ParseError) throw fromParseError(error.message, text, input);
    throw error;
  }
  if (!phone.isValid()) {
    const length = validatePhoneNumberLength(text, { defaultCountry: "US" });
    if (length === "TOO_SHORT" || length === "TOO_LONG") throw rejection(length, text, input);
    throw rejection("INVALID", text, input);
  }
  return {
    e164: phone.number,
    countryCallingCode: phone.countryCallingCode,
    nationalNumber: phone.nationalNumber,
    country: phone.country,
    groups: phone.formatInternational().split(" "),
  };
}

// North America: an area code and an exchange of 2-9 and two digits, neither N11 (211, 911…).
const NANP_POSSIBLE = /^(?<area>[2-9](?!11)\d\d)(?<exchange>[2-9](?!11)\d\d)(?<line>\d{4})$/;

/**
 * A number of the right length and structure for its country (libphonenumber-js's "possible"),
 * for a number its metadata does not list as valid: null when it is not even that.
 */
export function possiblePhoneNumber(text: string): ParsedPhoneNumber | null {
  const phone = parsePhoneNumberFromString(text, { defaultCountry: "US" });
  if (!phone?.isPossible()) return null;
  let groups = phone.formatInternational().split(" ");
  if (phone.countryCallingCode === "1") {
    const parts = NANP_POSSIBLE.exec(phone.nationalNumber)?.groups;
    if (!parts) return null;
    groups = ["+1", parts.area!, parts.exchange!, parts.line!];
  }
  return {
    e164: phone.number,
    countryCallingCode: phone.countryCallingCode,
    nationalNumber: phone.nationalNumber,
    country: phone.country,
    groups,
  };
}

function fromParseError(reason: string, text: string, input: string): PhoneNumberError {
  const code = reason === "TOO_SHORT" || reason === "TOO_LONG" || reason === "INVALID_COUNTRY" ? reason : "NOT_A_NUMBER";
  return rejection(code, text, input);
}

const REJECTIONS: Partial<Record<PhoneNumberErrorCode, string>> = {
  TOO_SHORT: "is too short to be a phone number.",
  TOO_LONG: "is too long to be a phone number.",
  INVALID_COUNTRY: "has no valid country calling code.",
  INVALID: "is not a valid phone number.",
};

/** The error for a number libphonenumber-js turned down, in words for people. */
export function rejection(code: PhoneNumberErrorCode, text: string, input: string): PhoneNumberError {
  return new PhoneNumberError(code, `"${preview(text)}" ${REJECTIONS[code] ?? "is not a phone number."}`, input);
}

function preview(text: string): string {
  return text.length > 24 ? `${text.slice(0, 24)}…` : text;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}
