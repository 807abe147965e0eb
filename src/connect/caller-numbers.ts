// The flow's first question: the vanity numbers of the number the caller calls from.
//   known caller  → the stored numbers (nothing regenerated); the call is stored
//   new caller    → the engine's five best, stored with the call, three returned
//   no number / a number we cannot use → a status to branch on and an apology, nothing written
//   (a caller ID only has to be possible, not listed in libphonenumber-js's metadata: parseCallerId)
// It never waits on DynamoDB for more than DB_DEADLINE_MS: generation needs no database, so a
// caller whose record cannot be read or written still hears their numbers (the budget:
// src/data/db.server.ts).
import { APOLOGY, numbersAnswer, spokenFromRecord, statusAnswer } from "./answers.js";
import { boostWords, callerNumber, DB_DEADLINE_MS, texts, type Call } from "./call.js";
import type { ConnectVanityResponse } from "./contract.js";
import { beforeDeadline, deadline } from "./deadline.js";
import { queueCallerWrite, type QueuedCaller } from "../data/caller-queue.server.js";
import { getCaller, saveCaller, type CallerRecord } from "../data/callers.server.js";
import { maskPhoneNumber } from "../log.js";
import { vanityForParsedNumber, type ParsedPhoneNumber } from "../vanity/index.js";

/** How long a failed write may wait for the retry queue (SQS answers in tens of milliseconds). */
export const QUEUE_DEADLINE_MS = 800;

export async function callerNumbers(event: unknown, call: Call): Promise<ConnectVanityResponse> {
  const number = callerNumber(event);
  if (!number.ok) {
    if (number.status === "NO_NUMBER") call.log.info({ status: "NO_NUMBER", code: number.code }, "no caller number");
    else
      call.log.info({ status: "INVALID_NUMBER", code: number.code, caller: maskPhoneNumber(number.address) }, "caller number not usable");
    return statusAnswer(number.status, APOLOGY[number.status]);
  }
  const { phone } = number;
  call.log = call.log.child({ caller: maskPhoneNumber(phone.e164) });
  // A real caller ID from a range the metadata does not list yet: answered, and said so.
  if (!phone.inPlan) call.log.info("caller number not in libphonenumber-js's numbering plan: possible, so answered");

  const { signal, done } = deadline("the database", DB_DEADLINE_MS);
  try {
    return await answer(phone, call, signal);
  } finally {
    done();
  }
}

async function answer(phone: ParsedPhoneNumber, call: Call, signal: AbortSignal): Promise<ConnectVanityResponse> {
  // Made for every call (the engine takes microseconds), so that one write stores a new caller
  // or records a repeat call; a repeat caller hears the numbers stored at their first call.
  const { e164, vanity, dictionary } = vanityForParsedNumber(phone, { boost: boostWords(call.log) });
  const smsOffered = texts(call.log) !== null;
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
    if (!created) return numbersAnswer(spokenFromRecord(caller), { source: "existing", smsOffered });
  } catch (error) {
    // The caller still hears numbers; the call goes to the retry queue, which stores it (or, if it
    // was counted before time ran out, the call item it may lack) once the table answers.
    call.log.error({ err: error, timedOut: signal.aborted }, "storing the call failed: queued for a retry");
    const stored = await storedCaller(e164, call, signal);
    await queueForRetry(record, call);
    if (stored) return numbersAnswer(spokenFromRecord(stored), { source: "existing", smsOffered });
  }
  return numbersAnswer(vanity, { source: "new", smsOffered });
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
