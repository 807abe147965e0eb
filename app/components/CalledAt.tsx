import type { Moment } from "~/lib/caller-view";

/** "Called 5 minutes ago · 25 Nov 2026, 08:30 UTC", machine-readable through <time>. */
export function CalledAt({ moment, label = "Called" }: { moment: Moment; label?: string }) {
  return (
    <p className="called-at">
      {label} <TimeAgo moment={moment} />
      <span className="called-at__absolute"> · {moment.text}</span>
    </p>
  );
}

/** "5 minutes ago", with the exact time on hover and for machines. */
export function TimeAgo({ moment }: { moment: Moment }) {
  return (
    <time dateTime={moment.iso} title={moment.text}>
      {moment.ago}
    </time>
  );
}
