// Accounts against a table of this file's own (sandbox's DynamoDB): the rules a person meets on
// the accounts page and with `npm run accounts`.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { getAccountForSignin } from "../data/accounts.server.js";
import { useOwnTable } from "../../test/local-db.js";
import {
  AccountExistsError,
  AccountRuleError,
  addAccount,
  checkCredentials,
  ensureLocalAdmin,
  listAccounts,
  NoSuchAccountError,
  resetPassword,
  setDisabled,
  setRole,
} from "./accounts.js";
import { nameProblem, normaliseName, passwordProblem, PUBLISHED_SECRETS } from "./policy.js";

useOwnTable();

const STRONG = "plum-harbor-41-lantern";

describe("account rules (no table)", () => {
  it("names that differ only in case or surrounding spaces are one account, and a stored name stays as it is", () => {
    const letters = fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._@-");
    const name = fc.tuple(fc.constantFrom(..."aZ9"), fc.array(letters, { maxLength: 30 })).map(([first, rest]) => first + rest.join(""));
    fc.assert(
      fc.property(name, fc.constantFrom("", " ", "\t"), (typed, space) => {
        const stored = normaliseName(`${space}${typed}${space}`);
        expect(nameProblem(typed)).toBeNull();
        expect(stored).toBe(typed.toLowerCase());
        expect(normaliseName(stored)).toBe(stored);
        expect(normaliseName(typed.toUpperCase())).toBe(stored);
      }),
    );
  });

  it("names: letters, digits and . _ - @, up to 64, case folded", () => {
    expect(nameProblem("Maria.Lopez@example.com")).toBeNull();
    for (const bad of ["", " ", "-dash-first", "a b", "x".repeat(65), "ma<ria>", "admin\u0000"])
      expect(nameProblem(bad), JSON.stringify(bad)).not.toBeNull();
  });

  it("passwords: 12 or more, not guessable, not one written in this repository", () => {
    expect(passwordProblem(STRONG)).toBeNull();
    expect(passwordProblem("short-one")).toMatch(/at least 12/);
    expect(passwordProblem("123456789012")).toMatch(/too easy/);
    expect(passwordProblem("abcdefghijklm")).toMatch(/too easy/);
    for (const published of PUBLISHED_SECRETS.filter((s) => s.length >= 12)) expect(passwordProblem(published)).toMatch(/published/);
  });
});

describe("accounts in the table", () => {
  it("starts empty, then lists what was added, by name", async () => {
    expect(await listAccounts()).toEqual([]);
    await addAccount({ name: "Zoe", role: "agent", password: STRONG });
    await addAccount({ name: "amir", role: "admin", password: STRONG });
    expect((await listAccounts()).map(({ name, role, disabled }) => ({ name, role, disabled }))).toEqual([
      { name: "amir", role: "admin", disabled: false },
      { name: "zoe", role: "agent", disabled: false },
    ]);
  });

  it("keeps the password as an scrypt hash only, and a generated one when none is given", async () => {
    const { account, password } = await addAccount({ name: "gen", role: "agent" });
    expect(password).toMatch(/^[\w-]{20}$/);
    const stored = await getAccountForSignin(account.name);
    expect(stored!.passwordHash).toMatch(/^scrypt\$/);
    expect(stored!.passwordHash).not.toContain(password);
    expect(await checkCredentials("GEN", password)).toMatchObject({ ok: true, account: { name: "gen" } });
  });

  it("refuses a taken name, even when two are added at once", async () => {
    await expect(addAccount({ name: "zoe", role: "agent", password: STRONG })).rejects.toBeInstanceOf(AccountExistsError);
    const both = await Promise.allSettled([0, 1].map(() => addAccount({ name: "twin", role: "agent", password: STRONG })));
    expect(both.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
  });

  it("refuses a bad name or a weak password, storing nothing", async () => {
    await expect(addAccount({ name: "no spaces", role: "agent", password: STRONG })).rejects.toBeInstanceOf(AccountRuleError);
    await expect(addAccount({ name: "weak", role: "agent", password: "password" })).rejects.toBeInstanceOf(AccountRuleError);
    expect((await listAccounts()).map((a) => a.name)).not.toContain("weak");
  });

  it("checks credentials: unknown names and wrong passwords look the same to the caller; only the right password learns 'disabled'", async () => {
    await addAccount({ name: "dee", role: "agent", password: STRONG });
    expect(await checkCredentials("nobody", STRONG)).toEqual({ ok: false, reason: "unknown" });
    expect(await checkCredentials("dee", "wrong-password-1")).toEqual({ ok: false, reason: "mismatch" });
    expect(await checkCredentials("not a name", STRONG)).toEqual({ ok: false, reason: "unknown" });
    await setDisabled("dee", true);
    expect(await checkCredentials("dee", "wrong-password-1")).toEqual({ ok: false, reason: "mismatch" });
    expect(await checkCredentials("dee", STRONG)).toEqual({ ok: false, reason: "disabled" });
    await setDisabled("dee", false);
    expect(await checkCredentials("dee", STRONG)).toMatchObject({ ok: true });
  });

  it("a reset password replaces the old one", async () => {
    await addAccount({ name: "rex", role: "agent", password: STRONG });
    const { password } = await resetPassword("rex");
    expect(await checkCredentials("rex", STRONG)).toMatchObject({ ok: false });
    expect(await checkCredentials("rex", password)).toMatchObject({ ok: true });
  });

  it("keeps one admin: the last one can be neither disabled nor made an agent", async () => {
    expect((await listAccounts()).filter((a) => a.role === "admin").map((a) => a.name)).toEqual(["amir"]);
    await expect(setDisabled("amir", true)).rejects.toThrow(/only admin left/);
    await expect(setRole("amir", "agent")).rejects.toThrow(/only admin left/);
    await setRole("zoe", "admin");
    await setRole("amir", "agent"); // now there is another
    expect((await listAccounts()).find((a) => a.name === "amir")?.role).toBe("agent");
  });

  it("says so when the account does not exist", async () => {
    await expect(setDisabled("ghost", true)).rejects.toBeInstanceOf(NoSuchAccountError);
    await expect(resetPassword("ghost")).rejects.toBeInstanceOf(NoSuchAccountError);
  });

  it("makes the local admin once, with the local password, and leaves it alone after", async () => {
    await Promise.all([ensureLocalAdmin("vanity-dev"), ensureLocalAdmin("vanity-dev")]);
    expect(await checkCredentials("admin", "vanity-dev")).toMatchObject({ ok: true, account: { role: "admin" } });
    await ensureLocalAdmin("another-password-9");
    expect(await checkCredentials("admin", "vanity-dev")).toMatchObject({ ok: true });
  });
});
