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
const RETURNED_PREFIX = "RETURNED#";

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
const returnedPartition = (level: Level, regionCode: string) => `${RETURNED_PREFIX}${level}#${regionCode}`;

/** The region of `level` an item in this kecamatan lies in: the one whose inbox lists it. */
function regionAt(kecamatanCode: string, level: Level): string {
  const region = ancestorAt(kecamatanCode, level);
  if (!region) throw new Error(`kecamatan ${kecamatanCode} has no ${level} region`);
  return region;
}

/**
 * The queue entry of an item: an inbox is the level's region (`PENDING#kabupaten#64.08`), most urgent first, then
 * oldest; the reconciler's queue is oldest first; items a level returned (`RETURNED#kabupaten#64.08`), by when.
 */
export function queueKeys(
  kind: ItemKind,
  item: { id: string; kecamatanCode: string; urgency?: keyof typeof URGENCY_RANK | undefined },
  queue: Queue,
) {
  const entry = `${queue.since}#${kind}#${item.id}`;
  switch (queue.name) {
    case "reconcile":
      return { GSI4PK: RECONCILE, GSI4SK: entry };
    case "returned":
      return { GSI4PK: returnedPartition(queue.level, regionAt(item.kecamatanCode, queue.level)), GSI4SK: entry };
    case "inbox": {
      const rank = URGENCY_RANK[item.urgency ?? "normal"];
      return {
        GSI4PK: inboxPartition(queue.level, regionAt(item.kecamatanCode, queue.level)),
        GSI4SK: `${rank}#${entry}`,
      };
    }
  }
}
export const QUEUE_KEY_NAMES = ["GSI4PK", "GSI4SK"] as const;

/** Which queue lists a row, from its queue entry. */
export function queueOf(row: Record<string, unknown>): QueueName | null {
  const pk = row.GSI4PK;
  if (pk === RECONCILE) return "reconcile";
  if (typeof pk !== "string") return null;
  if (pk.startsWith(INBOX_PREFIX)) return "inbox";
  return pk.startsWith(RETURNED_PREFIX) ? "returned" : null;
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

/**
 * The inbox of a level in a region; with an urgency, only its items (the entries sort by urgency first, so they are
 * one range of the partition and nothing else is read).
 */
export const inboxListing = (level: Level, region: string, urgency?: keyof typeof URGENCY_RANK): Listing =>
  urgency
    ? {
        IndexName: "GSI4",
        KeyConditionExpression: "GSI4PK = :pk AND begins_with(GSI4SK, :rank)",
        ExpressionAttributeValues: { ":pk": inboxPartition(level, region), ":rank": `${URGENCY_RANK[urgency]}#` },
      }
    : {
        IndexName: "GSI4",
        KeyConditionExpression: "GSI4PK = :pk",
        ExpressionAttributeValues: { ":pk": inboxPartition(level, region) },
      };

/** The items a level returned to their submitters in a region, still returned. */
export const returnedListing = (level: Level, region: string): Listing => ({
  IndexName: "GSI4",
  KeyConditionExpression: "GSI4PK = :pk",
  ExpressionAttributeValues: { ":pk": returnedPartition(level, region) },
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

/** A condition on index entries (a query's FilterExpression), with the values it binds. */
export interface EntryFilter {
  expression: string;
  values: Record<string, unknown>;
}

/** The filter on an inbox entry for items of one kind. */
export const kindFilter = (kind: ItemKind): EntryFilter => ({
  expression: "begins_with(PK, :kind)",
  values: { ":kind": chainKey(kind, "") },
});

/**
 * The filter on an inbox entry for items overdue at `at`, on what the inbox index projects (core's `isOverdue`
 * over the entry): past `dueAt`, or reopened after a missed deadline (`overdueSince`).
 */
export const overdueFilter = (at: string): EntryFilter => ({
  expression: "(dueAt < :now OR attribute_exists(overdueSince))",
  values: { ":now": at },
});

/** A listing narrowed by filters on its entries, all of which must hold. */
export function filtered(listing: Listing, filters: readonly EntryFilter[]) {
  const values: Record<string, unknown> = { ...listing.ExpressionAttributeValues };
  for (const filter of filters) Object.assign(values, filter.values);
  return {
    ...listing,
    ...(filters.length ? { FilterExpression: filters.map((f) => f.expression).join(" AND ") } : {}),
    ExpressionAttributeValues: values,
  };
}
