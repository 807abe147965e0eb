// Callers as rows: the number (linking to its page), the best vanity number, the latest call, how many calls.
import { Link } from "@remix-run/react";
import type { CallerView } from "~/lib/caller-view";
import { TimeAgo } from "./CalledAt";

export function CallerTable({ callers, label }: { callers: CallerView[]; label: string }) {
  return (
    <div className="table-scroll">
      <table className="table caller-table" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">Number</th>
            <th scope="col">Best vanity number</th>
            <th scope="col">Latest call</th>
            <th scope="col" className="caller-table__count">
              Calls
            </th>
          </tr>
        </thead>
        <tbody>
          {callers.map((caller) => (
            <tr key={caller.e164}>
              <th scope="row" className="caller-table__number">
                <Link to={caller.href} className="phone">
                  {caller.phone}
                </Link>
              </th>
              <td className="caller-table__vanity" data-label="Best">
                <span className="vanity__number">{caller.vanity[0]}</span>
              </td>
              <td className="caller-table__latest" data-label="Latest call">
                <TimeAgo moment={caller.latestCall} />
              </td>
              <td className="caller-table__count" data-label="Calls">
                {caller.callCount}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
