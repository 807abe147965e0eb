// The Amazon Connect Lambda: the caller's number in, three vanity numbers out, as the flat
// string map a contact flow reads with $.External.<key>.
//   known caller  → the stored numbers (nothing regenerated); the call is stored
//   new caller    → the engine's five best, stored with the call, three returned
//   no number / a number we cannot use → a status to branch on and an apology, nothing written
//   (a caller ID only has to be possible, not listed in libphonenumber-js's metadata: parseCallerId)
// It never throws: a throw would send the call down the flow's Error branch in silence.
// It never waits on DynamoDB for more than DB_DEADLINE_MS: generation needs no database, so a
// caller whose record cannot be read or written still hears their numbers (the budget:
// src/data/db.server.ts). Every log line is JSON with the contact id and a masked number.
import { boostWords as configuredBoostWords } from "../config.js";
import type { Context } from "aws-lambda";
import { SPOKEN_COUNT, type ConnectContactFlowEvent, type ConnectStatus, type ConnectVanityResponse } from "./contract.js";
import { queueCallerWrite, type QueuedCaller } from "../data/caller-queue.server.js";
import { getCaller, saveCaller, type CallerRecord } from "../data/callers.server.js";
import { logger, maskPhoneNumber, type Logger } from "../log.js";
import {
  parseCallerId,
  PhoneNumberError,
  speakVanityNumbers,
  vanityForParsedNumber,
  VanityNumber,
  type BoostWord,
  type ParsedPhoneNumber,
} from "../vanity/index.js";

export type { ConnectStatus, ConnectVanityResponse } from "./contract.js";

export { SPOKEN_COUNT } from "./contract.js";
/** All the time the handler gives DynamoDB per call (lookup and save together). */
export const DB_DEADLINE_MS = 2500;
/** How long a failed write may wait for the retry queue (SQS answers in tens of milliseconds). */
export const QUEUE_DEADLINE_MS = 800;

export const APOLOGY: Record<Exclude<ConnectStatus, "OK">, string> = {
  NO_NUMBER:
    "Sorry, we could not see the number you are calling from, so we cannot suggest vanity numbers for it. " +
    "Please call again without hiding your number.",
  INVALID_NUMBER: "Sorry, we cannot make vanity numbers for the number you are calling from.",
  ERROR: "Sorry, something went wrong while we looked for your vanity numbers. Please try again later.",
};

export const handler = async (event: ConnectContactFlowEvent, context?: Pick<Context, "awsRequestId">): Promise<ConnectVanityResponse> => {
  const started = performance.now();
  const requestId = typeof context?.awsRequestId === "string" ? { requestId: context.awsRequestId } : {};
  const ids = contactIds(event);
  const call: Call = { log: logger.child({ ...ids, ...requestId }), contactId: ids.contactId };
  let response: ConnectVanityResponse;
  try {
    response = await respond(event, call);
  } catch (error) {
    call.log.error({ err: error }, "unexpected failure");
    response = failure("ERROR");
  }
  call.log.info({ status: response.status, source: response.source, ms: Math.round(performance.now() - started) }, "answered");
  return response;
};

interface Call {
  /** The handler's logger: contactId and initialContactId, and the masked number once known. */
  log: Logger;
  /** The Connect contact, so that a retry of it is stored once. */
  contactId: string | null;
}

/** `Details.ContactData.CustomerEndpoint.Address`, read without trusting any level to exist. */
export function callerAddress(event: unknown): unknown {
  return field(customerEndpoint(event), "Address");
}

function customerEndpoint(event: unknown): unknown {
  return field(field(field(event, "Details"), "ContactData"), "CustomerEndpoint");
}

/** The ids that tie a log line to a contact in Connect, if the event has sensible ones. */
function contactIds(event: unknown): { contactId: string | null; initialContactId: string | null } {
  const contact = field(field(event, "Details"), "ContactData");
  const id = (value: unknown) => (typeof value === "string" && /^[\w-]{1,128}$/.test(value) ? value : null);
  return { contactId: id(field(contact, "ContactId")), initialContactId: id(field(contact, "InitialContactId")) };
}

async function respond(event: unknown, call: Call): Promise<ConnectVanityResponse> {
  const endpointType = field(customerEndpoint(event), "Type");
  const address = callerAddress(event);
  if (address === undefined || address === null) return noNumber(call, "NO_ADDRESS");
  // An email or other non-telephone endpoint has no number to make vanity numbers from.
  if (endpointType !== undefined && endpointType !== null && endpointType !== "TELEPHONE_NUMBER")
    return noNumber(call, "NOT_A_TELEPHONE_ENDPOINT");

  let phone: ReturnType<typeof parseCallerId>;
  try {
    phone = parseCallerId(address);
  } catch (error) {
    if (!(error instanceof PhoneNumberError)) throw error;
    if (error.code === "EMPTY" || error.code === "WITHHELD") return noNumber(call, error.code);
    call.log.info({ status: "INVALID_NUMBER", code: error.code, caller: maskPhoneNumber(address) }, "caller number not usable");
    return failure("INVALID_NUMBER");
  }
  call.log = call.log.child({ caller: maskPhoneNumber(phone.e164) });
  // A real caller ID from a range the metadata does not list yet: answered, and said so.
  if (!phone.inPlan) call.log.info("caller number not in libphonenumber-js's numbering plan: possible, so answered");

  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new DeadlineError()), DB_DEADLINE_MS);
  try {
    return await answer(phone, call, deadline.signal);
  } finally {
    clearTimeout(timer);
  }
}

async function answer(phone: ParsedPhoneNumber, call: Call, signal: AbortSignal): Promise<ConnectVanityResponse> {
  // Made for every call (the engine takes microseconds), so that one write stores a new caller
  // or records a repeat call; a repeat caller hears the numbers stored at their first call.
  const { e164, vanity, dictionary } = vanityForParsedNumber(phone, { boost: boostWords(call.log) });
  const record = {
    e164,
    vanity: vanity.map((v) => v.display),
    words: vanity.map((v) => [...v.words]),
    dictionary,
    calledAt: new Date().toISOString(),
    ...(call.contactId ? { contactId: call.contactId } : {}),
  };
  try {
    const { caller, created } = await beforeDeadline(saveCaller(record, { signal, log: call.log }), signal);
    if (!created) return success(spokenFromRecord(caller), "existing");
  } catch (error) {
    // The caller still hears numbers; the call goes to the retry queue, which stores it (or, if it
    // was counted before time ran out, the call item it may lack) once the table answers.
    call.log.error({ err: error, timedOut: signal.aborted }, "storing the call failed: queued for a retry");
    const stored = await storedCaller(e164, call, signal);
    await queueForRetry(record, call);
    if (stored) return success(spokenFromRecord(stored), "existing");
  }
  return success(vanity, "new");
}

/** A repeat caller's stored record when their call could not be stored: reads may work while writes do not (throttled writes). */
async function storedCaller(e164: string, call: Call, signal: AbortSignal): Promise<CallerRecord | null> {
  if (signal.aborted) return null;
  return beforeDeadline(getCaller({ e164 }, { signal }), signal).catch((error: unknown) => {
    call.log.error({ err: error, timedOut: signal.aborted }, "caller lookup failed");
    return null;
  });
}

/**
 * Hands a record the table would not take to the retry queue (src/data/caller-queue.server.ts),
 * waiting at most QUEUE_DEADLINE_MS: the caller is still on the line. Never throws.
 */
async function queueForRetry(record: QueuedCaller, call: Call): Promise<void> {
  try {
    await queueCallerWrite(record, { signal: AbortSignal.timeout(QUEUE_DEADLINE_MS) });
    call.log.info("caller queued for a retry");
  } catch (error) {
    call.log.error({ err: error }, "queueing the caller failed: the record is lost unless the number calls again");
  }
}

let boost: BoostWord[] | undefined;

// VANITY_BOOST_WORDS, read once per environment; a bad value is logged and left out.
function boostWords(log: Logger): BoostWord[] {
  return (boost ??= configuredBoostWords((error) => log.error({ err: error }, "VANITY_BOOST_WORDS ignored")));
}

class DeadlineError extends Error {
  override name = "DeadlineError";
  constructor() {
    super(`the database did not answer within ${DB_DEADLINE_MS} ms`);
  }
}

/** `work`, or a rejection as soon as `signal` aborts, whichever comes first (the signal also cancels the request). */
function beforeDeadline<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  work.catch(() => {}); // a late failure after the deadline is not an unhandled rejection
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

function noNumber(call: Call, code: string): ConnectVanityResponse {
  call.log.info({ status: "NO_NUMBER", code }, "no caller number");
  return failure("NO_NUMBER");
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
