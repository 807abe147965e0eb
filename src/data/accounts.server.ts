// Dashboard accounts: who may sign in, with which role, and whether they still may.
// Answers: an account by name (byName) · every account, by name (the same partition: a contact
// center has tens of accounts, not millions, so one Query lists them all).
//
// `generation` ends sessions without finding them: a session remembers the generation it was
// made in (sessions.server.ts), and disabling an account, changing its password or "sign out
// everywhere" raises it, so every older session stops working at its next request.
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { Entity, type EntityItem } from "electrodb";
import { ROLES, type Role } from "../accounts/policy.js";
import { entityOnDb } from "./db.server.js";

export interface Account {
  name: string;
  role: Role;
  disabled: boolean;
  generation: number;
  createdAt: string;
  updatedAt: string;
}

export function makeAccountEntity(client: DynamoDBClient, table: string) {
  return new Entity(
    {
      model: { service: "vanity", entity: "account", version: "1" },
      attributes: {
        name: { type: "string", required: true, readOnly: true },
        role: { type: ROLES, required: true },
        passwordHash: { type: "string", required: true },
        disabled: { type: "boolean", required: true, default: false },
        generation: { type: "number", required: true, default: 0 },
        createdAt: { type: "string", required: true, readOnly: true, default: () => new Date().toISOString() },
        updatedAt: { type: "string", required: true, default: () => new Date().toISOString(), set: () => new Date().toISOString() },
      },
      indexes: {
        byName: { pk: { field: "pk", composite: [] }, sk: { field: "sk", composite: ["name"] } },
      },
    },
    { client, table },
  );
}

export type AccountEntity = ReturnType<typeof makeAccountEntity>;
export type AccountItem = EntityItem<AccountEntity>;

const accounts = entityOnDb(makeAccountEntity);

/** A name that is already taken. */
export class AccountExistsError extends Error {
  constructor(readonly accountName: string) {
    super(`There is already an account named ${accountName}.`);
    this.name = "AccountExistsError";
  }
}

/** No account by that name. */
export class NoSuchAccountError extends Error {
  constructor(readonly accountName: string) {
    super(`There is no account named ${accountName}.`);
    this.name = "NoSuchAccountError";
  }
}

function publicView(item: AccountItem): Account {
  const { name, role, disabled, generation, createdAt, updatedAt } = item;
  return { name, role, disabled, generation, createdAt, updatedAt };
}

/** The account with its password hash (for sign-in only), or null. Strongly consistent. */
export async function getAccountForSignin(name: string): Promise<(Account & { passwordHash: string }) | null> {
  const { data } = await (await accounts()).get({ name }).go({ consistent: true });
  return data ? { ...publicView(data), passwordHash: data.passwordHash } : null;
}

export async function getAccount(name: string): Promise<Account | null> {
  const { data } = await (await accounts()).get({ name }).go({ consistent: true });
  return data ? publicView(data) : null;
}

export async function listAccounts(): Promise<Account[]> {
  const { data } = await (await accounts()).query.byName({}).go({ pages: "all" });
  return data.map(publicView);
}

/** Stores a new account; AccountExistsError if the name is taken (a conditional write, so two at once can't both win). */
export async function createAccount({ name, role, passwordHash }: { name: string; role: Role; passwordHash: string }): Promise<Account> {
  try {
    const { data } = await (await accounts()).create({ name, role, passwordHash }).go();
    return publicView(data);
  } catch (error) {
    if (isConditionFailure(error)) throw new AccountExistsError(name);
    throw error;
  }
}

export interface AccountChanges {
  role?: Role;
  disabled?: boolean;
  passwordHash?: string;
  /** End every session the account has now (raises its generation). */
  endSessions?: boolean;
}

/** Changes an existing account (NoSuchAccountError otherwise) and returns it as it now is. */
export async function changeAccount(name: string, { endSessions = false, ...changes }: AccountChanges): Promise<Account> {
  const entity = await accounts();
  const set = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
  try {
    let update = entity.patch({ name }).set(set);
    if (endSessions) update = update.add({ generation: 1 });
    const { data } = await update.go({ response: "all_new" });
    return publicView(data as AccountItem);
  } catch (error) {
    if (isConditionFailure(error)) throw new NoSuchAccountError(name);
    throw error;
  }
}

/** Deletes an account for good (tests; people are disabled, so their trail stays readable). */
export async function deleteAccount(name: string): Promise<void> {
  await (await accounts()).delete({ name }).go();
}

export function isConditionFailure(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { name?: string }).name === "ConditionalCheckFailedException") return true;
  }
  return false;
}
