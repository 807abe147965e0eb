import { describe, expect, it } from "vitest";
import contactFlow from "../../src/flow/contact-flow.json" with { type: "json" };
import {
  checkFlow,
  FlowError,
  runFlow,
  type ContactData,
  type FlowAction,
  type FlowDocument,
  type FlowEvent,
  type FlowHooks,
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
    const flow = flowOf(say("hello", "Hi", "menu"), {
      Identifier: "menu",
      Type: "GetParticipantInput",
      Parameters: {},
      Transitions: { NextAction: "hello" },
    });
    const error = await runFlow(flow, { contact, hooks: noLambda }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FlowError);
    expect((error as FlowError).message).toMatch(/Unsupported action type "GetParticipantInput" in action "menu"/);
    expect(error).toMatchObject({ identifier: "menu", actionType: "GetParticipantInput" });
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

describe("the project's contact-flow.json", () => {
  const flow = contactFlow as FlowDocument;
  const arn = "arn:aws:lambda:us-west-2:123456789012:function:connect-caller";
  // What the template's Fn::Sub does at deploy time.
  const deployed = JSON.parse(JSON.stringify(flow).replaceAll("${ConnectCallerCustomLambda.Arn}", arn)) as FlowDocument;
  const okResponse = {
    status: "OK",
    vanity1: "1-800-FLOWERS",
    vanity2: "1-800-FLOWER-7",
    vanity3: "1-800-FLOW-ERR",
    source: "new",
    ssml: "<speak><s>Your vanity numbers are 1-800-FLOWERS.</s></speak>",
  };
  const failure = (status: string) => ({
    status,
    vanity1: "",
    vanity2: "",
    vanity3: "",
    source: "",
    ssml: `<speak>Sorry (${status}). Please try again later.</speak>`,
  });
  const greeting = expect.stringMatching(/^Thanks for calling\. Please hold/);
  const apology = expect.stringMatching(/^Sorry, we couldn't look up your vanity numbers right now\. Please try again later/);

  it("is sound: supported types, no dead ends, an error transition wherever one can happen", () => {
    expect(checkFlow(flow)).toEqual([]);
    const invoke = flow.Actions.find((a) => a.Type === "InvokeLambdaFunction")!;
    expect(invoke.Parameters).toMatchObject({
      LambdaFunctionARN: "${ConnectCallerCustomLambda.Arn}",
      InvocationTimeLimitSeconds: "6",
      ResponseValidation: { ResponseType: "STRING_MAP" },
    });
  });

  it("OK: greets, invokes the Lambda with the caller's number, remembers and plays the numbers", async () => {
    const calls: { arn: string; address: string | null | undefined; timeout: number }[] = [];
    const hooks: FlowHooks = {
      invokeLambda: async (lambdaArn, event, timeout) => {
        calls.push({ arn: lambdaArn, address: event.Details.ContactData.CustomerEndpoint?.Address, timeout });
        return okResponse;
      },
    };
    const run = await runFlow(deployed, { contact, hooks });
    expect(calls).toEqual([{ arn, address: "+18003569377", timeout: 6 }]);
    expect(run.path).toEqual([
      "enable-flow-logs",
      "greet-and-ask-to-hold",
      "find-vanity-numbers",
      "remember-vanity-numbers",
      "check-vanity-status",
      "play-vanity-numbers",
      "say-goodbye",
      "hang-up",
    ]);
    expect(prompts(run.events)).toEqual([greeting, okResponse.ssml, "Thanks for calling. Goodbye."]);
    expect(run.attributes).toEqual({ vanityStatus: "OK", vanity1: "1-800-FLOWERS", vanity2: "1-800-FLOWER-7", vanity3: "1-800-FLOW-ERR" });
    expect(run.events[1]).toEqual({ type: "logging", identifier: "enable-flow-logs", enabled: true });
  });

  it.each(["NO_NUMBER", "INVALID_NUMBER", "ERROR"])("%s: plays the Lambda's own apology", async (status) => {
    const run = await runFlow(deployed, { contact: { ...contact, CustomerEndpoint: null }, hooks: lambdaReturning(failure(status)) });
    expect(run.path).toEqual([
      "enable-flow-logs",
      "greet-and-ask-to-hold",
      "find-vanity-numbers",
      "remember-vanity-numbers",
      "check-vanity-status",
      "play-handled-failure",
      "hang-up",
    ]);
    expect(prompts(run.events)).toEqual([greeting, failure(status).ssml]);
  });

  const toApology = ["enable-flow-logs", "greet-and-ask-to-hold", "find-vanity-numbers", "apologise-try-later", "hang-up"];
  it("Lambda error: the static apology", async () => {
    const run = await runFlow(deployed, {
      contact,
      hooks: {
        invokeLambda: async () => {
          throw new Error("Lambda init error");
        },
      },
    });
    expect(run.path).toEqual(toApology);
    expect(prompts(run.events)).toEqual([greeting, apology]);
  });

  it("Lambda timeout: the static apology", async () => {
    const run = await runFlow(deployed, { contact, hooks: { invokeLambda: () => new Promise(() => {}), sleep: async () => {} } });
    expect(run.path).toEqual(toApology);
    expect(prompts(run.events)).toEqual([greeting, apology]);
  });

  it("a response that breaks the contract (not a string map): the static apology", async () => {
    const run = await runFlow(deployed, { contact, hooks: lambdaReturning({ ...okResponse, vanity: ["a", "b"] }) });
    expect(run.path).toEqual(toApology);
  });

  it("OK with SSML Connect could not play: the static apology instead of silence", async () => {
    const run = await runFlow(deployed, { contact, hooks: lambdaReturning({ ...okResponse, ssml: "<speak>Fish & chips</speak>" }) });
    expect(run.path).toEqual([
      "enable-flow-logs",
      "greet-and-ask-to-hold",
      "find-vanity-numbers",
      "remember-vanity-numbers",
      "check-vanity-status",
      "play-vanity-numbers",
      "apologise-try-later",
      "hang-up",
    ]);
  });

  it("a handled failure with an empty ssml still apologises", async () => {
    const run = await runFlow(deployed, { contact, hooks: lambdaReturning({ ...failure("ERROR"), ssml: "" }) });
    expect(run.path).toEqual([
      "enable-flow-logs",
      "greet-and-ask-to-hold",
      "find-vanity-numbers",
      "remember-vanity-numbers",
      "check-vanity-status",
      "play-handled-failure",
      "apologise-try-later",
      "hang-up",
    ]);
    expect(prompts(run.events)).toEqual([greeting, apology]);
  });

  it("every action of the flow is reached by some path above", async () => {
    const reached = new Set<string>();
    const hooksList: FlowHooks[] = [
      lambdaReturning(okResponse),
      lambdaReturning(failure("NO_NUMBER")),
      lambdaReturning({ ...failure("ERROR"), ssml: "" }),
      {
        invokeLambda: async () => {
          throw new Error("x");
        },
      },
    ];
    for (const hooks of hooksList) for (const id of (await runFlow(deployed, { contact, hooks })).path) reached.add(id);
    expect([...reached].sort()).toEqual(flow.Actions.map((a) => a.Identifier).sort());
  });
});
