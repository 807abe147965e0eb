// Failed dashboard sign-ins per client, counted in DynamoDB so that the limit holds across every
// Lambda instance (an in-memory counter would reset on each cold start and differ per instance).
//
// Answers: how many times has this client failed to sign in during the current window?
//
// Fixed windows (15 minutes by default): the count lives in one item per client and window,
// incremented atomically (UpdateItem ADD), so concurrent attempts are all counted. Items carry
// `expiresAt` (epoch seconds), the table's TTL attribute, so DynamoDB deletes old windows by
// itself; reads never depend on that, because each window is its own key.
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { Entity, type EntityItem } from "electrodb";
import { entityOnDb } from "./db.server.js";

export interface SigninLimit {
  /** Failed attempts allowed per window; the next attempt is refused until the window ends. */
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
  failures: number;
  blocked: boolean;
  /** Seconds until the window ends (for Retry-After), at least 1. */
  retryAfterSeconds: number;
}

/** What a failure count means at `now`. Pure. */
export function signinStatus(failures: number, now: Date, limit: SigninLimit = SIGNIN_LIMIT): SigninStatus {
  const { endsAt } = signinWindow(now, limit.windowSeconds);
  return {
    failures,
    blocked: failures >= limit.maxFailures,
    retryAfterSeconds: Math.max(1, Math.ceil((endsAt.getTime() - now.getTime()) / 1000)),
  };
}

export function makeSigninAttemptEntity(client: DynamoDBClient, table: string) {
  return new Entity(
    {
      model: { service: "vanity", entity: "signinAttempt", version: "1" },
      attributes: {
        ip: { type: "string", required: true, readOnly: true },
        window: { type: "string", required: true, readOnly: true },
        failures: { type: "number", required: true, default: 0 },
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

/** The client's standing in the current window (a strongly consistent read). */
export async function getSigninStatus({ ip, now = new Date(), limit = SIGNIN_LIMIT }: ClientAt): Promise<SigninStatus> {
  const { window } = signinWindow(now, limit.windowSeconds);
  const { data } = await (await attempts()).get({ ip, window }).go({ consistent: true, attributes: ["failures"] });
  return signinStatus(data?.failures ?? 0, now, limit);
}

/** Counts one failed attempt (atomic, creates the window's item) and returns the new standing. */
export async function recordFailedSignin({ ip, now = new Date(), limit = SIGNIN_LIMIT }: ClientAt): Promise<SigninStatus> {
  const { window, expiresAt } = signinWindow(now, limit.windowSeconds);
  const { data } = await (await attempts())
    .update({ ip, window })
    .add({ failures: 1 })
    .set({ expiresAt })
    .go({ response: "all_new" });
  return signinStatus(data.failures ?? 0, now, limit);
}

/** Forgets the client's failures in the current window (after a successful sign-in). */
export async function clearFailedSignins({ ip, now = new Date(), limit = SIGNIN_LIMIT }: ClientAt): Promise<void> {
  const { window } = signinWindow(now, limit.windowSeconds);
  await (await attempts()).delete({ ip, window }).go();
}
