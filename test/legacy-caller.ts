// The caller record as it was stored before every call was kept (one record per number, keyed
// and indexed by its first call, with no call items): tests write such records to check that
// they still show and count on.
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { Entity } from "electrodb";

export function makeLegacyCallerEntity(client: DynamoDBClient, table: string) {
  return new Entity(
    {
      model: { service: "vanity", entity: "caller", version: "1" },
      attributes: {
        e164: { type: "string", required: true, readOnly: true },
        shard: { type: "string", required: true, readOnly: true },
        vanity: { type: "list", items: { type: "string" }, required: true },
        words: { type: "list", items: { type: "string" } },
        dictionary: { type: "string" },
        calledAt: { type: "string", required: true, readOnly: true, default: () => new Date().toISOString() },
        expiresAt: { type: "number" },
      },
      indexes: {
        byNumber: { pk: { field: "pk", composite: ["e164"] }, sk: { field: "sk", composite: [] } },
        recent: { index: "gsi1", pk: { field: "gsi1pk", composite: ["shard"] }, sk: { field: "gsi1sk", composite: ["calledAt"] } },
      },
    },
    { client, table },
  );
}
