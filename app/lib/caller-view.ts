// What the pages show for a caller, worked out by the loader so components only lay it out.
import { callerPath, formatPhoneNumber } from "./phone.js";
import { formatDateTime, formatTimeAgo } from "./time.js";

/** The fields of the data layer's CallerRecord that the pages use. */
export interface CallerLike {
  e164: string;
  vanity: readonly string[];
  calledAt: string;
  lastCalledAt?: string;
  callCount?: number;
}

/** A moment as the pages show it. */
export interface Moment {
  /** ISO 8601, for `<time dateTime>`. */
  iso: string;
  /** "5 minutes ago" */
  ago: string;
  /** "25 Nov 2026, 08:30 UTC" */
  text: string;
}

export interface CallerView {
  e164: string;
  /** "+1 800 356 9377" */
  phone: string;
  /** "/callers/+18003569377" */
  href: string;
  /** Display forms, best first. */
  vanity: string[];
  firstCall: Moment;
  latestCall: Moment;
  callCount: number;
}

export function toMoment(iso: string, now: Date): Moment {
  return { iso, ago: formatTimeAgo(iso, now), text: formatDateTime(iso) };
}

export function toCallerView(caller: CallerLike, now: Date): CallerView {
  return {
    e164: caller.e164,
    phone: formatPhoneNumber(caller.e164),
    href: callerPath(caller.e164),
    vanity: [...caller.vanity],
    firstCall: toMoment(caller.calledAt, now),
    latestCall: toMoment(caller.lastCalledAt ?? caller.calledAt, now),
    callCount: caller.callCount ?? 1,
  };
}
