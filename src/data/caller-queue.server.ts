// The retry queue for caller writes (app.arc @queues caller-writes). When the table does not
// answer during a call, the Connect handler queues the record instead of dropping it, and the
// queue's Lambda (src/caller-writes/handler.ts) stores it once the table answers again: SQS
// redelivers a message until its Lambda succeeds (for up to the queue's retention, 4 days).
// Deployed, the connect plugin gives the Lambda the queue's URL (VANITY_CALLER_QUEUE_URL);
// in sandbox, messages go to sandbox's own queue emulation (ARC_SANDBOX's events port, or
// ARC_EVENTS_PORT beside it), which runs the queue's Lambda once and does not redeliver.
import { callerQueueUrl, eventsPort, type Environment } from "../config.js";
import type { CallerRecord } from "./callers.server.js";

export const CALLER_QUEUE = "caller-writes";

/** What a queued message carries: the record to store, with when the call was. */
export type QueuedCaller = Pick<CallerRecord, "e164" | "vanity" | "calledAt"> & {
  words?: string[][];
  dictionary?: string;
  contactId?: string;
};

/** A malformed message: never stored, and never retried either (it would fail the same way). */
export class QueuedCallerError extends Error {
  override name = "QueuedCallerError";
}

const E164 = /^\+[1-9]\d{1,14}$/;

/** The message body's record, checked as strictly as the handler's own output. */
export function parseQueuedCaller(body: string): QueuedCaller {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw new QueuedCallerError("not JSON");
  }
  const v = value as Partial<QueuedCaller> | null;
  if (!v || typeof v.e164 !== "string" || !E164.test(v.e164)) throw new QueuedCallerError("no E.164 number");
  if (
    !Array.isArray(v.vanity) ||
    v.vanity.length === 0 ||
    v.vanity.length > 10 ||
    !v.vanity.every((s) => typeof s === "string" && s.length <= 40)
  ) {
    throw new QueuedCallerError("no vanity numbers");
  }
  if (typeof v.calledAt !== "string" || Number.isNaN(Date.parse(v.calledAt))) throw new QueuedCallerError("no call time");
  if (
    v.words !== undefined &&
    !(Array.isArray(v.words) && v.words.every((w) => Array.isArray(w) && w.every((s) => typeof s === "string")))
  ) {
    throw new QueuedCallerError("bad words");
  }
  if (v.dictionary !== undefined && typeof v.dictionary !== "string") throw new QueuedCallerError("bad dictionary");
  if (v.contactId !== undefined && !(typeof v.contactId === "string" && /^[\w-]{1,128}$/.test(v.contactId)))
    throw new QueuedCallerError("bad contact id");
  return {
    e164: v.e164,
    vanity: v.vanity,
    calledAt: v.calledAt,
    ...(v.words ? { words: v.words } : {}),
    ...(v.dictionary ? { dictionary: v.dictionary } : {}),
    ...(v.contactId ? { contactId: v.contactId } : {}),
  };
}

let sqs: Promise<{ send: (url: string, body: string, signal: AbortSignal) => Promise<void> }> | undefined;

function sqsClient() {
  sqs ??= import("@aws-sdk/client-sqs").then(({ SQSClient, SendMessageCommand }) => {
    const client = new SQSClient({ maxAttempts: 2 });
    return {
      send: async (url: string, body: string, signal: AbortSignal) => {
        await client.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body }), { abortSignal: signal });
      },
    };
  });
  return sqs;
}

/** Queues a caller write; rejects if the queue can't be reached before `signal` aborts. */
export async function queueCallerWrite(caller: QueuedCaller, { signal, env }: { signal: AbortSignal; env?: Environment }): Promise<void> {
  const body = JSON.stringify(caller);
  const url = callerQueueUrl(env);
  if (url) return (await sqsClient()).send(url, body, signal);
  const port = eventsPort(env); // inside sandbox, or beside it (tests)
  if (!port) throw new Error("no retry queue: VANITY_CALLER_QUEUE_URL is not set and this is not sandbox");
  const response = await fetch(`http://127.0.0.1:${port}/queues`, {
    method: "POST",
    body: JSON.stringify({ name: CALLER_QUEUE, payload: caller }),
    signal,
  });
  if (!response.ok) throw new Error(`sandbox queue answered ${response.status}`);
}
