// "Newer" and "Older" links between pages of a list; a missing side is shown, disabled, so the pair never jumps.
import { Link } from "@remix-run/react";

export function Pager({ newer, older, label }: { newer: string | null; older: string | null; label: string }) {
  if (!newer && !older) return null;
  return (
    <nav className="pager" aria-label={label}>
      {newer ? (
        <Link className="button button--quiet" to={newer} rel="prev">
          ← Newer
        </Link>
      ) : (
        <span className="button button--quiet" aria-disabled="true">
          ← Newer
        </span>
      )}
      {older ? (
        <Link className="button button--quiet" to={older} rel="next">
          Older →
        </Link>
      ) : (
        <span className="button button--quiet" aria-disabled="true">
          Older →
        </span>
      )}
    </nav>
  );
}
