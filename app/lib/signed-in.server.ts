// Whether the visitor is signed in, for the layout. Never throws: public pages (/try) must keep
// working in a deployed stage whose dashboard is not configured yet.
import { getSession, isSignedIn } from "./session.server";
import { serverEnv } from "./env.server";

export type SignedInState = { signedIn: true; csrf: string } | { signedIn: false };

export async function signedInState(request: Request): Promise<SignedInState> {
  if (!serverEnv().dashboard.ok) return { signedIn: false };
  const session = await getSession(request);
  const csrf = session.get("csrf");
  return isSignedIn(session) && csrf ? { signedIn: true, csrf } : { signedIn: false };
}
