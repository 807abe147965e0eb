// Renders SSML as plain text a person can read in a transcript: roughly what a caller hears.
//   <say-as interpret-as="digits">1800</say-as>          → "1 8 0 0"
//   <say-as interpret-as="characters">FLOWERS</say-as>   → "F L O W E R S"
//   <break time="300ms"/> → ", "   a longer or strong break → " … "   <s>, <p> → a line each
//   <sub alias="x">…</sub> → "x"   other tags dropped, their text kept   entities unescaped
// Plain text (no tags) passes through unchanged apart from entities and spacing.

const TOKEN = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<(\/?)([A-Za-z][\w:.-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|[^<]+|</g;
const LINE_BREAK = "\n";
const SHORT_PAUSE = ", ";
const LONG_PAUSE = " … ";

interface OpenTag {
  name: string;
  attributes: Record<string, string>;
  text: string; // collected text, for tags whose content is transformed (say-as, sub)
}

/** SSML → readable text; sentences and paragraphs become separate lines. */
export function ssmlToText(ssml: string): string {
  let out = "";
  const collecting: OpenTag[] = []; // say-as / sub currently open (innermost last)
  const emit = (text: string) => {
    const inner = collecting.at(-1);
    if (inner) inner.text += text;
    else out += text;
  };

  for (const match of ssml.matchAll(TOKEN)) {
    const [token, closing, rawName, rawAttributes = "", selfClosing] = match;
    if (rawName === undefined) {
      if (!token.startsWith("<!--") && !token.startsWith("<?")) emit(unescapeEntities(token));
      continue;
    }
    const name = rawName.toLowerCase();
    const attributes = parseAttributes(rawAttributes);
    if (name === "break") {
      emit(pauseFor(attributes));
      continue;
    }
    if (name === "say-as" || name === "sub") {
      if (closing) {
        const open = collecting.pop();
        if (open) emit(open.name === "sub" ? (open.attributes.alias ?? open.text) : sayAs(open.attributes["interpret-as"], open.text));
      } else if (selfClosing) {
        if (name === "sub" && attributes.alias) emit(attributes.alias);
      } else {
        collecting.push({ name, attributes, text: "" });
      }
      continue;
    }
    if (name === "s" || name === "p") {
      // A sentence or paragraph ends its line, with a full stop if it has no closing punctuation.
      if (closing) emit(`${/[.!?…:;]\s*$/.test(currentText(out, collecting)) ? "" : "."}${LINE_BREAK}`);
      else emit(LINE_BREAK);
    }
    // Every other tag (speak, prosody, lang, w, phoneme, mark, amazon:effect…) keeps its text only.
  }
  while (collecting.length) {
    const open = collecting.pop()!;
    emit(open.name === "sub" ? (open.attributes.alias ?? open.text) : sayAs(open.attributes["interpret-as"], open.text));
  }
  return tidy(out);
}

/** The prompt a transcript shows: SSML rendered to text, plain text tidied. */
export function promptToText(format: "text" | "ssml" | "prompt-id", content: string): string {
  if (format === "prompt-id") return `[recorded prompt ${content}]`;
  return format === "ssml" ? ssmlToText(content) : tidy(content);
}

function currentText(out: string, collecting: OpenTag[]): string {
  return collecting.at(-1)?.text ?? out;
}

function sayAs(interpretAs: string | undefined, text: string): string {
  switch (interpretAs) {
    case "digits":
      return text.replace(/\s+/g, "").split("").join(" ");
    case "characters":
    case "spell-out":
      return text.replace(/\s+/g, "").toUpperCase().split("").join(" ");
    default:
      return text; // cardinal, telephone, date…: the written form reads well enough
  }
}

function pauseFor(attributes: Record<string, string>): string {
  const strength = attributes.strength;
  if (strength === "none") return " ";
  if (strength === "x-weak" || strength === "weak") return SHORT_PAUSE;
  if (strength === "strong" || strength === "x-strong") return LONG_PAUSE;
  const time = attributes.time?.match(/^(\d+(?:\.\d+)?)(ms|s)$/);
  if (time) {
    const ms = Number(time[1]) * (time[2] === "s" ? 1000 : 1);
    return ms >= 500 ? LONG_PAUSE : SHORT_PAUSE;
  }
  return SHORT_PAUSE; // the default strength is medium
}

function parseAttributes(raw: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const m of raw.matchAll(/([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    attributes[m[1]!.toLowerCase()] = unescapeEntities(m[2] ?? m[3] ?? "");
  }
  return attributes;
}

const NAMED_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** `&amp;` → `&`, `&#39;` → `'`, `&#x2026;` → `…`; unknown entities are left as written. */
export function unescapeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[A-Za-z]+);/g, (whole, body: string) => {
    if (body.startsWith("#x")) return String.fromCodePoint(parseInt(body.slice(2), 16));
    if (body.startsWith("#")) return String.fromCodePoint(parseInt(body.slice(1), 10));
    return NAMED_ENTITIES[body] ?? whole;
  });
}

// Collapses spaces, drops pauses at the start or end of a line and doubled punctuation.
function tidy(text: string): string {
  return text
    .split(LINE_BREAK)
    .map((line) =>
      line
        .replace(/\s+/g, " ")
        .replace(/\s+([,.!?;:])/g, "$1")
        .replace(/(?:,\s*)+(…)/g, " $1")
        .replace(/(…\s*)(?:,\s*)+/g, "$1")
        .replace(/(?:…\s*){2,}/g, "… ")
        .replace(/([.!?:;])\s*,/g, "$1")
        .replace(/^[\s,…]+|[\s,…]+$/g, "")
        .trim(),
    )
    .filter((line) => line !== "")
    .join(LINE_BREAK);
}
