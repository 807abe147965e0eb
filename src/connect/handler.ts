// The Amazon Connect Lambda: what the contact flow asks (contract.ts), answered as the flat string
// map a flow reads with $.External.<key>:
//   the caller's own vanity numbers   ./caller-numbers.ts (the flow's first question)
//   a keyed-in number's               ./typed-number.ts   (the menu's option 3)
//   the numbers by text message       ./send-text.ts      (the menu's option 2)
// It never throws: a throw would send the call down the flow's Error branch in silence. Every
// log line is JSON with the contact id and a masked number.
import type { Context } from "aws-lambda";
import { APOLOGY, statusAnswer } from "./answers.js";
import type { Call } from "./call.js";
import { callerNumbers } from "./caller-numbers.js";
import type { ConnectAction, ConnectContactFlowEvent, ConnectVanityResponse } from "./contract.js";
import { actionOf, contactIds } from "./event.js";
import { sendText } from "./send-text.js";
import { typedNumber } from "./typed-number.js";
import { logger } from "../log.js";

export type { ConnectStatus, ConnectVanityResponse } from "./contract.js";
export { SPOKEN_COUNT } from "./contract.js";
export { APOLOGY } from "./answers.js";
export { DB_DEADLINE_MS } from "./call.js";
export { QUEUE_DEADLINE_MS } from "./caller-numbers.js";
export { callerAddress } from "./event.js";

const ANSWER: Record<ConnectAction, (event: unknown, call: Call) => Promise<ConnectVanityResponse>> = {
  "caller-numbers": callerNumbers,
  "typed-number": typedNumber,
  "send-text": sendText,
};

export const handler = async (event: ConnectContactFlowEvent, context?: Pick<Context, "awsRequestId">): Promise<ConnectVanityResponse> => {
  const started = performance.now();
  const requestId = typeof context?.awsRequestId === "string" ? { requestId: context.awsRequestId } : {};
  const ids = contactIds(event);
  const call: Call = { log: logger.child({ ...ids, ...requestId }), contactId: ids.contactId };
  const action = actionOf(event);
  let response: ConnectVanityResponse;
  try {
    if (action) response = await ANSWER[action](event, call);
    else {
      call.log.error({ action: String(event?.Details?.Parameters?.action).slice(0, 40) }, "unknown action asked for");
      response = statusAnswer("ERROR", APOLOGY.ERROR);
    }
  } catch (error) {
    call.log.error({ err: error }, "unexpected failure");
    response = statusAnswer("ERROR", APOLOGY.ERROR);
  }
  call.log.info(
    {
      ...(action && action !== "caller-numbers" ? { action } : {}),
      status: response.status,
      source: response.source,
      ms: Math.round(performance.now() - started),
    },
    "answered",
  );
  return response;
};
