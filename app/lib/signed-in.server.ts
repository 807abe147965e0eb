// Whether the visitor is signed in, for the layout. Never throws: public pages (/try) must keep
// working in a deployed stage whose dashboard is not configured yet, or while the table is down.
import type { Role } from "../../src/accounts/policy.js";
import { serverEnv } from "./env.server";
import { logger } from "./log.server";
import { currentSession } from "./session.server";

export type SignedInState = { signedIn: true; account: string; role: Role; csrf: string } | { signedIn: false };

const log = logger.child({ module: "session" });

export async function signedInState(request: Request): Promise<SignedInState> {
  if (!serverEnv().dashboard.ok) return { signedIn: false };
  try {
    const session = await currentSession(request);
    return session ? { signedIn: true, account: session.account, role: session.role, csrf: session.csrf } : { signedIn: false };
  } catch (error) {
    log.warn({ err: error }, "could not read the session; the layout shows the visitor signed out");
    return { signedIn: false };
  }
}
