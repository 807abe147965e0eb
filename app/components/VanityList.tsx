// Five vanity numbers, best first; the best one stands out.
export interface VanityListProps {
  /** Display forms, best first. */
  vanity: readonly string[];
  /** Words used in each (same order), shown under the number when given. */
  words?: ReadonlyArray<readonly string[]>;
  /** Names the list for screen readers, e.g. "Vanity numbers for +1 800 356 9377". */
  label: string;
}

export function VanityList({ vanity, words, label }: VanityListProps) {
  return (
    <ol className="vanity-list" aria-label={label}>
      {vanity.map((display, index) => {
        const used = words?.[index] ?? [];
        return (
          <li key={display} className={index === 0 ? "vanity vanity--best" : "vanity"}>
            <span className="vanity__number">{display}</span>
            {index === 0 ? <span className="badge">Best</span> : null}
            {used.length > 0 ? <span className="vanity__words">{used.join(" · ").toLowerCase()}</span> : null}
          </li>
        );
      })}
    </ol>
  );
}
