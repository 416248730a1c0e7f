import type { QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import { type ItemKind, type Level } from "../chain.ts";
import { URGENCY_RANK } from "../deadline.ts";
import type { Queue, QueueName } from "../item-state.ts";
import { chainKey, parseChainKey } from "../ledger.ts";
import { ancestorAt } from "../region.ts";

/**
 * Every key and index entry of referrals and reports in the app's table (see table.ts for the indexes): the one
 * place that knows their formats. Nothing outside the store names an index.
 */

// The region index's partition per kind (the whole kind in one partition, sorted by kecamatan).
const KIND_KEY: Record<ItemKind, string> = { referral: "REFERRAL", report: "REPORT" };
const RECONCILE = "RECONCILE";
const INBOX_PREFIX = "PENDING#";

// An item's partition is named like its audit chain (`REFERRAL#<id>`), in the app's table.
export const itemKey = (kind: ItemKind, id: string) => ({ PK: chainKey(kind, id), SK: "ITEM" });

export const idempotencyKey = (userId: string, kind: ItemKind, key: string) => ({
  PK: `IDEMPOTENCY#${userId}#${kind}#${key}`,
  SK: "IDEMPOTENCY",
});

/** The kind and id of the item a row or index entry belongs to, from its partition key. */
export function itemOfKey(pk: unknown): { kind: ItemKind; id: string } {
  if (typeof pk !== "string") throw new Error("a row without a partition key");
  const { kind, id } = parseChainKey(pk);
  if (kind === "auditor") throw new Error(`not an item key: ${pk}`);
  return { kind, id };
}

/** The index entries every item has from its creation: by submitter, and by region. */
export function listingKeys(
  kind: ItemKind,
  item: { id: string; createdAt: string; submittedBy: { id: string }; kecamatanCode: string },
) {
  return {
    GSI1PK: ownerPartition(item.submittedBy.id, kind),
    GSI1SK: `${item.createdAt}#${item.id}`,
    GSI2PK: KIND_KEY[kind],
    GSI2SK: `${item.kecamatanCode}#${item.createdAt}#${item.id}`,
  };
}

const ownerPartition = (userId: string, kind: ItemKind) => `SUBMITTER#${userId}#${kind}`;

/** The duplicate-detection entry: the item listed under its NIK index while it is open. */
export const duplicateKeys = (nikIndex: string, item: { id: string; createdAt: string }) => ({
  GSI3PK: nikIndex,
  GSI3SK: `${item.createdAt}#${item.id}`,
});
export const DUPLICATE_KEY_NAMES = ["GSI3PK", "GSI3SK"] as const;

const inboxPartition = (level: Level, regionCode: string) => `${INBOX_PREFIX}${level}#${regionCode}`;

/**
 * The queue entry of an item: an inbox is the level's region (`PENDING#kabupaten#64.08`), most urgent first, then
 * oldest; the reconciler's queue is oldest first.
 */
export function queueKeys(
  kind: ItemKind,
  item: { id: string; kecamatanCode: string; urgency?: keyof typeof URGENCY_RANK | undefined },
  queue: Queue,
) {
  if (queue.name === "reconcile") return { GSI4PK: RECONCILE, GSI4SK: `${queue.since}#${kind}#${item.id}` };
  const region = ancestorAt(item.kecamatanCode, queue.level);
  if (!region) throw new Error(`kecamatan ${item.kecamatanCode} has no ${queue.level} region`);
  const rank = URGENCY_RANK[item.urgency ?? "normal"];
  return { GSI4PK: inboxPartition(queue.level, region), GSI4SK: `${rank}#${queue.since}#${kind}#${item.id}` };
}
export const QUEUE_KEY_NAMES = ["GSI4PK", "GSI4SK"] as const;

/** Which queue lists a row, from its queue entry. */
export function queueOf(row: Record<string, unknown>): QueueName | null {
  const pk = row.GSI4PK;
  if (pk === RECONCILE) return "reconcile";
  return typeof pk === "string" && pk.startsWith(INBOX_PREFIX) ? "inbox" : null;
}

/** The NIK index a row is listed under for duplicate detection, if it is. */
export const duplicatePartitionOf = (row: Record<string, unknown>): string | undefined =>
  typeof row.GSI3PK === "string" ? row.GSI3PK : undefined;

type Listing = Pick<QueryCommandInput, "IndexName" | "KeyConditionExpression" | "ExpressionAttributeValues">;

/** A submitter's own items of a kind. */
export const ownListing = (userId: string, kind: ItemKind): Listing => ({
  IndexName: "GSI1",
  KeyConditionExpression: "GSI1PK = :pk",
  ExpressionAttributeValues: { ":pk": ownerPartition(userId, kind) },
});

/**
 * Items of a kind inside a region (`""`: the nation). Region codes have fixed-width segments, so the prefix of a
 * whole code matches only what lies inside it.
 */
export const regionListing = (kind: ItemKind, region: string): Listing => ({
  IndexName: "GSI2",
  KeyConditionExpression: region ? "GSI2PK = :pk AND begins_with(GSI2SK, :region)" : "GSI2PK = :pk",
  ExpressionAttributeValues: { ":pk": KIND_KEY[kind], ...(region ? { ":region": region } : {}) },
});

/** The inbox of a level in a region. */
export const inboxListing = (level: Level, region: string): Listing => ({
  IndexName: "GSI4",
  KeyConditionExpression: "GSI4PK = :pk",
  ExpressionAttributeValues: { ":pk": inboxPartition(level, region) },
});

/** The reconciler's queue. */
export const reconcileListing = (): Listing => ({
  IndexName: "GSI4",
  KeyConditionExpression: "GSI4PK = :pk",
  ExpressionAttributeValues: { ":pk": RECONCILE },
});

/** Open items under one NIK index. */
export const duplicateListing = (nikIndex: string): Listing => ({
  IndexName: "GSI3",
  KeyConditionExpression: "GSI3PK = :pk",
  ExpressionAttributeValues: { ":pk": nikIndex },
});

/** Whether an inbox entry still belongs to the inbox it was listed in (the row is read after the index). */
export const inInbox = (row: Record<string, unknown>, listing: Listing) =>
  row.GSI4PK === listing.ExpressionAttributeValues?.[":pk"];

/** The filter on an inbox entry for items of one kind. */
export const kindFilter = (kind: ItemKind) => ({
  expression: "begins_with(PK, :kind)",
  values: { ":kind": chainKey(kind, "") },
});
