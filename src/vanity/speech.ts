// How vanity numbers are spoken: SSML for Amazon Connect (Polly), using only tags Connect
// supports (speak, s, break, say-as). A word is said and then spelled; digits are read one by
// one; letters that spell nothing are only spelled; short breaks separate the groups.
import type { VanityNumber } from "./vanity.js";

const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

/** Escapes the five characters SSML (XML) reserves. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => XML_ESCAPES[ch]!);
}

const GROUP_BREAK = '<break time="300ms"/>';
const digits = (text: string) => `<say-as interpret-as="digits">${escapeXml(text)}</say-as>`;
const characters = (text: string) => `<say-as interpret-as="characters">${escapeXml(text)}</say-as>`;

/** SSML for one vanity number, without `<speak>`, from its display form. */
export function speakVanity({ display, words }: Pick<VanityNumber, "display" | "words">): string {
  return display
    .split("-")
    .map((group) => {
      if (/^\+?\d+$/.test(group)) return digits(group.replace("+", ""));
      // Words and filler letters never share a number, so a letter group is a word when it has words.
      if (words.length > 0) return `${escapeXml(group.toLowerCase())}<break time="150ms"/>${characters(group)}`;
      return characters(group);
    })
    .join(GROUP_BREAK);
}

/**
 * A complete SSML document that reads `numbers` one after another:
 * `<speak><s>Here are your vanity numbers.</s><s>Number 1: …</s>…</speak>`.
 */
export function speakVanityNumbers(
  numbers: readonly Pick<VanityNumber, "display" | "words">[],
  intro = "Here are your vanity numbers.",
): string {
  const items = numbers.map((n, i) => `<s>Number ${i + 1}: ${speakVanity(n)}</s>`);
  return `<speak><s>${escapeXml(intro)}</s>${items.join('<break time="700ms"/>')}</speak>`;
}
