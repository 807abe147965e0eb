// The menu's option 2: the caller's five vanity numbers by text message, to the number they call
// from, at most one text per number per day and one per contact (a Connect retry of the contact
// sends nothing twice: the day's text item, src/data/texts.server.ts, is claimed first).
// Locally the claimed item is the outbox and nothing is sent (src/texts/sms.server.ts).
import { randomUUID } from "node:crypto";
import { statusAnswer, TEXT } from "./answers.js";
import { boostWords, callerNumber, texts, type Call } from "./call.js";
import type { ConnectVanityResponse } from "./contract.js";
import { beforeDeadline, deadline } from "./deadline.js";
import { expiresAtFor, getCaller } from "../data/callers.server.js";
import { claimText, markTextSent, releaseText } from "../data/texts.server.js";
import { maskPhoneNumber } from "../log.js";
import { textMessage } from "../texts/text-message.js";
import { vanityForParsedNumber } from "../vanity/index.js";

// The Lambda has 5 s in all: the stored numbers and the day's claim, then the SMS service, then
// marking the text sent (or freeing the claim), 1.5 + 2 + 0.5 s at worst.
export const TEXT_DB_DEADLINE_MS = 1500;
export const SMS_DEADLINE_MS = 2000;
const AFTER_SMS_DEADLINE_MS = 500;

export async function sendText(event: unknown, call: Call): Promise<ConnectVanityResponse> {
  const number = callerNumber(event);
  if (!number.ok) {
    call.log.info({ status: "NO_NUMBER", code: number.code }, "no caller number to text");
    return statusAnswer("NO_NUMBER", TEXT.NO_NUMBER);
  }
  const { phone } = number;
  const e164 = phone.e164;
  call.log = call.log.child({ caller: maskPhoneNumber(e164) });
  const sender = texts(call.log);
  if (!sender) {
    call.log.info({ status: "NOT_SENT" }, "text asked for, but texts are not offered (no SMS_ORIGINATION_IDENTITY)");
    return statusAnswer("NOT_SENT", TEXT.NOT_OFFERED);
  }

  const db = deadline("the database", TEXT_DB_DEADLINE_MS);
  const sentAt = new Date().toISOString();
  const contactId = call.contactId ?? randomUUID();
  let body: string;
  try {
    // The numbers the caller heard: the stored ones; made again only if their record was never stored.
    const stored = await beforeDeadline(getCaller({ e164 }, { signal: db.signal }), db.signal);
    body = textMessage(stored?.vanity ?? vanityForParsedNumber(phone, { boost: boostWords(call.log) }).vanity.map((v) => v.display));
    const status = sender.kind === "outbox" ? "outbox" : "sending";
    const claim = await beforeDeadline(
      claimText({ e164, contactId, body, sentAt, status, expiresAt: expiresAtFor(new Date()) }, { signal: db.signal }),
      db.signal,
    );
    if (claim === "taken") {
      call.log.info({ status: "ALREADY_SENT" }, "text not sent: this number had its text today");
      return statusAnswer("ALREADY_SENT", TEXT.ALREADY_SENT, true);
    }
    if (claim === "this-contact") {
      call.log.info({ status: "SENT" }, "text asked for again on this contact: not sent twice");
      return statusAnswer("SENT", TEXT.SENT, true);
    }
  } catch (error) {
    call.log.error({ err: error, timedOut: db.signal.aborted }, "text not sent: the database failed");
    return statusAnswer("NOT_SENT", TEXT.NOT_SENT, true);
  } finally {
    db.done();
  }

  if (sender.kind === "outbox") {
    call.log.info({ status: "SENT", outbox: true }, "text put in the local outbox (nothing is sent locally)");
    return statusAnswer("SENT", TEXT.SENT, true);
  }
  const sms = deadline("End User Messaging SMS", SMS_DEADLINE_MS);
  try {
    const messageId = await beforeDeadline(sender.send(e164, body, sms.signal), sms.signal);
    call.log.info({ status: "SENT", messageId }, "text sent");
    await markTextSent({ e164, sentAt, messageId }, { signal: AbortSignal.timeout(AFTER_SMS_DEADLINE_MS) }).catch((error: unknown) =>
      call.log.error({ err: error }, "text sent, but not marked sent in the table"),
    );
    return statusAnswer("SENT", TEXT.SENT, true);
  } catch (error) {
    call.log.error({ err: error, timedOut: sms.signal.aborted }, "sending the text failed");
    // The day's text is free again, so the caller may ask on a later call.
    await releaseText({ e164, sentAt, contactId }, { signal: AbortSignal.timeout(AFTER_SMS_DEADLINE_MS) }).catch((releaseError: unknown) =>
      call.log.error({ err: releaseError }, "the failed text's claim could not be released: this number gets no text today"),
    );
    return statusAnswer("NOT_SENT", TEXT.NOT_SENT, true);
  } finally {
    sms.done();
  }
}
