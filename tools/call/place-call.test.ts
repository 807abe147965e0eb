// Simulated calls through the real contact flow, the real connect-caller Lambda and sandbox's real
// DynamoDB: the sandbox and its Connect invoker are started by test/sandbox-setup.ts
// (CONNECT_INVOKE_PORT). `npm test` builds the Lambda bundle (build/connect) first.
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteCaller, getCaller } from "../../src/data/callers.server.js";
import { assertLocalDb, uniqueNumber } from "../../test/local-db.js";
import { DEFAULT_INSTANCE_ARN, InvokerUnreachableError, placeCall } from "./place-call.js";

const GREETING = /^Thanks for calling\. Please hold/;
const APOLOGY = /^Sorry, we couldn't look up your vanity numbers right now\. Please try again later/;
// A caller who keys nothing: the numbers, the menu twice, goodbye.
const OK_PATH = [
  "enable-flow-logs",
  "set-voice",
  "greet-and-ask-to-hold",
  "find-vanity-numbers",
  "remember-vanity-numbers",
  "check-vanity-status",
  "play-vanity-numbers",
  "choose-menu",
  "choose-own-menu",
  "menu",
  "menu-again",
  "say-goodbye",
  "hang-up",
];
const HANDLED_FAILURE_PATH = [
  "enable-flow-logs",
  "set-voice",
  "greet-and-ask-to-hold",
  "find-vanity-numbers",
  "remember-vanity-numbers",
  "check-vanity-status",
  "play-handled-failure",
  "hang-up",
];
const APOLOGY_PATH = ["enable-flow-logs", "set-voice", "greet-and-ask-to-hold", "find-vanity-numbers", "apologise-try-later", "hang-up"];
const NO_NUMBER_PATH = [
  "enable-flow-logs",
  "set-voice",
  "greet-and-ask-to-hold",
  "find-vanity-numbers",
  "remember-vanity-numbers",
  "check-vanity-status",
  "play-no-number",
  "offer-another-number",
  "offer-another-number-again",
  "say-goodbye",
  "hang-up",
];
const created: string[] = [];

beforeAll(() => {
  assertLocalDb();
  if (!process.env.CONNECT_INVOKE_PORT)
    throw new Error("CONNECT_INVOKE_PORT is not set: run with test/sandbox-setup.ts as Vitest's global setup");
});
afterAll(async () => {
  for (const e164 of created) await deleteCaller({ e164 });
});

describe("placeCall through the local sandbox", () => {
  it("1-800-FLOWERS: the caller hears the greeting and three vanity numbers, the first 1-800-FLOWERS, and is saved", async () => {
    const existing = await getCaller({ e164: "+18003569377" });
    if (!existing) created.push("+18003569377");
    const call = await placeCall({ number: "+18003569377" });
    expect(call.path).toEqual(OK_PATH);
    expect(call.heard.map((p) => p.identifier)).toEqual([
      "greet-and-ask-to-hold",
      "play-vanity-numbers",
      "menu",
      "menu-again",
      "say-goodbye",
    ]);
    expect(call.heard[0]!.text).toMatch(GREETING);
    const numbers = call.heard[1]!;
    expect(numbers.format).toBe("ssml");
    expect(numbers.content).toMatch(/^<speak>[\s\S]*<\/speak>$/);
    expect(numbers.text.split("\n").filter((line) => /^Number \d:/.test(line))).toHaveLength(3);
    expect(numbers.text).toContain("Number 1: 1, 8 0 0, flowers, F L O W E R S.");
    expect(call.lambda).toMatchObject({
      status: "success",
      response: { status: "OK", vanity1: "1-800-FLOWERS", source: existing ? "existing" : "new" },
    });
    expect(call.attributes).toMatchObject({ vanityStatus: "OK", vanity1: "1-800-FLOWERS" });
    expect((await getCaller({ e164: "+18003569377" }))?.vanity[0]).toBe("1-800-FLOWERS");
  });

  it("sends a realistic inbound voice event, and a second call finds the caller saved", async () => {
    const number = uniqueNumber();
    created.push(number);
    const first = await placeCall({ number });
    const lambda = first.events.find((e) => e.type === "lambda");
    expect(lambda?.type === "lambda" && lambda.event).toEqual({
      Name: "ContactFlowEvent",
      Details: {
        Parameters: {},
        ContactData: expect.objectContaining({
          ContactId: first.contactId,
          InitialContactId: first.contactId,
          Channel: "VOICE",
          InitiationMethod: "INBOUND",
          InstanceARN: process.env.CONNECT_INSTANCE_ARN ?? DEFAULT_INSTANCE_ARN,
          LanguageCode: "en-US",
          CustomerEndpoint: { Address: number, Type: "TELEPHONE_NUMBER" },
          SystemEndpoint: { Address: expect.stringMatching(/^\+1\d{10}$/), Type: "TELEPHONE_NUMBER" },
          Attributes: {},
        }),
      },
    });
    expect(first.contactId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(first.lambda).toMatchObject({ status: "success", response: { status: "OK", source: "new" } });
    const second = await placeCall({ number });
    expect(second.lambda).toMatchObject({
      status: "success",
      response: { status: "OK", source: "existing", vanity1: (first.lambda as { response: { vanity1: string } }).response.vanity1 },
    });
    expect(second.contactId).not.toBe(first.contactId);
  });

  it.each([[true], ["anonymous" as const]])(
    "a withheld number (%s) hears the Lambda's NO_NUMBER apology and is offered option 3",
    async (withheld) => {
      const call = await placeCall({ withheld });
      expect(call.path).toEqual(NO_NUMBER_PATH);
      expect(call.lambda).toMatchObject({ status: "success", response: { status: "NO_NUMBER", vanity1: "", smsOffered: "false" } });
      expect(call.heard[1]!.text).toMatch(/^Sorry, we could not see the number you are calling from/);
      expect(call.heard[2]!.text).toBe(
        "To hear the vanity numbers of another phone number, press 3. Or call again without hiding your number.",
      );
      expect(call.texts).toEqual([]);
    },
  );

  it("a withheld caller who presses 3 and keys a number hears its numbers, then a menu without texts", async () => {
    const typed = uniqueNumber();
    const call = await placeCall({ withheld: true, keys: ["3", `${typed.slice(2)}#`] });
    const heard = call.heard.map((p) => p.text);
    expect(heard).toContainEqual(expect.stringMatching(/^Here are the vanity numbers for \d/));
    expect(heard).toContain("To hear them again, press 1. To hear the vanity numbers of another phone number, press 3. Or just hang up.");
    expect(heard.join("\n")).not.toMatch(/text message/);
    expect(await getCaller({ e164: typed })).toBeNull();
  });

  it("keys answer the prompts in order; 2 puts the text in the local outbox, which the result carries", async () => {
    const number = uniqueNumber();
    created.push(number);
    const call = await placeCall({ number, keys: ["2", "1"] });
    const toMenu = ["choose-menu", "choose-own-menu", "menu"];
    expect(call.path).toEqual([
      ...OK_PATH.slice(0, 10),
      "send-text",
      "play-text-result",
      ...toMenu,
      "replay",
      ...toMenu,
      "menu-again",
      "say-goodbye",
      "hang-up",
    ]);
    expect(call.texts).toEqual([{ status: "outbox", body: expect.stringMatching(/^Your vanity numbers: /) }]);
    expect(call.texts[0]!.body).toContain(call.attributes.vanity1!);
  });

  it("a number that is no phone number hears the INVALID_NUMBER apology", async () => {
    const call = await placeCall({ number: "+1800FLOWERS" });
    expect(call.path).toEqual(HANDLED_FAILURE_PATH);
    expect(call.lambda).toMatchObject({ status: "success", response: { status: "INVALID_NUMBER" } });
  });

  it.each([
    ["error" as const, "error"],
    ["timeout" as const, "timeout"],
  ])("--lambda-%s: the static apology, without calling the Lambda", async (lambda, status) => {
    const number = uniqueNumber();
    const call = await placeCall({ number, lambda });
    expect(call.path).toEqual(APOLOGY_PATH);
    expect(call.lambda?.status).toBe(status);
    expect(call.heard.map((p) => p.text)).toEqual([expect.stringMatching(GREETING), expect.stringMatching(APOLOGY)]);
    expect(await getCaller({ e164: number })).toBeNull();
  });

  it("says to start the sandbox when no invoker answers", async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, "127.0.0.1", () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const error = await placeCall({ number: "+18003569377", invokeUrl: `http://localhost:${port}/` }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvokerUnreachableError);
    expect((error as Error).message).toMatch(/npm run dev/);
  });
});
