// The menu's option 3: the vanity numbers of a number the caller keys in (`number`, the flow's
// stored input). Checked like a number typed on /try (it must be valid, not just possible), made
// fresh, stored nowhere as a caller, and noted on the caller's own call when that call is stored.
import { numbersAnswer, statusAnswer, TYPED, digitsToSay } from "./answers.js";
import { boostWords, callerNumber, DB_DEADLINE_MS, texts, type Call } from "./call.js";
import type { ConnectVanityResponse } from "./contract.js";
import { beforeDeadline, deadline } from "./deadline.js";
import { parameter } from "./event.js";
import { noteLookupOnCall } from "../data/callers.server.js";
import { maskPhoneNumber } from "../log.js";
import { parsePhoneNumber, PhoneNumberError, vanityForParsedNumber, type ParsedPhoneNumber, type VanityNumber } from "../vanity/index.js";

/** The most keys the flow takes for a number: an international one keyed with 011 (3 + 15). */
export const TYPED_NUMBER_MAX_KEYS = 18;

/** What the keypad gave, as a number to parse: 011 starts an international number, as dialled from North America. */
export function keyedNumber(keys: string): string {
  const digits = keys.replace(/[#*\s]/g, "");
  return digits.startsWith("011") ? `+${digits.slice(3)}` : digits;
}

export async function typedNumber(event: unknown, call: Call): Promise<ConnectVanityResponse> {
  const caller = callerNumber(event);
  const smsOffered = caller.ok && texts(call.log) !== null;
  // Connect's stored input is "Timeout" when the caller keyed nothing.
  const given = parameter(event, "number") ?? "";
  const keys = given === "Timeout" ? "" : given;
  if (keys.replace(/[#*\s]/g, "") === "") {
    call.log.info({ status: "NO_NUMBER" }, "no number keyed in");
    return statusAnswer("NO_NUMBER", TYPED.NO_NUMBER, smsOffered);
  }
  let typed: ParsedPhoneNumber;
  try {
    if (keys.length > TYPED_NUMBER_MAX_KEYS) throw new PhoneNumberError("TOO_LONG", "Too many keys for a phone number.", keys);
    typed = parsePhoneNumber(keyedNumber(keys));
  } catch (error) {
    if (!(error instanceof PhoneNumberError)) throw error;
    call.log.info({ status: "INVALID_NUMBER", code: error.code, typed: maskPhoneNumber(keys) }, "keyed-in number not usable");
    return statusAnswer("INVALID_NUMBER", TYPED.INVALID_NUMBER, smsOffered);
  }
  let vanity: VanityNumber[];
  try {
    vanity = vanityForParsedNumber(typed, { boost: boostWords(call.log) }).vanity;
  } catch (error) {
    call.log.error({ err: error, typed: maskPhoneNumber(typed.e164) }, "no vanity numbers for a keyed-in number");
    return statusAnswer("ERROR", TYPED.ERROR, smsOffered);
  }
  if (caller.ok && call.contactId) await noteOnCall(caller.phone.e164, call.contactId, typed.e164, call);
  call.log.info({ typed: maskPhoneNumber(typed.e164) }, "vanity numbers for a keyed-in number");
  return numbersAnswer(vanity, { source: "", smsOffered, intro: `Here are the vanity numbers for ${digitsToSay(typed.groups.slice(1))}.` });
}

/** Notes the keyed-in number on the caller's call, if that call is stored. Best effort, within the database deadline: never throws. */
async function noteOnCall(e164: string, contactId: string, lookedUp: string, call: Call): Promise<void> {
  const { signal, done } = deadline("the database", DB_DEADLINE_MS);
  try {
    const noted = await beforeDeadline(noteLookupOnCall({ e164, contactId, lookedUp }, { signal }), signal);
    if (!noted) call.log.info("keyed-in number not noted: this call is not stored");
  } catch (error) {
    call.log.error({ err: error, timedOut: signal.aborted }, "noting the keyed-in number on the call failed");
  } finally {
    done();
  }
}
