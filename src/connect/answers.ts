// The Lambda's answers, as the flat string maps of the Connect contract (./contract.ts), and the
// sentences they speak. Every answer has every key and something to say.
import { SPOKEN_COUNT, type ConnectStatus, type ConnectVanityResponse } from "./contract.js";
import type { CallerRecord } from "../data/callers.server.js";
import { escapeXml, speakVanityNumbers, VanityNumber } from "../vanity/index.js";

/** What the caller hears when there are no numbers to give. */
export const APOLOGY = {
  // The flow goes on to offer another number's (option 3), or a call again without hiding the number.
  NO_NUMBER: "Sorry, we could not see the number you are calling from, so we cannot suggest vanity numbers for it.",
  INVALID_NUMBER: "Sorry, we cannot make vanity numbers for the number you are calling from.",
  ERROR: "Sorry, something went wrong while we looked for your vanity numbers. Please try again later.",
} as const satisfies Partial<Record<ConnectStatus, string>>;

/** For a number the caller keyed in (the menu's option 3). */
export const TYPED = {
  NO_NUMBER: "Sorry, we did not get a number.",
  INVALID_NUMBER: "Sorry, that is not a phone number we can make vanity numbers for.",
  ERROR: "Sorry, something went wrong while we looked for those vanity numbers.",
} as const satisfies Partial<Record<ConnectStatus, string>>;

/** For a text message (the menu's option 2). */
export const TEXT = {
  SENT: "We have sent your vanity numbers to you in a text message.",
  ALREADY_SENT: "We have already sent your vanity numbers to you in a text message today.",
  NOT_SENT: "Sorry, we could not send the text message right now.",
  NOT_OFFERED: "Sorry, we cannot send text messages from this line.",
  NO_NUMBER: "Sorry, we cannot send a text message without the number you are calling from.",
} as const;

/** Numbers to speak: three of them, with `intro` first. */
export function numbersAnswer(
  numbers: readonly VanityNumber[],
  { source, smsOffered, intro }: { source: "new" | "existing" | ""; smsOffered: boolean; intro?: string },
): ConnectVanityResponse {
  const spoken = numbers.slice(0, SPOKEN_COUNT);
  return {
    status: "OK",
    vanity1: spoken[0]?.display ?? "",
    vanity2: spoken[1]?.display ?? "",
    vanity3: spoken[2]?.display ?? "",
    ssml: speakVanityNumbers(spoken, intro),
    source,
    smsOffered: smsOffered ? "true" : "false",
  };
}

/** A status and the sentence that goes with it. */
export function statusAnswer(status: Exclude<ConnectStatus, "OK">, sentence: string, smsOffered = false): ConnectVanityResponse {
  return {
    status,
    vanity1: "",
    vanity2: "",
    vanity3: "",
    ssml: `<speak>${escapeXml(sentence)}</speak>`,
    source: "",
    smsOffered: smsOffered ? "true" : "false",
  };
}

/**
 * The stored numbers as the engine's type, so they are spoken exactly like new ones. Speech is
 * formatting, not generation: it comes from the stored display forms and words (a record
 * without words has its letters spelled).
 */
export function spokenFromRecord(record: Pick<CallerRecord, "vanity" | "words">): VanityNumber[] {
  return record.vanity.map((display, i) => new VanityNumber(display, record.words?.[i] ?? []));
}

/** "8 0 0, 4 6 8, 5 8 6 5": a number's groups read digit by digit, for an intro sentence. */
export function digitsToSay(groups: readonly string[]): string {
  return groups
    .map((group) => group.replace("+", "").split("").join(" "))
    .filter(Boolean)
    .join(", ");
}
