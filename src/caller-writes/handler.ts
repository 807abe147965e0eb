// The retry queue's Lambda (app.arc @queues caller-writes): stores callers whose write failed
// during their call. The write is the handler's own conditional one, so a message delivered
// twice, or for a number that has called again since, changes nothing. Any failure throws, so
// SQS delivers the batch again later; a malformed message is logged and dropped instead.
import { saveCaller } from "../data/callers.server.js";
import { parseQueuedCaller, QueuedCallerError } from "../data/caller-queue.server.js";
import { logger, maskPhoneNumber } from "../log.js";

const log = logger.child({ module: "caller-writes" });

interface QueueEvent {
  Records?: { messageId?: string; body?: string }[];
}

export const handler = async (event: QueueEvent): Promise<{ stored: number; existing: number; dropped: number }> => {
  let stored = 0;
  let existing = 0;
  let dropped = 0;
  for (const record of event.Records ?? []) {
    let caller;
    try {
      caller = parseQueuedCaller(record.body ?? "");
    } catch (error) {
      if (!(error instanceof QueuedCallerError)) throw error;
      log.error({ messageId: record.messageId, reason: error.message }, "queued caller dropped: malformed message");
      dropped++;
      continue;
    }
    // A message sent again by SQS has the same id: with no contact id of its own, that counts it once.
    const contactId = caller.contactId ?? record.messageId ?? null;
    const { created } = await saveCaller({ ...caller, contactId }); // throws while the table is down: SQS retries
    if (created) stored++;
    else existing++;
    log.info({ caller: maskPhoneNumber(caller.e164), created }, created ? "queued caller stored" : "queued caller was already stored");
  }
  return { stored, existing, dropped };
};
