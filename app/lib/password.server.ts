// Password and token comparison in constant time: both sides are hashed first, so the
// comparison takes as long whatever the lengths, and timingSafeEqual never sees unequal sizes.
import { createHash, timingSafeEqual } from "node:crypto";

function digest(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}

/** True when `given` equals `expected`, compared without an early exit. */
export function secretsMatch(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}
