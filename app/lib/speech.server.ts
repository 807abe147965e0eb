// What the contact flow says for a caller's numbers, as plain text, for the pages' "Hear it"
// button (the browser's speech synthesis reads text, not SSML): the same SSML the Lambda sends
// (src/vanity/speech.ts), rendered to text the way the call simulator prints it.
import { SPOKEN_COUNT } from "../../src/connect/contract.js";
import { speakVanityNumbers } from "../../src/vanity/index.js";
import { ssmlToText } from "../../src/vanity/ssml-text.js";

export function spokenText(vanity: readonly string[], words?: ReadonlyArray<readonly string[]>): string {
  const spoken = vanity.slice(0, SPOKEN_COUNT).map((display, i) => ({ display, words: words?.[i] ?? [] }));
  return ssmlToText(speakVanityNumbers(spoken));
}
