import { BatchWriteCommand, type BatchWriteCommandOutput, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { SeedPut } from "./opened-referral.ts";

type Requests = Record<string, { PutRequest: { Item: Record<string, unknown> } }[]>;

// BatchWriteItem takes at most 25 items, over any tables.
const BATCH = 25;

/**
 * Writes every row with BatchWriteItem, 25 a call across tables, `workers` calls at a time, putting back what
 * DynamoDB returns unprocessed (with a growing pause) until all is written. For seeding empty tables: a Put here
 * has no condition, so it overwrites.
 */
export async function batchPut(db: DynamoDBDocumentClient, rows: Iterable<SeedPut>, workers = 4): Promise<number> {
  let written = 0;
  const source = rows[Symbol.iterator]();
  function take(): Requests | undefined {
    const requests: Requests = {};
    let count = 0;
    while (count < BATCH) {
      const next = source.next();
      if (next.done) break;
      (requests[next.value.TableName] ??= []).push({ PutRequest: { Item: next.value.Item } });
      count++;
    }
    return count ? requests : undefined;
  }
  async function worker() {
    for (let pending = take(); pending; pending = take()) {
      const size = Object.values(pending).reduce((sum, list) => sum + list.length, 0);
      for (let attempt = 0; Object.keys(pending).length > 0; attempt++) {
        if (attempt > 10) throw new Error("BatchWrite kept returning unprocessed items");
        if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(50 * 2 ** attempt, 2000)));
        const result: BatchWriteCommandOutput = await db.send(new BatchWriteCommand({ RequestItems: pending }));
        const unprocessed: [string, Requests[string]][] = Object.entries((result.UnprocessedItems ?? {}) as Requests);
        pending = Object.fromEntries(unprocessed.filter(([, list]) => list.length > 0));
      }
      written += size;
    }
  }
  await Promise.all(Array.from({ length: workers }, worker));
  return written;
}
