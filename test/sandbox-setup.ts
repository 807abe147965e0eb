// Vitest global setup: one real Architect sandbox (DynamoDB by dynalite, the `connect` plugin's
// local invoker) for every integration test, on free ports so that it never collides with
// `npm run dev` or another sandbox. Tests reach it through the environment set here:
//   ARC_TABLES_PORT, VANITY_TABLE (the data layer) · CONNECT_INVOKE_PORT (the invoker) · ARC_HTTP_PORT ·
//   ARC_EVENTS_PORT (sandbox's queues).
// Any of those ports may be fixed from outside (e.g. ARC_TABLES_PORT=5640 npx vitest).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import sandbox from "@architect/sandbox";
import getPort from "get-port";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** The app's name from app.arc (`@app` then the name), as sandbox uses it in table names. */
function appName(): string {
  const match = /^@app\s+(\S+)/m.exec(readFileSync(join(root, "app.arc"), "utf8"));
  if (!match?.[1]) throw new Error("app.arc has no @app name");
  return match[1];
}

/**
 * Each of `names` from the environment, or else a free port, set in the environment. get-port
 * never hands out one port twice, which listening on port 0 and closing again can (sandbox then
 * fails with "Port conflict found").
 */
async function portsFromEnv(...names: string[]): Promise<number[]> {
  const ports: number[] = [];
  for (const name of names) ports.push(Number((process.env[name] ||= String(await getPort({ host: "127.0.0.1" })))));
  return ports;
}

export default async function setup(): Promise<() => Promise<void>> {
  // No AWS account involved: fixed fake credentials stop the SDK and sandbox probing for real ones.
  process.env.AWS_ACCESS_KEY_ID ||= "fake";
  process.env.AWS_SECRET_ACCESS_KEY ||= "fake";
  process.env.AWS_REGION ||= "us-west-2";
  process.env.AWS_EC2_METADATA_DISABLED = "true";
  process.env.CI ||= "true"; // no update check
  // ARC_EVENTS_PORT is sandbox's queues: the Connect handler's retry queue.
  const [http, tables] = (await portsFromEnv(
    "ARC_HTTP_PORT",
    "ARC_TABLES_PORT",
    "ARC_INTERNAL_PORT",
    "CONNECT_INVOKE_PORT",
    "ARC_EVENTS_PORT",
  )) as [number, number];

  const started = Date.now();
  // The Lambdas log warnings and errors only (the tests' own, not a developer's .env, settings).
  await sandbox.start({ cwd: root, quiet: true, port: http, host: "127.0.0.1", env: { LOG_LEVEL: "warn" } }); // this machine only
  process.env.VANITY_TABLE ||= `${appName()}-staging-data`;
  await assertTableExists(tables, process.env.VANITY_TABLE);
  console.log(`sandbox for tests: http ${http}, tables ${tables}, invoker ${process.env.CONNECT_INVOKE_PORT} (${Date.now() - started} ms)`);

  return async () => {
    await sandbox.end();
  };
}

// Fails early, and clearly, if the table is not where the data layer will look.
async function assertTableExists(port: number, table: string): Promise<void> {
  // Loaded by Node itself: through Vite's module runner this import alone takes seconds.
  const { DynamoDBClient, ListTablesCommand } = createRequire(import.meta.url)(
    "@aws-sdk/client-dynamodb",
  ) as typeof import("@aws-sdk/client-dynamodb");
  const client = new DynamoDBClient({
    endpoint: `http://localhost:${port}`,
    region: "us-west-2",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  const { TableNames = [] } = await client.send(new ListTablesCommand({}));
  client.destroy();
  if (!TableNames.includes(table)) {
    throw new Error(`sandbox has no table ${table} (it has: ${TableNames.join(", ") || "none"}); check app.arc`);
  }
}
