// A caller's page looks the number up by its address: valid, canonical, stored?
import { getCaller, type CallerRecord } from "./callers.server.js";
import { parsePhoneNumber, PhoneNumberError } from "../../src/vanity/index.js";

export type FindCallerResult =
  | { kind: "found"; caller: CallerRecord }
  | { kind: "unknown"; e164: string }
  | { kind: "moved"; e164: string } // valid, but not written in E.164
  | { kind: "invalid"; message: string };

export async function findCaller(param: string): Promise<FindCallerResult> {
  let e164: string;
  try {
    e164 = parsePhoneNumber(param).e164;
  } catch (error) {
    if (error instanceof PhoneNumberError) return { kind: "invalid", message: error.message };
    throw error;
  }
  if (e164 !== param) return { kind: "moved", e164 };
  const caller = await getCaller({ e164 });
  return caller ? { kind: "found", caller } : { kind: "unknown", e164 };
}
