// Where the data lives: one DynamoDB client and the physical name of the `data` table
// (app.arc), both found once per process and shared by every entity.
//
// The table name is never written in code that runs on AWS:
//   1. VANITY_TABLE, which the `connect` plugin injects into every Lambda on deploy (and which
//      tests and scripts may set);
//   2. in sandbox (ARC_SANDBOX is set), Architect's own naming, `<app>-staging-data`;
//   3. otherwise Architect's discovery, `arc.tables().name("data")` (SSM on AWS).
// The local endpoint comes from ARC_SANDBOX (sandbox Lambdas) or ARC_TABLES_PORT (tests, scripts).
import { DynamoDBClient, type DynamoDBClientConfig } from "@aws-sdk/client-dynamodb";

export const TABLE = "data";

// Timeouts and retries, set on purpose: the Connect Lambda answers a live call, and Connect gives
// it at most 8 s (our flow: InvocationTimeLimitSeconds 6; the Lambda's own Timeout is 5 s).
// DynamoDB answers in single-digit milliseconds, so anything slower is a fault, not load.
//   connect ≤ 300 ms + request ≤ 1000 ms     = 1.3 s per attempt
//   2 attempts + one backoff (≤ ~100 ms jitter) ≈ 2.7 s per command, at worst
// The handler reads and then maybe writes (two commands, 5.4 s worst case), so it also gives all
// of its database work one deadline, DB_DEADLINE_MS = 2.5 s (src/connect/handler.ts), which aborts
// whatever is still running. Worst case for a call: 2.5 s of database, then up to 0.8 s to hand
// the record to the retry queue (QUEUE_DEADLINE_MS), + generation and a cold start ≈ 4 s,
// under the 5 s Lambda timeout and 6 s flow limit.
// The web's reads get the same limits: a dashboard that cannot reach the table fails in < 3 s.
export const DB_CONNECTION_TIMEOUT_MS = 300;
export const DB_REQUEST_TIMEOUT_MS = 1000;
export const DB_MAX_ATTEMPTS = 2;

/** Client settings that bound how long a command can take (see the budget above). */
export function clientLimits(): Pick<DynamoDBClientConfig, "maxAttempts" | "requestHandler"> {
  return {
    maxAttempts: DB_MAX_ATTEMPTS,
    requestHandler: {
      connectionTimeout: DB_CONNECTION_TIMEOUT_MS,
      requestTimeout: DB_REQUEST_TIMEOUT_MS,
      // Without this, @smithy/node-http-handler 4.x only *warns* when requestTimeout passes.
      throwOnRequestTimeout: true,
      socketTimeout: DB_REQUEST_TIMEOUT_MS,
    },
  };
}
const ARC_FUNCTIONS = "@architect/functions";

export interface Db {
  client: DynamoDBClient;
  table: string;
  /** The local DynamoDB endpoint, or undefined on AWS. */
  endpoint: string | undefined;
}

let db: Promise<Db> | undefined;

/** The shared client and table name; the first call decides them for the process. */
export function getDb(): Promise<Db> {
  db ??= connect().catch((error: unknown) => {
    db = undefined; // let the next call retry rather than cache a failure
    throw error;
  });
  return db;
}

/**
 * An entity on the shared client and table, made once and made again when resetDb() has
 * changed them: `const callers = entityOnDb(makeCallerEntity)`.
 */
export function entityOnDb<T>(make: (client: DynamoDBClient, table: string) => T): () => Promise<T> {
  let cached: { db: Db; entity: T } | undefined;
  return async () => {
    const db = await getDb();
    if (cached?.db !== db) cached = { db, entity: make(db.client, db.table) };
    return cached.entity;
  };
}

/** Forgets the memoised client (tests that change the environment). */
export function resetDb(): void {
  db = undefined;
}

async function connect(): Promise<Db> {
  const endpoint = localEndpoint();
  const region = process.env.AWS_REGION ?? "us-west-2";
  const client = endpoint
    ? // dynalite accepts any credentials; fixed ones keep the SDK from probing for real ones
      new DynamoDBClient({ ...clientLimits(), endpoint, region, credentials: { accessKeyId: "local", secretAccessKey: "local" } })
    : new DynamoDBClient(clientLimits());
  return { client, table: await tableName(), endpoint };
}

/** `http://localhost:<tables port>` when running against sandbox's DynamoDB, else undefined. */
export function localEndpoint(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const port = sandboxPorts(env)?.tables ?? env.ARC_TABLES_PORT;
  return port ? `http://localhost:${port}` : undefined;
}

async function tableName(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (env.VANITY_TABLE) return env.VANITY_TABLE;
  if (env.ARC_SANDBOX && env.ARC_APP_NAME) return `${env.ARC_APP_NAME}-staging-${TABLE}`;
  // Architect's discovery (SSM on AWS). Only a fallback: the plugin sets VANITY_TABLE on deploy.
  // Imported by a computed name so bundles (the Connect Lambda) leave it out.
  let arc: typeof import("@architect/functions");
  try {
    const loaded = (await import(ARC_FUNCTIONS)) as typeof import("@architect/functions") & { default?: typeof import("@architect/functions") };
    arc = loaded.default ?? loaded; // a CommonJS package: its exports arrive as `default`
  } catch (error) {
    throw new Error(`No table name: set VANITY_TABLE (the connect plugin does on deploy); ${ARC_FUNCTIONS} is not available`, { cause: error });
  }
  const tables = await arc.tables();
  return tables.name(TABLE);
}

function sandboxPorts(env: NodeJS.ProcessEnv): { tables?: number } | undefined {
  if (!env.ARC_SANDBOX) return undefined;
  try {
    return (JSON.parse(env.ARC_SANDBOX) as { ports?: { tables?: number } }).ports;
  } catch {
    return undefined;
  }
}
