// The corpus of odd and hostile Connect events (fixtures/bad-events.json), expanded for tests.
import { readFileSync } from "node:fs";
import type { ConnectStatus } from "../src/connect/contract.js";

export interface EventCase {
  name: string;
  status: ConnectStatus;
  /** The E.164 number an OK case stores. */
  stored?: string;
  why?: string;
  event: unknown;
}

/** `{ "$repeat": s, "times": n }` anywhere in a value becomes s repeated n times. */
export function expandRepeats(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(expandRepeats);
  if (typeof value !== "object" || value === null) return value;
  const record = value as Record<string, unknown>;
  if (typeof record.$repeat === "string" && typeof record.times === "number") return record.$repeat.repeat(record.times);
  return Object.fromEntries(Object.entries(record).map(([key, item]) => [key, expandRepeats(item)]));
}

export function loadEventCases(): EventCase[] {
  const { cases } = JSON.parse(readFileSync(new URL("./fixtures/bad-events.json", import.meta.url), "utf8")) as { cases: EventCase[] };
  return cases.map((c) => ({ ...c, event: expandRepeats(c.event) }));
}
