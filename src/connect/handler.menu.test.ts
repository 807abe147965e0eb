// The Lambda's answers to the menu after the numbers (src/flow/contact-flow.json): a keyed-in
// number's vanity numbers (option 3) and the caller's numbers by text message (option 2), against
// sandbox's real DynamoDB. On AWS the texts go to End User Messaging SMS; here a local HTTP server
// speaks its JSON protocol (AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2), so the real SDK client sends
// and the failures are real ones: an error answer, and no answer at all.
import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { getCaller, getCallerWithCalls } from "../data/callers.server.js";
import { textsFor } from "../data/texts.server.js";
import { captureLogs } from "../log.js";
import { findVanityNumbers } from "../vanity/index.js";
import { TEXT, TYPED } from "./answers.js";
import { RESPONSE_KEYS, type ConnectVanityResponse } from "./contract.js";
import { handler } from "./handler.js";
import { SMS_DEADLINE_MS } from "./send-text.js";
import { assertLocalDb, callersToDelete, uniqueNumber } from "../../test/local-db.js";
import { connectEvent } from "../../test/connect-event.js";
import { expectWellFormedSsml } from "../../test/connect-support.js";

const created = callersToDelete();

/** The event for one of the menu's invocations: the caller's contact, with the flow's parameters. */
function menuEvent(address: unknown, contactId: string, parameters: Record<string, string>) {
  const event = connectEvent(address, contactId);
  event.Details.Parameters = parameters;
  return event;
}

/** A caller who has heard their numbers on `contactId`: their record and call are stored. */
async function callerOnTheLine(
  contactId = crypto.randomUUID(),
): Promise<{ e164: string; contactId: string; first: ConnectVanityResponse }> {
  const e164 = uniqueNumber();
  created.push(e164);
  const first = await handler(connectEvent(e164, contactId));
  expect(first).toMatchObject({ status: "OK", source: "new", smsOffered: "true" }); // locally, texts go to the outbox
  return { e164, contactId, first };
}

function expectAnswer(answer: ConnectVanityResponse) {
  expect(Object.keys(answer).sort()).toEqual(RESPONSE_KEYS);
  for (const value of Object.values(answer)) expect(typeof value).toBe("string");
  expectWellFormedSsml(answer.ssml);
}

beforeAll(() => assertLocalDb());

describe("option 3: a keyed-in number", () => {
  it("reads that number's vanity numbers, stores it nowhere as a caller, and notes it on the caller's call", async () => {
    const { e164, contactId } = await callerOnTheLine();
    const typed = uniqueNumber();
    const answer = await handler(menuEvent(e164, contactId, { action: "typed-number", number: typed.slice(2) }));
    expectAnswer(answer);
    const expected = findVanityNumbers(typed).vanity;
    expect(answer).toMatchObject({
      status: "OK",
      source: "",
      smsOffered: "true",
      vanity1: expected[0]!.display,
      vanity3: expected[2]!.display,
    });
    const digits = (s: string) => s.split("").join(" ");
    expect(answer.ssml).toContain(
      `Here are the vanity numbers for ${digits(typed.slice(2, 5))}, ${digits(typed.slice(5, 8))}, ${digits(typed.slice(8))}.`,
    );
    expect(await getCaller({ e164: typed })).toBeNull();
    const history = await getCallerWithCalls({ e164, limit: 5 });
    expect(history?.calls).toEqual([expect.objectContaining({ contactId, lookups: [typed] })]);
  });

  it.each([
    ["the terminator", "8004685865#", "+18004685865"],
    ["a leading 1", "18004685865", "+18004685865"],
    ["011 for an international number", "011442079460958", "+442079460958"],
  ])("takes a number keyed with %s", async (_, keys, e164) => {
    const answer = await handler(menuEvent(uniqueNumber(), crypto.randomUUID(), { action: "typed-number", number: keys }));
    expect(answer).toMatchObject({ status: "OK", vanity1: findVanityNumbers(e164).vanity[0]!.display });
  });

  it.each([
    ["nothing keyed (Connect stores Timeout)", "Timeout", "NO_NUMBER", TYPED.NO_NUMBER],
    ["only the terminator", "#", "NO_NUMBER", TYPED.NO_NUMBER],
    ["no parameter at all", undefined, "NO_NUMBER", TYPED.NO_NUMBER],
    ["too few digits", "12345#", "INVALID_NUMBER", TYPED.INVALID_NUMBER],
    ["a possible number no plan lists (typed numbers must be valid)", "3572345678", "INVALID_NUMBER", TYPED.INVALID_NUMBER],
    ["more keys than a number has", "1".repeat(40), "INVALID_NUMBER", TYPED.INVALID_NUMBER],
  ])("apologises for %s, and stores nothing", async (_, keys, status, sentence) => {
    const { e164, contactId } = await callerOnTheLine();
    const logs = captureLogs();
    const answer = await handler(
      menuEvent(e164, contactId, keys === undefined ? { action: "typed-number" } : { action: "typed-number", number: keys }),
    ).finally(() => logs.stop());
    expectAnswer(answer);
    expect(answer).toEqual({
      status,
      vanity1: "",
      vanity2: "",
      vanity3: "",
      ssml: `<speak>${sentence}</speak>`,
      source: "",
      smsOffered: "true",
    });
    expect(logs.lines.filter((line) => line.level === "error")).toEqual([]);
    expect((await getCallerWithCalls({ e164, limit: 5 }))?.calls[0]?.lookups).toBeUndefined();
  });

  it("works for a withheld caller too, with no call to note it on and no text to offer", async () => {
    const typed = uniqueNumber();
    const answer = await handler(menuEvent(null, crypto.randomUUID(), { action: "typed-number", number: typed.slice(2) }));
    expect(answer).toMatchObject({ status: "OK", smsOffered: "false", vanity1: findVanityNumbers(typed).vanity[0]!.display });
    expect(await getCaller({ e164: typed })).toBeNull();
  });
});

describe("option 2: the numbers by text message, locally to the outbox", () => {
  it("puts one text with the five stored numbers in the outbox, once per contact, once per day", async () => {
    const { e164, contactId, first } = await callerOnTheLine();
    const answer = await handler(menuEvent(e164, contactId, { action: "send-text" }));
    expectAnswer(answer);
    expect(answer).toMatchObject({ status: "SENT", ssml: `<speak>${TEXT.SENT}</speak>`, smsOffered: "true" });
    const stored = (await getCaller({ e164 }))!;
    const [text, ...others] = await textsFor({ e164 });
    expect(others).toEqual([]);
    expect(text).toMatchObject({ contactId, status: "outbox", body: `Your vanity numbers: ${stored.vanity.join(", ")}` });
    expect(text!.body.startsWith(`Your vanity numbers: ${first.vanity1}, ${first.vanity2}, ${first.vanity3}`)).toBe(true);

    // The same contact again (a Connect retry, or the caller pressing 2 twice): the same answer, nothing new.
    expect(await handler(menuEvent(e164, contactId, { action: "send-text" }))).toMatchObject({ status: "SENT" });
    // Another call the same day: one text a day.
    const again = await handler(menuEvent(e164, crypto.randomUUID(), { action: "send-text" }));
    expect(again).toMatchObject({ status: "ALREADY_SENT", ssml: `<speak>${TEXT.ALREADY_SENT}</speak>` });
    expect(await textsFor({ e164 })).toHaveLength(1);
  });

  it("a withheld caller cannot be texted", async () => {
    const answer = await handler(menuEvent("anonymous", crypto.randomUUID(), { action: "send-text" }));
    expect(answer).toMatchObject({ status: "NO_NUMBER", ssml: `<speak>${TEXT.NO_NUMBER}</speak>`, smsOffered: "false" });
  });
});

describe("an unknown action", () => {
  it("answers ERROR with an apology, and logs which", async () => {
    const logs = captureLogs();
    const answer = await handler(menuEvent(uniqueNumber(), crypto.randomUUID(), { action: "transfer-money" })).finally(() => logs.stop());
    expectAnswer(answer);
    expect(answer.status).toBe("ERROR");
    expect(logs.lines.map((line) => [line.level, line.msg, line.action])).toContainEqual([
      "error",
      "unknown action asked for",
      "transfer-money",
    ]);
  });
});

describe("deployed: texts through End User Messaging SMS", () => {
  const saved = { ...process.env };
  let sms: Server;
  let answerWith: "message-id" | "throttled" | "nothing" = "message-id";
  const received: { target: string | undefined; body: Record<string, unknown> }[] = [];
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    sms = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString()));
      request.on("end", () => {
        received.push({ target: request.headers["x-amz-target"] as string | undefined, body: JSON.parse(body) as Record<string, unknown> });
        if (answerWith === "nothing") return; // never answers: the Lambda's deadline must end the wait
        response.setHeader("content-type", "application/x-amz-json-1.0");
        if (answerWith === "throttled") {
          response.statusCode = 400;
          response.end(JSON.stringify({ __type: "ThrottlingException", message: "Rate exceeded" }));
        } else response.end(JSON.stringify({ MessageId: `m-${received.length}` }));
      });
    });
    sms.on("connection", (socket) => {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => sms.listen(0, "127.0.0.1", resolve));
  });
  afterEach(() => {
    process.env = { ...saved };
    received.length = 0;
    answerWith = "message-id";
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => sms.close(resolve));
  });

  /** As on AWS (ARC_ENV staging), with the SMS service at the local server; the table stays sandbox's. */
  function deployed(identity: string | undefined) {
    process.env.ARC_ENV = "staging";
    process.env.AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2 = `http://127.0.0.1:${(sms.address() as AddressInfo).port}`;
    if (identity) process.env.SMS_ORIGINATION_IDENTITY = identity;
    else delete process.env.SMS_ORIGINATION_IDENTITY;
  }

  it("without SMS_ORIGINATION_IDENTITY, texts are not offered, and asking anyway sends nothing", async () => {
    deployed(undefined);
    const e164 = uniqueNumber();
    created.push(e164);
    const contactId = crypto.randomUUID();
    expect(await handler(connectEvent(e164, contactId))).toMatchObject({ status: "OK", smsOffered: "false" });
    const answer = await handler(menuEvent(e164, contactId, { action: "send-text" }));
    expect(answer).toMatchObject({ status: "NOT_SENT", ssml: `<speak>${TEXT.NOT_OFFERED}</speak>` });
    expect(received).toEqual([]);
    expect(await textsFor({ e164 })).toEqual([]);
  });

  it("a bad SMS_ORIGINATION_IDENTITY is logged, and texts are not offered", async () => {
    deployed("my phone");
    const e164 = uniqueNumber();
    created.push(e164);
    const logs = captureLogs();
    const answer = await handler(connectEvent(e164)).finally(() => logs.stop());
    expect(answer).toMatchObject({ status: "OK", smsOffered: "false" });
    expect(logs.lines.map((line) => line.msg)).toContain("SMS_ORIGINATION_IDENTITY ignored: texts are not offered");
  });

  it("sends one transactional text from the identity, and marks it sent with its message id", async () => {
    const identity = "pool-0123456789abcdef0123456789abcdef";
    deployed(identity);
    const { e164, contactId } = await callerOnTheLineDeployed();
    const answer = await handler(menuEvent(e164, contactId, { action: "send-text" }));
    expect(answer).toMatchObject({ status: "SENT", smsOffered: "true" });
    const stored = (await getCaller({ e164 }))!;
    expect(received).toEqual([
      {
        target: "PinpointSMSVoiceV2.SendTextMessage",
        body: {
          DestinationPhoneNumber: e164,
          OriginationIdentity: identity,
          MessageBody: `Your vanity numbers: ${stored.vanity.join(", ")}`,
          MessageType: "TRANSACTIONAL",
        },
      },
    ]);
    expect(await textsFor({ e164 })).toEqual([expect.objectContaining({ status: "sent", messageId: "m-1", contactId })]);
    // A Connect retry of the contact sends nothing twice.
    expect(await handler(menuEvent(e164, contactId, { action: "send-text" }))).toMatchObject({ status: "SENT" });
    expect(received).toHaveLength(1);
  });

  it.each([
    ["refuses it (throttled)", "throttled" as const],
    ["does not answer within the deadline", "nothing" as const],
  ])("when the SMS service %s: the caller hears so, and the day's text is free again", async (_, behaviour) => {
    deployed("phone-0123456789abcdef0123456789abcdef");
    answerWith = behaviour;
    const { e164, contactId } = await callerOnTheLineDeployed();
    const logs = captureLogs();
    const started = performance.now();
    const answer = await handler(menuEvent(e164, contactId, { action: "send-text" })).finally(() => logs.stop());
    expect(answer).toMatchObject({ status: "NOT_SENT", ssml: `<speak>${TEXT.NOT_SENT}</speak>` });
    expect(performance.now() - started).toBeLessThan(SMS_DEADLINE_MS + 1500);
    expect(logs.lines.filter((line) => line.level === "error").map((line) => line.msg)).toEqual(["sending the text failed"]);
    expect(logs.text()).not.toContain(e164);
    expect(await textsFor({ e164 })).toEqual([]);
  });

  async function callerOnTheLineDeployed() {
    const e164 = uniqueNumber();
    created.push(e164);
    const contactId = crypto.randomUUID();
    expect(await handler(connectEvent(e164, contactId))).toMatchObject({ status: "OK", smsOffered: "true" });
    return { e164, contactId };
  }
});
