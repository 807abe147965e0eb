// A simulated Amazon Connect call: the project's contact flow (src/flow/contact-flow.json), run by
// the offline interpreter, with the real connect-caller Lambda invoked through the local sandbox's
// invoker (src/plugins/connect.js, POST / on CONNECT_INVOKE_PORT, default 3334).
// Used by `npm run call` (tools/call/call.ts) and by end-to-end tests:
//   const call = await placeCall({ number: "+18003569377" });
//   call.heard.map((p) => p.text)   // what the caller heard, as plain text
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import net from "node:net";
import {
  interpretFlow,
  type ContactData,
  type ConnectLambdaEvent,
  type FlowDocument,
  type FlowEvent,
  type FlowHooks,
  type InputRequest,
  type LambdaOutcome,
} from "./interpreter.js";
import { promptToText } from "../../src/vanity/ssml-text.js";
import { appName } from "../local-sandbox.js";

export const DEFAULT_INSTANCE_ARN = "arn:aws:connect:us-west-2:123456789012:instance/00000000-0000-0000-0000-000000000000";
/** The number the caller dialled (555-01xx numbers are reserved for fiction). */
export const DEFAULT_SYSTEM_NUMBER = "+18005550100";
/** The placeholder the deployed flow gets from Fn::Sub (see src/plugins/contact-flow.js). */
export const LAMBDA_ARN_PLACEHOLDER = "${ConnectCallerCustomLambda.Arn}";

export interface PlaceCallOptions {
  /** The caller's number (E.164). Ignored when `withheld` is set. */
  number?: string;
  /** A caller who withholds their number: CustomerEndpoint null, or Address "anonymous". */
  withheld?: boolean | "null" | "anonymous";
  /** "invoke" (default) calls the real Lambda; "error" and "timeout" simulate a failing or hanging Lambda without calling it. */
  lambda?: "invoke" | "error" | "timeout";
  /** The sandbox invoker; default `http://localhost:${CONNECT_INVOKE_PORT ?? 3334}/`. */
  invokeUrl?: string;
  /** Default `CONNECT_INSTANCE_ARN` or a placeholder instance. */
  instanceArn?: string;
  /** Default the project's contact-flow.json. */
  flow?: FlowDocument;
  /**
   * What the caller keys at each prompt that waits for keys, in order: "1", "8004685865#", or
   * null (or "") for silence; silence once they run out. Or a function that answers each prompt
   * (the command line asks in a terminal).
   */
  keys?: readonly (string | null)[] | ((request: InputRequest) => Promise<string | null>);
  /** Called with each event as the call progresses (for live output). */
  onEvent?: (event: FlowEvent) => void;
}

export interface HeardPrompt {
  identifier: string;
  format: "text" | "ssml" | "prompt-id";
  /** As the flow played it (raw SSML for SSML prompts). */
  content: string;
  /** Readable plain text; lines are sentences. */
  text: string;
}

export interface CallResult {
  contactId: string;
  callerNumber: string | null;
  instanceArn: string;
  heard: HeardPrompt[];
  path: string[];
  ending: "disconnected" | "ended";
  /** The outcome of the (last) Lambda invocation, if any. */
  lambda: LambdaOutcome | null;
  attributes: Record<string, string>;
  /** Texts the caller asked for on this call, as the local outbox holds them (read after the call). */
  texts: { body: string; status: string }[];
  events: FlowEvent[];
}

/** Thrown when the local sandbox's invoker does not answer: start it with `npm run dev`. */
export class InvokerUnreachableError extends Error {
  constructor(readonly url: string) {
    super(`No local sandbox answered at ${url}. Start it first with \`npm run dev\` (in another terminal), then place the call again.`);
    this.name = "InvokerUnreachableError";
  }
}

export function defaultInvokeUrl(): string {
  return `http://localhost:${process.env.CONNECT_INVOKE_PORT ?? 3334}/`;
}

export function loadContactFlow(): FlowDocument {
  return JSON.parse(readFileSync(new URL("../../src/flow/contact-flow.json", import.meta.url), "utf8")) as FlowDocument;
}

/** A realistic Connect ContactData for an inbound voice call (see shared notes §1). */
export function inboundVoiceContact({
  callerNumber,
  withheldAs,
  instanceArn,
}: {
  callerNumber: string | null;
  withheldAs: "null" | "anonymous";
  instanceArn: string;
}): ContactData {
  const contactId = randomUUID();
  return {
    ContactId: contactId,
    InitialContactId: contactId,
    PreviousContactId: contactId,
    Channel: "VOICE",
    InstanceARN: instanceArn,
    InitiationMethod: "INBOUND",
    LanguageCode: "en-US",
    CustomerEndpoint:
      callerNumber !== null
        ? { Address: callerNumber, Type: "TELEPHONE_NUMBER" }
        : withheldAs === "anonymous"
          ? { Address: "anonymous", Type: "TELEPHONE_NUMBER" }
          : null,
    SystemEndpoint: { Address: DEFAULT_SYSTEM_NUMBER, Type: "TELEPHONE_NUMBER" },
    Queue: null,
    MediaStreams: { Customer: { Audio: null } },
    References: {},
  };
}

/** Places one simulated call and returns what the caller heard and the path the flow took. */
export async function placeCall(options: PlaceCallOptions = {}): Promise<CallResult> {
  const instanceArn = options.instanceArn ?? process.env.CONNECT_INSTANCE_ARN ?? DEFAULT_INSTANCE_ARN;
  const withheld = options.withheld ?? false;
  const callerNumber = withheld ? null : (options.number ?? null);
  if (!withheld && !callerNumber) throw new Error("placeCall needs a caller number (or withheld: true)");
  const invokeUrl = options.invokeUrl ?? defaultInvokeUrl();
  const lambdaMode = options.lambda ?? "invoke";
  if (lambdaMode === "invoke") await assertReachable(invokeUrl);

  const flow = substituteLambdaArn(options.flow ?? loadContactFlow(), localLambdaArn(instanceArn));
  const contact = inboundVoiceContact({ callerNumber, withheldAs: withheld === "anonymous" ? "anonymous" : "null", instanceArn });
  const hooks: FlowHooks = { ...lambdaHooks(lambdaMode, invokeUrl), keys: keysHook(options.keys) };

  const events: FlowEvent[] = [];
  const heard: HeardPrompt[] = [];
  let lambda: LambdaOutcome | null = null;
  const iterator = interpretFlow(flow, { contact, hooks });
  for (;;) {
    const next = await iterator.next();
    if (next.done) {
      const { path, ending, attributes } = next.value;
      const texts = callerNumber && askedForText(events) ? await outboxTexts(callerNumber, contact.ContactId) : [];
      return { contactId: contact.ContactId, callerNumber, instanceArn, heard, path, ending, lambda, attributes, texts, events };
    }
    const event = next.value;
    events.push(event);
    if (event.type === "prompt")
      heard.push({
        identifier: event.identifier,
        format: event.format,
        content: event.content,
        text: promptToText(event.format, event.content),
      });
    if (event.type === "lambda") lambda = event.outcome;
    options.onEvent?.(event);
  }
}

function keysHook(keys: PlaceCallOptions["keys"]): FlowHooks["keys"] {
  if (typeof keys === "function") return keys;
  const queue = [...(keys ?? [])];
  return async () => {
    const next = queue.shift();
    return next === undefined || next === null || next === "" ? null : next;
  };
}

/** Whether the caller asked for a text that the Lambda says went out. */
function askedForText(events: FlowEvent[]): boolean {
  return events.some(
    (e) =>
      e.type === "lambda" &&
      e.event.Details.Parameters.action === "send-text" &&
      e.outcome.status === "success" &&
      e.outcome.response.status === "SENT",
  );
}

/**
 * This contact's text in the local outbox (the sandbox's table: ARC_TABLES_PORT, else sandbox's
 * default 5555). Empty when the table cannot be read: the transcript still says what was heard.
 */
async function outboxTexts(e164: string, contactId: string): Promise<CallResult["texts"]> {
  process.env.ARC_TABLES_PORT ||= "5555";
  process.env.AWS_REGION ||= "us-west-2";
  process.env.VANITY_TABLE ||= `${appName()}-staging-data`;
  try {
    const { parseCallerId } = await import("../../src/vanity/index.js");
    const { textsFor } = await import("../../src/data/texts.server.js");
    const texts = await textsFor({ e164: parseCallerId(e164).e164, limit: 1 });
    return texts.filter((t) => t.contactId === contactId).map(({ body, status }) => ({ body, status }));
  } catch {
    return [];
  }
}

function lambdaHooks(mode: "invoke" | "error" | "timeout", invokeUrl: string): FlowHooks {
  if (mode === "error") {
    return {
      invokeLambda: async () => {
        throw new Error("simulated Lambda error (--lambda-error): the function was not called");
      },
    };
  }
  if (mode === "timeout") {
    // A Lambda that never answers, and a clock that does not make anyone wait for the time limit.
    return { invokeLambda: () => new Promise(() => {}), sleep: async () => {} };
  }
  return { invokeLambda: (_arn, event, _timeout, signal) => invokeThroughSandbox(invokeUrl, event, signal) };
}

/** POSTs the event to the sandbox invoker; a handler that throws comes back as a 500. */
async function invokeThroughSandbox(url: string, event: ConnectLambdaEvent, signal: AbortSignal): Promise<unknown> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(event),
    signal,
  });
  const body = await response.text();
  if (!response.ok) {
    let message = body;
    try {
      message = String((JSON.parse(body) as { error?: unknown }).error ?? body);
    } catch {
      // not JSON: keep the text
    }
    throw new Error(`the Lambda failed (invoker answered ${response.status}): ${message.split("\n")[0]}`);
  }
  return body.trim() === "" ? null : (JSON.parse(body) as unknown);
}

async function assertReachable(url: string): Promise<void> {
  const { hostname, port } = new URL(url);
  const reachable = await new Promise<boolean>((resolve) => {
    const socket = net.connect({ host: hostname.replace(/^\[|\]$/g, ""), port: Number(port || 80) });
    socket.setTimeout(2000);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
  });
  if (!reachable) throw new InvokerUnreachableError(url);
}

/** The ARN Connect would see for the sandbox's function, in the instance's region and account. */
function localLambdaArn(instanceArn: string): string {
  const [, partition = "aws", , region = "us-west-2", account = "123456789012"] = instanceArn.split(":");
  return `arn:${partition}:lambda:${region}:${account}:function:connect-caller`;
}

/** What CloudFormation's Fn::Sub does to the flow at deploy time. */
export function substituteLambdaArn(flow: FlowDocument, lambdaArn: string): FlowDocument {
  return JSON.parse(JSON.stringify(flow).replaceAll(LAMBDA_ARN_PLACEHOLDER, lambdaArn)) as FlowDocument;
}
