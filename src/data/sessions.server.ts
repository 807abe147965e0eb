// Dashboard sessions, kept server-side so that ending one takes effect at once, everywhere.
// Answers: a session by its id (byId) · every session, newest first (all, for the accounts page).
//
// The browser's cookie holds a random id; the table holds only its SHA-256, so a copy of the
// table (a backup, an export) signs no one in. A session ends when its item is deleted (sign
// out, an admin ending it), when its account's generation moves on (accounts.server.ts), or
// when it expires: `expiresAt` is the table's TTL, and reads check it too because DynamoDB
// deletes expired items only lazily.
import { createHash, randomBytes } from "node:crypto";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { Entity, type EntityItem } from "electrodb";
import { entityOnDb } from "./db.server.js";

export const SESSION_LIFETIME_SECONDS = 12 * 60 * 60;

export interface StoredSession {
  /** The id's hash: how the accounts page names a session (never the id itself). */
  key: string;
  account: string;
  generation: number;
  /** The session's CSRF token, for its forms. */
  csrf: string;
  createdAt: string;
  expiresAt: number;
  /** The client's network (masked), and its browser, as the accounts page shows them. */
  client: string;
  userAgent: string;
}

export function makeSessionEntity(client: DynamoDBClient, table: string) {
  return new Entity(
    {
      model: { service: "vanity", entity: "session", version: "1" },
      attributes: {
        key: { type: "string", required: true, readOnly: true },
        account: { type: "string", required: true, readOnly: true },
        generation: { type: "number", required: true, readOnly: true },
        csrf: { type: "string", required: true, readOnly: true },
        createdAt: { type: "string", required: true, readOnly: true },
        expiresAt: { type: "number", required: true, readOnly: true }, // the table's TTL attribute
        client: { type: "string", required: true, readOnly: true },
        userAgent: { type: "string", required: true, readOnly: true },
      },
      indexes: {
        byId: { pk: { field: "pk", composite: ["key"] }, sk: { field: "sk", composite: [] } },
        all: {
          index: "gsi1",
          pk: { field: "gsi1pk", composite: [] },
          sk: { field: "gsi1sk", composite: ["createdAt", "key"] },
        },
      },
    },
    { client, table },
  );
}

export type SessionEntity = ReturnType<typeof makeSessionEntity>;
type SessionItem = EntityItem<SessionEntity>;

const sessions = entityOnDb(makeSessionEntity);

/** The stored key for a cookie's session id. */
export function sessionKey(id: string): string {
  return createHash("sha256").update(id).digest("base64url");
}

export interface NewSession {
  account: string;
  generation: number;
  csrf: string;
  client: string;
  userAgent: string;
  now?: Date;
}

/** Stores a new session and returns the id for the cookie (32 random bytes) with what was stored. */
export async function createSession({ now = new Date(), ...session }: NewSession): Promise<{ id: string; session: StoredSession }> {
  const id = randomBytes(32).toString("base64url");
  const item: StoredSession = {
    ...session,
    userAgent: session.userAgent.slice(0, 200),
    key: sessionKey(id),
    createdAt: now.toISOString(),
    expiresAt: Math.floor(now.getTime() / 1000) + SESSION_LIFETIME_SECONDS,
  };
  await (await sessions()).create(item).go();
  return { id, session: item };
}

function isLive(item: SessionItem, now: Date): boolean {
  return item.expiresAt > Math.floor(now.getTime() / 1000);
}

/** The session for a cookie's id, or null if there is none or it has expired. */
export async function findSession(id: string, now: Date = new Date()): Promise<StoredSession | null> {
  const { data } = await (await sessions()).get({ key: sessionKey(id) }).go({ consistent: true });
  return data && isLive(data, now) ? data : null;
}

/** Ends one session (sign-out, or an admin ending it). Ending one that is gone is no error. */
export async function deleteSession(key: string): Promise<void> {
  await (await sessions()).delete({ key }).go();
}

/** Sessions that have not expired, newest first. */
export async function listSessions(now: Date = new Date()): Promise<StoredSession[]> {
  const { data } = await (await sessions()).query.all({}).go({ order: "desc", pages: "all" });
  return data.filter((item) => isLive(item, now));
}

/**
 * Deletes the listed sessions of these accounts: tidying only, after their generation was raised
 * (which is what ends them; the index this reads may lag a session made a moment ago).
 */
export async function deleteSessionsOf(accounts: readonly string[] | "everyone"): Promise<number> {
  const listed = await listSessions(new Date(0));
  const ending = accounts === "everyone" ? listed : listed.filter((session) => accounts.includes(session.account));
  await Promise.all(ending.map((session) => deleteSession(session.key)));
  return ending.length;
}
