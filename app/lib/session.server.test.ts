// Server-side sessions against sandbox's local DynamoDB: the cookie carries only a signed id,
// and every way of ending a session (sign-out, disable, password reset, "sign out everywhere",
// sign everyone out, expiry) stops a copy of the cookie at its next request.
import { randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAccount, endSessionsOf, resetPassword, setDisabled, setRole, signEveryoneOut } from "../../src/accounts/accounts.js";
import { deleteAccount, getAccount } from "../../src/data/accounts.server.js";
import { createSession, findSession, sessionKey } from "../../src/data/sessions.server.js";
import { assertLocalDb } from "../../test/local-db.js";
import { cookieForSession, currentSession, endSession, SESSION_MAX_AGE_SECONDS, startSession } from "./session.server";

const made: string[] = [];
afterAll(async () => {
  await Promise.all(made.map((name) => deleteAccount(name)));
});

async function newAccount(role: "admin" | "agent" = "agent") {
  const name = `session-test-${randomInt(1e9)}`;
  made.push(name);
  return (await addAccount({ name, role })).account;
}

/** A request as the browser sends it with this Set-Cookie stored. */
function withCookie(setCookie: string): Request {
  return new Request("http://localhost/", { headers: { Cookie: setCookie.split(";")[0]!, "user-agent": "vitest" } });
}

async function signIn(account: { name: string; generation: number }) {
  return startSession(new Request("http://localhost/login", { headers: { "user-agent": "vitest" } }), account, "203.0.113.9");
}

beforeAll(() => assertLocalDb());

describe("a server-side session", () => {
  it("is found from its cookie, with the account's name, role and a CSRF token", async () => {
    const account = await newAccount();
    const setCookie = await signIn(account);
    expect(setCookie).toMatch(new RegExp(`^__session=[^;]+; Max-Age=${SESSION_MAX_AGE_SECONDS}; Path=/; HttpOnly; SameSite=Lax$`));
    const session = await currentSession(withCookie(setCookie));
    expect(session).toMatchObject({ account: account.name, role: "agent" });
    expect(session!.csrf).toMatch(/^[\w-]{43}$/);
  });

  it("puts only a random id in the cookie, and only the id's hash in the table", async () => {
    const account = await newAccount();
    const setCookie = await signIn(account);
    const value = decodeURIComponent(setCookie.split(";")[0]!.split("=")[1]!);
    const payload = JSON.parse(Buffer.from(value.slice(0, value.lastIndexOf(".")), "base64").toString("utf8")) as Record<string, string>;
    expect(Object.keys(payload)).toEqual(["sid"]);
    expect(payload.sid).toMatch(/^[\w-]{43}$/);
    const stored = await findSession(payload.sid!);
    expect(stored?.key).toBe(sessionKey(payload.sid!));
    expect(JSON.stringify(stored)).not.toContain(payload.sid);
    expect(stored?.client).toBe("203.0.113.0/24");
  });

  it("ends for every copy of the cookie at sign-out", async () => {
    const account = await newAccount();
    const setCookie = await signIn(account);
    const copy = withCookie(setCookie);
    expect(await currentSession(copy)).not.toBeNull();
    await endSession(withCookie(setCookie));
    expect(await currentSession(withCookie(setCookie))).toBeNull();
  });

  it("ends when the account is disabled, and stays ended when it is enabled again", async () => {
    const account = await newAccount();
    const setCookie = await signIn(account);
    await setDisabled(account.name, true);
    expect(await currentSession(withCookie(setCookie))).toBeNull();
    await setDisabled(account.name, false);
    expect(await currentSession(withCookie(setCookie))).toBeNull();
  });

  it("ends when the password is reset", async () => {
    const account = await newAccount();
    const setCookie = await signIn(account);
    await resetPassword(account.name);
    expect(await currentSession(withCookie(setCookie))).toBeNull();
  });

  it("ends with 'sign out everywhere' for its account, not for others", async () => {
    const one = await newAccount();
    const other = await newAccount();
    const [a, b] = [await signIn(one), await signIn(other)];
    await endSessionsOf(one.name);
    expect(await currentSession(withCookie(a))).toBeNull();
    expect(await currentSession(withCookie(b))).not.toBeNull();
  });

  it("ends for everyone with sign everyone out", async () => {
    const one = await newAccount();
    const setCookie = await signIn(one);
    await signEveryoneOut();
    expect(await currentSession(withCookie(setCookie))).toBeNull();
    expect((await getAccount(one.name))!.generation).toBe(one.generation + 1);
  });

  it("takes a role change at the next request", async () => {
    const account = await newAccount("agent");
    const setCookie = await signIn(account);
    await setRole(account.name, "admin");
    expect((await currentSession(withCookie(setCookie)))?.role).toBe("admin");
  });

  it("is over once its lifetime has passed, though DynamoDB may not have deleted the item yet", async () => {
    const account = await newAccount();
    const { id } = await createSession({
      account: account.name,
      generation: account.generation,
      csrf: "token",
      client: "unknown",
      userAgent: "",
      now: new Date(Date.now() - SESSION_MAX_AGE_SECONDS * 1000 - 1000),
    });
    expect(await currentSession(withCookie(await cookieForSession(id)))).toBeNull();
  });

  it("ignores a cookie whose signature does not match, and a made-up id", async () => {
    const account = await newAccount();
    const setCookie = await signIn(account);
    const [name, value] = setCookie.split(";")[0]!.split("=") as [string, string];
    const signature = decodeURIComponent(value).split(".").pop();
    const forged = Buffer.from(JSON.stringify({ sid: "made-up" })).toString("base64");
    expect(
      await currentSession(
        new Request("http://localhost/", { headers: { Cookie: `${name}=${encodeURIComponent(`${forged}.${signature}`)}` } }),
      ),
    ).toBeNull();
    expect(await currentSession(withCookie(await cookieForSession("made-up")))).toBeNull();
    expect(await currentSession(new Request("http://localhost/"))).toBeNull();
  });
});
