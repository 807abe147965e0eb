// What a build step was made from, as one short hash: the step keeps it with its output and
// skips the work while the hash stays the same.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

/** The first `length` hex digits of the SHA-256 of `prefix` and then the files' contents. */
export function inputHash(files: readonly string[], length: number, prefix = ""): string {
  const hash = createHash("sha256");
  hash.update(prefix);
  for (const file of files) hash.update(readFileSync(file));
  return hash.digest("hex").slice(0, length);
}
