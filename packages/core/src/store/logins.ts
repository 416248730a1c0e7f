import { DeleteCommand, GetCommand, UpdateCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { type FailureRecord, LOGIN_POLICY, windowOpen } from "../login-throttle.ts";

const key = (username: string) => ({ PK: `LOGIN#${username}`, SK: "FAILURES" });

/** Failed sign-in counters. They expire by TTL, and are also read as expired by time, since TTL deletes lazily. */
export function loginStore(db: DynamoDBDocumentClient, table: string) {
  return {
    async get(username: string): Promise<FailureRecord | undefined> {
      const { Item } = await db.send(new GetCommand({ TableName: table, Key: key(username) }));
      return Item ? { failures: Item.failures as number, windowStart: Item.windowStart as number } : undefined;
    },

    /** Counts one failure atomically, starting a new window when the last one has closed. */
    async recordFailure(username: string, current: FailureRecord | undefined, nowSeconds: number): Promise<void> {
      const fresh = !windowOpen(current, nowSeconds);
      await db.send(
        new UpdateCommand({
          TableName: table,
          Key: key(username),
          UpdateExpression: fresh ? "SET failures = :one, windowStart = :now, expiresAt = :exp" : "ADD failures :one",
          ExpressionAttributeValues: fresh
            ? { ":one": 1, ":now": nowSeconds, ":exp": nowSeconds + LOGIN_POLICY.windowSeconds }
            : { ":one": 1 },
        }),
      );
    },

    async clear(username: string): Promise<void> {
      await db.send(new DeleteCommand({ TableName: table, Key: key(username) }));
    },
  };
}

export type LoginStore = ReturnType<typeof loginStore>;
