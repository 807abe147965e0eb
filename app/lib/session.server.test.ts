// The session cookie as the server reads it back (local development secret).
import { describe, expect, it } from "vitest";
import { commitSession, getSession, isSignedIn, SESSION_MAX_AGE_SECONDS, signedInSession } from "./session.server";

const HOUR = 3600_000;

async function roundTrip(cookieHeader: string) {
  return getSession(new Request("http://localhost/", { headers: { Cookie: cookieHeader } }));
}

describe("the dashboard session", () => {
  it("is signed in after sign-in, with a CSRF token, and survives the cookie round trip", async () => {
    const session = await signedInSession();
    const setCookie = await commitSession(session);
    expect(setCookie).toMatch(/^__session=[^;]+; Max-Age=43200; Path=\/; HttpOnly; SameSite=Lax$/);
    const back = await roundTrip(setCookie.split(";")[0]!);
    expect(isSignedIn(back)).toBe(true);
    expect(back.get("csrf")).toBe(session.get("csrf"));
  });

  it("is not signed in once the lifetime has passed, even if the cookie is replayed", async () => {
    const session = await signedInSession();
    const signedInAt = Date.parse(session.get("signedInAt")!);
    expect(isSignedIn(session, new Date(signedInAt + SESSION_MAX_AGE_SECONDS * 1000 - 1000))).toBe(true);
    expect(isSignedIn(session, new Date(signedInAt + 12 * HOUR))).toBe(false);
    expect(isSignedIn(session, new Date(signedInAt - 2 * HOUR))).toBe(false); // from the future: forged or broken clock
  });

  it("ignores a cookie whose value was changed (bad signature)", async () => {
    const cookie = (await commitSession(await signedInSession())).split(";")[0]!;
    const [name, value] = cookie.split("=") as [string, string];
    const [payload, signature] = decodeURIComponent(value).split(".");
    const forged = Buffer.from(JSON.stringify({ signedInAt: new Date().toISOString(), csrf: "x" })).toString("base64");
    expect(forged).not.toBe(payload);
    expect(isSignedIn(await roundTrip(`${name}=${encodeURIComponent(`${forged}.${signature}`)}`))).toBe(false);
  });

  it("is not signed in without a cookie", async () => {
    expect(isSignedIn(await roundTrip(""))).toBe(false);
  });
});
