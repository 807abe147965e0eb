// What the pages show for a caller, worked out by the loader so components only lay it out.
import { callerPath, formatPhoneNumber } from "./phone.js";
import { formatDateTime, formatTimeAgo } from "./time.js";

/** The fields of the data layer's CallerRecord that the pages use. */
export interface CallerLike {
  e164: string;
  vanity: readonly string[];
  calledAt: string;
}

export interface CallerView {
  e164: string;
  /** "+1 800 356 9377" */
  phone: string;
  /** "/callers/+18003569377" */
  href: string;
  /** Display forms, best first. */
  vanity: string[];
  /** ISO 8601, for `<time dateTime>`. */
  calledAt: string;
  /** "5 minutes ago" */
  calledAgo: string;
  /** "25 Nov 2026, 08:30 UTC" */
  calledAtText: string;
}

export function toCallerView(caller: CallerLike, now: Date): CallerView {
  return {
    e164: caller.e164,
    phone: formatPhoneNumber(caller.e164),
    href: callerPath(caller.e164),
    vanity: [...caller.vanity],
    calledAt: caller.calledAt,
    calledAgo: formatTimeAgo(caller.calledAt, now),
    calledAtText: formatDateTime(caller.calledAt),
  };
}
