// The text messages callers asked for (option 2 of the flow's menu), one partition per caller.
// Answers: may this number be texted today, and by which contact (claimText, one conditional
// put) · the texts a caller was sent, newest first (textsFor, one Query, for the caller's page).
//
// One item per caller per UTC day: its key holds the day, so a second text the same day fails
// the put's condition, and the item's contact id tells a Connect retry of the same contact (which
// gets "sent" again, and nothing is sent twice) from another call. Locally the item is the
// outbox: the text is not sent anywhere, the dashboard and the call simulator show it.
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { Entity, type EntityItem } from "electrodb";
import { written } from "./calls.server.js";
import type { DbCallOptions } from "./callers.server.js";
import { entityOnDb } from "./db.server.js";

const E164 = /^\+[1-9]\d{1,14}$/;

/** "sending" while the SMS service is asked, then "sent"; "outbox" locally, where nothing is sent. */
export type TextStatus = "sending" | "sent" | "outbox";

export interface TextRecord {
  /** When the caller asked, ISO 8601. */
  sentAt: string;
  contactId: string;
  body: string;
  status: TextStatus;
  /** The SMS service's message id, once sent. */
  messageId?: string;
}

export function makeTextEntity(client: DynamoDBClient, table: string) {
  return new Entity(
    {
      model: { service: "vanity", entity: "text", version: "1" },
      attributes: {
        e164: { type: "string", required: true, readOnly: true, validate: E164 },
        day: { type: "string", required: true, readOnly: true }, // "2026-12-02", UTC
        sentAt: { type: "string", required: true, readOnly: true },
        contactId: { type: "string", required: true, readOnly: true },
        body: { type: "string", required: true },
        status: { type: ["sending", "sent", "outbox"] as const, required: true },
        messageId: { type: "string" },
        expiresAt: { type: "number" },
      },
      indexes: {
        byNumber: {
          // A partition of their own, beside the caller's: a caller's page reads its calls from the
          // caller's partition a page at a time, and texts there would take up the page.
          pk: { field: "pk", composite: ["e164"], template: "$texts#e164_${e164}" },
          sk: { field: "sk", composite: ["day"], template: "$text_1#day_${day}" },
        },
      },
    },
    { client, table },
  );
}

export type TextItem = EntityItem<ReturnType<typeof makeTextEntity>>;

const texts = entityOnDb(makeTextEntity);
const go = (signal: AbortSignal | undefined) => (signal ? { abortSignal: signal } : {});

/**
 * Claims today's text for a number: "claimed" (this contact may send it now), "this-contact"
 * (this contact claimed it before: a retry, send nothing) or "taken" (another call had it today).
 */
export async function claimText(
  {
    e164,
    contactId,
    body,
    sentAt,
    status,
    expiresAt,
  }: { e164: string; contactId: string; body: string; sentAt: string; status: TextStatus; expiresAt: number },
  { signal }: DbCallOptions = {},
): Promise<"claimed" | "this-contact" | "taken"> {
  const entity = await texts();
  const day = sentAt.slice(0, 10);
  const claimed = await written(
    entity
      .put({ e164, day, sentAt, contactId, body, status, expiresAt })
      .where(({ e164: key }, { notExists }) => notExists(key))
      .go({ response: "none", ...go(signal) }),
  );
  if (claimed) return "claimed";
  const { data } = await entity.get({ e164, day }).go(go(signal));
  return data?.contactId === contactId ? "this-contact" : "taken";
}

/** The SMS service took the text. */
export async function markTextSent(
  { e164, sentAt, messageId }: { e164: string; sentAt: string; messageId: string },
  { signal }: DbCallOptions = {},
) {
  await (
    await texts()
  )
    .patch({ e164, day: sentAt.slice(0, 10) })
    .set({ status: "sent", messageId })
    .go({ response: "none", ...go(signal) });
}

/** The SMS service refused or did not answer: the day's text is free again, so a later call may try. */
export async function releaseText(
  { e164, sentAt, contactId }: { e164: string; sentAt: string; contactId: string },
  { signal }: DbCallOptions = {},
): Promise<void> {
  // Not this contact's claim any more (its condition fails): nothing to free.
  await written(
    (await texts())
      .delete({ e164, day: sentAt.slice(0, 10) })
      .where(({ contactId: owner }, { eq }) => eq(owner, contactId))
      .go({ response: "none", ...go(signal) }),
  );
}

/** A number's texts, newest first (at most one a day, kept as long as its calls). */
export async function textsFor(
  { e164, limit = 10 }: { e164: string; limit?: number },
  { signal }: DbCallOptions = {},
): Promise<TextRecord[]> {
  if (!E164.test(e164)) return [];
  const now = Math.floor(Date.now() / 1000);
  const { data } = await (await texts()).query.byNumber({ e164 }).go({ order: "desc", limit, ...go(signal) });
  return data
    .filter((t) => t.expiresAt === undefined || t.expiresAt > now)
    .map((t) => ({
      sentAt: t.sentAt,
      contactId: t.contactId,
      body: t.body,
      status: t.status,
      ...(t.messageId ? { messageId: t.messageId } : {}),
    }));
}

/** Brings the TTL of a number's texts down to `days` after each was sent (the retention Lambda, with its calls). Returns how many it shortened. */
export async function capTextRetention({ e164, days }: { e164: string; days: number }): Promise<number> {
  const entity = await texts();
  const { data } = await entity.query.byNumber({ e164 }).go({ pages: "all" });
  let shortened = 0;
  for (const text of data) {
    const cap = Math.floor(Date.parse(text.sentAt) / 1000) + days * 86_400;
    if (text.expiresAt !== undefined && text.expiresAt <= cap) continue;
    await entity.patch({ e164, day: text.day }).set({ expiresAt: cap }).go({ response: "none" });
    shortened++;
  }
  return shortened;
}

/** Deletes every text of a number (deleteCaller). */
export async function deleteTexts({ e164 }: { e164: string }): Promise<void> {
  const entity = await texts();
  const { data } = await entity.query.byNumber({ e164 }).go({ pages: "all" });
  if (data.length > 0) await entity.delete(data.map((t) => ({ e164, day: t.day }))).go();
}
