// One caller: the number (linking to its page), when they called, their five vanity numbers.
import { Link } from "@remix-run/react";
import type { CallerView } from "~/lib/caller-view";
import { CalledAt } from "./CalledAt";
import { VanityList } from "./VanityList";

export function CallerCard({ caller, latest = false }: { caller: CallerView; latest?: boolean }) {
  const headingId = `caller-${caller.e164.replace(/\W/g, "")}`;
  return (
    <article className={latest ? "card card--latest" : "card"} aria-labelledby={headingId}>
      <header className="card__header">
        <h2 id={headingId} className="card__title">
          <Link to={caller.href} className="phone">
            {caller.phone}
          </Link>
        </h2>
        {latest ? <span className="badge badge--quiet">Latest</span> : null}
        <CalledAt caller={caller} />
      </header>
      <VanityList vanity={caller.vanity} label={`Vanity numbers for ${caller.phone}`} />
    </article>
  );
}
