// Where callers' text messages go. Deployed with SMS_ORIGINATION_IDENTITY set: AWS End User
// Messaging SMS (SendTextMessage, from that identity only; the deploy grants nothing else).
// Deployed without it: nowhere, and the flow does not offer texts. Locally (sandbox and tests):
// the outbox, which is the text's own item in the table (src/data/texts.server.ts); nothing is
// sent, the dashboard and the call simulator show it.
import { PinpointSMSVoiceV2Client, SendTextMessageCommand } from "@aws-sdk/client-pinpoint-sms-voice-v2";
import { region, smsOriginationIdentity, stage } from "../config.js";
import { clientLimits } from "../data/db.server.js";

export type TextSender =
  | { kind: "outbox" }
  | {
      kind: "sms";
      identity: string;
      /** Sends `body` to `to` (E.164); resolves with the message id. */
      send(to: string, body: string, signal: AbortSignal): Promise<string>;
    };

let client: PinpointSMSVoiceV2Client | undefined;

/**
 * The sender for this environment, or null when texts are not offered.
 * @throws {RangeError} when SMS_ORIGINATION_IDENTITY is set to something that is not an identity.
 */
export function textSender(): TextSender | null {
  if (stage() === "testing") return { kind: "outbox" };
  const identity = smsOriginationIdentity();
  if (!identity) return null;
  return {
    kind: "sms",
    identity,
    async send(to, body, signal) {
      // The same bounds as DynamoDB's: a live caller is waiting (src/data/db.server.ts).
      client ??= new PinpointSMSVoiceV2Client({ region: region(), ...clientLimits() });
      const { MessageId } = await client.send(
        new SendTextMessageCommand({
          DestinationPhoneNumber: to,
          OriginationIdentity: identity,
          MessageBody: body,
          MessageType: "TRANSACTIONAL",
        }),
        { abortSignal: signal },
      );
      if (!MessageId) throw new Error("End User Messaging SMS answered without a message id");
      return MessageId;
    },
  };
}
