// What can be done with accounts, for the accounts page and `npm run accounts` alike: the rules
// (names, passwords, at least one admin) are checked here, the storage is src/data.
import { randomBytes } from "node:crypto";
import { changeAccount, createAccount, getAccount, getAccountForSignin, listAccounts, type Account } from "../data/accounts.server.js";
import { deleteSessionsOf } from "../data/sessions.server.js";
import { hashPassword, verifyNothing, verifyPassword } from "./password-hash.js";
import { nameProblem, normaliseName, passwordProblem, type Role } from "./policy.js";

export type { Account } from "../data/accounts.server.js";
export { AccountExistsError, NoSuchAccountError } from "../data/accounts.server.js";

/** A request the rules refuse (a bad name or password, the last admin); the message says why. */
export class AccountRuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AccountRuleError";
  }
}

/** A random password for a new or reset account: 20 characters, 120 bits. */
export function generatePassword(): string {
  return randomBytes(15).toString("base64url");
}

function checkedName(name: string): string {
  const problem = nameProblem(name);
  if (problem) throw new AccountRuleError(problem);
  return normaliseName(name);
}

async function checkedHash(password: string): Promise<string> {
  const problem = passwordProblem(password);
  if (problem) throw new AccountRuleError(problem);
  return hashPassword(password);
}

/** Adds an account; without a password, one is generated (and returned, to hand over once). */
export async function addAccount({ name, role, password = generatePassword() }: { name: string; role: Role; password?: string }) {
  const account = await createAccount({ name: checkedName(name), role, passwordHash: await checkedHash(password) });
  return { account, password };
}

/** Sets a new password (generated if none is given) and ends the account's sessions. */
export async function resetPassword(name: string, password: string = generatePassword()) {
  const account = await changeAccount(checkedName(name), { passwordHash: await checkedHash(password), endSessions: true });
  await deleteSessionsOf([account.name]);
  return { account, password };
}

/** Disabling ends the account's sessions at once; enabling lets it sign in again. */
export async function setDisabled(name: string, disabled: boolean): Promise<Account> {
  const normal = checkedName(name);
  if (disabled) await refuseLosingLastAdmin(normal);
  const account = await changeAccount(normal, { disabled, endSessions: disabled });
  if (disabled) await deleteSessionsOf([account.name]);
  return account;
}

/** A role change applies at the account's next request (sessions read the role from the account). */
export async function setRole(name: string, role: Role): Promise<Account> {
  const normal = checkedName(name);
  if (role !== "admin") await refuseLosingLastAdmin(normal);
  return changeAccount(normal, { role });
}

/** Ends every session of one account (the account itself can sign in again). */
export async function endSessionsOf(name: string): Promise<Account> {
  const account = await changeAccount(checkedName(name), { endSessions: true });
  await deleteSessionsOf([account.name]);
  return account;
}

/** Ends every session of every account. Returns how many accounts were signed out. */
export async function signEveryoneOut(): Promise<number> {
  const all = await listAccounts();
  await Promise.all(all.map((account) => changeAccount(account.name, { endSessions: true })));
  await deleteSessionsOf("everyone");
  return all.length;
}

async function refuseLosingLastAdmin(name: string): Promise<void> {
  const admins = (await listAccounts()).filter((account) => account.role === "admin" && !account.disabled);
  if (admins.length === 1 && admins[0]!.name === name) {
    throw new AccountRuleError(`${name} is the only admin left; make another admin first.`);
  }
}

/** "unknown": no such account (the sign-in page says the same as for "mismatch"; only the log tells them apart). */
export type CredentialsCheck = { ok: true; account: Account } | { ok: false; reason: "unknown" | "mismatch" | "disabled" };

/**
 * Whether these credentials sign in. A missing or malformed name costs the same scrypt check as
 * a wrong password, so neither the answer nor its timing tells whether the name exists; only the
 * right password learns that an account is disabled.
 */
export async function checkCredentials(name: string, password: string): Promise<CredentialsCheck> {
  const normal = normaliseName(name);
  const stored = nameProblem(normal) ? null : await getAccountForSignin(normal);
  if (!stored) {
    await verifyNothing(password);
    return { ok: false, reason: "unknown" };
  }
  if (!(await verifyPassword(password, stored.passwordHash))) return { ok: false, reason: "mismatch" };
  if (stored.disabled) return { ok: false, reason: "disabled" };
  const { passwordHash: _, ...account } = stored;
  return { ok: true, account };
}

export { getAccount, listAccounts };

/** The local stack's first admin: created with `password` the first time it is needed, left alone after. */
export const LOCAL_ADMIN_NAME = "admin";

export async function ensureLocalAdmin(password: string): Promise<void> {
  if (await getAccount(LOCAL_ADMIN_NAME)) return;
  try {
    // The local password may be the documented development one, which the rules refuse for real accounts.
    await createAccount({ name: LOCAL_ADMIN_NAME, role: "admin", passwordHash: await hashPassword(password) });
  } catch (error) {
    if ((error as Error).name !== "AccountExistsError") throw error; // made at the same moment elsewhere
  }
}
