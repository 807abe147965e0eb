// The one SSML check: what the call simulator takes the Error branch for and what the handler's
// tests demand of every prompt. A real XML parser (saxes) decides well-formedness, so entity and
// character references, `]]>` in text and stray markup are judged as XML judges them; on top of
// that Connect's own rules: one <speak> root, only the tags Connect supports (amazon-connect notes
// §3), and no CDATA, comments, processing instructions or doctype.
import { SaxesParser } from "saxes";

export const CONNECT_SSML_TAGS = new Set([
  "speak",
  "break",
  "lang",
  "mark",
  "p",
  "phoneme",
  "prosody",
  "s",
  "say-as",
  "sub",
  "w",
  "amazon:effect",
]);

/** What is wrong with `ssml` as a Connect prompt; empty for a good one. */
export function ssmlProblems(ssml: string): string[] {
  const problems: string[] = [];
  const parser = new SaxesParser({ xmlns: false, position: true });
  let depth = 0;
  parser.on("error", (error) => problems.push(error.message));
  parser.on("opentag", (tag) => {
    if (depth === 0 && tag.name !== "speak") problems.push(`the root is <${tag.name}>, not <speak>`);
    if (!CONNECT_SSML_TAGS.has(tag.name)) problems.push(`a tag Connect does not support: <${tag.name}>`);
    depth++;
  });
  parser.on("closetag", () => depth--);
  parser.on("cdata", () => problems.push("CDATA"));
  parser.on("comment", () => problems.push("a comment"));
  parser.on("processinginstruction", () => problems.push("a processing instruction"));
  parser.on("doctype", () => problems.push("a doctype"));
  try {
    parser.write(ssml).close();
  } catch (error) {
    problems.push((error as Error).message); // saxes stops at some errors even with a handler
  }
  return [...new Set(problems)];
}

/** The first problem, or null: for a one-line reason. */
export function ssmlProblem(ssml: string): string | null {
  return ssmlProblems(ssml)[0] ?? null;
}
