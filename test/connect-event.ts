// The one way tests and tools build the event Amazon Connect sends the Lambda: an inbound voice
// call as the simulator places it (tools/call/place-call.ts), from any caller address (tests pass
// bad ones on purpose) and, where a test needs one, a given contact id (a Connect retry of one
// contact keeps its id).
import { randomUUID } from "node:crypto";
import type { ConnectContactFlowEvent } from "../src/connect/contract.js";
import { DEFAULT_INSTANCE_ARN, inboundVoiceContact } from "../tools/call/place-call.js";

export function connectEvent(address: unknown, contactId: string = randomUUID()): ConnectContactFlowEvent {
  const contact = inboundVoiceContact({ callerNumber: "", withheldAs: "null", instanceArn: DEFAULT_INSTANCE_ARN });
  return {
    Name: "ContactFlowEvent",
    Details: {
      Parameters: {},
      ContactData: {
        ...contact,
        Attributes: {},
        ContactId: contactId,
        InitialContactId: contactId,
        PreviousContactId: contactId,
        CustomerEndpoint: { Address: address, Type: "TELEPHONE_NUMBER" },
      },
    },
  } as unknown as ConnectContactFlowEvent;
}
