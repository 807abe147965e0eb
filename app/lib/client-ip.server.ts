// Which client a sign-in attempt comes from, for the per-client limit.
//
// On AWS the Remix Lambda sits behind API Gateway's HTTP API, which appends the address it saw
// to X-Forwarded-For; anything to its left came from the client and may be made up. So deployed,
// only the right-most entry counts. Locally (sandbox, tests) the left-most entry is trusted, so
// that end-to-end tests can act as several clients; see ServerEnv.trustClientForwardedFor.
import { serverEnv } from "./env.server";

export const UNKNOWN_CLIENT = "unknown";

export function clientIp(request: Request, trustClientForwardedFor = serverEnv().trustClientForwardedFor): string {
  const entries = (request.headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const chosen = trustClientForwardedFor ? entries[0] : entries[entries.length - 1];
  // Bounded and plain: it becomes part of a DynamoDB key.
  return chosen && /^[0-9A-Fa-f:.]{2,45}$/.test(chosen) ? chosen : UNKNOWN_CLIENT;
}
