// Dashboard sign-in attempts per client, counted in DynamoDB so that the limit holds across every
// Lambda instance (an in-memory counter would reset on each cold start and differ per instance).
//
// Answers: how many times has this client tried to sign in during the current window?
//
// Count first, then decide: every attempt adds one (UpdateItem ADD) before its password is
// checked, and the count that comes back decides, so guesses sent together cannot all pass a
// read made before any of them was counted. A successful sign-in clears the count.
// Windows of 15 minutes by default, one item per client and window, the previous window's count
// carried over in proportion (a sliding window, so a window's end is no reset). Items carry
// `expiresAt` (epoch seconds), the table's TTL attribute, so DynamoDB deletes old windows by
// itself; reads never depend on that, because each window is its own key.
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { Entity, type EntityItem } from "electrodb";
import { entityOnDb } from "./db.server.js";

export interface SigninLimit {
  /** Attempts allowed per window (a success clears them); the next is refused until the window ends. */
  maxFailures: number;
  windowSeconds: number;
}

export const SIGNIN_LIMIT: SigninLimit = { maxFailures: 5, windowSeconds: 15 * 60 };

export interface SigninWindow {
  /** The window's start, ISO 8601: the sort key. */
  window: string;
  /** When the window ends and the count starts again. */
  endsAt: Date;
  /** The TTL: epoch seconds, one window after the end, so DynamoDB's lazy deletion can't matter. */
  expiresAt: number;
}

/** The fixed window that `now` falls in. */
export function signinWindow(now: Date, windowSeconds: number = SIGNIN_LIMIT.windowSeconds): SigninWindow {
  const size = windowSeconds * 1000;
  const start = Math.floor(now.getTime() / size) * size;
  const end = start + size;
  return { window: new Date(start).toISOString(), endsAt: new Date(end), expiresAt: Math.ceil((end + size) / 1000) };
}

export interface SigninStatus {
  /** Attempts counted in the window, this one included. */
  attempts: number;
  /** This attempt is over the limit: refuse it without checking the password. */
  blocked: boolean;
  /** Seconds until the window ends (for Retry-After), at least 1. */
  retryAfterSeconds: number;
}

/** What an attempt count (this attempt included) means at `now`. Pure. */
export function signinStatus(attempts: number, now: Date, limit: SigninLimit = SIGNIN_LIMIT): SigninStatus {
  const { endsAt } = signinWindow(now, limit.windowSeconds);
  return {
    attempts,
    blocked: attempts > limit.maxFailures,
    retryAfterSeconds: Math.max(1, Math.ceil((endsAt.getTime() - now.getTime()) / 1000)),
  };
}

export function makeSigninAttemptEntity(client: DynamoDBClient, table: string) {
  return new Entity(
    {
      // Version 2 counts every attempt before it is checked (version 1 counted failures after).
      model: { service: "vanity", entity: "signinAttempt", version: "2" },
      attributes: {
        ip: { type: "string", required: true, readOnly: true },
        window: { type: "string", required: true, readOnly: true },
        attempts: { type: "number", required: true, default: 0 },
        expiresAt: { type: "number", required: true }, // the table's TTL attribute
      },
      indexes: {
        byClient: { pk: { field: "pk", composite: ["ip"] }, sk: { field: "sk", composite: ["window"] } },
      },
    },
    { client, table },
  );
}

export type SigninAttemptEntity = ReturnType<typeof makeSigninAttemptEntity>;
export type SigninAttemptItem = EntityItem<SigninAttemptEntity>;

const attempts = entityOnDb(makeSigninAttemptEntity);

interface ClientAt {
  ip: string;
  now?: Date;
  limit?: SigninLimit;
}

/**
 * Counts one attempt (atomic, creates the window's item) and returns the standing it gives.
 * The count slides: the previous window's attempts still count for the part of it that lies
 * within the last window's length, so five guesses just before a window ends and five just after
 * are not ten allowed at once.
 */
export async function countSigninAttempt({ ip, now = new Date(), limit = SIGNIN_LIMIT }: ClientAt): Promise<SigninStatus> {
  const { window, expiresAt } = signinWindow(now, limit.windowSeconds);
  const previous = signinWindow(new Date(now.getTime() - limit.windowSeconds * 1000), limit.windowSeconds).window;
  const entity = await attempts();
  const [counted, before] = await Promise.all([
    entity.update({ ip, window }).add({ attempts: 1 }).set({ expiresAt }).go({ response: "all_new" }),
    entity.get({ ip, window: previous }).go({ consistent: true, attributes: ["attempts"] }),
  ]);
  const elapsed = (now.getTime() - Date.parse(window)) / (limit.windowSeconds * 1000);
  const carried = Math.ceil((before.data?.attempts ?? 0) * (1 - elapsed));
  return signinStatus((counted.data.attempts ?? 0) + carried, now, limit);
}

/** Forgets the client's attempts in the current and the previous window (after a successful sign-in). */
export async function clearSigninAttempts({ ip, now = new Date(), limit = SIGNIN_LIMIT }: ClientAt): Promise<void> {
  const entity = await attempts();
  const previous = new Date(now.getTime() - limit.windowSeconds * 1000);
  await Promise.all([now, previous].map((at) => entity.delete({ ip, window: signinWindow(at, limit.windowSeconds).window }).go()));
}
