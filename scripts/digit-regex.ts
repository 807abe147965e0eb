// The regular expressions of libphonenumber-js's metadata as automata over the digits 0-9, so
// that scripts/build-nanp-plan.ts can work out, exactly, which numbers they tell apart.
//
// Only the syntax the metadata uses is accepted: digits, \d, [classes] with ranges, groups
// ((?:…) or capturing), |, ?, {n} and {n,m}, and $ (end of input). Anything else throws, so a
// new construct in a future metadata fails the build instead of being misread.

type Ast =
  | { kind: "digits"; mask: number } // bit d set: digit d matches
  | { kind: "end" }
  | { kind: "seq"; items: Ast[] }
  | { kind: "alt"; items: Ast[] }
  | { kind: "repeat"; item: Ast; min: number; max: number };

type Edge = { kind: "digits"; mask: number; to: number } | { kind: "empty" | "end"; to: number };

export class UnsupportedPatternError extends Error {
  override readonly name = "UnsupportedPatternError";
}

const QUANTIFIER = /^(?:\?|\{(\d+)(?:(,)(\d+))?\})/; // ?, {n}, {n,m}

function parse(source: string): Ast {
  let at = 0;
  const fail = (why: string): never => {
    throw new UnsupportedPatternError(`${why} at ${at} in /${source}/`);
  };
  const digit = (): number => {
    const ch = source[at++];
    if (ch === undefined || ch < "0" || ch > "9") fail("expected a digit");
    return Number(ch);
  };
  const alternatives = (): Ast => {
    const items = [sequence()];
    while (source[at] === "|") {
      at++;
      items.push(sequence());
    }
    return items.length === 1 ? items[0]! : { kind: "alt", items };
  };
  const sequence = (): Ast => {
    const items: Ast[] = [];
    while (at < source.length && source[at] !== "|" && source[at] !== ")") {
      let item = atom();
      for (let quantifier = QUANTIFIER.exec(source.slice(at)); quantifier; quantifier = QUANTIFIER.exec(source.slice(at))) {
        at += quantifier[0].length;
        const min = quantifier[1] === undefined ? 0 : Number(quantifier[1]);
        const max = quantifier[1] === undefined ? 1 : quantifier[2] ? Number(quantifier[3]) : min;
        item = { kind: "repeat", item, min, max };
      }
      if (source[at] === "*" || source[at] === "+" || source[at] === "{") fail("unbounded or malformed repetition");
      items.push(item);
    }
    return { kind: "seq", items };
  };
  const atom = (): Ast => {
    const ch = source[at];
    if (ch === "(") {
      at += source.startsWith("(?:", at) ? 3 : 1;
      const inner = alternatives();
      if (source[at++] !== ")") fail("expected )");
      return inner;
    }
    if (ch === "$") {
      at++;
      return { kind: "end" };
    }
    if (source.startsWith("\\d", at)) {
      at += 2;
      return { kind: "digits", mask: 0x3ff };
    }
    if (ch === "[") {
      at++;
      let mask = 0;
      while (source[at] !== "]") {
        if (source.startsWith("\\d", at)) {
          at += 2;
          mask = 0x3ff;
          continue;
        }
        const from = digit();
        const to = source[at] === "-" ? (at++, digit()) : from;
        for (let d = from; d <= to; d++) mask |= 1 << d;
      }
      at++;
      return { kind: "digits", mask };
    }
    return { kind: "digits", mask: 1 << digit() };
  };
  const ast = alternatives();
  if (at !== source.length) fail("unexpected )");
  return ast;
}

/**
 * One pattern as a deterministic automaton over digits, built as far as it is walked.
 * State 0 is the start; `step` reads one digit; `matches(state, atEnd)` says whether the digits
 * read so far match the whole pattern ($ only matches at the end of the input).
 */
export class DigitRegex {
  private readonly edges: Edge[][] = [];
  private readonly accept: number;
  private readonly sets: number[][] = [];
  private readonly ids = new Map<string, number>();
  private readonly next: Int32Array[] = [];
  private readonly matchesHere: boolean[] = [];
  private readonly matchesAtEnd: boolean[] = [];

  constructor(readonly source: string) {
    const start = this.node();
    this.accept = this.build(parse(source), start);
    this.intern(this.closure([start], false));
  }

  step(state: number, digit: number): number {
    let to = this.next[state]![digit]!;
    if (to < 0) {
      const reached: number[] = [];
      for (const node of this.sets[state]!) {
        for (const edge of this.edges[node]!) if (edge.kind === "digits" && edge.mask & (1 << digit)) reached.push(edge.to);
      }
      to = this.intern(this.closure(reached, false));
      this.next[state]![digit] = to;
    }
    return to;
  }

  matches(state: number, atEnd: boolean): boolean {
    return (atEnd ? this.matchesAtEnd : this.matchesHere)[state]!;
  }

  private node(): number {
    return this.edges.push([]) - 1;
  }

  // Thompson's construction: returns the node where `ast`, started at `from`, ends.
  private build(ast: Ast, from: number): number {
    switch (ast.kind) {
      case "digits":
      case "end": {
        const to = this.node();
        this.edges[from]!.push(ast.kind === "digits" ? { kind: "digits", mask: ast.mask, to } : { kind: "end", to });
        return to;
      }
      case "seq":
        return ast.items.reduce((at, item) => this.build(item, at), from);
      case "alt": {
        const to = this.node();
        for (const item of ast.items) this.edges[this.build(item, from)]!.push({ kind: "empty", to });
        return to;
      }
      case "repeat": {
        let at = from;
        for (let k = 0; k < ast.min; k++) at = this.build(ast.item, at);
        const to = this.node();
        this.edges[at]!.push({ kind: "empty", to });
        for (let k = ast.min; k < ast.max; k++) {
          at = this.build(ast.item, at);
          this.edges[at]!.push({ kind: "empty", to });
        }
        return to;
      }
    }
  }

  private closure(seed: number[], atEnd: boolean): number[] {
    const seen = new Set(seed);
    const stack = [...seed];
    while (stack.length > 0) {
      for (const edge of this.edges[stack.pop()!]!) {
        if ((edge.kind === "empty" || (atEnd && edge.kind === "end")) && !seen.has(edge.to)) {
          seen.add(edge.to);
          stack.push(edge.to);
        }
      }
    }
    return [...seen].sort((a, b) => a - b);
  }

  private intern(set: number[]): number {
    const key = set.join(",");
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.sets.push(set) - 1;
      this.ids.set(key, id);
      this.next.push(new Int32Array(10).fill(-1));
      this.matchesHere.push(set.includes(this.accept));
      this.matchesAtEnd.push(this.closure(set, true).includes(this.accept));
    }
    return id;
  }
}
