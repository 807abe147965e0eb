// One structured log line per sign-in event (and sign-out), so that an alarm can be set on
// failures and refusals (Logs Insights: filter msg = "sign-in" | stats count() by outcome). The client
// address is masked to its network (198.51.100.0/24, 2001:db8:1::/48): enough to see a burst
// from one place, not enough to name a person.
import { isIP } from "node:net";
import { logger } from "./log.server";

export type SigninOutcome = "success" | "failure" | "disabled" | "limited" | "refused" | "sign-out";

export interface SigninEvent {
  outcome: SigninOutcome;
  ip: string;
  /** The account, when the name is one (a name that is not could be a password typed in the wrong field). */
  account?: string | undefined;
  /** Which limit refused a "limited" attempt. */
  limit?: "account" | "address" | "everyone";
  /** Attempts in this window, this one included (absent when the form was refused before counting). */
  attempts?: number;
  /** Why a refused form was refused. */
  reason?: string;
}

const log = logger.child({ module: "signin" });

export function logSignin({ outcome, ip, account, limit, attempts, reason }: SigninEvent): void {
  const line = {
    outcome,
    ...(account ? { account } : {}),
    client: maskAddress(ip),
    ...(attempts !== undefined ? { attempts } : {}),
    ...(limit ? { limit } : {}),
    ...(reason ? { reason } : {}),
  };
  if (outcome === "success" || outcome === "sign-out") log.info(line, "sign-in");
  else log.warn(line, "sign-in");
}

/** An address's network only: IPv4 to /24, IPv6 to /48; anything else "unknown". */
export function maskAddress(ip: string): string {
  if (isIP(ip) === 4) return `${ip.split(".").slice(0, 3).join(".")}.0/24`;
  if (isIP(ip) === 6) {
    const [head = ""] = ip.split("::");
    const groups = head.split(":").filter(Boolean);
    return `${[...groups, "0", "0", "0"].slice(0, 3).join(":")}::/48`;
  }
  return "unknown";
}
