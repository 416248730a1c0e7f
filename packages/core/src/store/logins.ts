import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import * as z from "zod";
import { type FailureRecord, LOGIN_POLICY, type ThrottleRule, windowOpen } from "../login-throttle.ts";

/** Whose failures a counter holds: one username from one client, or one client across every username. */
export type ThrottleKey = { username: string; client: string } | { client: string };

const ruleOf = (key: ThrottleKey): ThrottleRule => ("username" in key ? LOGIN_POLICY.account : LOGIN_POLICY.client);
const rowKey = (key: ThrottleKey) => ({
  PK: "username" in key ? `LOGIN#ACCOUNT#${key.username}#${key.client}` : `LOGIN#CLIENT#${key.client}`,
  SK: "FAILURES",
});

/**
 * A counter as stored. A failure added to a counter that a success cleared meanwhile leaves one with no window start:
 * it reads as a window long closed, so the next failure starts a new one and a success clears it.
 */
const FailureRow = z.object({
  failures: z.number().int(),
  windowStart: z.number().optional(),
  lastFailure: z.number(),
});

/** Failed sign-in counters. They expire by TTL, and are also read as expired by time, since TTL deletes lazily. */
export function loginStore(db: DynamoDBDocumentClient, table: string) {
  return {
    async get(key: ThrottleKey): Promise<FailureRecord | undefined> {
      const { Item } = await db.send(new GetCommand({ TableName: table, Key: rowKey(key) }));
      if (!Item) return undefined;
      const { failures, windowStart = 0, lastFailure } = FailureRow.parse(Item);
      return { failures, windowStart, lastFailure };
    },

    /** Counts one failure atomically, starting a new window when the last one has closed. */
    async recordFailure(key: ThrottleKey, current: FailureRecord | undefined, now: number): Promise<void> {
      const rule = ruleOf(key);
      const fresh = !windowOpen(rule, current, now);
      await db.send(
        new UpdateCommand({
          TableName: table,
          Key: rowKey(key),
          UpdateExpression: fresh
            ? "SET failures = :one, windowStart = :now, lastFailure = :now, expiresAt = :exp"
            : "ADD failures :one SET lastFailure = :now",
          ExpressionAttributeValues: fresh
            ? { ":one": 1, ":now": now, ":exp": now + rule.windowSeconds }
            : { ":one": 1, ":now": now },
        }),
      );
    },

    async clear(key: ThrottleKey): Promise<void> {
      await db.send(new DeleteCommand({ TableName: table, Key: rowKey(key) }));
    },
  };
}

export type LoginStore = ReturnType<typeof loginStore>;
