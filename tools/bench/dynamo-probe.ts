// Watches what a DynamoDB client really sends: a middleware on the data layer's own client that
// records each command (Query or Scan, its index and limit) and what DynamoDB says it read
// (ScannedCount, Count, ConsumedCapacity, which it asks for). Used by bench-pages to show that a
// recent-callers read costs the same whatever the table's size.
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";

export interface ObservedCommand {
  command: string;
  indexName?: string;
  limit?: number;
  scanIndexForward?: boolean;
  scannedCount?: number;
  count?: number;
  capacityUnits?: number;
}

export interface Probe {
  /** Runs `work` and returns the commands it sent. */
  observe<T>(work: () => Promise<T>): Promise<{ result: T; commands: ObservedCommand[] }>;
}

const NAME = "benchDynamoProbe";

export function probeClient(client: DynamoDBClient): Probe {
  let recording: ObservedCommand[] | null = null;
  if (!client.middlewareStack.identify().some((entry) => entry.startsWith(NAME))) {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as Record<string, unknown>;
        const reads = context.commandName === "QueryCommand" || context.commandName === "ScanCommand";
        if (recording && reads) input.ReturnConsumedCapacity = "TOTAL";
        const output = await next(args);
        if (recording) {
          const out = output.output as { ScannedCount?: number; Count?: number; ConsumedCapacity?: { CapacityUnits?: number } };
          recording.push({
            command: context.commandName ?? "unknown",
            indexName: input.IndexName as string | undefined,
            limit: input.Limit as number | undefined,
            scanIndexForward: input.ScanIndexForward as boolean | undefined,
            scannedCount: out.ScannedCount,
            count: out.Count,
            capacityUnits: out.ConsumedCapacity?.CapacityUnits,
          });
        }
        return output;
      },
      { step: "initialize", name: NAME },
    );
  }
  return {
    async observe(work) {
      recording = [];
      try {
        const result = await work();
        return { result, commands: recording };
      } finally {
        recording = null;
      }
    },
  };
}
