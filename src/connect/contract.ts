// The contract between the contact flow (src/flow/contact-flow.json) and the Connect Lambda,
// in one place: the event is @types/aws-lambda's ConnectContactFlowEvent, and the answer a flat
// map of strings (Connect refuses nested values) whose every key is always present, so the flow
// never reads a missing attribute. The flow, the handler, the simulator, the tests and the
// load benchmark all use these.
export type { ConnectContactFlowEvent } from "aws-lambda";

/** How many of the five stored numbers the contact flow reads to the caller. */
export const SPOKEN_COUNT = 3;

/**
 * What the flow asks for, in the invocation's `action` parameter (`Details.Parameters.action`):
 *   (none)          the caller's own vanity numbers, from the number they call from
 *   "typed-number"  the vanity numbers of the number the caller keyed in (`number`), stored nowhere but on the call
 *   "send-text"     the caller's five numbers by text message, to the number they call from
 */
export const ACTIONS = ["caller-numbers", "typed-number", "send-text"] as const;
export type ConnectAction = (typeof ACTIONS)[number];

/**
 * `status`, what the flow branches on:
 *   OK              numbers to speak (`ssml`)
 *   NO_NUMBER       no number: withheld, or nothing keyed in
 *   INVALID_NUMBER  a number that cannot be used
 *   ERROR           the engine failed
 *   SENT            the text went (or went already on this contact)
 *   ALREADY_SENT    this number had its text today
 *   NOT_SENT        texts are not offered here, or sending failed
 * Every status comes with `ssml` to speak: the numbers, or what happened.
 */
export type ConnectStatus = "OK" | "NO_NUMBER" | "INVALID_NUMBER" | "ERROR" | "SENT" | "ALREADY_SENT" | "NOT_SENT";

export interface ConnectVanityResponse {
  [key: string]: string;
  status: ConnectStatus;
  vanity1: string;
  vanity2: string;
  vanity3: string;
  /** A complete <speak> document: the three numbers, or an apology, or what happened to the text. */
  ssml: string;
  source: "new" | "existing" | "";
  /** "true" when the flow may offer the numbers by text message (a sender is configured and the caller has a number). */
  smsOffered: "true" | "false";
}

/** The answer's keys, sorted. */
export const RESPONSE_KEYS = ["smsOffered", "source", "ssml", "status", "vanity1", "vanity2", "vanity3"] as const;
