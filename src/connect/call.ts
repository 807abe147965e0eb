// What every action of the Connect Lambda shares: the contact it answers for, its logger, the
// caller's number as the phone network gives it, and the settings read once per environment.
import { boostWords as configuredBoostWords } from "../config.js";
import type { Logger } from "../log.js";
import { textSender, type TextSender } from "../texts/sms.server.js";
import { parseCallerId, PhoneNumberError, type BoostWord, type ParsedPhoneNumber } from "../vanity/index.js";
import { callerAddress, customerEndpoint, field } from "./event.js";

/** All the time one invocation gives DynamoDB (its reads and writes together). */
export const DB_DEADLINE_MS = 2500;

export interface Call {
  /** The handler's logger: contactId and initialContactId, and the masked number once known. */
  log: Logger;
  /** The Connect contact, so that a retry of it is stored once. */
  contactId: string | null;
}

/** The caller's number, or why there is none: "NO_NUMBER" (withheld, not a telephone) or a number that is not even possible. */
export type CallerNumber =
  | { ok: true; phone: ParsedPhoneNumber & { inPlan: boolean } }
  | { ok: false; status: "NO_NUMBER"; code: string }
  | { ok: false; status: "INVALID_NUMBER"; code: string; address: unknown };

export function callerNumber(event: unknown): CallerNumber {
  const endpointType = field(customerEndpoint(event), "Type");
  const address = callerAddress(event);
  if (address === undefined || address === null) return { ok: false, status: "NO_NUMBER", code: "NO_ADDRESS" };
  // An email or other non-telephone endpoint has no number to make vanity numbers from.
  if (endpointType !== undefined && endpointType !== null && endpointType !== "TELEPHONE_NUMBER")
    return { ok: false, status: "NO_NUMBER", code: "NOT_A_TELEPHONE_ENDPOINT" };
  try {
    return { ok: true, phone: parseCallerId(address) };
  } catch (error) {
    if (!(error instanceof PhoneNumberError)) throw error;
    if (error.code === "EMPTY" || error.code === "WITHHELD") return { ok: false, status: "NO_NUMBER", code: error.code };
    return { ok: false, status: "INVALID_NUMBER", code: error.code, address };
  }
}

let boost: BoostWord[] | undefined;

/** VANITY_BOOST_WORDS, read once per environment; a bad value is logged and left out. */
export function boostWords(log: Logger): BoostWord[] {
  return (boost ??= configuredBoostWords((error) => log.error({ err: error }, "VANITY_BOOST_WORDS ignored")));
}

/** Where texts go; a bad SMS_ORIGINATION_IDENTITY is logged (on every call, until it is fixed), and texts are not offered. */
export function texts(log: Logger): TextSender | null {
  try {
    return textSender();
  } catch (error) {
    log.error({ err: error }, "SMS_ORIGINATION_IDENTITY ignored: texts are not offered");
    return null;
  }
}
