// How a vanity number is written for people and spoken for callers.
import type { ParsedPhoneNumber } from "./phone.js";

/** A piece of a vanity number: digits that stay, a word, or letters that spell no word. */
export interface Segment {
  kind: "digits" | "word" | "letters";
  text: string;
}

/**
 * Splits a written national number into display groups. `chars` holds a digit or a letter per
 * national digit; `wordBounds` marks where words start and end. Digit runs keep the country's
 * usual grouping; every word and every run of filler letters is a group of its own.
 */
export function toSegments(phone: ParsedPhoneNumber, chars: string[], kinds: ("digit" | "word" | "letter")[], wordStarts: Set<number>): Segment[] {
  const breaks = nationalGroupBreaks(phone);
  const segments: Segment[] = [];
  for (let i = 0; i < chars.length; i++) {
    const kind = kinds[i] === "digit" ? "digits" : kinds[i] === "word" ? "word" : "letters";
    const last = segments.at(-1);
    const continues =
      last !== undefined && last.kind === kind && (kind === "word" ? !wordStarts.has(i) : !breaks.has(i));
    if (continues) last.text += chars[i];
    else segments.push({ kind, text: chars[i]! });
  }
  return segments;
}

// Where the country's own format starts a new group, as offsets into the national number:
// "+44 20 7946 0958" → {2, 6}.
function nationalGroupBreaks(phone: ParsedPhoneNumber): Set<number> {
  const breaks = new Set<number>();
  let at = 0;
  for (const group of phone.groups.slice(1)) {
    if (at > 0) breaks.add(at);
    at += group.replace(/\D/g, "").length;
  }
  return breaks;
}

/** "1-800-FLOWERS" for North America, "+44-20-7946-CAKE" elsewhere. */
export function displayVanity(phone: ParsedPhoneNumber, segments: Segment[]): string {
  const prefix = phone.countryCallingCode === "1" ? "1" : `+${phone.countryCallingCode}`;
  return [prefix, ...segments.map((s) => s.text)].join("-");
}

const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

/** Escapes the five characters SSML (XML) reserves. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => XML_ESCAPES[ch]!);
}

const GROUP_BREAK = '<break time="300ms"/>';

/**
 * SSML for one vanity number, without `<speak>`: digits one by one, a word said and then
 * spelled, letters that spell nothing only spelled, with short breaks between groups.
 */
export function speakVanity(phone: ParsedPhoneNumber, segments: Segment[]): string {
  const prefix = phone.countryCallingCode === "1" ? "1" : phone.countryCallingCode;
  const parts = [digits(prefix), ...segments.map(speakSegment)];
  return parts.join(GROUP_BREAK);
}

function speakSegment(segment: Segment): string {
  switch (segment.kind) {
    case "digits":
      return digits(segment.text);
    case "word":
      return `${escapeXml(segment.text.toLowerCase())}<break time="150ms"/>${characters(segment.text)}`;
    case "letters":
      return characters(segment.text);
  }
}

const digits = (text: string) => `<say-as interpret-as="digits">${escapeXml(text)}</say-as>`;
const characters = (text: string) => `<say-as interpret-as="characters">${escapeXml(text)}</say-as>`;
