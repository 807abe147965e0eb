// Five vanity numbers, best first; the best one stands out.
import type { Explanation } from "../../src/vanity/index.js";

export interface VanityListProps {
  /** Display forms, best first. */
  vanity: readonly string[];
  /** Words used in each (same order), shown under the number when given. */
  words?: ReadonlyArray<readonly string[]>;
  /** Names the list for screen readers, e.g. "Vanity numbers for +1 800 356 9377". */
  label: string;
  /** Why each ranks where it does, shown folded under it ("why this order"). */
  explanations?: readonly Explanation[];
}

export function VanityList({ vanity, words, label, explanations }: VanityListProps) {
  return (
    <ol className="vanity-list" aria-label={label}>
      {vanity.map((display, index) => {
        const used = words?.[index] ?? [];
        return (
          <li key={display} className={index === 0 ? "vanity vanity--best" : "vanity"}>
            <span className="vanity__number">{display}</span>
            {index === 0 ? <span className="badge">Best</span> : null}
            {used.length > 0 ? <span className="vanity__words">{used.join(" · ").toLowerCase()}</span> : null}
            {explanations?.[index] ? <Why explanation={explanations[index]} /> : null}
          </li>
        );
      })}
    </ol>
  );
}

function Why({ explanation }: { explanation: Explanation }) {
  const points = (n: number) => (n > 0 ? `+${n.toFixed(2)}` : n.toFixed(2));
  return (
    <details className="why">
      <summary>Why this order</summary>
      {explanation.kind === "words" ? (
        <p className="why__score">Score {explanation.score.toFixed(2)}: the parts add up to it, and higher ranks first.</p>
      ) : null}
      <ul className="why__parts">
        {explanation.parts.map((part) => (
          <li key={part.what}>
            <span>{part.what}</span>
            {explanation.kind === "words" ? <span className="why__points">{points(part.points)}</span> : null}
          </li>
        ))}
        {explanation.digitsKept !== undefined ? <li>{explanation.digitsKept} of the searched digits kept as digits</li> : null}
        {explanation.relaxed ? <li>Rule relaxed: {explanation.relaxed}</li> : null}
      </ul>
    </details>
  );
}
