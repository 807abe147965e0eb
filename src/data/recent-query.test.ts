// Guards the scale claim of the recent-callers read without timing anything: whatever the
// table's size, listRecentCallers sends one Query per shard on the time-sorted index, newest
// first, with a Limit, and never a Scan (docs/design.md, "Recent callers without a hot
// partition"; `npm run bench:pages` measures it). Checked twice: from ElectroDB's .params() for
// the index, and by watching the commands the real function sends to sandbox's DynamoDB.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { uniqueNumber, useOwnTable } from "../../test/local-db.js";
import {
  listCallers,
  listRecentCallers,
  makeCallerEntity,
  recentShard,
  RECENT_LIMIT_MAX,
  RECENT_SHARDS,
  saveCaller,
} from "./callers.server.js";
import { getDb } from "./db.server.js";

interface SentCommand {
  name: string;
  input: Record<string, unknown>;
  scannedCount?: number;
}

/** The commands `work` sends through the data layer's own client, with what DynamoDB read. */
async function commandsSentBy(work: () => Promise<unknown>): Promise<SentCommand[]> {
  const { client } = await getDb();
  const sent: SentCommand[] = [];
  const name = `recentQueryProbe${Math.random()}`;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const output = await next(args);
      sent.push({
        name: context.commandName ?? "unknown",
        input: args.input as Record<string, unknown>,
        scannedCount: (output.output as { ScannedCount?: number }).ScannedCount,
      });
      return output;
    },
    { step: "initialize", name },
  );
  try {
    await work();
  } finally {
    client.middlewareStack.remove(name);
  }
  return sent;
}

/** A string attribute value, whether the document client has marshalled it yet or not. */
function plain(value: unknown): unknown {
  return typeof value === "object" && value !== null && "S" in value ? (value as { S: string }).S : value;
}

describe("the recent index's query shape (ElectroDB .params(), no database)", () => {
  const entity = makeCallerEntity(
    new DynamoDBClient({ region: "us-west-2", credentials: { accessKeyId: "x", secretAccessKey: "x" } }),
    "table",
  );

  it("is a Query on gsi1 for one shard's partition, newest first, with a Limit", () => {
    const params = entity.query.recent({ shard: "3" }).params({ order: "desc", limit: 5 }) as Record<string, unknown>;
    expect(params).toMatchObject({ IndexName: "gsi1", ScanIndexForward: false, Limit: 5 });
    expect(params.KeyConditionExpression).toMatch(/^#pk = :pk\b/);
    expect(params).not.toHaveProperty("FilterExpression"); // a filter would read items only to drop them
    const values = params.ExpressionAttributeValues as Record<string, unknown>;
    expect(values[":pk"]).toBe("$vanity#shard_3");
  });

  it("puts every shard in its own partition", () => {
    const partitions = Array.from({ length: RECENT_SHARDS }, (_, shard) => {
      const params = entity.query.recent({ shard: String(shard) }).params({ order: "desc", limit: 5 }) as {
        ExpressionAttributeValues: Record<string, unknown>;
      };
      return params.ExpressionAttributeValues[":pk"];
    });
    expect(new Set(partitions).size).toBe(RECENT_SHARDS);
  });
});

describe("listRecentCallers as sent to DynamoDB", () => {
  // A table of its own: another file's expired records in a shard would make that shard read on.
  useOwnTable();

  beforeAll(async () => {
    // More callers than one read may return, in every shard, so that Limit is what stops each Query;
    // each at a time of its own (callers stored at once can share a millisecond, and a caller tied
    // with the cursor in another shard makes that shard read on: the test below counts Queries).
    const numbers = Array.from({ length: RECENT_SHARDS * 8 }, () => uniqueNumber());
    const start = Date.now() - numbers.length * 1000;
    await Promise.all(
      numbers.map((e164, i) => saveCaller({ e164, vanity: ["1-206-FLOWERS"], calledAt: new Date(start + i * 1000).toISOString() })),
    );
  });

  // Each Query asks for one more than the page holds: it tells whether another page follows.
  it("sends one Query per shard, newest first, each with the limit (and one more), and no Scan", async () => {
    const sent = await commandsSentBy(() => listRecentCallers({ limit: 5 }));
    expect(sent.map((c) => c.name)).toEqual(Array(RECENT_SHARDS).fill("QueryCommand"));
    for (const { input } of sent) {
      expect(input).toMatchObject({ IndexName: "gsi1", ScanIndexForward: false, Limit: 6 });
      expect(input).not.toHaveProperty("FilterExpression");
    }
    const partitions = sent.map(({ input }) => plain((input.ExpressionAttributeValues as Record<string, unknown>)[":pk"]));
    expect(new Set(partitions)).toEqual(new Set(Array.from({ length: RECENT_SHARDS }, (_, shard) => `$vanity#shard_${shard}`)));
  });

  it("reads at most shards × (limit + 1) items, however many callers are stored", async () => {
    const sent = await commandsSentBy(() => listRecentCallers({ limit: 3 }));
    for (const command of sent) expect(command.scannedCount).toBeLessThanOrEqual(4);
    expect(sent.reduce((sum, c) => sum + (c.scannedCount ?? 0), 0)).toBeLessThanOrEqual(RECENT_SHARDS * 4);
  });

  it("reads a later page and a date range with key conditions on the index, not a filter", async () => {
    const newest = await listCallers({ limit: 2 });
    const sent = await commandsSentBy(() =>
      listCallers({ limit: 2, from: "2020-01-01T00:00:00.000Z", to: "2200-01-01T00:00:00.000Z", before: newest.older }),
    );
    // One Query per shard; the shard holding the cursor's own caller (read, and left out) may read a second page.
    expect(new Set(sent.map((c) => c.name))).toEqual(new Set(["QueryCommand"]));
    expect(sent.length).toBeGreaterThanOrEqual(RECENT_SHARDS);
    expect(sent.length).toBeLessThanOrEqual(RECENT_SHARDS + 1);
    for (const { input } of sent) {
      expect(input.KeyConditionExpression).toMatch(/between/i);
      expect(input).not.toHaveProperty("FilterExpression");
      expect(input.Limit).toBe(3);
    }
  });

  it("clamps the limit before it reaches DynamoDB", async () => {
    for (const [asked, sentLimit] of [
      [10_000, RECENT_LIMIT_MAX],
      [0, 1],
      [-7, 1],
    ] as const) {
      const sent = await commandsSentBy(() => listRecentCallers({ limit: asked }));
      expect(sent).toHaveLength(RECENT_SHARDS);
      for (const { input } of sent) expect(input.Limit).toBe(sentLimit + 1);
    }
  });
});

describe("writes spread over the shards", () => {
  it("sends a number to the same shard every time", () => {
    const e164 = uniqueNumber();
    expect(recentShard(e164)).toBe(recentShard(e164));
  });

  it("spreads callers evenly, so no recent partition takes most of the writes", () => {
    const counts = new Map<string, number>();
    const total = RECENT_SHARDS * 2000;
    for (let i = 0; i < total; i++) {
      const shard = recentShard(`+1${2000000000 + Math.floor(Math.random() * 7_999_999_999)}`);
      counts.set(shard, (counts.get(shard) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual(Array.from({ length: RECENT_SHARDS }, (_, i) => String(i)).sort());
    for (const count of counts.values()) {
      // An even share is 2,000 each; a hot shard would take far more.
      expect(count).toBeGreaterThan(2000 * 0.85);
      expect(count).toBeLessThan(2000 * 1.15);
    }
  });
});
