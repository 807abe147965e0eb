import { escapeXml } from "./format.js";
import type { VanityNumber } from "./vanity.js";

/**
 * A complete SSML document for Amazon Connect that reads `numbers` one after another:
 * "<speak>Your vanity numbers are: <s>Number 1: …</s>…</speak>".
 */
export function speakVanityNumbers(numbers: readonly VanityNumber[], intro = "Here are your vanity numbers."): string {
  const items = numbers.map((n, i) => `<s>Number ${i + 1}: ${n.ssml}</s>`);
  return `<speak><s>${escapeXml(intro)}</s>${items.join('<break time="700ms"/>')}</speak>`;
}
