import { GetCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import * as z from "zod";
import type { ItemKind } from "../chain.ts";
import { Conflict } from "../errors.ts";
import { TEXT } from "../text.ts";
import { idempotencyKey } from "./item-keys.ts";

/**
 * Creating an item with an `Idempotency-Key`: the record of a request already answered, kept a day, so that the
 * same key and body return the item it created and the same key with another body is a conflict.
 */

const TTL_SECONDS = 24 * 60 * 60;

/** A create request, by who sent it, its key, and the hash of its body. */
export interface IdempotentRequest {
  userId: string;
  key: string;
  requestHash: string;
}

const HeldKey = z.object({ requestHash: z.string(), itemId: z.string(), expiresAt: z.number() });

/** The item this request created before, if its key is still held; a Conflict for the same key and another body. */
export async function replayed(
  db: DynamoDBDocumentClient,
  table: string,
  request: IdempotentRequest,
  kind: ItemKind,
  now: Date,
): Promise<string | undefined> {
  const { Item } = await db.send(
    new GetCommand({ TableName: table, Key: idempotencyKey(request.userId, kind, request.key), ConsistentRead: true }),
  );
  if (!Item) return undefined;
  const held = HeldKey.parse(Item);
  // Expired records may linger until TTL removes them; past their time the key is free again.
  if (held.expiresAt * 1000 <= now.getTime()) return undefined;
  if (held.requestHash !== request.requestHash) throw new Conflict(TEXT.idempotencyMismatch, { key: request.key });
  return held.itemId;
}

/** The Put that holds the key for the item, in the item's creating transaction. */
export function idempotencyPut(table: string, request: IdempotentRequest, kind: ItemKind, itemId: string, now: Date) {
  const seconds = Math.floor(now.getTime() / 1000);
  return {
    Put: {
      TableName: table,
      Item: {
        ...idempotencyKey(request.userId, kind, request.key),
        requestHash: request.requestHash,
        itemId,
        expiresAt: seconds + TTL_SECONDS,
      },
      // An expired record may still be there; it no longer holds the key.
      ConditionExpression: "attribute_not_exists(PK) OR expiresAt <= :now",
      ExpressionAttributeValues: { ":now": seconds },
    },
  };
}
