// The contract between the contact flow (src/flow/contact-flow.json) and the Connect Lambda,
// in one place: the event is @types/aws-lambda's ConnectContactFlowEvent, and the answer a flat
// map of strings (Connect refuses nested values) whose every key is always present, so the flow
// never reads a missing attribute. The flow, the handler, the simulator, the tests and the
// load benchmark all use these.
export type { ConnectContactFlowEvent } from "aws-lambda";

/** How many of the five stored numbers the contact flow reads to the caller. */
export const SPOKEN_COUNT = 3;

export type ConnectStatus = "OK" | "NO_NUMBER" | "INVALID_NUMBER" | "ERROR";

export interface ConnectVanityResponse {
  [key: string]: string;
  status: ConnectStatus;
  vanity1: string;
  vanity2: string;
  vanity3: string;
  /** A complete <speak> document: the three numbers, or an apology. */
  ssml: string;
  source: "new" | "existing" | "";
}

/** The answer's keys, sorted. */
export const RESPONSE_KEYS = ["source", "ssml", "status", "vanity1", "vanity2", "vanity3"] as const;
