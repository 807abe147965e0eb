// Types for contact-flow.js (plain ES module, loaded by Architect).
export const CONTACT_FLOW_ID: "ConnectVanityContactFlow";
export const INTEGRATION_ID: "ConnectCallerIntegration";
export const PERMISSION_ID: "ConnectCallerInvokePermission";
export function readContactFlow(): unknown;
export function connectInstanceArn(options?: { inventory?: unknown; stage?: string }): string | undefined;
export function addContactFlow<T extends { Resources?: Record<string, unknown>; Outputs?: Record<string, unknown> }>(
  cloudformation: T,
  options?: { instanceArn?: string; flow?: unknown },
): T;
export function flowContentForSub(flow: unknown): string;
