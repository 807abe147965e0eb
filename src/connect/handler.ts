// The Amazon Connect Lambda: the caller's number in, three vanity numbers out, as the flat
// string map a contact flow reads with $.External.<key>.
//   known caller  → the stored numbers (nothing regenerated, nothing written)
//   new caller    → the engine's five best, stored, three returned
//   no number / a number we cannot use → a status to branch on and an apology, nothing written
// It never throws: a throw would send the call down the flow's Error branch in silence.
import type { ConnectContactFlowEvent } from "aws-lambda";
import { getCaller, saveCaller, type CallerRecord } from "../data/callers.server.js";
import { findVanityNumbers, parsePhoneNumber, PhoneNumberError, speakVanityNumbers, VanityNumber } from "../vanity/index.js";

export type ConnectStatus = "OK" | "NO_NUMBER" | "INVALID_NUMBER" | "ERROR";

/** Every key is always present, so the flow never reads a missing attribute. */
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

export const SPOKEN_COUNT = 3;

const APOLOGY: Record<Exclude<ConnectStatus, "OK">, string> = {
  NO_NUMBER:
    "Sorry, we could not see the number you are calling from, so we cannot suggest vanity numbers for it. " +
    "Please call again without hiding your number.",
  INVALID_NUMBER: "Sorry, we cannot make vanity numbers for the number you are calling from.",
  ERROR: "Sorry, something went wrong while we looked for your vanity numbers. Please try again later.",
};

export const handler = async (event: ConnectContactFlowEvent): Promise<ConnectVanityResponse> => {
  try {
    return await respond(callerAddress(event));
  } catch (error) {
    log("error", "unexpected failure", { error: describe(error) });
    return failure("ERROR");
  }
};

/** `Details.ContactData.CustomerEndpoint.Address`, read without trusting any level to exist. */
export function callerAddress(event: unknown): unknown {
  const details = field(event, "Details");
  const contact = field(details, "ContactData");
  const endpoint = field(contact, "CustomerEndpoint");
  return field(endpoint, "Address");
}

async function respond(address: unknown): Promise<ConnectVanityResponse> {
  if (address === undefined || address === null) return failure("NO_NUMBER");
  let e164: string;
  try {
    e164 = parsePhoneNumber(address).e164;
  } catch (error) {
    if (!(error instanceof PhoneNumberError)) throw error;
    const status = error.code === "EMPTY" || error.code === "WITHHELD" ? "NO_NUMBER" : "INVALID_NUMBER";
    log("info", "no usable caller number", { status, code: error.code });
    return failure(status);
  }

  const stored = await getCaller({ e164 }).catch((error: unknown) => {
    // Without the lookup the caller still deserves numbers; saveCaller's condition prevents a duplicate.
    log("error", "caller lookup failed", { caller: masked(e164), error: describe(error) });
    return null;
  });
  if (stored) return success(spokenFromRecord(stored), "existing");

  const { vanity } = findVanityNumbers(e164);
  try {
    const { caller, created } = await saveCaller({
      e164,
      vanity: vanity.map((v) => v.display),
      words: vanity.map((v) => v.words),
    });
    // Not created: the same number called twice at once and the other call stored first.
    if (!created) return success(spokenFromRecord(caller), "existing");
  } catch (error) {
    // The caller should still hear the numbers; the next call will try to store them again.
    log("error", "storing the caller failed", { caller: masked(e164), error: describe(error) });
  }
  return success(vanity, "new");
}

function success(numbers: readonly VanityNumber[], source: "new" | "existing"): ConnectVanityResponse {
  const spoken = numbers.slice(0, SPOKEN_COUNT);
  return {
    status: "OK",
    vanity1: spoken[0]?.display ?? "",
    vanity2: spoken[1]?.display ?? "",
    vanity3: spoken[2]?.display ?? "",
    ssml: speakVanityNumbers(spoken),
    source,
  };
}

function failure(status: Exclude<ConnectStatus, "OK">): ConnectVanityResponse {
  return { status, vanity1: "", vanity2: "", vanity3: "", ssml: `<speak>${APOLOGY[status]}</speak>`, source: "" };
}

/**
 * The stored numbers as the engine's type, so they are spoken exactly like new ones. Speech is
 * formatting, not generation: it comes from the stored display forms and words (a record
 * without words has its letters spelled).
 */
function spokenFromRecord(record: CallerRecord): VanityNumber[] {
  return record.vanity.map((display, i) => new VanityNumber(display, record.words?.[i] ?? []));
}

function field(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

// Phone numbers are personal data: logs keep only the last four digits.
function masked(e164: string): string {
  return e164.slice(0, -4).replace(/\d/g, "*") + e164.slice(-4);
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

// One JSON line per event, which CloudWatch Logs Insights can query.
function log(level: "info" | "error", message: string, detail: Record<string, unknown>): void {
  const line = JSON.stringify({ level, message, ...detail });
  if (level === "error") console.error(line);
  else console.info(line);
}
