// Dashboard sign-in attempts, counted in DynamoDB so that the limits hold across every Lambda
// instance (an in-memory counter would reset on each cold start and differ per instance).
//
// Answers: how many times has this subject tried to sign in during the current window? A subject
// is an account name (whether or not it exists), a client address, or everyone at once.
//
// Count first, then decide: every attempt adds one (UpdateItem ADD) before its password is
// checked, and the count that comes back decides, so guesses sent together cannot all pass a
// read made before any of them was counted. A successful sign-in clears its account's count.
// Windows of 15 minutes by default, one item per client and window, the previous window's count
// carried over in proportion (a sliding window, so a window's end is no reset). Items carry
// `expiresAt` (epoch seconds), the table's TTL attribute, so DynamoDB deletes old windows by
// itself; reads never depend on that, because each window is its own key.
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { Entity, type EntityItem } from "electrodb";
import { entityOnDb } from "./db.server.js";

export interface SigninLimit {
  /** Attempts allowed per window; the next is refused until the window ends. */
  maxFailures: number;
  windowSeconds: number;
}

export type SigninSubject = { account: string } | { address: string } | "everyone";

/**
 * Per account: a handful of guesses. Per address: enough for an office behind one NAT. For
 * everyone: a ceiling on what a spread-out guesser can try per window (well above a shift change).
 */
export const SIGNIN_LIMITS = {
  account: { maxFailures: 5, windowSeconds: 15 * 60 },
  address: { maxFailures: 30, windowSeconds: 15 * 60 },
  everyone: { maxFailures: 1000, windowSeconds: 15 * 60 },
} as const satisfies Record<string, SigninLimit>;

export const SIGNIN_LIMIT: SigninLimit = SIGNIN_LIMITS.account;

/** The subject's key part, bounded and plain. */
export function subjectKey(subject: SigninSubject): string {
  if (subject === "everyone") return "everyone";
  return "account" in subject ? `account:${subject.account.slice(0, 64)}` : `address:${subject.address.slice(0, 45)}`;
}

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
      // Version 3 counts per subject (account, address, everyone); 2 counted per address only.
      model: { service: "vanity", entity: "signinAttempt", version: "3" },
      attributes: {
        subject: { type: "string", required: true, readOnly: true },
        window: { type: "string", required: true, readOnly: true },
        attempts: { type: "number", required: true, default: 0 },
        expiresAt: { type: "number", required: true }, // the table's TTL attribute
      },
      indexes: {
        bySubject: { pk: { field: "pk", composite: ["subject"] }, sk: { field: "sk", composite: ["window"] } },
      },
    },
    { client, table },
  );
}

export type SigninAttemptEntity = ReturnType<typeof makeSigninAttemptEntity>;
export type SigninAttemptItem = EntityItem<SigninAttemptEntity>;

const attempts = entityOnDb(makeSigninAttemptEntity);

interface SubjectAt {
  subject: SigninSubject;
  now?: Date;
  limit?: SigninLimit;
}

/**
 * Counts one attempt (atomic, creates the window's item) and returns the standing it gives.
 * The count slides: the previous window's attempts still count for the part of it that lies
 * within the last window's length, so five guesses just before a window ends and five just after
 * are not ten allowed at once.
 */
export async function countSigninAttempt({ subject, now = new Date(), limit = SIGNIN_LIMIT }: SubjectAt): Promise<SigninStatus> {
  const [status] = await countAttempts([{ subject, limit }], now);
  return status!;
}

/** Counts one attempt for each subject: one update each and one batch read of their previous windows. */
async function countAttempts(subjects: { subject: SigninSubject; limit: SigninLimit }[], now: Date): Promise<SigninStatus[]> {
  const entity = await attempts();
  const keyed = subjects.map(({ subject, limit }) => ({
    subject: subjectKey(subject),
    limit,
    current: signinWindow(now, limit.windowSeconds),
    previous: signinWindow(new Date(now.getTime() - limit.windowSeconds * 1000), limit.windowSeconds).window,
  }));
  const [counted, before] = await Promise.all([
    Promise.all(
      keyed.map(({ subject, current }) =>
        entity
          .update({ subject, window: current.window })
          .add({ attempts: 1 })
          .set({ expiresAt: current.expiresAt })
          .go({ response: "all_new" }),
      ),
    ),
    entity.get(keyed.map(({ subject, previous }) => ({ subject, window: previous }))).go({ consistent: true }),
  ]);
  return keyed.map(({ subject, limit, current, previous }, i) => {
    const earlier = before.data.find((item) => item.subject === subject && item.window === previous)?.attempts ?? 0;
    const elapsed = (now.getTime() - Date.parse(current.window)) / (limit.windowSeconds * 1000);
    return signinStatus((counted[i]!.data.attempts ?? 0) + Math.ceil(earlier * (1 - elapsed)), now, limit);
  });
}

/** Forgets the subject's attempts in the current and the previous window (after a successful sign-in). */
export async function clearSigninAttempts({ subject: who, now = new Date(), limit = SIGNIN_LIMIT }: SubjectAt): Promise<void> {
  const subject = subjectKey(who);
  const entity = await attempts();
  const previous = new Date(now.getTime() - limit.windowSeconds * 1000);
  await Promise.all([now, previous].map((at) => entity.delete({ subject, window: signinWindow(at, limit.windowSeconds).window }).go()));
}

export type SigninRefusal = "account" | "address" | "everyone";

export interface SigninStanding extends SigninStatus {
  /** Which limit refused the attempt, when one did (the longest wait wins). */
  refusedBy: SigninRefusal | null;
}

/**
 * Counts one attempt against the account's, the address's and everyone's limit at once, and
 * returns the account's count with the first limit that refuses it.
 */
export async function countSigninAttempts({
  account,
  address,
  now = new Date(),
}: {
  account: string;
  address: string;
  now?: Date;
}): Promise<SigninStanding> {
  const [byAccount, byAddress, byEveryone] = (await countAttempts(
    [
      { subject: { account }, limit: SIGNIN_LIMITS.account },
      { subject: { address }, limit: SIGNIN_LIMITS.address },
      { subject: "everyone", limit: SIGNIN_LIMITS.everyone },
    ],
    now,
  )) as [SigninStatus, SigninStatus, SigninStatus];
  const refusing = (
    [
      ["everyone", byEveryone],
      ["account", byAccount],
      ["address", byAddress],
    ] as const
  ).filter(([, status]) => status.blocked);
  const [refusedBy, status] = refusing.sort((a, b) => b[1].retryAfterSeconds - a[1].retryAfterSeconds)[0] ?? [null, byAccount];
  return { ...status, attempts: byAccount.attempts, refusedBy };
}
