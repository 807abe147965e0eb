// npm run accounts -- <command> [--env testing|staging|production]
// Manages dashboard accounts in the local sandbox's table (the default, while `npm run dev` runs)
// or in a deployed stage's table (with --env and your AWS credentials; the table is the one
// CloudFormation named for the stack, <Stack>-DataTable-…, or VANITY_TABLE if you set it). The rules are the accounts
// page's own (src/accounts): names, password strength, at least one admin.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { appName, listLocalTables } from "./local-sandbox.js";
import { fail } from "./options.js";

const USAGE = `Usage: npm run accounts -- <command> [--env testing|staging|production]

  list                          every account, its role and whether it is disabled
  add <name> --role admin|agent a new account; prints a generated password once
  reset <name>                  a new password (printed once); ends the account's sessions
  disable <name> | enable <name> disabling ends the account's sessions at once
  role <name> admin|agent       changes the role from the next request on
  sign-out <name>               ends every session of one account
  sign-out-everyone             ends every session of every account

  --password-stdin              with add or reset: read the password from stdin instead
  --env                         testing (default: the local sandbox, port ARC_TABLES_PORT or 5555),
                                staging or production (the deployed table, with AWS credentials)`;

const STAGES = ["testing", "staging", "production"] as const;

function options() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        env: { type: "string", default: "testing" },
        role: { type: "string" },
        "password-stdin": { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
    });
  } catch (error) {
    fail(`${(error as Error).message}\n\n${USAGE}`, 2);
  }
}

/** Points the data layer at the chosen stage's table, and fails clearly when it is not there. */
async function target(stage: (typeof STAGES)[number]): Promise<string> {
  if (stage === "testing") {
    const port = process.env.ARC_TABLES_PORT || "5555";
    process.env.ARC_TABLES_PORT = port;
    process.env.VANITY_TABLE ||= `${appName()}-staging-data`;
    process.env.AWS_REGION ||= "us-west-2";
    let tables: string[];
    try {
      tables = await listLocalTables(Number(port));
    } catch {
      fail(
        `No sandbox DynamoDB on localhost:${port}. Start it first (npm run dev), or set ARC_TABLES_PORT; for a deployed stage add --env staging or --env production.`,
      );
    }
    if (!tables.includes(process.env.VANITY_TABLE)) fail(`The DynamoDB on localhost:${port} has no table ${process.env.VANITY_TABLE}.`);
    return `the local sandbox (localhost:${port})`;
  }
  delete process.env.ARC_TABLES_PORT;
  delete process.env.ARC_SANDBOX;
  process.env.VANITY_TABLE ||= await deployedTable(stage);
  return `the ${stage} stage (${process.env.VANITY_TABLE})`;
}

/** The stage's table: CloudFormation names it after the stack (ConnectVanityStaging-DataTable-…). */
async function deployedTable(stage: string): Promise<string> {
  const stack = `${appName()}-${stage}`
    .split(/[^A-Za-z0-9]+/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
  const client = new DynamoDBClient({});
  const names: string[] = [];
  try {
    let start: string | undefined;
    do {
      const page = await client.send(new ListTablesCommand({ ExclusiveStartTableName: start }));
      names.push(...(page.TableNames ?? []));
      start = page.LastEvaluatedTableName;
    } while (start);
  } catch (error) {
    fail(
      `Could not list DynamoDB tables for the ${stage} stage: ${(error as Error).message}\n` +
        "Check your AWS credentials and region (AWS_PROFILE, AWS_REGION), or set VANITY_TABLE to the table's name.",
    );
  }
  const found = names.filter((name) => name.startsWith(`${stack}-DataTable-`));
  if (found.length !== 1) {
    fail(
      `${found.length ? "Several" : "No"} tables named ${stack}-DataTable-… in this account and region` +
        `${found.length ? ` (${found.join(", ")})` : ""}. Is the ${stage} stage deployed here? Set VANITY_TABLE to choose.`,
    );
  }
  return found[0]!;
}

function readPassword(fromStdin: boolean): string | undefined {
  if (!fromStdin) return undefined;
  const password = readFileSync(0, "utf8").replace(/\r?\n$/, "");
  if (!password) fail("--password-stdin: nothing came on stdin.", 2);
  return password;
}

async function main() {
  const { values, positionals } = options();
  if (values.help || positionals.length === 0) {
    console.log(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  const stage = values.env as (typeof STAGES)[number];
  if (!STAGES.includes(stage)) fail(`--env must be one of ${STAGES.join(", ")}, got "${values.env}".`, 2);
  const [command, name, extra] = positionals as [string, string | undefined, string | undefined];
  const needsName = (what: string) => name ?? fail(`${command} needs ${what}.\n\n${USAGE}`, 2);

  const where = await target(stage);
  const accounts = await import("../src/accounts/accounts.js");
  const { isRole } = await import("../src/accounts/policy.js");

  try {
    switch (command) {
      case "list": {
        const all = await accounts.listAccounts();
        if (all.length === 0)
          console.log(
            `No accounts in ${where} yet. Add the first admin: npm run accounts -- add <name> --role admin${stage === "testing" ? "" : ` --env ${stage}`}`,
          );
        for (const account of all)
          console.log(`${account.name.padEnd(24)} ${account.role.padEnd(6)} ${account.disabled ? "disabled" : "active"}`);
        break;
      }
      case "add": {
        const role = values.role;
        if (!isRole(role)) fail("add needs --role admin or --role agent.", 2);
        const { account, password } = await accounts.addAccount({
          name: needsName("a name"),
          role,
          password: readPassword(values["password-stdin"]!),
        });
        console.log(`Added ${account.name} (${account.role}) to ${where}.`);
        if (!values["password-stdin"]) console.log(`Password (shown once): ${password}`);
        break;
      }
      case "reset": {
        const { account, password } = await accounts.resetPassword(needsName("a name"), readPassword(values["password-stdin"]!));
        console.log(`New password for ${account.name}; their sessions have ended.`);
        if (!values["password-stdin"]) console.log(`Password (shown once): ${password}`);
        break;
      }
      case "disable":
      case "enable": {
        const account = await accounts.setDisabled(needsName("a name"), command === "disable");
        console.log(`${account.name} is ${account.disabled ? "disabled; their sessions have ended" : "enabled"}.`);
        break;
      }
      case "role": {
        if (!isRole(extra)) fail("role needs a name and admin or agent: npm run accounts -- role <name> admin", 2);
        const account = await accounts.setRole(needsName("a name"), extra);
        console.log(`${account.name} is now ${account.role}.`);
        break;
      }
      case "sign-out":
        await accounts.endSessionsOf(needsName("a name"));
        console.log(`Ended every session of ${name}.`);
        break;
      case "sign-out-everyone":
        console.log(`Signed out ${await accounts.signEveryoneOut()} accounts in ${where}.`);
        break;
      default:
        fail(`Unknown command "${command}".\n\n${USAGE}`, 2);
    }
  } catch (error) {
    const known = ["AccountRuleError", "AccountExistsError", "NoSuchAccountError"];
    if (known.includes((error as Error).name)) fail((error as Error).message);
    if (stage !== "testing") fail(`Could not change the ${stage} stage's table: ${(error as Error).message}`);
    throw error;
  }
}

await main();
