// A caller's page looks the number up by its address: a caller ID (possible will do:
// parseCallerId), canonical, stored? Found, it comes with a page of its calls (newest first), read
// in the same Query, and on the first page the text messages they asked for (one more Query).
import { getCallerWithCalls, textsFor, type CallerRecord, type CallRecord, type TextRecord } from "./callers.server.js";
import { parseCallerId, PhoneNumberError } from "../../src/vanity/index.js";

export const CALLS_PAGE_SIZE = 25;

export type FindCallerResult =
  | { kind: "found"; caller: CallerRecord; calls: CallRecord[]; cursor: string | null; texts: TextRecord[] }
  | { kind: "unknown"; e164: string }
  | { kind: "moved"; e164: string } // valid, but not written in E.164
  | { kind: "invalid"; message: string };

export async function findCaller(param: string, { callsCursor = null }: { callsCursor?: string | null } = {}): Promise<FindCallerResult> {
  let e164: string;
  try {
    e164 = parseCallerId(param).e164;
  } catch (error) {
    if (error instanceof PhoneNumberError) return { kind: "invalid", message: error.message };
    throw error;
  }
  if (e164 !== param) return { kind: "moved", e164 };
  const [found, texts] = await Promise.all([
    getCallerWithCalls({ e164, limit: CALLS_PAGE_SIZE, cursor: callsCursor }),
    callsCursor ? [] : textsFor({ e164 }),
  ]);
  return found ? { kind: "found", ...found, texts } : { kind: "unknown", e164 };
}
