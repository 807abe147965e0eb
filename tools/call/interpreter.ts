// An offline interpreter for the Amazon Connect Flow language ("Version": "2019-10-30").
// It walks a flow action by action, the way Connect would for one contact, and reports what
// happened as a transcript: prompts played, Lambda calls and their outcome, attributes set,
// transitions taken. Pure: all I/O (the Lambda, the clock) comes in through hooks.
//
// Supported action types are listed in SUPPORTED_ACTIONS; anything else fails loudly with the
// action's identifier rather than being guessed at. Behaviour follows the public flow-language
// reference (https://docs.aws.amazon.com/connect/latest/APIReference/flow-language-actions.html);
// where the docs are silent, the choice is noted beside the code.
import type { ConnectContactFlowEvent } from "../../src/connect/contract.js";
import { ssmlProblem } from "./ssml-check.js";

export interface FlowDocument {
  Version: string;
  StartAction: string;
  Metadata?: unknown;
  Actions: FlowAction[];
}

export interface FlowAction {
  Identifier: string;
  Type: string;
  Parameters?: Record<string, unknown>;
  Transitions?: FlowTransitions;
}

export interface FlowTransitions {
  NextAction?: string;
  Errors?: { ErrorType: string; NextAction: string }[];
  Conditions?: { NextAction: string; Condition: { Operator: string; Operands: string[] } }[];
}

/** The event Connect sends to a Lambda from an InvokeLambdaFunction action (the one Connect contract). */
export type ConnectLambdaEvent = ConnectContactFlowEvent;

/** The contact as a Lambda sees it in `Details.ContactData` (Attributes are kept by the interpreter). */
export type ContactData = Omit<ConnectContactFlowEvent["Details"]["ContactData"], "Attributes"> & {
  // Sent by Connect, missing from @types/aws-lambda.
  LanguageCode?: string;
  References?: Record<string, unknown>;
};

export interface FlowHooks {
  /**
   * Runs the Lambda. Resolve with its response; reject for a Lambda error. `signal` aborts when
   * the flow gives up waiting (after `timeoutSeconds`).
   */
  invokeLambda(arn: string, event: ConnectLambdaEvent, timeoutSeconds: number, signal: AbortSignal): Promise<unknown>;
  /**
   * What the caller keys on the phone's keypad after a GetParticipantInput prompt has played:
   * the keys in order ("1", or "8004685865#"), or null for silence until the time limit. Without
   * this hook every caller stays silent.
   */
  keys?(request: InputRequest): Promise<string | null>;
  /** Waits `ms` milliseconds; the Lambda time limit is measured with it. Defaults to setTimeout. */
  sleep?(ms: number, signal: AbortSignal): Promise<void>;
}

/** A GetParticipantInput waiting for the caller's keys. */
export interface InputRequest {
  identifier: string;
  /** The prompt that was just played. */
  prompt: { format: "text" | "ssml" | "prompt-id"; content: string };
  /** False: one key chooses a branch. True: keys up to the terminator are stored ($.StoredCustomerInput). */
  store: boolean;
  timeoutSeconds: number;
  /** Stored input: the key that ends it ("#"), and the most keys taken. */
  terminator?: string;
  maxLength?: number;
}

export interface RunOptions {
  contact: ContactData;
  /** Contact attributes the contact already carries. */
  attributes?: Record<string, string>;
  hooks: FlowHooks;
  /** Loop guard: the most actions one run may execute (default 200). */
  maxSteps?: number;
}

export type FlowEvent =
  | { type: "action"; step: number; identifier: string; actionType: string }
  | { type: "logging"; identifier: string; enabled: boolean }
  | { type: "prompt"; identifier: string; format: "text" | "ssml" | "prompt-id"; content: string }
  | { type: "lambda"; identifier: string; arn: string; timeoutSeconds: number; event: ConnectLambdaEvent; outcome: LambdaOutcome }
  | { type: "attributes"; identifier: string; attributes: Record<string, string> }
  | { type: "compare"; identifier: string; value: string; matched: string | null }
  | { type: "input"; identifier: string; store: boolean; keys: string | null; value: string | null }
  | { type: "voice"; identifier: string; voice: string; engine: string }
  | { type: "transition"; from: string; to: string; via: "next" | "condition" | "error"; errorType?: string; reason?: string }
  | { type: "disconnect"; identifier: string }
  | { type: "end"; identifier: string };

export type LambdaOutcome =
  | { status: "success"; response: Record<string, unknown> }
  | { status: "error"; error: string }
  | { status: "timeout"; error: string }
  | { status: "invalid-response"; error: string; response: unknown };

export interface FlowRun {
  events: FlowEvent[];
  /** Identifiers of the actions executed, in order. */
  path: string[];
  /** How the flow stopped. */
  ending: "disconnected" | "ended";
  attributes: Record<string, string>;
}

/** A problem in the flow itself (not a branch the caller could take): unsupported, dead end, loop. */
export class FlowError extends Error {
  constructor(
    message: string,
    readonly identifier?: string,
    readonly actionType?: string,
  ) {
    super(message);
    this.name = "FlowError";
  }
}

/** Action types this interpreter runs, with the error types each may raise. */
export const SUPPORTED_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  MessageParticipant: ["NoMatchingError"],
  // Only NoMatchingError when it stores the input (StoreInput "True"): see errorTypesOf.
  GetParticipantInput: ["InputTimeLimitExceeded", "NoMatchingCondition", "NoMatchingError"],
  UpdateContactTextToSpeechVoice: ["NoMatchingError"],
  InvokeLambdaFunction: ["NoMatchingError"],
  Compare: ["NoMatchingCondition"],
  UpdateContactAttributes: ["NoMatchingError"],
  UpdateFlowLoggingBehavior: [],
  DisconnectParticipant: [],
  EndFlowExecution: [],
};

const TERMINAL_ACTIONS = new Set(["DisconnectParticipant", "EndFlowExecution"]);
const MAX_ATTRIBUTE_BYTES = 32_768;

/** Runs the flow to its end and returns the whole transcript. */
export async function runFlow(flow: FlowDocument, options: RunOptions): Promise<FlowRun> {
  const events: FlowEvent[] = [];
  const iterator = interpretFlow(flow, options);
  for (;;) {
    const next = await iterator.next();
    if (next.done) return { ...next.value, events };
    events.push(next.value);
  }
}

/** Runs the flow, yielding each event as it happens; returns how it ended. */
export async function* interpretFlow(flow: FlowDocument, options: RunOptions): AsyncGenerator<FlowEvent, Omit<FlowRun, "events">> {
  const actions = indexActions(flow);
  const maxSteps = options.maxSteps ?? 200;
  const state: ContactState = { contact: options.contact, attributes: { ...options.attributes }, external: {}, storedInput: undefined };
  const path: string[] = [];
  let current = actions.get(flow.StartAction);
  if (!current) throw new FlowError(`StartAction "${flow.StartAction}" names no action`);

  for (let step = 1; ; step++) {
    if (step > maxSteps) {
      throw new FlowError(
        `Loop guard: more than ${maxSteps} actions executed (last: "${current.Identifier}"); the flow probably loops`,
        current.Identifier,
        current.Type,
      );
    }
    const action: FlowAction = current;
    path.push(action.Identifier);
    yield { type: "action", step, identifier: action.Identifier, actionType: action.Type };

    const result: StepResult = yield* executeAction(action, state, options.hooks);
    if (result.kind === "stop") {
      return { path, ending: result.ending, attributes: state.attributes };
    }
    const transition = chooseTransition(action, result);
    yield { type: "transition", from: action.Identifier, ...transition };
    const next = actions.get(transition.to);
    if (!next)
      throw new FlowError(
        `Action "${action.Identifier}" goes to "${transition.to}", which is not an action in this flow`,
        action.Identifier,
        action.Type,
      );
    current = next;
  }
}

interface ContactState {
  contact: ContactData;
  attributes: Record<string, string>;
  /** The latest Lambda response: what `$.External.x` reads. */
  external: Record<string, unknown>;
  /** The latest stored input: what `$.StoredCustomerInput` reads. */
  storedInput: string | undefined;
}

type StepResult =
  | { kind: "next" }
  | { kind: "condition"; to: string }
  | { kind: "error"; errorType: string; reason: string }
  | { kind: "stop"; ending: "disconnected" | "ended" };

async function* executeAction(action: FlowAction, state: ContactState, hooks: FlowHooks): AsyncGenerator<FlowEvent, StepResult> {
  const params = action.Parameters ?? {};
  const id = action.Identifier;
  switch (action.Type) {
    case "UpdateFlowLoggingBehavior": {
      yield { type: "logging", identifier: id, enabled: params.FlowLoggingBehavior === "Enabled" };
      return { kind: "next" };
    }
    case "MessageParticipant": {
      const prompt = resolvePrompt(action, state);
      if ("kind" in prompt) return prompt;
      yield { type: "prompt", identifier: id, ...prompt };
      return { kind: "next" };
    }
    case "InvokeLambdaFunction":
      return yield* invokeLambda(action, state, hooks);
    case "GetParticipantInput":
      return yield* getParticipantInput(action, state, hooks);
    case "UpdateContactTextToSpeechVoice": {
      const voice = String(params.TextToSpeechVoice ?? "").trim();
      if (!voice) return { kind: "error", errorType: "NoMatchingError", reason: "no TextToSpeechVoice" };
      yield { type: "voice", identifier: id, voice, engine: String(params.TextToSpeechEngine ?? "Standard") };
      return { kind: "next" };
    }
    case "UpdateContactAttributes": {
      const target = params.TargetContact ?? "Current";
      if (target !== "Current") throw unsupported(action, `TargetContact "${String(target)}" (only "Current" is supported)`);
      const resolved: Record<string, string> = {};
      for (const [key, value] of Object.entries(asRecord(params.Attributes, action, "Attributes"))) {
        if (!/^[A-Za-z0-9_-]+$/.test(key))
          return {
            kind: "error",
            errorType: "NoMatchingError",
            reason: `attribute key "${key}" has characters other than letters, digits, - and _`,
          };
        resolved[key] = resolveReferences(String(value), state);
      }
      const merged = { ...state.attributes, ...resolved };
      if (utf8Bytes(JSON.stringify(merged)) > MAX_ATTRIBUTE_BYTES) {
        return { kind: "error", errorType: "NoMatchingError", reason: "contact attributes would exceed 32 KB" };
      }
      state.attributes = merged; // all or nothing, as Connect does
      yield { type: "attributes", identifier: id, attributes: resolved };
      return { kind: "next" };
    }
    case "Compare": {
      const value = resolveReferences(String(params.ComparisonValue ?? ""), state);
      for (const { NextAction, Condition } of action.Transitions?.Conditions ?? []) {
        if (conditionHolds(Condition.Operator, value, Condition.Operands, action)) {
          yield { type: "compare", identifier: id, value, matched: `${Condition.Operator} ${JSON.stringify(Condition.Operands)}` };
          return { kind: "condition", to: NextAction };
        }
      }
      yield { type: "compare", identifier: id, value, matched: null };
      return { kind: "error", errorType: "NoMatchingCondition", reason: `no condition matched ${JSON.stringify(value)}` };
    }
    case "DisconnectParticipant":
      yield { type: "disconnect", identifier: id };
      return { kind: "stop", ending: "disconnected" };
    case "EndFlowExecution":
      yield { type: "end", identifier: id };
      return { kind: "stop", ending: "ended" };
    default:
      throw unsupported(action, `action type "${action.Type}"`);
  }
}

const STORED_INPUT_DEFAULT_MAX = 20;

/**
 * Plays the prompt, then takes the caller's keys from the `keys` hook. Without StoreInput, the
 * first key chooses among the Conditions (none: NoMatchingCondition; silence:
 * InputTimeLimitExceeded). With it, the keys before the terminator (at most MaximumLength)
 * become $.StoredCustomerInput and the flow goes on to NextAction; silence goes on too, with
 * $.StoredCustomerInput "Timeout", as the Store customer input block documents.
 */
async function* getParticipantInput(action: FlowAction, state: ContactState, hooks: FlowHooks): AsyncGenerator<FlowEvent, StepResult> {
  const params = action.Parameters ?? {};
  const id = action.Identifier;
  const store = inputStores(action);
  const timeoutSeconds = wholeNumber(params.InputTimeLimitSeconds ?? "5");
  if (timeoutSeconds === null || timeoutSeconds < 1 || timeoutSeconds > 180)
    throw new FlowError(`Action "${id}": InputTimeLimitSeconds must be a whole number from 1 to 180`, id, action.Type);
  const prompt = resolvePrompt(action, state);
  if ("kind" in prompt) return prompt;
  const { format, content } = prompt;
  yield { type: "prompt", identifier: id, format, content };

  const dtmf = store ? asRecord(params.DTMFConfiguration ?? {}, action, "DTMFConfiguration") : {};
  const terminator = store ? String(dtmf.InputTerminationSequence ?? "#") : undefined;
  if (terminator !== undefined && !/^[0-9*#]{1,5}$/.test(terminator))
    throw new FlowError(`Action "${id}": InputTerminationSequence must be one to five keys (0-9, * and #)`, id, action.Type);
  const validation = store ? asRecord(params.InputValidation ?? {}, action, "InputValidation") : {};
  if (validation.PhoneNumberValidation !== undefined) throw unsupported(action, "InputValidation.PhoneNumberValidation");
  const custom = asRecord(validation.CustomValidation ?? {}, action, "InputValidation.CustomValidation");
  // What "*" does while the cancel key is on is not documented closely enough to simulate.
  const cancelKey = store && String(dtmf.DisableCancelKey ?? "False").toLowerCase() !== "true";
  const maxLength = store ? wholeNumber(custom.MaximumLength ?? String(STORED_INPUT_DEFAULT_MAX)) : undefined;
  if (maxLength === null || (maxLength !== undefined && maxLength < 1))
    throw new FlowError(`Action "${id}": InputValidation.CustomValidation.MaximumLength must be a whole number above 0`, id, action.Type);
  const request: InputRequest = { identifier: id, prompt: { format, content }, store, timeoutSeconds };
  if (store) Object.assign(request, { terminator, maxLength });
  const keys = hooks.keys ? await hooks.keys(request) : null;
  if (keys !== null && !/^[0-9*#]*$/.test(keys))
    throw new FlowError(`The caller can only key 0-9, * and #; got ${JSON.stringify(keys)} at "${id}"`, id, action.Type);

  if (!store) {
    const key = keys?.[0] ?? null;
    yield { type: "input", identifier: id, store, keys, value: key };
    if (key === null) return { kind: "error", errorType: "InputTimeLimitExceeded", reason: `no key within ${timeoutSeconds} s` };
    for (const { NextAction, Condition } of action.Transitions?.Conditions ?? []) {
      if (conditionHolds(Condition.Operator, key, Condition.Operands, action)) return { kind: "condition", to: NextAction };
    }
    return { kind: "error", errorType: "NoMatchingCondition", reason: `no option for key ${key}` };
  }
  // Keys up to the terminator, at most maxLength of them; without a terminator the input ends when the caller stops keying.
  const end = keys === null ? -1 : keys.indexOf(terminator!);
  const keyed = keys === null ? "" : (end >= 0 ? keys.slice(0, end) : keys).slice(0, maxLength);
  if (cancelKey && (terminator!.includes("*") || keyed.includes("*")))
    throw unsupported(action, 'the cancel key "*" while DisableCancelKey is not "True"');
  const value = keyed === "" ? "Timeout" : keyed;
  yield { type: "input", identifier: id, store, keys, value };
  state.storedInput = value;
  return { kind: "next" };
}

/** "5" → 5; anything but plain digits → null (the flow language writes numbers as strings). */
function wholeNumber(value: unknown): number | null {
  return /^\d+$/.test(String(value)) ? Number(value) : null;
}

function inputStores(action: FlowAction): boolean {
  return String(action.Parameters?.StoreInput ?? "False").toLowerCase() === "true";
}

/** The error types an action can raise: a GetParticipantInput that stores its input neither branches nor times out. */
function errorTypesOf(action: FlowAction): readonly string[] | undefined {
  if (action.Type === "GetParticipantInput" && inputStores(action)) return ["NoMatchingError"];
  return SUPPORTED_ACTIONS[action.Type];
}

async function* invokeLambda(action: FlowAction, state: ContactState, hooks: FlowHooks): AsyncGenerator<FlowEvent, StepResult> {
  const params = action.Parameters ?? {};
  const arn = resolveReferences(String(params.LambdaFunctionARN ?? ""), state);
  if (!arn) throw new FlowError(`Action "${action.Identifier}" has no LambdaFunctionARN`, action.Identifier, action.Type);
  const timeoutSeconds = Number(params.InvocationTimeLimitSeconds ?? 3);
  if (!Number.isInteger(timeoutSeconds) || timeoutSeconds < 1 || timeoutSeconds > 8) {
    throw new FlowError(
      `Action "${action.Identifier}": InvocationTimeLimitSeconds must be a whole number from 1 to 8, not ${JSON.stringify(params.InvocationTimeLimitSeconds)}`,
      action.Identifier,
      action.Type,
    );
  }
  const invocationType = params.InvocationType ?? "SYNCHRONOUS";
  if (invocationType !== "SYNCHRONOUS") throw unsupported(action, `InvocationType "${String(invocationType)}"`);
  const validation = asRecord(params.ResponseValidation ?? { ResponseType: "STRING_MAP" }, action, "ResponseValidation");
  const responseType = validation.ResponseType ?? "STRING_MAP";
  if (responseType !== "STRING_MAP" && responseType !== "JSON") throw unsupported(action, `ResponseType "${String(responseType)}"`);

  const parameters: Record<string, string> = {};
  for (const [key, value] of Object.entries(asRecord(params.LambdaInvocationAttributes ?? {}, action, "LambdaInvocationAttributes"))) {
    parameters[key] = resolveReferences(String(value), state);
  }
  const event: ConnectLambdaEvent = {
    Name: "ContactFlowEvent",
    Details: { ContactData: { ...state.contact, Attributes: { ...state.attributes } }, Parameters: parameters },
  };

  const outcome = await callWithTimeLimit(hooks, arn, event, timeoutSeconds, responseType);
  // $.External is always the latest invocation's response; after a failure there is none.
  state.external = outcome.status === "success" ? outcome.response : {};
  yield { type: "lambda", identifier: action.Identifier, arn, timeoutSeconds, event, outcome };
  return outcome.status === "success" ? { kind: "next" } : { kind: "error", errorType: "NoMatchingError", reason: outcome.error };
}

async function callWithTimeLimit(
  hooks: FlowHooks,
  arn: string,
  event: ConnectLambdaEvent,
  timeoutSeconds: number,
  responseType: unknown,
): Promise<LambdaOutcome> {
  const abort = new AbortController();
  const sleep = hooks.sleep ?? defaultSleep;
  const timedOut = Symbol("timeout");
  try {
    const response = await Promise.race([
      hooks.invokeLambda(arn, event, timeoutSeconds, abort.signal),
      sleep(timeoutSeconds * 1000, abort.signal).then(() => timedOut),
    ]);
    if (response === timedOut) return { status: "timeout", error: `the Lambda did not answer within ${timeoutSeconds} s` };
    const problem = responseType === "STRING_MAP" ? stringMapProblem(response) : jsonProblem(response);
    if (problem)
      return { status: "invalid-response", error: `the response failed ${String(responseType)} validation: ${problem}`, response };
    return { status: "success", response: response as Record<string, unknown> };
  } catch (error) {
    return { status: "error", error: error instanceof Error ? error.message : String(error) };
  } finally {
    abort.abort();
  }
}

function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => clearTimeout(timer), { once: true });
  });
}

/** Why a Lambda response is not a flat map of strings under 32 KB, or null if it is one. */
export function stringMapProblem(response: unknown): string | null {
  if (typeof response !== "object" || response === null || Array.isArray(response))
    return `expected a flat object, got ${describe(response)}`;
  for (const [key, value] of Object.entries(response)) {
    if (typeof value !== "string") return `"${key}" is ${describe(value)}, not a string`;
  }
  if (utf8Bytes(JSON.stringify(response)) > MAX_ATTRIBUTE_BYTES) return "larger than 32 KB";
  return null;
}

function jsonProblem(response: unknown): string | null {
  if (typeof response !== "object" || response === null || Array.isArray(response))
    return `expected a JSON object, got ${describe(response)}`;
  if (utf8Bytes(JSON.stringify(response)) > MAX_ATTRIBUTE_BYTES) return "larger than 32 KB";
  return null;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/**
 * The prompt an action plays, its references resolved; or the Error branch for one that resolves
 * to nothing or to SSML Connect cannot play. (Connect's behaviour there is undocumented; the
 * Error branch is what a caller-facing failure should lead to anyway.)
 */
function resolvePrompt(
  action: FlowAction,
  state: ContactState,
): { format: "text" | "ssml" | "prompt-id"; content: string } | Extract<StepResult, { kind: "error" }> {
  const [format, raw] = promptOf(action);
  const content = format === "prompt-id" ? raw : resolveReferences(raw, state);
  if (content.trim() === "") return { kind: "error", errorType: "NoMatchingError", reason: "the prompt resolved to nothing" };
  const problem = format === "ssml" ? ssmlProblem(content) : null;
  if (problem) return { kind: "error", errorType: "NoMatchingError", reason: `invalid SSML: ${problem}` };
  return { format, content };
}

function promptOf(action: FlowAction): ["text" | "ssml" | "prompt-id", string] {
  const params = action.Parameters ?? {};
  const given = (["Text", "SSML", "PromptId", "Media"] as const).filter((key) => params[key] !== undefined);
  if (given.length !== 1)
    throw new FlowError(
      `Action "${action.Identifier}" (${action.Type}) needs exactly one of Text, SSML, PromptId, Media; it has ${given.length ? given.join(", ") : "none"}`,
      action.Identifier,
      action.Type,
    );
  const key = given[0]!;
  if (key === "Media") throw unsupported(action, `${action.Type} with Media`);
  return [key === "Text" ? "text" : key === "SSML" ? "ssml" : "prompt-id", String(params[key])];
}

function conditionHolds(operator: string, value: string, operands: string[], action: FlowAction): boolean {
  const number = Number(value);
  const numeric = value.trim() !== "" && Number.isFinite(number);
  return operands.some((operand) => {
    switch (operator) {
      case "Equals":
        return value === operand;
      case "TextStartsWith":
        return value.startsWith(operand);
      case "TextEndsWith":
        return value.endsWith(operand);
      case "TextContains":
        return value.includes(operand);
      case "NumberGreaterThan":
        return numeric && number > Number(operand);
      case "NumberGreaterOrEqualTo":
        return numeric && number >= Number(operand);
      case "NumberLessThan":
        return numeric && number < Number(operand);
      case "NumberLessOrEqualTo":
        return numeric && number <= Number(operand);
      default:
        throw unsupported(action, `Compare operator "${operator}"`);
    }
  });
}

function chooseTransition(
  action: FlowAction,
  result: Exclude<StepResult, { kind: "stop" }>,
): { to: string; via: "next" | "condition" | "error"; errorType?: string; reason?: string } {
  const transitions = action.Transitions ?? {};
  if (result.kind === "condition") return { to: result.to, via: "condition" };
  if (result.kind === "error") {
    const handler = transitions.Errors?.find((e) => e.ErrorType === result.errorType);
    if (handler) return { to: handler.NextAction, via: "error", errorType: result.errorType, reason: result.reason };
    // A Compare without an explicit NoMatchingCondition falls through to NextAction.
    if (action.Type === "Compare" && transitions.NextAction)
      return { to: transitions.NextAction, via: "error", errorType: result.errorType, reason: result.reason };
    throw new FlowError(
      `Dead end: action "${action.Identifier}" (${action.Type}) failed with ${result.errorType} (${result.reason}) and has no transition for it`,
      action.Identifier,
      action.Type,
    );
  }
  if (!transitions.NextAction)
    throw new FlowError(`Dead end: action "${action.Identifier}" (${action.Type}) has no NextAction`, action.Identifier, action.Type);
  return { to: transitions.NextAction, via: "next" };
}

function indexActions(flow: FlowDocument): Map<string, FlowAction> {
  if (flow.Version !== "2019-10-30")
    throw new FlowError(`Unsupported flow Version ${JSON.stringify(flow.Version)} (expected "2019-10-30")`);
  if (!Array.isArray(flow.Actions)) throw new FlowError("The flow has no Actions array");
  const actions = new Map<string, FlowAction>();
  for (const action of flow.Actions) {
    if (actions.has(action.Identifier))
      throw new FlowError(`Two actions share the Identifier "${action.Identifier}"`, action.Identifier, action.Type);
    actions.set(action.Identifier, action);
  }
  return actions;
}

function unsupported(action: FlowAction, what: string): FlowError {
  return new FlowError(
    `Unsupported ${what} in action "${action.Identifier}" (${action.Type}); this interpreter supports ${Object.keys(SUPPORTED_ACTIONS).join(", ")}`,
    action.Identifier,
    action.Type,
  );
}

function asRecord(value: unknown, action: FlowAction, name: string): Record<string, unknown> {
  if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  throw new FlowError(`Action "${action.Identifier}": ${name} must be an object`, action.Identifier, action.Type);
}

/**
 * Checks a flow without running it: known version, a StartAction, unique identifiers, supported
 * types, transitions that name real actions, no dead ends (every non-terminal action has a
 * NextAction or conditions) and an error transition for every error its type can raise.
 * Returns the problems found (empty when the flow is sound).
 */
export function checkFlow(flow: FlowDocument): string[] {
  const problems: string[] = [];
  if (flow.Version !== "2019-10-30") problems.push(`Version is ${JSON.stringify(flow.Version)}, expected "2019-10-30"`);
  const ids = new Set<string>();
  for (const action of flow.Actions ?? []) {
    if (ids.has(action.Identifier)) problems.push(`duplicate Identifier "${action.Identifier}"`);
    ids.add(action.Identifier);
  }
  if (!ids.has(flow.StartAction)) problems.push(`StartAction "${flow.StartAction}" names no action`);
  for (const action of flow.Actions ?? []) {
    const where = `action "${action.Identifier}" (${action.Type})`;
    const errorTypes = errorTypesOf(action);
    if (!errorTypes) {
      problems.push(`${where}: unsupported type`);
      continue;
    }
    const t = action.Transitions ?? {};
    const targets = [t.NextAction, ...(t.Errors ?? []).map((e) => e.NextAction), ...(t.Conditions ?? []).map((c) => c.NextAction)];
    for (const target of targets)
      if (target !== undefined && !ids.has(target)) problems.push(`${where}: goes to unknown action "${target}"`);
    // Compare takes "any single JSONPath identifier" (flow-control-actions-compare).
    if (action.Type === "Compare" && !/^\$\.[^\s]+$/.test(String(action.Parameters?.ComparisonValue ?? ""))) {
      problems.push(`${where}: ComparisonValue must be a single $. reference`);
    }
    if (action.Type === "GetParticipantInput" && inputStores(action)) {
      if (t.Conditions?.length) problems.push(`${where}: stores its input, so it cannot branch on Conditions`);
      if (action.Parameters?.InputValidation === undefined) problems.push(`${where}: stores its input, so it needs InputValidation`);
    }
    if (TERMINAL_ACTIONS.has(action.Type)) continue;
    if (!t.NextAction && !t.Conditions?.length) problems.push(`${where}: no NextAction`);
    for (const errorType of errorTypes) {
      // Only a Compare falls through to NextAction when no condition matches (chooseTransition).
      const handled =
        t.Errors?.some((e) => e.ErrorType === errorType) ||
        (errorType === "NoMatchingCondition" && action.Type === "Compare" && t.NextAction);
      if (!handled) problems.push(`${where}: no transition for ${errorType}`);
    }
  }
  return problems;
}

// --- References -------------------------------------------------------------------------------

// `$.External.status`, `$.Attributes.name`, `$.Attributes.['odd name']`, `$.CustomerEndpoint.Address`…
const REFERENCE = /\$\.[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_-]+|\.?\['[^']*'\])*/g;

/**
 * Replaces every `$.…` reference in `text` by its value for this contact, in one pass (a value
 * that itself contains `$.` is not expanded again). Unknown references become "", as in Connect.
 */
export function resolveReferences(
  text: string,
  state: { contact: ContactData; attributes: Record<string, string>; external: Record<string, unknown>; storedInput?: string | undefined },
): string {
  return text.replace(REFERENCE, (reference) => {
    const value = lookup(reference, state);
    if (value === undefined || value === null) return "";
    return typeof value === "object" ? JSON.stringify(value) : String(value);
  });
}

function lookup(
  reference: string,
  state: { contact: ContactData; attributes: Record<string, string>; external: Record<string, unknown>; storedInput?: string | undefined },
): unknown {
  const path = [...reference.slice(2).matchAll(/\['([^']*)'\]|([^.[\]]+)/g)].map((m) => m[1] ?? m[2] ?? "");
  const [namespace, ...rest] = path;
  if (namespace === "StoredCustomerInput") return rest.length === 0 ? state.storedInput : undefined;
  let value: unknown =
    namespace === "External"
      ? state.external
      : namespace === "Attributes"
        ? state.attributes
        : namespace === undefined
          ? undefined
          : (state.contact as Record<string, unknown>)[namespace];
  for (const key of rest) {
    if (typeof value !== "object" || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

// --- SSML ------------------------------------------------------------------------------------

function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length;
}
