// Helpers for integration tests against sandbox's local DynamoDB (started by sandbox-setup.ts).
import { randomUUID } from "node:crypto";
import { CreateTableCommand, DeleteTableCommand, DescribeTableCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll } from "vitest";
import { deleteCaller } from "../src/data/callers.server.js";
import { getDb, localEndpoint, resetDb } from "../src/data/db.server.js";

/** Refuses to run data tests anywhere but a local DynamoDB: they write and delete records. */
export function assertLocalDb(): void {
  const endpoint = localEndpoint();
  if (!endpoint || !/^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/.test(endpoint)) {
    throw new Error(
      `Integration tests need the sandbox's local DynamoDB (ARC_TABLES_PORT, set by test/sandbox-setup.ts); got ${endpoint ?? "no endpoint"}`,
    );
  }
}

// Area codes in service, so the engine's full numbering-plan check accepts every number made here.
const AREA_CODES = [206, 212, 303, 305, 312, 404, 415, 503, 512, 615, 617, 702, 713, 808, 919];
const used = new Set<string>();

/** A valid North American number that no other test in this run has used. */
export function uniqueNumber(): string {
  for (;;) {
    const area = AREA_CODES[Math.floor(Math.random() * AREA_CODES.length)]!;
    const exchange = 200 + Math.floor(Math.random() * 800);
    if (exchange % 100 === 11) continue; // N11 codes (411, 911) are services, not exchanges
    const line = String(Math.floor(Math.random() * 10_000)).padStart(4, "0");
    const e164 = `+1${area}${exchange}${line}`;
    if (used.has(e164)) continue;
    used.add(e164);
    return e164;
  }
}

/**
 * A list for the numbers a test file stores: push each one, and all are deleted after the
 * file's tests. Call it at the top of the file (it registers the afterAll there).
 */
export function callersToDelete(): string[] {
  const numbers: string[] = [];
  afterAll(async () => {
    await Promise.all(numbers.map((e164) => deleteCaller({ e164 })));
  });
  return numbers;
}

/**
 * Gives the calling test file a table of its own, empty, with the shared table's keys and
 * indexes (for tests that need to know everything in it, such as "the only admin"), and puts
 * the shared one back after the file's tests.
 */
export function useOwnTable(): void {
  const saved = process.env.VANITY_TABLE;
  const name = `own-${randomUUID()}`;
  let client: DynamoDBClient | undefined;
  beforeAll(async () => {
    assertLocalDb();
    const db = await getDb();
    client = db.client;
    const { Table } = await client.send(new DescribeTableCommand({ TableName: db.table }));
    await client.send(
      new CreateTableCommand({
        TableName: name,
        AttributeDefinitions: Table!.AttributeDefinitions,
        KeySchema: Table!.KeySchema,
        BillingMode: "PAY_PER_REQUEST",
        GlobalSecondaryIndexes: Table!.GlobalSecondaryIndexes?.map(({ IndexName, KeySchema, Projection }) => ({
          IndexName,
          KeySchema,
          Projection,
        })),
      }),
    );
    process.env.VANITY_TABLE = name;
    resetDb();
  });
  afterAll(async () => {
    process.env.VANITY_TABLE = saved;
    resetDb();
    await client?.send(new DeleteTableCommand({ TableName: name }));
  });
}
