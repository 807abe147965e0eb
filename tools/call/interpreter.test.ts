import { describe, expect, it } from "vitest";
import contactFlow from "../../src/flow/contact-flow.json" with { type: "json" };
import type { ConnectStatus, ConnectVanityResponse } from "../../src/connect/contract.js";
import {
  checkFlow,
  FlowError,
  interpretFlow,
  runFlow,
  type ContactData,
  type FlowAction,
  type FlowDocument,
  type FlowEvent,
  type FlowHooks,
  type InputRequest,
} from "./interpreter.js";

const contact: ContactData = {
  ContactId: "11111111-2222-3333-4444-555555555555",
  InitialContactId: "11111111-2222-3333-4444-555555555555",
  PreviousContactId: "11111111-2222-3333-4444-555555555555",
  Channel: "VOICE",
  InstanceARN: "arn:aws:connect:us-west-2:123456789012:instance/00000000-0000-0000-0000-000000000000",
  InitiationMethod: "INBOUND",
  LanguageCode: "en-US",
  CustomerEndpoint: { Address: "+18003569377", Type: "TELEPHONE_NUMBER" },
  SystemEndpoint: { Address: "+18005550100", Type: "TELEPHONE_NUMBER" },
  Queue: null,
  MediaStreams: { Customer: { Audio: null } },
};

const flowOf = (...actions: FlowAction[]): FlowDocument => ({
  Version: "2019-10-30",
  StartAction: actions[0]!.Identifier,
  Actions: actions,
});
const say = (id: string, text: string, next: string, onError = next): FlowAction => ({
  Identifier: id,
  Type: "MessageParticipant",
  Parameters: { Text: text },
  Transitions: { NextAction: next, Errors: [{ ErrorType: "NoMatchingError", NextAction: onError }] },
});
const hangUp: FlowAction = { Identifier: "bye", Type: "DisconnectParticipant", Parameters: {}, Transitions: {} };
const invoke = (next: string, onError: string, parameters: Record<string, unknown> = {}): FlowAction => ({
  Identifier: "invoke",
  Type: "InvokeLambdaFunction",
  Parameters: {
    LambdaFunctionARN: "arn:aws:lambda:us-west-2:123456789012:function:f",
    InvocationTimeLimitSeconds: "3",
    ResponseValidation: { ResponseType: "STRING_MAP" },
    ...parameters,
  },
  Transitions: { NextAction: next, Errors: [{ ErrorType: "NoMatchingError", NextAction: onError }] },
});
const lambdaReturning = (response: unknown): FlowHooks => ({ invokeLambda: async () => response });
const noLambda: FlowHooks = {
  invokeLambda: async () => {
    throw new Error("no Lambda expected");
  },
};
const prompts = (events: FlowEvent[]) => events.flatMap((e) => (e.type === "prompt" ? [e.content] : []));

describe("runFlow: transitions", () => {
  it("follows NextAction from the StartAction to a disconnect, recording each step", async () => {
    const run = await runFlow(flowOf(say("hello", "Hello.", "later"), say("later", "Goodbye.", "bye"), hangUp), {
      contact,
      hooks: noLambda,
    });
    expect(run.path).toEqual(["hello", "later", "bye"]);
    expect(run.ending).toBe("disconnected");
    expect(prompts(run.events)).toEqual(["Hello.", "Goodbye."]);
    expect(run.events.filter((e) => e.type === "transition")).toEqual([
      { type: "transition", from: "hello", to: "later", via: "next" },
      { type: "transition", from: "later", to: "bye", via: "next" },
    ]);
  });

  it("stops at EndFlowExecution", async () => {
    const run = await runFlow(
      flowOf(say("hello", "Hi.", "end"), { Identifier: "end", Type: "EndFlowExecution", Parameters: {}, Transitions: {} }),
      { contact, hooks: noLambda },
    );
    expect(run.ending).toBe("ended");
    expect(run.events.at(-1)).toEqual({ type: "end", identifier: "end" });
  });

  it("Compare takes the first matching condition, else NoMatchingCondition", async () => {
    const compare = (value: string): FlowDocument =>
      flowOf(
        {
          Identifier: "check",
          Type: "Compare",
          Parameters: { ComparisonValue: value },
          Transitions: {
            NextAction: "other",
            Conditions: [
              { NextAction: "ok", Condition: { Operator: "Equals", Operands: ["OK"] } },
              { NextAction: "big", Condition: { Operator: "NumberGreaterThan", Operands: ["10"] } },
            ],
            Errors: [{ ErrorType: "NoMatchingCondition", NextAction: "other" }],
          },
        },
        say("ok", "ok", "bye"),
        say("big", "big", "bye"),
        say("other", "other", "bye"),
        hangUp,
      );
    expect((await runFlow(compare("OK"), { contact, hooks: noLambda })).path).toEqual(["check", "ok", "bye"]);
    expect((await runFlow(compare("42"), { contact, hooks: noLambda })).path).toEqual(["check", "big", "bye"]);
    const miss = await runFlow(compare("ok"), { contact, hooks: noLambda });
    expect(miss.path).toEqual(["check", "other", "bye"]);
    expect(miss.events).toContainEqual(
      expect.objectContaining({ type: "transition", from: "check", via: "error", errorType: "NoMatchingCondition" }),
    );
  });

  it("fails loudly on a dead end and on a transition to a missing action", async () => {
    const deadEnd = flowOf({ Identifier: "hello", Type: "MessageParticipant", Parameters: { Text: "Hi" }, Transitions: {} });
    await expect(runFlow(deadEnd, { contact, hooks: noLambda })).rejects.toThrow(/Dead end: action "hello"/);
    await expect(runFlow(flowOf(say("hello", "Hi", "nowhere")), { contact, hooks: noLambda })).rejects.toThrow(
      /"nowhere", which is not an action/,
    );
  });
});

describe("runFlow: references", () => {
  it("resolves $.External, $.Attributes, $.CustomerEndpoint.Address and $.Channel inside text and SSML", async () => {
    const flow = flowOf(
      invoke("remember", "bye"),
      {
        Identifier: "remember",
        Type: "UpdateContactAttributes",
        Parameters: { Attributes: { best: "$.External.vanity1", "odd-key": "x" } },
        Transitions: { NextAction: "tell", Errors: [{ ErrorType: "NoMatchingError", NextAction: "bye" }] },
      },
      say(
        "tell",
        "You called from $.CustomerEndpoint.Address on $.Channel. Best: $.Attributes.best, $.Attributes.['odd-key']; missing: [$.External.nothing].",
        "speak",
      ),
      {
        Identifier: "speak",
        Type: "MessageParticipant",
        Parameters: { SSML: '<speak><say-as interpret-as="characters">$.External.vanity1</say-as></speak>' },
        Transitions: { NextAction: "bye", Errors: [{ ErrorType: "NoMatchingError", NextAction: "bye" }] },
      },
      hangUp,
    );
    const run = await runFlow(flow, { contact, hooks: lambdaReturning({ vanity1: "FLOWERS" }) });
    expect(prompts(run.events)).toEqual([
      "You called from +18003569377 on VOICE. Best: FLOWERS, x; missing: [].",
      '<speak><say-as interpret-as="characters">FLOWERS</say-as></speak>',
    ]);
    expect(run.attributes).toEqual({ best: "FLOWERS", "odd-key": "x" });
  });

  it("does not expand a reference that appears inside a resolved value", async () => {
    const run = await runFlow(flowOf(invoke("tell", "bye"), say("tell", "$.External.text", "bye"), hangUp), {
      contact,
      hooks: lambdaReturning({ text: "costs $.Attributes.secret" }),
      attributes: { secret: "leak" },
    });
    expect(prompts(run.events)).toEqual(["costs $.Attributes.secret"]);
  });

  it("sends the contact, its attributes and the resolved LambdaInvocationAttributes as the Connect event", async () => {
    const seen: unknown[] = [];
    const hooks: FlowHooks = {
      invokeLambda: async (arn, event, timeout) => {
        seen.push({ arn, event, timeout });
        return {};
      },
    };
    await runFlow(
      flowOf(invoke("bye", "bye", { LambdaInvocationAttributes: { caller: "$.CustomerEndpoint.Address", kind: "vanity" } }), hangUp),
      { contact, hooks, attributes: { lang: "en" } },
    );
    expect(seen).toEqual([
      {
        arn: "arn:aws:lambda:us-west-2:123456789012:function:f",
        timeout: 3,
        event: {
          Name: "ContactFlowEvent",
          Details: { ContactData: { ...contact, Attributes: { lang: "en" } }, Parameters: { caller: "+18003569377", kind: "vanity" } },
        },
      },
    ]);
  });

  it("an attribute key Connect would refuse takes the Error branch and changes nothing", async () => {
    const flow = flowOf(
      {
        Identifier: "set",
        Type: "UpdateContactAttributes",
        Parameters: { Attributes: { ok: "1", "bad key": "2" } },
        Transitions: { NextAction: "bye", Errors: [{ ErrorType: "NoMatchingError", NextAction: "sorry" }] },
      },
      say("sorry", "sorry", "bye"),
      hangUp,
    );
    const run = await runFlow(flow, { contact, hooks: noLambda });
    expect(run.path).toEqual(["set", "sorry", "bye"]);
    expect(run.attributes).toEqual({});
  });
});

describe("runFlow: the Lambda", () => {
  const flow = flowOf(
    invoke("tell", "sorry"),
    say("tell", "Status $.External.status", "bye"),
    say("sorry", "Sorry [$.External.status]", "bye"),
    hangUp,
  );

  it("a string map response goes to NextAction and feeds $.External", async () => {
    const run = await runFlow(flow, { contact, hooks: lambdaReturning({ status: "OK" }) });
    expect(run.path).toEqual(["invoke", "tell", "bye"]);
    expect(run.events).toContainEqual(
      expect.objectContaining({ type: "lambda", outcome: { status: "success", response: { status: "OK" } } }),
    );
  });

  it("a Lambda error takes NoMatchingError and clears $.External", async () => {
    const run = await runFlow(flow, {
      contact,
      hooks: {
        invokeLambda: async () => {
          throw new Error("boom");
        },
      },
    });
    expect(run.path).toEqual(["invoke", "sorry", "bye"]);
    expect(prompts(run.events)).toEqual(["Sorry []"]);
    expect(run.events).toContainEqual(expect.objectContaining({ type: "lambda", outcome: { status: "error", error: "boom" } }));
    expect(run.events).toContainEqual(
      expect.objectContaining({
        type: "transition",
        from: "invoke",
        to: "sorry",
        via: "error",
        errorType: "NoMatchingError",
        reason: "boom",
      }),
    );
  });

  it.each([
    ["a nested object", { status: "OK", detail: { a: "b" } }, /"detail" is an object/],
    ["a number", { status: "OK", count: 3 }, /"count" is a number/],
    ["null", { status: null }, /"status" is null/],
    ["an array", ["OK"], /got an array/],
    ["more than 32 KB", { status: "x".repeat(33_000) }, /larger than 32 KB/],
  ])("STRING_MAP validation: %s takes the Error branch", async (_, response, message) => {
    const run = await runFlow(flow, { contact, hooks: lambdaReturning(response) });
    expect(run.path).toEqual(["invoke", "sorry", "bye"]);
    const lambda = run.events.find((e) => e.type === "lambda");
    expect(lambda?.type === "lambda" && lambda.outcome.status).toBe("invalid-response");
    expect(lambda?.type === "lambda" && lambda.outcome.status === "invalid-response" && lambda.outcome.error).toMatch(message);
  });

  it("JSON validation accepts nested values, read by path", async () => {
    const jsonFlow = flowOf(
      invoke("tell", "sorry", { ResponseValidation: { ResponseType: "JSON" } }),
      say("tell", "City $.External.address.city", "bye"),
      say("sorry", "Sorry", "bye"),
      hangUp,
    );
    const run = await runFlow(jsonFlow, { contact, hooks: lambdaReturning({ address: { city: "Seattle" } }) });
    expect(prompts(run.events)).toEqual(["City Seattle"]);
  });

  it("times out after InvocationTimeLimitSeconds (measured with the sleep hook) and aborts the call", async () => {
    let aborted = false;
    const slept: number[] = [];
    const hooks: FlowHooks = {
      invokeLambda: (_arn, _event, _timeout, signal) => new Promise(() => signal.addEventListener("abort", () => (aborted = true))),
      sleep: async (ms) => {
        slept.push(ms);
      },
    };
    const run = await runFlow(flow, { contact, hooks });
    expect(slept).toEqual([3000]);
    expect(aborted).toBe(true);
    expect(run.path).toEqual(["invoke", "sorry", "bye"]);
    expect(run.events).toContainEqual(
      expect.objectContaining({ type: "lambda", outcome: { status: "timeout", error: "the Lambda did not answer within 3 s" } }),
    );
  });

  it("times out in real time with the default clock", async () => {
    const quick = flowOf(
      invoke("tell", "sorry", { InvocationTimeLimitSeconds: 1 }),
      say("tell", "ok", "bye"),
      say("sorry", "late", "bye"),
      hangUp,
    );
    const started = Date.now();
    const run = await runFlow(quick, {
      contact,
      hooks: { invokeLambda: () => new Promise((resolve) => setTimeout(() => resolve({}), 3000).unref()) },
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(990);
    expect(Date.now() - started).toBeLessThan(2500);
    expect(prompts(run.events)).toEqual(["late"]);
  });

  it("a Lambda that answers within the limit wins the race", async () => {
    const hooks: FlowHooks = { invokeLambda: async () => ({ status: "OK" }), sleep: () => new Promise(() => {}) };
    expect((await runFlow(flow, { contact, hooks })).path).toEqual(["invoke", "tell", "bye"]);
  });

  it.each([["0"], ["9"], ["2.5"], ["soon"]])("refuses InvocationTimeLimitSeconds %s", async (limit) => {
    await expect(
      runFlow(flowOf(invoke("bye", "bye", { InvocationTimeLimitSeconds: limit }), hangUp), { contact, hooks: noLambda }),
    ).rejects.toThrow(/InvocationTimeLimitSeconds must be a whole number from 1 to 8/);
  });
});

describe("runFlow: prompts", () => {
  const ssmlFlow = (ssml: string) =>
    flowOf(
      {
        Identifier: "speak",
        Type: "MessageParticipant",
        Parameters: { SSML: ssml },
        Transitions: { NextAction: "bye", Errors: [{ ErrorType: "NoMatchingError", NextAction: "sorry" }] },
      },
      say("sorry", "sorry", "bye"),
      hangUp,
    );

  it("plays well-formed SSML", async () => {
    expect((await runFlow(ssmlFlow('<speak>Hi <break time="1s"/> there &amp; you</speak>'), { contact, hooks: noLambda })).path).toEqual([
      "speak",
      "bye",
    ]);
  });

  it.each([
    ["", "resolved to nothing"],
    ["<speak>Fish & chips</speak>", "invalid SSML"],
    ["<speak><s>Hi</speak>", "unexpected close tag"],
    ["Hi there", "outside of root"],
  ])("takes the Error branch for SSML %j", async (ssml, reason) => {
    const run = await runFlow(ssmlFlow(ssml), { contact, hooks: noLambda });
    expect(run.path).toEqual(["speak", "sorry", "bye"]);
    expect(run.events).toContainEqual(
      expect.objectContaining({ type: "transition", via: "error", reason: expect.stringContaining(reason) }),
    );
  });
});

describe("runFlow: guards", () => {
  it("an unsupported action type fails loudly, naming the action and its type", async () => {
    const flow = flowOf(say("hello", "Hi", "agent"), {
      Identifier: "agent",
      Type: "TransferContactToQueue",
      Parameters: {},
      Transitions: { NextAction: "hello" },
    });
    const error = await runFlow(flow, { contact, hooks: noLambda }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FlowError);
    expect((error as FlowError).message).toMatch(/Unsupported action type "TransferContactToQueue" in action "agent"/);
    expect(error).toMatchObject({ identifier: "agent", actionType: "TransferContactToQueue" });
  });

  it("the loop guard stops a flow that never ends", async () => {
    const flow = flowOf(say("a", "again", "b"), say("b", "and again", "a"));
    await expect(runFlow(flow, { contact, hooks: noLambda, maxSteps: 25 })).rejects.toThrow(/Loop guard: more than 25 actions executed/);
  });

  it("refuses another Version and duplicate identifiers", async () => {
    await expect(runFlow({ ...flowOf(hangUp), Version: "2020-01-01" }, { contact, hooks: noLambda })).rejects.toThrow(
      /Unsupported flow Version/,
    );
    await expect(runFlow(flowOf(hangUp, hangUp), { contact, hooks: noLambda })).rejects.toThrow(/share the Identifier "bye"/);
  });

  it("checkFlow lists every problem of a broken flow", () => {
    const broken: FlowDocument = {
      Version: "2019-10-30",
      StartAction: "start",
      Actions: [
        { Identifier: "a", Type: "MessageParticipant", Parameters: { Text: "x" }, Transitions: { NextAction: "gone" } },
        {
          Identifier: "b",
          Type: "Compare",
          Parameters: { ComparisonValue: "status is $.External.status" },
          Transitions: { Conditions: [{ NextAction: "a", Condition: { Operator: "Equals", Operands: ["x"] } }] },
        },
        { Identifier: "c", Type: "Loop", Parameters: {}, Transitions: {} },
      ],
    };
    expect(checkFlow(broken)).toEqual([
      'StartAction "start" names no action',
      'action "a" (MessageParticipant): goes to unknown action "gone"',
      'action "a" (MessageParticipant): no transition for NoMatchingError',
      'action "b" (Compare): ComparisonValue must be a single $. reference',
      'action "b" (Compare): no transition for NoMatchingCondition',
      'action "c" (Loop): unsupported type',
    ]);
  });
});

/** A caller who keys these answers, one per GetParticipantInput, in order (null: silence); asked once more, the run fails. */
const keying = (...answers: (string | null)[]) => {
  const asked: InputRequest[] = [];
  const keys = async (request: InputRequest): Promise<string | null> => {
    asked.push(request);
    if (answers.length === 0) throw new Error(`the caller was asked for keys at "${request.identifier}" once more than scripted`);
    return answers.shift() ?? null;
  };
  return { keys, asked, unanswered: () => answers.length };
};
const inputs = (events: FlowEvent[]) => events.filter((e) => e.type === "input");
const errorTransitions = (events: FlowEvent[]) =>
  events.flatMap((e) => (e.type === "transition" && e.via === "error" ? [{ from: e.from, errorType: e.errorType, reason: e.reason }] : []));

describe("runFlow: GetParticipantInput choosing a branch", () => {
  const menu = (parameters: Record<string, unknown> = { Text: "Press 1 or 2." }): FlowAction => ({
    Identifier: "menu",
    Type: "GetParticipantInput",
    Parameters: { StoreInput: "False", InputTimeLimitSeconds: "5", ...parameters },
    Transitions: {
      NextAction: "wrong",
      Conditions: [
        { NextAction: "one", Condition: { Operator: "Equals", Operands: ["1"] } },
        { NextAction: "two", Condition: { Operator: "Equals", Operands: ["2"] } },
      ],
      Errors: [
        { ErrorType: "InputTimeLimitExceeded", NextAction: "silent" },
        { ErrorType: "NoMatchingCondition", NextAction: "wrong" },
        { ErrorType: "NoMatchingError", NextAction: "broken" },
      ],
    },
  });
  const menuFlow = (parameters?: Record<string, unknown>) =>
    flowOf(
      menu(parameters),
      say("one", "One.", "bye"),
      say("two", "Two.", "bye"),
      say("silent", "Silence.", "bye"),
      say("wrong", "Wrong key.", "bye"),
      say("broken", "Broken.", "bye"),
      hangUp,
    );

  it("the menu used below is a sound flow", () => {
    expect(checkFlow(menuFlow())).toEqual([]);
  });

  it("plays the prompt, asks for a key and takes the condition the key matches", async () => {
    const caller = keying("2");
    const run = await runFlow(menuFlow(), { contact, hooks: { ...noLambda, keys: caller.keys } });
    expect(run.path).toEqual(["menu", "two", "bye"]);
    expect(run.ending).toBe("disconnected");
    expect(run.events.slice(0, 4)).toEqual([
      { type: "action", step: 1, identifier: "menu", actionType: "GetParticipantInput" },
      { type: "prompt", identifier: "menu", format: "text", content: "Press 1 or 2." },
      { type: "input", identifier: "menu", store: false, keys: "2", value: "2" },
      { type: "transition", from: "menu", to: "two", via: "condition" },
    ]);
    expect(caller.asked).toEqual([
      { identifier: "menu", prompt: { format: "text", content: "Press 1 or 2." }, store: false, timeoutSeconds: 5 },
    ]);
    expect(prompts(run.events)).toEqual(["Press 1 or 2.", "Two."]);
  });

  it("plays the prompt before it waits for the caller's keys", async () => {
    const seen: FlowEvent[] = [];
    let heardWhenAsked: string[] = [];
    const hooks: FlowHooks = {
      ...noLambda,
      keys: async () => {
        heardWhenAsked = prompts(seen);
        return "1";
      },
    };
    for await (const event of interpretFlow(menuFlow(), { contact, hooks })) seen.push(event);
    expect(heardWhenAsked).toEqual(["Press 1 or 2."]);
    expect(prompts(seen)).toEqual(["Press 1 or 2.", "One."]);
  });

  it.each([
    ["1", "one"],
    ["2#", "two"],
    ["21", "two"],
    ["12", "one"],
  ])("only the first of the keys %j chooses (%s)", async (keys, branch) => {
    const run = await runFlow(menuFlow(), { contact, hooks: { ...noLambda, keys: keying(keys).keys } });
    expect(run.path).toEqual(["menu", branch, "bye"]);
    expect(inputs(run.events)).toEqual([{ type: "input", identifier: "menu", store: false, keys, value: keys[0] }]);
  });

  it.each([
    ["silence", null],
    ["no keys at all", ""],
  ])("%s takes InputTimeLimitExceeded after InputTimeLimitSeconds", async (_, keys) => {
    const caller = keying(keys);
    const run = await runFlow(menuFlow({ Text: "Press 1 or 2.", InputTimeLimitSeconds: "7" }), {
      contact,
      hooks: { ...noLambda, keys: caller.keys },
    });
    expect(run.path).toEqual(["menu", "silent", "bye"]);
    expect(caller.asked[0]?.timeoutSeconds).toBe(7);
    expect(inputs(run.events)).toEqual([{ type: "input", identifier: "menu", store: false, keys, value: null }]);
    expect(errorTransitions(run.events)).toEqual([{ from: "menu", errorType: "InputTimeLimitExceeded", reason: "no key within 7 s" }]);
  });

  it("without a keys hook the caller stays silent", async () => {
    const run = await runFlow(menuFlow(), { contact, hooks: noLambda });
    expect(run.path).toEqual(["menu", "silent", "bye"]);
    expect(inputs(run.events)).toEqual([{ type: "input", identifier: "menu", store: false, keys: null, value: null }]);
  });

  it.each(["3", "0", "*", "#", "31"])("a key no condition matches (%j) takes NoMatchingCondition", async (keys) => {
    const run = await runFlow(menuFlow(), { contact, hooks: { ...noLambda, keys: keying(keys).keys } });
    expect(run.path).toEqual(["menu", "wrong", "bye"]);
    expect(errorTransitions(run.events)).toEqual([
      { from: "menu", errorType: "NoMatchingCondition", reason: `no option for key ${keys[0]}` },
    ]);
  });

  it("with no NoMatchingCondition transition (and no NextAction) a wrong key is a dead end", async () => {
    const flow = flowOf(
      {
        Identifier: "menu",
        Type: "GetParticipantInput",
        Parameters: { Text: "Press 1." },
        Transitions: {
          Conditions: [{ NextAction: "bye", Condition: { Operator: "Equals", Operands: ["1"] } }],
          Errors: [
            { ErrorType: "InputTimeLimitExceeded", NextAction: "bye" },
            { ErrorType: "NoMatchingError", NextAction: "bye" },
          ],
        },
      },
      hangUp,
    );
    await expect(runFlow(flow, { contact, hooks: { ...noLambda, keys: keying("5").keys } })).rejects.toThrow(
      /Dead end: action "menu" \(GetParticipantInput\) failed with NoMatchingCondition \(no option for key 5\)/,
    );
  });

  it("resolves references in an SSML prompt and hands the hook what was played", async () => {
    const caller = keying("1");
    const run = await runFlow(menuFlow({ SSML: "<speak>Press 1, $.Attributes.name.</speak>" }), {
      contact,
      attributes: { name: "Ada" },
      hooks: { ...noLambda, keys: caller.keys },
    });
    expect(prompts(run.events)).toEqual(["<speak>Press 1, Ada.</speak>", "One."]);
    expect(caller.asked[0]?.prompt).toEqual({ format: "ssml", content: "<speak>Press 1, Ada.</speak>" });
  });

  it.each([
    ["SSML that is not well formed", { SSML: "<speak>Fish & chips</speak>" }, /invalid SSML/],
    ["a prompt that resolves to nothing", { Text: "$.Attributes.nothing" }, /resolved to nothing/],
  ])("%s takes NoMatchingError without asking for keys", async (_, parameters, reason) => {
    const caller = keying();
    const run = await runFlow(menuFlow(parameters), { contact, hooks: { ...noLambda, keys: caller.keys } });
    expect(run.path).toEqual(["menu", "broken", "bye"]);
    expect(caller.asked).toEqual([]);
    expect(inputs(run.events)).toEqual([]);
    expect(errorTransitions(run.events)).toEqual([{ from: "menu", errorType: "NoMatchingError", reason: expect.stringMatching(reason) }]);
  });

  it.each([
    ["both Text and SSML", { Text: "Press 1.", SSML: "<speak>Press 1.</speak>" }, "Text, SSML"],
    ["no prompt", {}, "none"],
  ])("a prompt with %s is a FlowError that names GetParticipantInput", async (_, parameters, has) => {
    const caller = keying();
    const error = await runFlow(menuFlow(parameters), { contact, hooks: { ...noLambda, keys: caller.keys } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FlowError);
    expect(error).toMatchObject({ identifier: "menu", actionType: "GetParticipantInput" });
    expect((error as FlowError).message).toBe(
      `Action "menu" (GetParticipantInput) needs exactly one of Text, SSML, PromptId, Media; it has ${has}`,
    );
    expect(caller.asked).toEqual([]);
  });

  it("a MessageParticipant with two prompts is a FlowError that names MessageParticipant", async () => {
    const flow = flowOf({ ...say("hello", "Hi.", "bye"), Parameters: { Text: "Hi.", PromptId: "arn:aws:connect:prompt/1" } }, hangUp);
    await expect(runFlow(flow, { contact, hooks: noLambda })).rejects.toThrow(
      'Action "hello" (MessageParticipant) needs exactly one of Text, SSML, PromptId, Media; it has Text, PromptId',
    );
  });

  it.each(["0", "181", "2.5", "soon"])("refuses InputTimeLimitSeconds %s", async (limit) => {
    await expect(
      runFlow(menuFlow({ Text: "Press 1.", InputTimeLimitSeconds: limit }), { contact, hooks: { ...noLambda, keys: keying("1").keys } }),
    ).rejects.toThrow(/InputTimeLimitSeconds must be a whole number from 1 to 180/);
  });

  it.each(["12a", "A", "1 2", "+1"])("keys other than 0-9, * and # (%j) are a FlowError", async (keys) => {
    const error = await runFlow(menuFlow(), { contact, hooks: { ...noLambda, keys: keying(keys).keys } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FlowError);
    expect(error).toMatchObject({ identifier: "menu", actionType: "GetParticipantInput" });
    expect((error as FlowError).message).toMatch(/can only key 0-9, \* and #/);
  });
});

describe("runFlow: GetParticipantInput storing the input", () => {
  const ask = (id: string, next: string, parameters: Record<string, unknown> = {}): FlowAction => ({
    Identifier: id,
    Type: "GetParticipantInput",
    Parameters: {
      Text: "Key in a number, then press pound.",
      StoreInput: "True",
      InputTimeLimitSeconds: "10",
      InputValidation: { CustomValidation: { MaximumLength: "12" } },
      ...parameters,
    },
    Transitions: { NextAction: next, Errors: [{ ErrorType: "NoMatchingError", NextAction: "broken" }] },
  });
  const storeFlow = (parameters?: Record<string, unknown>) =>
    flowOf(
      ask("ask", "tell", parameters),
      say("tell", "You keyed [$.StoredCustomerInput].", "bye"),
      say("broken", "Broken.", "bye"),
      hangUp,
    );
  const noCancelKey = { DisableCancelKey: "True" };

  it("the flow used below is sound: a storing input needs only a NoMatchingError transition", () => {
    expect(checkFlow(storeFlow())).toEqual([]);
  });

  it.each([
    ["up to the terminator", "8004685865#", {}, "8004685865"],
    ["without the terminator", "8004685865", {}, "8004685865"],
    ["nothing after the terminator", "12#34#", {}, "12"],
    ["* as an ordinary key when the cancel key is off", "*67#", { DTMFConfiguration: noCancelKey }, "*67"],
    ["a terminator of its own", "1#2*3", { DTMFConfiguration: { ...noCancelKey, InputTerminationSequence: "*" } }, "1#2"],
    ["at most MaximumLength keys", "1234567890123456#", {}, "123456789012"],
    ["a MaximumLength of 5", "1234567#", { InputValidation: { CustomValidation: { MaximumLength: "5" } } }, "12345"],
    ["at most 20 keys without a MaximumLength", "1234567890".repeat(3) + "#", { InputValidation: {} }, "12345678901234567890"],
  ])("stores the keys %s as $.StoredCustomerInput and goes to NextAction", async (_, keys, parameters, value) => {
    const run = await runFlow(storeFlow(parameters), { contact, hooks: { ...noLambda, keys: keying(keys).keys } });
    expect(run.path).toEqual(["ask", "tell", "bye"]);
    expect(prompts(run.events)).toEqual(["Key in a number, then press pound.", `You keyed [${value}].`]);
    expect(inputs(run.events)).toEqual([{ type: "input", identifier: "ask", store: true, keys, value }]);
  });

  it("tells the hook the terminator and the most keys it takes", async () => {
    const defaults = keying("1#");
    await runFlow(storeFlow({ InputValidation: {} }), { contact, hooks: { ...noLambda, keys: defaults.keys } });
    expect(defaults.asked).toEqual([
      {
        identifier: "ask",
        prompt: { format: "text", content: "Key in a number, then press pound." },
        store: true,
        timeoutSeconds: 10,
        terminator: "#",
        maxLength: 20,
      },
    ]);
    const custom = keying("1*");
    await runFlow(
      storeFlow({
        DTMFConfiguration: { ...noCancelKey, InputTerminationSequence: "*" },
        InputValidation: { CustomValidation: { MaximumLength: "18" } },
      }),
      { contact, hooks: { ...noLambda, keys: custom.keys } },
    );
    expect(custom.asked[0]).toMatchObject({ store: true, terminator: "*", maxLength: 18 });
  });

  it.each([
    ["silence", null],
    ["no keys", ""],
    ["the terminator alone", "#"],
    ["the terminator first", "#123"],
  ])('%s stores "Timeout", as Connect does, and goes on to NextAction', async (_, keys) => {
    const run = await runFlow(storeFlow(), { contact, hooks: { ...noLambda, keys: keying(keys).keys } });
    expect(run.path).toEqual(["ask", "tell", "bye"]);
    expect(prompts(run.events).at(-1)).toBe("You keyed [Timeout].");
    expect(inputs(run.events)).toEqual([{ type: "input", identifier: "ask", store: true, keys, value: "Timeout" }]);
    expect(errorTransitions(run.events)).toEqual([]);
  });

  it('without a keys hook the input is "Timeout"', async () => {
    const run = await runFlow(storeFlow(), { contact, hooks: noLambda });
    expect(prompts(run.events).at(-1)).toBe("You keyed [Timeout].");
  });

  it("keys other than 0-9, * and # are a FlowError", async () => {
    await expect(runFlow(storeFlow(), { contact, hooks: { ...noLambda, keys: keying("800-468#").keys } })).rejects.toThrow(
      /can only key 0-9, \* and #; got "800-468#" at "ask"/,
    );
  });

  it.each([
    ["no DTMFConfiguration", {}],
    ["DisableCancelKey False", { DTMFConfiguration: { DisableCancelKey: "False" } }],
  ])("* while the cancel key is on (%s) is refused as unsupported, not guessed at", async (_, parameters) => {
    const error = await runFlow(storeFlow(parameters), { contact, hooks: { ...noLambda, keys: keying("12*34#").keys } }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(FlowError);
    expect(error).toMatchObject({ identifier: "ask", actionType: "GetParticipantInput" });
    expect((error as FlowError).message).toMatch(/Unsupported the cancel key "\*"/);
  });

  it.each([
    ["after the terminator", "1234#*5", {}, "1234"],
    ["beyond MaximumLength", "123456789012*#", {}, "123456789012"],
  ])("with the cancel key on, a * %s is not looked at", async (_, keys, parameters, value) => {
    const run = await runFlow(storeFlow(parameters), { contact, hooks: { ...noLambda, keys: keying(keys).keys } });
    expect(run.path).toEqual(["ask", "tell", "bye"]);
    expect(inputs(run.events)).toEqual([{ type: "input", identifier: "ask", store: true, keys, value }]);
  });

  it.each([
    ["keys with a *", "12*"],
    ["keys without a *", "12"],
    ["silence", null],
  ])('a "*" terminator while the cancel key is on is refused as unsupported (%s)', async (_, keys) => {
    const error = await runFlow(storeFlow({ DTMFConfiguration: { InputTerminationSequence: "*" } }), {
      contact,
      hooks: { ...noLambda, keys: keying(keys).keys },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FlowError);
    expect(error).toMatchObject({ identifier: "ask", actionType: "GetParticipantInput" });
    expect((error as FlowError).message).toMatch(/Unsupported the cancel key "\*" while DisableCancelKey is not "True" in action "ask"/);
  });

  it.each(["0", "-3", "2.5", "twelve", ""])("refuses a MaximumLength of %j before asking for keys", async (maximum) => {
    const caller = keying();
    const error = await runFlow(storeFlow({ InputValidation: { CustomValidation: { MaximumLength: maximum } } }), {
      contact,
      hooks: { ...noLambda, keys: caller.keys },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FlowError);
    expect(error).toMatchObject({ identifier: "ask", actionType: "GetParticipantInput" });
    expect((error as FlowError).message).toBe(
      'Action "ask": InputValidation.CustomValidation.MaximumLength must be a whole number above 0',
    );
    expect(caller.asked).toEqual([]);
  });

  it("a MaximumLength of 1 takes one key", async () => {
    const run = await runFlow(storeFlow({ InputValidation: { CustomValidation: { MaximumLength: 1 } } }), {
      contact,
      hooks: { ...noLambda, keys: keying("987#").keys },
    });
    expect(prompts(run.events).at(-1)).toBe("You keyed [9].");
  });

  it("the cancel key on is no problem for keys without *", async () => {
    const run = await runFlow(storeFlow({ DTMFConfiguration: { DisableCancelKey: "False" } }), {
      contact,
      hooks: { ...noLambda, keys: keying("1234#").keys },
    });
    expect(prompts(run.events).at(-1)).toBe("You keyed [1234].");
  });

  it("PhoneNumberValidation is refused as unsupported", async () => {
    const flow = storeFlow({ InputValidation: { PhoneNumberValidation: { NumberFormat: "Local", CountryCode: "US" } } });
    await expect(runFlow(flow, { contact, hooks: { ...noLambda, keys: keying("2025550123#").keys } })).rejects.toThrow(
      /Unsupported InputValidation.PhoneNumberValidation in action "ask"/,
    );
  });

  it("$.StoredCustomerInput is empty before any input and then the latest stored input, not a menu key", async () => {
    const flow = flowOf(
      say("before", "Before [$.StoredCustomerInput].", "first"),
      ask("first", "second"),
      ask("second", "menu"),
      {
        Identifier: "menu",
        Type: "GetParticipantInput",
        Parameters: { Text: "Press 1." },
        Transitions: {
          Conditions: [{ NextAction: "tell", Condition: { Operator: "Equals", Operands: ["1"] } }],
          Errors: [
            { ErrorType: "InputTimeLimitExceeded", NextAction: "bye" },
            { ErrorType: "NoMatchingCondition", NextAction: "bye" },
            { ErrorType: "NoMatchingError", NextAction: "bye" },
          ],
        },
      },
      say("tell", "You keyed [$.StoredCustomerInput].", "bye"),
      say("broken", "Broken.", "bye"),
      hangUp,
    );
    expect(checkFlow(flow)).toEqual([]);
    const run = await runFlow(flow, { contact, hooks: { ...noLambda, keys: keying("111#", "222#", "1").keys } });
    expect(run.path).toEqual(["before", "first", "second", "menu", "tell", "bye"]);
    expect(prompts(run.events)).toEqual([
      "Before [].",
      "Key in a number, then press pound.",
      "Key in a number, then press pound.",
      "Press 1.",
      "You keyed [222].",
    ]);
  });

  it("$.StoredCustomerInput goes to the Lambda in LambdaInvocationAttributes", async () => {
    const seen: Record<string, string>[] = [];
    const hooks: FlowHooks = {
      invokeLambda: async (_arn, event) => {
        seen.push(event.Details.Parameters);
        return { status: "OK" };
      },
      keys: keying("2025550123#").keys,
    };
    const flow = flowOf(
      ask("ask", "invoke"),
      invoke("tell", "broken", { LambdaInvocationAttributes: { action: "typed-number", number: "$.StoredCustomerInput" } }),
      say("tell", "Status $.External.status for $.StoredCustomerInput.", "bye"),
      say("broken", "Broken.", "bye"),
      hangUp,
    );
    const run = await runFlow(flow, { contact, hooks });
    expect(seen).toEqual([{ action: "typed-number", number: "2025550123" }]);
    expect(prompts(run.events).at(-1)).toBe("Status OK for 2025550123.");
  });
});

describe("runFlow: UpdateContactTextToSpeechVoice", () => {
  const voiceFlow = (parameters: Record<string, unknown>) =>
    flowOf(
      {
        Identifier: "voice",
        Type: "UpdateContactTextToSpeechVoice",
        Parameters: parameters,
        Transitions: { NextAction: "hello", Errors: [{ ErrorType: "NoMatchingError", NextAction: "sorry" }] },
      },
      say("hello", "Hello.", "bye"),
      say("sorry", "Sorry.", "bye"),
      hangUp,
    );

  it("sets the voice and engine, then goes to NextAction", async () => {
    const run = await runFlow(voiceFlow({ TextToSpeechVoice: "Joanna", TextToSpeechEngine: "Neural" }), { contact, hooks: noLambda });
    expect(run.path).toEqual(["voice", "hello", "bye"]);
    expect(run.events.filter((e) => e.type === "voice")).toEqual([
      { type: "voice", identifier: "voice", voice: "Joanna", engine: "Neural" },
    ]);
  });

  it("without an engine the engine is Standard", async () => {
    const run = await runFlow(voiceFlow({ TextToSpeechVoice: "Matthew" }), { contact, hooks: noLambda });
    expect(run.events).toContainEqual({ type: "voice", identifier: "voice", voice: "Matthew", engine: "Standard" });
  });

  it.each([
    ["no voice", { TextToSpeechEngine: "Neural" }],
    ["an empty voice", { TextToSpeechVoice: "" }],
    ["a blank voice", { TextToSpeechVoice: "  " }],
  ])("%s takes NoMatchingError and sets nothing", async (_, parameters) => {
    const run = await runFlow(voiceFlow(parameters), { contact, hooks: noLambda });
    expect(run.path).toEqual(["voice", "sorry", "bye"]);
    expect(run.events.filter((e) => e.type === "voice")).toEqual([]);
    expect(errorTransitions(run.events)).toEqual([{ from: "voice", errorType: "NoMatchingError", reason: "no TextToSpeechVoice" }]);
  });
});

describe("checkFlow: input and voice", () => {
  it("a NextAction covers NoMatchingCondition for a Compare, not for a GetParticipantInput, as runFlow has it", async () => {
    const flow = flowOf(
      {
        Identifier: "menu",
        Type: "GetParticipantInput",
        Parameters: { Text: "Press 1." },
        Transitions: {
          NextAction: "check",
          Conditions: [{ NextAction: "check", Condition: { Operator: "Equals", Operands: ["1"] } }],
          Errors: [
            { ErrorType: "InputTimeLimitExceeded", NextAction: "check" },
            { ErrorType: "NoMatchingError", NextAction: "check" },
          ],
        },
      },
      {
        Identifier: "check",
        Type: "Compare",
        Parameters: { ComparisonValue: "$.Attributes.x" },
        Transitions: {
          NextAction: "bye",
          Conditions: [{ NextAction: "bye", Condition: { Operator: "Equals", Operands: ["1"] } }],
        },
      },
      hangUp,
    );
    expect(checkFlow(flow)).toEqual(['action "menu" (GetParticipantInput): no transition for NoMatchingCondition']);
    // The Compare falls through to its NextAction; the GetParticipantInput does not.
    const silent = await runFlow(flow, { contact, hooks: noLambda });
    expect(silent.path).toEqual(["menu", "check", "bye"]);
    expect(errorTransitions(silent.events)).toContainEqual({
      from: "check",
      errorType: "NoMatchingCondition",
      reason: 'no condition matched ""',
    });
    await expect(runFlow(flow, { contact, hooks: { ...noLambda, keys: keying("5").keys } })).rejects.toThrow(
      /Dead end: action "menu" \(GetParticipantInput\) failed with NoMatchingCondition/,
    );
  });

  it("wants every error transition a GetParticipantInput can take; one that stores its input needs InputValidation and no Conditions", () => {
    const flow = flowOf(
      {
        Identifier: "menu",
        Type: "GetParticipantInput",
        Parameters: { Text: "Press 1.", StoreInput: "False" },
        Transitions: {
          Conditions: [{ NextAction: "ask", Condition: { Operator: "Equals", Operands: ["1"] } }],
          Errors: [{ ErrorType: "NoMatchingError", NextAction: "bye" }],
        },
      },
      {
        Identifier: "ask",
        Type: "GetParticipantInput",
        Parameters: { Text: "Key a number.", StoreInput: "True" },
        Transitions: {
          NextAction: "ask-again",
          Conditions: [{ NextAction: "bye", Condition: { Operator: "Equals", Operands: ["1"] } }],
          Errors: [{ ErrorType: "NoMatchingError", NextAction: "bye" }],
        },
      },
      {
        Identifier: "ask-again",
        Type: "GetParticipantInput",
        Parameters: { Text: "Key a number.", StoreInput: "True", InputValidation: { CustomValidation: { MaximumLength: "18" } } },
        Transitions: { NextAction: "voice" },
      },
      {
        Identifier: "voice",
        Type: "UpdateContactTextToSpeechVoice",
        Parameters: { TextToSpeechVoice: "Joanna" },
        Transitions: { NextAction: "bye" },
      },
      hangUp,
    );
    expect(checkFlow(flow)).toEqual([
      'action "menu" (GetParticipantInput): no transition for InputTimeLimitExceeded',
      'action "menu" (GetParticipantInput): no transition for NoMatchingCondition',
      'action "ask" (GetParticipantInput): stores its input, so it cannot branch on Conditions',
      'action "ask" (GetParticipantInput): stores its input, so it needs InputValidation',
      'action "ask-again" (GetParticipantInput): no transition for NoMatchingError',
      'action "voice" (UpdateContactTextToSpeechVoice): no transition for NoMatchingError',
    ]);
  });
});

describe("the project's contact-flow.json", () => {
  const flow = contactFlow as FlowDocument;
  const arn = "arn:aws:lambda:us-west-2:123456789012:function:connect-caller";
  // What the template's Fn::Sub does at deploy time.
  const deployed = JSON.parse(JSON.stringify(flow).replaceAll("${ConnectCallerCustomLambda.Arn}", arn)) as FlowDocument;
  const withheld: ContactData = { ...contact, CustomerEndpoint: null };

  // What the caller hears from the flow itself.
  const GREETING = "Thanks for calling. Please hold for a moment while we find vanity numbers for the number you are calling from.";
  const MENU =
    "To hear them again, press 1. To get them by text message, press 2. To hear the vanity numbers of another phone number, press 3. Or just hang up.";
  const MENU_NO_TEXT = "To hear them again, press 1. To hear the vanity numbers of another phone number, press 3. Or just hang up.";
  // After another number's numbers were heard, option 2 still texts the caller's own.
  const MENU_AFTER_LOOKUP =
    "To hear them again, press 1. To get your own vanity numbers by text message, press 2. To hear the vanity numbers of another phone number, press 3. Or just hang up.";
  const OFFER = "To hear the vanity numbers of another phone number, press 3. Or call again without hiding your number.";
  const again = (prompt: string) => `Sorry, I didn't get that. ${prompt}`;
  const ASK = "Please key in the phone number, area code first, then press the pound key.";
  const ASK_AGAIN = "Please try once more: key in the phone number, area code first, then press the pound key.";
  const GOODBYE = "Thanks for calling. Goodbye.";
  const APOLOGY = "Sorry, we couldn't look up your vanity numbers right now. Please try again later. Goodbye.";
  const TEXT_FAILED = "Sorry, we could not send the text message right now.";

  // The Lambda's answers, as the contract has them: a flat map of strings with every key.
  const numbers = (ssml: string, smsOffered: "true" | "false" = "true"): ConnectVanityResponse => ({
    status: "OK",
    vanity1: "1-800-FLOWERS",
    vanity2: "1-800-FLOWER-7",
    vanity3: "1-800-FLOW-ERR",
    source: "new",
    ssml,
    smsOffered,
  });
  const okResponse = numbers("<speak><s>Your vanity numbers are 1-800-FLOWERS, 1-800-FLOWER-7 and 1-800-FLOW-ERR.</s></speak>");
  const noTexts = numbers(okResponse.ssml, "false");
  const answer = (
    status: Exclude<ConnectStatus, "OK">,
    sentence: string,
    smsOffered: "true" | "false" = "false",
  ): ConnectVanityResponse => ({
    status,
    vanity1: "",
    vanity2: "",
    vanity3: "",
    source: "",
    ssml: `<speak>${sentence}</speak>`,
    smsOffered,
  });
  const failure = (status: Exclude<ConnectStatus, "OK">) => answer(status, `Sorry (${status}). Please try again later.`);
  const noNumber = answer(
    "NO_NUMBER",
    "Sorry, we could not see the number you are calling from, so we cannot suggest vanity numbers for it.",
  );
  const typedOk = (keys: string, smsOffered: "true" | "false" = "true"): ConnectVanityResponse => ({
    status: "OK",
    vanity1: "1-800-GOT-MILK",
    vanity2: "1-800-GOT-MIL-K",
    vanity3: "1-800-GO-TMILK",
    source: "",
    ssml: `<speak><s>Here are the vanity numbers for ${keys.split("").join(" ")}.</s><s>1-800-GOT-MILK</s></speak>`,
    smsOffered,
  });
  const typedProblem = (keys: string, status: Exclude<ConnectStatus, "OK"> = "INVALID_NUMBER") =>
    answer(status, `Sorry, ${keys} is not a phone number we can make vanity numbers for (${status}).`, "true");
  // What the Lambda answers for a stored input of "Timeout": the caller keyed nothing.
  const nothingKeyed = (smsOffered: "true" | "false" = "true") => answer("NO_NUMBER", "Sorry, we did not get a number.", smsOffered);
  const usable = (keys: string) => keys.length >= 10;
  const typedAnswer = (keys: string, smsOffered: "true" | "false" = "true") =>
    keys === "Timeout" ? nothingKeyed(smsOffered) : usable(keys) ? typedOk(keys, smsOffered) : typedProblem(keys);

  // The fake Lambda: an answer for each `action` of the contract (none: the caller's own numbers).
  const HANG = Symbol("the Lambda never answers");
  type Answer = Record<string, unknown> | Error | typeof HANG;
  interface FakeLambda {
    caller?: Answer;
    text?: Answer;
    typed?: (number: string) => Answer;
  }
  function answerFor(
    { caller = okResponse, text = answer("SENT", "We have sent your vanity numbers to you in a text message.", "true"), typed }: FakeLambda,
    parameters: Record<string, string>,
  ): Answer {
    const action = parameters.action ?? "caller-numbers";
    const number = parameters.number ?? "";
    if (action === "caller-numbers") return caller;
    if (action === "send-text") return text;
    if (action === "typed-number") return (typed ?? typedAnswer)(number);
    return new Error(`the fake Lambda has no action "${action}"`);
  }

  interface LambdaCall {
    parameters: Record<string, string>;
    address: string | null;
    attributes: Record<string, string>;
  }

  /** One call to the deployed flow: the caller keys `keys` (in order, every one of them), and the call ends with a hang-up. */
  async function call({
    caller = contact,
    lambda = {},
    keys = [],
  }: { caller?: ContactData; lambda?: FakeLambda; keys?: (string | null)[] } = {}) {
    const lambdaCalls: LambdaCall[] = [];
    const targets = new Set<string>();
    const slept = new Set<number>();
    const keypad = keying(...keys);
    let hung = false;
    const hooks: FlowHooks = {
      invokeLambda: async (lambdaArn, event, timeout) => {
        targets.add(`${lambdaArn} ${timeout}`);
        lambdaCalls.push({
          parameters: { ...event.Details.Parameters },
          address: event.Details.ContactData.CustomerEndpoint?.Address ?? null,
          attributes: { ...event.Details.ContactData.Attributes },
        });
        const reply = answerFor(lambda, event.Details.Parameters);
        hung = reply === HANG; // read by sleep, which the interpreter calls right after this
        if (reply === HANG) return new Promise(() => {});
        if (reply instanceof Error) throw reply;
        return reply;
      },
      keys: keypad.keys,
      sleep: (ms) => {
        slept.add(ms);
        return hung ? Promise.resolve() : new Promise(() => {});
      },
    };
    const run = await runFlow(deployed, { contact: caller, hooks });
    expect(run.ending).toBe("disconnected");
    expect(keypad.unanswered()).toBe(0); // the flow asked for every scripted answer
    if (lambdaCalls.length) {
      expect([...targets]).toEqual([`${arn} 6`]);
      expect([...slept]).toEqual([6000]);
    }
    return { run, heard: prompts(run.events), lambdaCalls, parameters: lambdaCalls.map((c) => c.parameters), asked: keypad.asked };
  }

  const START = [
    "enable-flow-logs",
    "set-voice",
    "greet-and-ask-to-hold",
    "find-vanity-numbers",
    "remember-vanity-numbers",
    "check-vanity-status",
  ];
  // choose-menu asks whether another number was looked up, then whether texts are offered.
  const OWN_MENU = ["choose-menu", "choose-own-menu", "menu"];
  const OWN_MENU_NO_TEXT = ["choose-menu", "choose-own-menu", "menu-without-text"];
  const LOOKUP_MENU = ["choose-menu", "choose-menu-after-lookup", "menu-after-lookup"];
  const LOOKUP_MENU_NO_TEXT = ["choose-menu", "choose-menu-after-lookup", "menu-without-text"];
  const TO_MENU = [...START, "play-vanity-numbers", ...OWN_MENU];
  const LOOKUP_OK = ["ask-for-number", "look-up-number", "check-number", "remember-heard-numbers", "play-heard-numbers"];
  const TYPED_CALL = (number: string) => ({ action: "typed-number", number });

  it("is sound: supported types, no dead ends, an error transition wherever one can happen", () => {
    expect(checkFlow(flow)).toEqual([]);
    const lambdas = Object.fromEntries(
      flow.Actions.filter((a) => a.Type === "InvokeLambdaFunction").map((a) => [a.Identifier, a.Parameters]),
    );
    expect(Object.keys(lambdas)).toEqual(["find-vanity-numbers", "send-text", "look-up-number", "look-up-number-again"]);
    for (const parameters of Object.values(lambdas)) {
      expect(parameters).toMatchObject({
        LambdaFunctionARN: "${ConnectCallerCustomLambda.Arn}",
        InvocationTimeLimitSeconds: "6",
        ResponseValidation: { ResponseType: "STRING_MAP" },
      });
    }
    expect(lambdas["find-vanity-numbers"]).not.toHaveProperty("LambdaInvocationAttributes");
    expect(lambdas["send-text"]?.LambdaInvocationAttributes).toEqual({ action: "send-text" });
    expect(lambdas["look-up-number"]?.LambdaInvocationAttributes).toEqual({ action: "typed-number", number: "$.StoredCustomerInput" });
    expect(lambdas["look-up-number-again"]?.LambdaInvocationAttributes).toEqual({
      action: "typed-number",
      number: "$.StoredCustomerInput",
    });
    const numberPrompts = flow.Actions.filter((a) => a.Type === "GetParticipantInput" && a.Parameters?.StoreInput === "True");
    expect(numberPrompts.map((a) => a.Identifier)).toEqual(["ask-for-number", "ask-for-number-again"]);
    for (const { Parameters } of numberPrompts) {
      expect(Parameters).toMatchObject({
        InputTimeLimitSeconds: "10",
        DTMFConfiguration: { InputTerminationSequence: "#", DisableCancelKey: "True" },
        InputValidation: { CustomValidation: { MaximumLength: "18" } },
      });
    }
  });

  it("OK: greets in Joanna's voice, plays the caller's numbers, offers the menu twice, then says goodbye", async () => {
    const { run, heard, lambdaCalls, asked } = await call({ keys: [null, null] });
    expect(lambdaCalls).toEqual([{ parameters: {}, address: "+18003569377", attributes: {} }]);
    expect(run.path).toEqual([...TO_MENU, "menu-again", "say-goodbye", "hang-up"]);
    expect(heard).toEqual([GREETING, okResponse.ssml, MENU, again(MENU), GOODBYE]);
    expect(asked.map(({ identifier, store, timeoutSeconds }) => ({ identifier, store, timeoutSeconds }))).toEqual([
      { identifier: "menu", store: false, timeoutSeconds: 5 },
      { identifier: "menu-again", store: false, timeoutSeconds: 5 },
    ]);
    expect(run.attributes).toEqual({
      vanityStatus: "OK",
      vanity1: "1-800-FLOWERS",
      vanity2: "1-800-FLOWER-7",
      vanity3: "1-800-FLOW-ERR",
      heardSsml: okResponse.ssml,
      smsOffered: "true",
    });
    expect(run.events[1]).toEqual({ type: "logging", identifier: "enable-flow-logs", enabled: true });
    expect(run.events.filter((e) => e.type === "voice")).toEqual([
      { type: "voice", identifier: "set-voice", voice: "Joanna", engine: "Neural" },
    ]);
  });

  it.each([
    ["a wrong key, then silence", ["9", null]],
    ["silence, then a wrong key", [null, "0"]],
    ["two wrong keys", ["*", "#"]],
  ])("OK, then %s at the menu: goodbye", async (_, keys) => {
    const { run, heard, parameters } = await call({ keys });
    expect(run.path).toEqual([...TO_MENU, "menu-again", "say-goodbye", "hang-up"]);
    expect(heard).toEqual([GREETING, okResponse.ssml, MENU, again(MENU), GOODBYE]);
    expect(parameters).toEqual([{}]);
  });

  it("a key that works on the second try starts the menu afresh", async () => {
    const { run, heard } = await call({ keys: [null, "1", "7", null] });
    expect(run.path).toEqual([...TO_MENU, "menu-again", "replay", ...OWN_MENU, "menu-again", "say-goodbye", "hang-up"]);
    expect(heard).toEqual([GREETING, okResponse.ssml, MENU, again(MENU), okResponse.ssml, MENU, again(MENU), GOODBYE]);
  });

  it("1 replays the same numbers, as often as asked, without calling the Lambda again", async () => {
    const { run, heard, parameters } = await call({ keys: ["1", "1", null, null] });
    expect(heard).toEqual([GREETING, okResponse.ssml, MENU, okResponse.ssml, MENU, okResponse.ssml, MENU, again(MENU), GOODBYE]);
    expect(run.path.filter((id) => id === "replay")).toHaveLength(2);
    expect(run.path.filter((id) => id === "choose-own-menu")).toHaveLength(3);
    expect(run.path).not.toContain("choose-menu-after-lookup");
    expect(parameters).toEqual([{}]);
  });

  it.each([
    ["SENT", "We have sent your vanity numbers to you in a text message."],
    ["ALREADY_SENT", "We have already sent your vanity numbers to you in a text message today."],
    ["NOT_SENT", "Sorry, we could not send the text message right now."],
  ] as const)("2 (texts offered): asks the Lambda to send-text, plays %s and returns to the menu", async (status, sentence) => {
    const text = answer(status, sentence, "true");
    const { run, heard, lambdaCalls } = await call({ lambda: { text }, keys: ["2", "1", null, null] });
    expect(lambdaCalls.map((c) => c.parameters)).toEqual([{}, { action: "send-text" }]);
    expect(lambdaCalls[1]?.address).toBe("+18003569377");
    expect(lambdaCalls[1]?.attributes).toMatchObject({ vanityStatus: "OK", vanity1: "1-800-FLOWERS", smsOffered: "true" });
    expect(run.path).toEqual([
      ...TO_MENU,
      "send-text",
      "play-text-result",
      ...OWN_MENU,
      "replay",
      ...OWN_MENU,
      "menu-again",
      "say-goodbye",
      "hang-up",
    ]);
    // 1 after the text replays the numbers, not what the text answer said.
    expect(heard).toEqual([GREETING, okResponse.ssml, MENU, text.ssml, MENU, okResponse.ssml, MENU, again(MENU), GOODBYE]);
    expect(run.attributes.heardSsml).toBe(okResponse.ssml);
  });

  it("texts not offered (smsOffered false): the menu says nothing of texts and 2 is a wrong key", async () => {
    const { run, heard, parameters } = await call({ lambda: { caller: noTexts }, keys: ["2", "2"] });
    expect(run.path).toEqual([...START, "play-vanity-numbers", ...OWN_MENU_NO_TEXT, "menu-without-text-again", "say-goodbye", "hang-up"]);
    expect(heard).toEqual([GREETING, noTexts.ssml, MENU_NO_TEXT, again(MENU_NO_TEXT), GOODBYE]);
    expect(MENU_NO_TEXT).not.toMatch(/text|press 2/i);
    expect(parameters).toEqual([{}]);
    expect(errorTransitions(run.events)).toEqual([
      // Nothing was looked up yet: lookedUp is not set.
      { from: "choose-menu", errorType: "NoMatchingCondition", reason: 'no condition matched ""' },
      { from: "choose-own-menu", errorType: "NoMatchingCondition", reason: 'no condition matched "false"' },
      { from: "menu-without-text", errorType: "NoMatchingCondition", reason: "no option for key 2" },
      { from: "menu-without-text-again", errorType: "NoMatchingCondition", reason: "no option for key 2" },
    ]);
  });

  it("texts not offered: 1 and 3 still work, and the menu stays without texts", async () => {
    const { run, heard, parameters } = await call({
      lambda: { caller: noTexts, typed: (n) => typedOk(n, "false") },
      keys: ["1", "3", "2025550123#", null, null],
    });
    const typed = typedOk("2025550123", "false");
    expect(heard).toEqual([
      GREETING,
      noTexts.ssml,
      MENU_NO_TEXT,
      noTexts.ssml,
      MENU_NO_TEXT,
      ASK,
      typed.ssml,
      MENU_NO_TEXT,
      again(MENU_NO_TEXT),
      GOODBYE,
    ]);
    expect(parameters).toEqual([{}, TYPED_CALL("2025550123")]);
    expect(run.path).toEqual([
      ...START,
      "play-vanity-numbers",
      ...OWN_MENU_NO_TEXT,
      "replay",
      ...OWN_MENU_NO_TEXT,
      ...LOOKUP_OK,
      ...LOOKUP_MENU_NO_TEXT,
      "menu-without-text-again",
      "say-goodbye",
      "hang-up",
    ]);
  });

  it.each<[string, Answer]>([
    ["a Lambda error", new Error("SMS service unavailable")],
    ["a Lambda timeout", HANG],
    ["an answer that is not a string map", { ...okResponse, status: ["SENT"] }],
  ])("2, then %s: says the text could not be sent and goes back to the menu", async (_, text) => {
    const { run, heard, parameters } = await call({ lambda: { text }, keys: ["2", "1", null, null] });
    expect(run.path).toEqual([
      ...TO_MENU,
      "send-text",
      "text-failed",
      ...OWN_MENU,
      "replay",
      ...OWN_MENU,
      "menu-again",
      "say-goodbye",
      "hang-up",
    ]);
    expect(heard).toEqual([GREETING, okResponse.ssml, MENU, TEXT_FAILED, MENU, okResponse.ssml, MENU, again(MENU), GOODBYE]);
    expect(heard).not.toContain(APOLOGY);
    expect(parameters).toEqual([{}, { action: "send-text" }]);
    expect(errorTransitions(run.events)).toContainEqual(expect.objectContaining({ from: "send-text", errorType: "NoMatchingError" }));
  });

  it("2 fails, then 2 again: the flow asks the Lambda once more", async () => {
    const { run, heard, parameters } = await call({ lambda: { text: new Error("throttled") }, keys: ["2", "2", null, null] });
    expect(parameters).toEqual([{}, { action: "send-text" }, { action: "send-text" }]);
    expect(run.path).toEqual([
      ...TO_MENU,
      "send-text",
      "text-failed",
      ...OWN_MENU,
      "send-text",
      "text-failed",
      ...OWN_MENU,
      "menu-again",
      "say-goodbye",
      "hang-up",
    ]);
    expect(heard).toEqual([GREETING, okResponse.ssml, MENU, TEXT_FAILED, MENU, TEXT_FAILED, MENU, again(MENU), GOODBYE]);
  });

  it("2, then a text answer Connect cannot play: goodbye", async () => {
    const { run, heard } = await call({ lambda: { text: { ...answer("SENT", "x", "true"), ssml: "" } }, keys: ["2"] });
    expect(run.path).toEqual([...TO_MENU, "send-text", "play-text-result", "say-goodbye", "hang-up"]);
    expect(heard).toEqual([GREETING, okResponse.ssml, MENU, GOODBYE]);
  });

  it("3 and a good number: the Lambda gets the keys without #, the caller hears that number's numbers, and 1 replays them", async () => {
    const { run, heard, parameters, asked } = await call({ keys: ["3", "8004685865#", "1", null, null] });
    const typed = typedOk("8004685865");
    expect(parameters).toEqual([{}, TYPED_CALL("8004685865")]);
    expect(asked[1]).toEqual({
      identifier: "ask-for-number",
      prompt: { format: "text", content: ASK },
      store: true,
      timeoutSeconds: 10,
      terminator: "#",
      maxLength: 18,
    });
    expect(run.path).toEqual([
      ...TO_MENU,
      ...LOOKUP_OK,
      ...LOOKUP_MENU,
      "replay",
      ...LOOKUP_MENU,
      "menu-after-lookup-again",
      "say-goodbye",
      "hang-up",
    ]);
    expect(heard).toEqual([
      GREETING,
      okResponse.ssml,
      MENU,
      ASK,
      typed.ssml,
      MENU_AFTER_LOOKUP,
      typed.ssml,
      MENU_AFTER_LOOKUP,
      again(MENU_AFTER_LOOKUP),
      GOODBYE,
    ]);
    expect(run.events).toContainEqual({
      type: "attributes",
      identifier: "remember-heard-numbers",
      attributes: { heardSsml: typed.ssml, lookedUp: "true" },
    });
    // The caller's own numbers stay as they were; only what 1 replays changes.
    expect(run.attributes).toEqual({
      vanityStatus: "OK",
      vanity1: "1-800-FLOWERS",
      vanity2: "1-800-FLOWER-7",
      vanity3: "1-800-FLOW-ERR",
      heardSsml: typed.ssml,
      smsOffered: "true",
      lookedUp: "true",
    });
  });

  it("3, then 2: texts the caller's own numbers, and the after-lookup menu follows", async () => {
    const text = answer("SENT", "We have sent your vanity numbers to you in a text message.", "true");
    const { run, heard, lambdaCalls } = await call({ lambda: { text }, keys: ["3", "8004685865#", "2", "1", null, null] });
    const typed = typedOk("8004685865");
    expect(lambdaCalls.map((c) => c.parameters)).toEqual([{}, TYPED_CALL("8004685865"), { action: "send-text" }]);
    // The Lambda texts the number the caller calls from, with their own numbers still in the attributes.
    expect(lambdaCalls[2]?.address).toBe("+18003569377");
    expect(lambdaCalls[2]?.attributes).toEqual({
      vanityStatus: "OK",
      vanity1: "1-800-FLOWERS",
      vanity2: "1-800-FLOWER-7",
      vanity3: "1-800-FLOW-ERR",
      heardSsml: typed.ssml,
      smsOffered: "true",
      lookedUp: "true",
    });
    expect(run.path).toEqual([
      ...TO_MENU,
      ...LOOKUP_OK,
      ...LOOKUP_MENU,
      "send-text",
      "play-text-result",
      ...LOOKUP_MENU,
      "replay",
      ...LOOKUP_MENU,
      "menu-after-lookup-again",
      "say-goodbye",
      "hang-up",
    ]);
    // 1 after the text replays the last numbers heard: the other number's.
    expect(heard).toEqual([
      GREETING,
      okResponse.ssml,
      MENU,
      ASK,
      typed.ssml,
      MENU_AFTER_LOOKUP,
      text.ssml,
      MENU_AFTER_LOOKUP,
      typed.ssml,
      MENU_AFTER_LOOKUP,
      again(MENU_AFTER_LOOKUP),
      GOODBYE,
    ]);
    expect(MENU_AFTER_LOOKUP).toContain("To get your own vanity numbers by text message, press 2.");
  });

  it("3, then 2 on the second try of the after-lookup menu also texts", async () => {
    const { run, parameters } = await call({ keys: ["3", "8004685865#", "9", "2", null, null] });
    expect(parameters).toEqual([{}, TYPED_CALL("8004685865"), { action: "send-text" }]);
    expect(run.path).toEqual([
      ...TO_MENU,
      ...LOOKUP_OK,
      ...LOOKUP_MENU,
      "menu-after-lookup-again",
      "send-text",
      "play-text-result",
      ...LOOKUP_MENU,
      "menu-after-lookup-again",
      "say-goodbye",
      "hang-up",
    ]);
  });

  it("3, then 2 and a failed text: the after-lookup menu again", async () => {
    const { run, heard, parameters } = await call({ lambda: { text: HANG }, keys: ["3", "8004685865#", "2", null, null] });
    expect(parameters).toEqual([{}, TYPED_CALL("8004685865"), { action: "send-text" }]);
    expect(run.path).toEqual([
      ...TO_MENU,
      ...LOOKUP_OK,
      ...LOOKUP_MENU,
      "send-text",
      "text-failed",
      ...LOOKUP_MENU,
      "menu-after-lookup-again",
      "say-goodbye",
      "hang-up",
    ]);
    expect(heard.slice(-4)).toEqual([TEXT_FAILED, MENU_AFTER_LOOKUP, again(MENU_AFTER_LOOKUP), GOODBYE]);
  });

  it("3 twice: 1 replays the latest number's numbers, and the menu stays the after-lookup one", async () => {
    const { run, heard, parameters } = await call({ keys: ["3", "8004685865#", "3", "2025550123#", "1", null, null] });
    const first = typedOk("8004685865");
    const second = typedOk("2025550123");
    expect(parameters).toEqual([{}, TYPED_CALL("8004685865"), TYPED_CALL("2025550123")]);
    expect(run.path).toEqual([
      ...TO_MENU,
      ...LOOKUP_OK,
      ...LOOKUP_MENU,
      ...LOOKUP_OK,
      ...LOOKUP_MENU,
      "replay",
      ...LOOKUP_MENU,
      "menu-after-lookup-again",
      "say-goodbye",
      "hang-up",
    ]);
    expect(heard).toEqual([
      GREETING,
      okResponse.ssml,
      MENU,
      ASK,
      first.ssml,
      MENU_AFTER_LOOKUP,
      ASK,
      second.ssml,
      MENU_AFTER_LOOKUP,
      second.ssml,
      MENU_AFTER_LOOKUP,
      again(MENU_AFTER_LOOKUP),
      GOODBYE,
    ]);
    expect(run.attributes.heardSsml).toBe(second.ssml);
  });

  it.each([
    ["without #", "8004685865", "8004685865"],
    ["with keys after #", "8004685865#99", "8004685865"],
    ["with a * (the cancel key is off)", "*8004685865#", "*8004685865"],
    ["more than 18 keys: the first 18", "01144207946012345678#", "011442079460123456"],
  ])("3 and a number keyed %s", async (_, keys, number) => {
    const { heard, parameters } = await call({ keys: ["3", keys, null, null] });
    expect(parameters).toEqual([{}, TYPED_CALL(number)]);
    expect(heard).toEqual([
      GREETING,
      okResponse.ssml,
      MENU,
      ASK,
      typedOk(number).ssml,
      MENU_AFTER_LOOKUP,
      again(MENU_AFTER_LOOKUP),
      GOODBYE,
    ]);
  });

  it("3, a bad number, then a good one", async () => {
    const { run, heard, parameters } = await call({ keys: ["3", "123#", "8004685865#", null, null] });
    expect(parameters).toEqual([{}, TYPED_CALL("123"), TYPED_CALL("8004685865")]);
    expect(run.path).toEqual([
      ...TO_MENU,
      "ask-for-number",
      "look-up-number",
      "check-number",
      "play-number-problem",
      "ask-for-number-again",
      "look-up-number-again",
      "check-number-again",
      "remember-heard-numbers",
      "play-heard-numbers",
      ...LOOKUP_MENU,
      "menu-after-lookup-again",
      "say-goodbye",
      "hang-up",
    ]);
    expect(heard).toEqual([
      GREETING,
      okResponse.ssml,
      MENU,
      ASK,
      typedProblem("123").ssml,
      ASK_AGAIN,
      typedOk("8004685865").ssml,
      MENU_AFTER_LOOKUP,
      again(MENU_AFTER_LOOKUP),
      GOODBYE,
    ]);
  });

  it.each(["INVALID_NUMBER", "ERROR", "NO_NUMBER"] as const)("3 and two numbers the Lambda answers %s for: goodbye", async (status) => {
    const { run, heard, parameters } = await call({ lambda: { typed: (n) => typedProblem(n, status) }, keys: ["3", "123#", "4567#"] });
    expect(parameters).toEqual([{}, TYPED_CALL("123"), TYPED_CALL("4567")]);
    expect(run.path).toEqual([
      ...TO_MENU,
      "ask-for-number",
      "look-up-number",
      "check-number",
      "play-number-problem",
      "ask-for-number-again",
      "look-up-number-again",
      "check-number-again",
      "play-last-number-problem",
      "say-goodbye",
      "hang-up",
    ]);
    expect(heard).toEqual([
      GREETING,
      okResponse.ssml,
      MENU,
      ASK,
      typedProblem("123", status).ssml,
      ASK_AGAIN,
      typedProblem("4567", status).ssml,
      GOODBYE,
    ]);
  });

  const NOTHING_TWICE = [
    "ask-for-number",
    "look-up-number",
    "check-number",
    "play-number-problem",
    "ask-for-number-again",
    "look-up-number-again",
    "check-number-again",
    "play-last-number-problem",
    "say-goodbye",
    "hang-up",
  ];
  it.each([
    ["silence twice", [null, null]],
    ["# alone, then silence", ["#", null]],
    ["silence, then # alone", [null, "#"]],
  ])('3, then %s at the number prompt: the Lambda gets "Timeout" twice, then goodbye', async (_, keys) => {
    const { run, heard, parameters } = await call({ keys: ["3", ...keys] });
    expect(parameters).toEqual([{}, TYPED_CALL("Timeout"), TYPED_CALL("Timeout")]);
    expect(run.path).toEqual([...TO_MENU, ...NOTHING_TWICE]);
    expect(heard).toEqual([GREETING, okResponse.ssml, MENU, ASK, nothingKeyed().ssml, ASK_AGAIN, nothingKeyed().ssml, GOODBYE]);
  });

  it("3, silence, then a good number on the second try", async () => {
    const { run, heard, parameters } = await call({ keys: ["3", null, "8004685865#", null, null] });
    expect(parameters).toEqual([{}, TYPED_CALL("Timeout"), TYPED_CALL("8004685865")]);
    expect(run.path).toEqual([
      ...TO_MENU,
      "ask-for-number",
      "look-up-number",
      "check-number",
      "play-number-problem",
      "ask-for-number-again",
      "look-up-number-again",
      "check-number-again",
      "remember-heard-numbers",
      "play-heard-numbers",
      ...LOOKUP_MENU,
      "menu-after-lookup-again",
      "say-goodbye",
      "hang-up",
    ]);
    expect(heard).toEqual([
      GREETING,
      okResponse.ssml,
      MENU,
      ASK,
      nothingKeyed().ssml,
      ASK_AGAIN,
      typedOk("8004685865").ssml,
      MENU_AFTER_LOOKUP,
      again(MENU_AFTER_LOOKUP),
      GOODBYE,
    ]);
  });

  it.each([
    ["a Lambda error on the first number", ["3", "8004685865#"], (): Answer => new Error("boom"), "look-up-number"],
    [
      "a Lambda timeout on the second number",
      ["3", "123#", "8004685865#"],
      (n: string) => (usable(n) ? HANG : typedProblem(n)),
      "look-up-number-again",
    ],
  ])("3, then %s: the static apology and hang up", async (_, keys, typed, lookup) => {
    const { run, heard } = await call({ lambda: { typed }, keys });
    expect(run.path.slice(-3)).toEqual([lookup, "apologise-try-later", "hang-up"]);
    expect(heard.at(-1)).toBe(APOLOGY);
  });

  it.each([
    [
      "numbers Connect cannot play",
      ["3", "8004685865#"],
      (n: string) => ({ ...typedOk(n), ssml: "<speak>Fish & chips</speak>" }),
      ["remember-heard-numbers", "play-heard-numbers", "apologise-try-later", "hang-up"],
      APOLOGY,
    ],
    [
      "a first problem Connect cannot play",
      ["3", "123#"],
      (n: string) => ({ ...typedProblem(n), ssml: "" }),
      ["check-number", "play-number-problem", "say-goodbye", "hang-up"],
      GOODBYE,
    ],
    [
      "a second problem Connect cannot play",
      ["3", "123#", "456#"],
      (n: string) => (n === "456" ? { ...typedProblem(n), ssml: "" } : typedProblem(n)),
      ["check-number-again", "play-last-number-problem", "say-goodbye", "hang-up"],
      GOODBYE,
    ],
  ])("3, then %s", async (_, keys, typed, tail, last) => {
    const { run, heard } = await call({ lambda: { typed }, keys });
    expect(run.path.slice(-tail.length)).toEqual(tail);
    expect(heard.at(-1)).toBe(last);
    expect(heard).not.toContain("<speak>Fish & chips</speak>");
  });

  describe("a withheld number (NO_NUMBER)", () => {
    const lambda: FakeLambda = { caller: noNumber, typed: (n) => typedAnswer(n, "false") };
    const TO_OFFER = [...START, "play-no-number", "offer-another-number"];

    it("hears the apology and only option 3; 3 works, and after the numbers the menu has no texts", async () => {
      const { run, heard, lambdaCalls } = await call({ caller: withheld, lambda, keys: ["3", "8004685865#", "1", null, null] });
      const typed = typedOk("8004685865", "false");
      expect(lambdaCalls.map(({ parameters, address }) => ({ parameters, address }))).toEqual([
        { parameters: {}, address: null },
        { parameters: TYPED_CALL("8004685865"), address: null },
      ]);
      expect(run.path).toEqual([
        ...TO_OFFER,
        ...LOOKUP_OK,
        ...LOOKUP_MENU_NO_TEXT,
        "replay",
        ...LOOKUP_MENU_NO_TEXT,
        "menu-without-text-again",
        "say-goodbye",
        "hang-up",
      ]);
      expect(heard).toEqual([
        GREETING,
        noNumber.ssml,
        OFFER,
        ASK,
        typed.ssml,
        MENU_NO_TEXT,
        typed.ssml,
        MENU_NO_TEXT,
        again(MENU_NO_TEXT),
        GOODBYE,
      ]);
      expect(OFFER).not.toMatch(/press [12]/);
      expect(run.attributes).toMatchObject({ vanityStatus: "NO_NUMBER", smsOffered: "false", heardSsml: typed.ssml, lookedUp: "true" });
    });

    it("3 works, and the menu after it still has no texts even when the typed-number answer offers them", async () => {
      const { run, heard, parameters } = await call({
        caller: withheld,
        lambda: { caller: noNumber, typed: (n) => typedAnswer(n, "true") },
        keys: ["3", "8004685865#", "2", "2"],
      });
      expect(parameters).toEqual([{}, TYPED_CALL("8004685865")]);
      expect(run.path).toEqual([...TO_OFFER, ...LOOKUP_OK, ...LOOKUP_MENU_NO_TEXT, "menu-without-text-again", "say-goodbye", "hang-up"]);
      expect(heard).toEqual([GREETING, noNumber.ssml, OFFER, ASK, typedOk("8004685865").ssml, MENU_NO_TEXT, again(MENU_NO_TEXT), GOODBYE]);
      expect(run.attributes).toMatchObject({ smsOffered: "false", lookedUp: "true" });
      expect(errorTransitions(run.events)).toContainEqual({
        from: "choose-menu-after-lookup",
        errorType: "NoMatchingCondition",
        reason: 'no condition matched "false"',
      });
    });

    it("silence twice: goodbye", async () => {
      const { run, heard, parameters } = await call({ caller: withheld, lambda, keys: [null, null] });
      expect(run.path).toEqual([...TO_OFFER, "offer-another-number-again", "say-goodbye", "hang-up"]);
      expect(heard).toEqual([GREETING, noNumber.ssml, OFFER, again(OFFER), GOODBYE]);
      expect(parameters).toEqual([{}]);
    });

    it.each([
      ["1, then silence", ["1", null]],
      ["2, then 1", ["2", "1"]],
      ["silence, then 9", [null, "9"]],
    ])("%s (no such options here): goodbye", async (_, keys) => {
      const { run, heard } = await call({ caller: withheld, lambda, keys });
      expect(run.path).toEqual([...TO_OFFER, "offer-another-number-again", "say-goodbye", "hang-up"]);
      expect(heard).toEqual([GREETING, noNumber.ssml, OFFER, again(OFFER), GOODBYE]);
    });

    it("a wrong key, then 3 on the second try", async () => {
      const { run, heard, parameters } = await call({ caller: withheld, lambda, keys: ["1", "3", null, null] });
      expect(run.path).toEqual([...TO_OFFER, "offer-another-number-again", ...NOTHING_TWICE]);
      expect(heard).toEqual([
        GREETING,
        noNumber.ssml,
        OFFER,
        again(OFFER),
        ASK,
        nothingKeyed("false").ssml,
        ASK_AGAIN,
        nothingKeyed("false").ssml,
        GOODBYE,
      ]);
      expect(parameters).toEqual([{}, TYPED_CALL("Timeout"), TYPED_CALL("Timeout")]);
    });

    it("3, then two bad numbers: goodbye", async () => {
      const { heard, parameters } = await call({ caller: withheld, lambda, keys: ["3", "12#", "34#"] });
      expect(parameters).toEqual([{}, TYPED_CALL("12"), TYPED_CALL("34")]);
      expect(heard).toEqual([GREETING, noNumber.ssml, OFFER, ASK, typedProblem("12").ssml, ASK_AGAIN, typedProblem("34").ssml, GOODBYE]);
    });

    it("an apology Connect cannot play: the static apology", async () => {
      const { run, heard } = await call({ caller: withheld, lambda: { caller: { ...noNumber, ssml: "" } } });
      expect(run.path).toEqual([...START, "play-no-number", "apologise-try-later", "hang-up"]);
      expect(heard).toEqual([GREETING, APOLOGY]);
    });
  });

  it.each(["INVALID_NUMBER", "ERROR", "SENT"] as const)(
    "%s from the first Lambda: plays the Lambda's own apology and hangs up",
    async (status) => {
      const { run, heard, asked } = await call({ lambda: { caller: failure(status) } });
      expect(run.path).toEqual([...START, "play-handled-failure", "hang-up"]);
      expect(heard).toEqual([GREETING, failure(status).ssml]);
      expect(asked).toEqual([]);
    },
  );

  it("a handled failure with an empty ssml still apologises", async () => {
    const { run, heard } = await call({ lambda: { caller: { ...failure("ERROR"), ssml: "" } } });
    expect(run.path).toEqual([...START, "play-handled-failure", "apologise-try-later", "hang-up"]);
    expect(heard).toEqual([GREETING, APOLOGY]);
  });

  const toApology = ["enable-flow-logs", "set-voice", "greet-and-ask-to-hold", "find-vanity-numbers", "apologise-try-later", "hang-up"];
  it.each<[string, Answer]>([
    ["a Lambda error", new Error("Lambda init error")],
    ["a Lambda timeout", HANG],
    ["a response that breaks the contract (not a string map)", { ...okResponse, vanity: ["a", "b"] }],
  ])("%s on the first call: the static apology", async (_, caller) => {
    const { run, heard, lambdaCalls } = await call({ lambda: { caller } });
    expect(lambdaCalls).toHaveLength(1);
    expect(run.path).toEqual(toApology);
    expect(heard).toEqual([GREETING, APOLOGY]);
    expect(run.attributes).toEqual({});
  });

  it("OK with SSML Connect could not play: the static apology instead of silence", async () => {
    const { run, heard } = await call({ lambda: { caller: { ...okResponse, ssml: "<speak>Fish & chips</speak>" } } });
    expect(run.path).toEqual([...START, "play-vanity-numbers", "apologise-try-later", "hang-up"]);
    expect(heard).toEqual([GREETING, APOLOGY]);
  });

  it("every action of the flow is reached by some call", async () => {
    const reached = new Set<string>();
    const calls: Parameters<typeof call>[0][] = [
      { keys: ["1", "2", "3", "123#", "456#"] },
      { keys: ["3", "8004685865#", null, null] },
      { lambda: { text: new Error("x") }, keys: ["2", null, null] },
      { lambda: { caller: noTexts }, keys: [null, null] },
      { caller: withheld, lambda: { caller: noNumber }, keys: [null, null] },
      { lambda: { caller: failure("ERROR") } },
      { lambda: { caller: new Error("x") } },
    ];
    for (const options of calls) for (const id of (await call(options)).run.path) reached.add(id);
    expect([...reached].sort()).toEqual(flow.Actions.map((a) => a.Identifier).sort());
    for (const id of ["choose-own-menu", "choose-menu-after-lookup", "menu-after-lookup", "menu-after-lookup-again", "text-failed"])
      expect(reached).toContain(id);
  });
});
