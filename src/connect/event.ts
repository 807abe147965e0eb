// Reading what Amazon Connect sends (the one Connect contract: ./contract.ts), without trusting
// any level of the event to exist: a missing or odd field reads as undefined, never a throw.
import { ACTIONS, type ConnectAction } from "./contract.js";

export function field(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

function contactData(event: unknown): unknown {
  return field(field(event, "Details"), "ContactData");
}

export function customerEndpoint(event: unknown): unknown {
  return field(contactData(event), "CustomerEndpoint");
}

/** `Details.ContactData.CustomerEndpoint.Address`. */
export function callerAddress(event: unknown): unknown {
  return field(customerEndpoint(event), "Address");
}

/** The ids that tie a log line to a contact in Connect, if the event has sensible ones. */
export function contactIds(event: unknown): { contactId: string | null; initialContactId: string | null } {
  const contact = contactData(event);
  const id = (value: unknown) => (typeof value === "string" && /^[\w-]{1,128}$/.test(value) ? value : null);
  return { contactId: id(field(contact, "ContactId")), initialContactId: id(field(contact, "InitialContactId")) };
}

/** One of the flow's `Details.Parameters` (its LambdaInvocationAttributes), when it is a string. */
export function parameter(event: unknown, name: string): string | undefined {
  const value = field(field(field(event, "Details"), "Parameters"), name);
  return typeof value === "string" ? value : undefined;
}

/** What the flow asks for: `action`, or the caller's own numbers when it names none; null for an action we do not know. */
export function actionOf(event: unknown): ConnectAction | null {
  const action = parameter(event, "action")?.trim();
  if (!action) return "caller-numbers";
  return (ACTIONS as readonly string[]).includes(action) ? (action as ConnectAction) : null;
}
