// Test support for the Connect handler's tests (not bundled: only *.test.ts import it).
import type { ConnectContactFlowEvent } from "aws-lambda";
import { expect } from "vitest";
import { getDb } from "../data/db.server.js";

export const RESPONSE_KEYS = ["source", "ssml", "status", "vanity1", "vanity2", "vanity3"];

/** A full inbound voice event (the shape of powertools' connectContactFlowEventAll.json), from `address`. */
export function connectEvent(address: unknown, contactId = "5ca32fbd-8f92-46af-92a5-6b0f970f0efe"): ConnectContactFlowEvent {
  return {
    Name: "ContactFlowEvent",
    Details: {
      Parameters: {},
      ContactData: {
        Attributes: {},
        Channel: "VOICE",
        ContactId: contactId,
        InitialContactId: contactId,
        PreviousContactId: contactId,
        InitiationMethod: "INBOUND",
        InstanceARN: "arn:aws:connect:us-west-2:123456789012:instance/9308c2a1-9bc6-4cea-8290-6c0b4a6d38fa",
        CustomerEndpoint: { Address: address as string, Type: "TELEPHONE_NUMBER" },
        SystemEndpoint: { Address: "+18885550100", Type: "TELEPHONE_NUMBER" },
        Queue: null,
        MediaStreams: { Customer: { Audio: null } },
      },
    },
  } as unknown as ConnectContactFlowEvent;
}

// The SSML tags Amazon Connect supports (amazon-connect notes §3); the handler uses a few of them.
const CONNECT_SSML_TAGS = new Set(["speak", "break", "lang", "mark", "p", "phoneme", "prosody", "s", "say-as", "sub", "w", "amazon:effect"]);

/**
 * A small XML well-formedness check, enough for SSML: one <speak> root, tags balanced and known
 * to Connect, attributes quoted, every `&` an entity, no `<` or `>` in text, no CDATA, comments
 * or processing instructions. Returns the problems (none for a good document).
 */
export function ssmlProblems(ssml: string): string[] {
  const problems: string[] = [];
  if (!ssml.startsWith("<speak>") || !ssml.endsWith("</speak>")) problems.push("not wrapped in one <speak>");
  const stack: string[] = [];
  let roots = 0;
  const token = /<([^<>]*)>|([^<]+)|(<)/g;
  for (const [, tag, text, stray] of ssml.matchAll(token)) {
    if (stray !== undefined) {
      problems.push("a bare '<' in text");
      continue;
    }
    if (text !== undefined) {
      if (stack.length === 0 && text.trim()) problems.push(`text outside <speak>: ${text.slice(0, 20)}`);
      if (text.includes(">")) problems.push("a bare '>' in text");
      for (const [entity] of text.matchAll(/&[^;\s]*;?/g)) {
        if (!/^&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);$/.test(entity)) problems.push(`a bad entity or bare '&': ${entity}`);
      }
      continue;
    }
    const match = /^(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"<&]*"|'[^'<&]*'))*)\s*(\/?)$/.exec(tag!);
    if (!match) {
      problems.push(`a malformed tag: <${tag!.slice(0, 30)}>`);
      continue;
    }
    const [, closing, name, , selfClosing] = match;
    if (!CONNECT_SSML_TAGS.has(name!)) problems.push(`a tag Connect does not support: ${name}`);
    if (closing) {
      const open = stack.pop();
      if (open !== name) problems.push(`</${name}> closes <${open ?? "nothing"}>`);
    } else if (!selfClosing) {
      if (stack.length === 0) roots++;
      stack.push(name!);
    }
  }
  if (stack.length > 0) problems.push(`unclosed: ${stack.join(", ")}`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
}

export function expectWellFormedSsml(ssml: string): void {
  expect(ssmlProblems(ssml), ssml.slice(0, 200)).toEqual([]);
}

/**
 * Records the data-changing commands the data layer's real DynamoDB client sends (the client is
 * watched, not mocked). Call once per test file, before the handler runs.
 */
export async function watchWrites(): Promise<string[]> {
  const writes: string[] = [];
  const { client } = await getDb();
  client.middlewareStack.add(
    (next, context) => (args) => {
      if (/^(Put|Update|Delete|BatchWrite|TransactWrite)/.test(context.commandName ?? "")) writes.push(context.commandName!);
      return next(args);
    },
    { step: "initialize", name: `recordWrites${Math.random()}` },
  );
  return writes;
}
