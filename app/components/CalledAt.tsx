import type { CallerView } from "~/lib/caller-view";

/** "5 minutes ago · 25 Nov 2026, 08:30 UTC", machine-readable through <time>. */
export function CalledAt({ caller }: { caller: Pick<CallerView, "calledAt" | "calledAgo" | "calledAtText"> }) {
  return (
    <p className="called-at">
      Called{" "}
      <time dateTime={caller.calledAt} title={caller.calledAtText}>
        {caller.calledAgo}
      </time>
      <span className="called-at__absolute"> · {caller.calledAtText}</span>
    </p>
  );
}
