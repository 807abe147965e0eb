// Where the data lives: one DynamoDB client and the physical name of the `data` table
// (app.arc), both found once per process and shared by every entity.
//
// The table's name and the local endpoint come from the configuration (src/config.ts: tableName,
// tablesPort).
import { DynamoDBClient, type DynamoDBClientConfig } from "@aws-sdk/client-dynamodb";
import { region, tableName, tablesPort } from "../config.js";

export { TABLE } from "../config.js";

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
  const client = endpoint
    ? // dynalite accepts any credentials; fixed ones keep the SDK from probing for real ones
      new DynamoDBClient({ ...clientLimits(), endpoint, region: region(), credentials: { accessKeyId: "local", secretAccessKey: "local" } })
    : new DynamoDBClient(clientLimits());
  return { client, table: tableName(), endpoint };
}

/** `http://localhost:<tables port>` when running against sandbox's DynamoDB, else undefined. */
export function localEndpoint(): string | undefined {
  const port = tablesPort();
  return port ? `http://localhost:${port}` : undefined;
}
