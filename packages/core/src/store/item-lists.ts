import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { type ItemKind, isLevel } from "../chain.ts";
import type { DuplicateRef, Status } from "../item.ts";
import type { ItemView, ViewOf } from "../item-state.ts";
import { enforce, onAction, onItem } from "../policy.ts";
import type { Actor } from "../user.ts";
import { indexPage, rowsFor } from "./batch.ts";
import {
  DUPLICATE_KEY_NAMES,
  duplicateListing,
  duplicatePartitionOf,
  inInbox,
  inboxListing,
  itemKey,
  itemOfKey,
  kindFilter,
  ownListing,
  reconcileListing,
  regionListing,
} from "./item-keys.ts";
import { viewOf } from "./item-rows.ts";
import type { Page, PageRequest } from "./page.ts";

/**
 * The listings of referrals and reports: a caller's items, an official's inbox, the reconciler's queue, open items
 * for the same person, and the ids of a region's items for verification. Each is one Query on an index plus a batch
 * read of the page's rows; every row is parsed, and the policy decides what the caller may see.
 */
export function itemLists(db: DynamoDBDocumentClient, table: string) {
  /** Open items indexed under this NIK index, newest first, with what decides who may learn of them. */
  async function openByNikIndex(nikIndex: string, limit = 20): Promise<DuplicateRef[]> {
    const result = await db.send(
      new QueryCommand({ TableName: table, ...duplicateListing(nikIndex), ScanIndexForward: false, Limit: limit }),
    );
    const rows = await rowsFor(db, table, result.Items ?? []);
    return rows.map((row) => {
      const { id, status, currentLevel, kecamatanCode, submittedBy } = viewOf(itemOfKey(row.PK).kind, row);
      return { id, status, currentLevel, kecamatanCode, submittedBy };
    });
  }

  return {
    /** Items the actor may read, newest first: a TKSK's own, or everything inside an official's or auditor's region. */
    async listFor<K extends ItemKind>(
      actor: Actor,
      kind: K,
      page: PageRequest & { status?: Status | undefined },
    ): Promise<Page<ViewOf<K>>> {
      enforce(onAction(actor, "read"));
      const listing = actor.role === "tksk" ? ownListing(actor.id, kind) : regionListing(kind, actor.regionCode);
      const { rows, nextCursor } = await indexPage(
        db,
        { TableName: table, ...listing, ScanIndexForward: false },
        page,
        (row) => {
          const item = viewOf(kind, row);
          return onItem(actor, "read", item) === "allow" && (!page.status || item.status === page.status);
        },
      );
      return { items: rows.map((row) => viewOf(kind, row)), nextCursor };
    },

    /**
     * The actor's inbox: open items waiting at the actor's level inside the actor's region, most urgent first, then
     * oldest. One Query on the inbox; `kind` and `overdue` narrow it.
     */
    async inbox(
      actor: Actor,
      page: PageRequest & { kind?: ItemKind | undefined; overdueAt?: string | undefined },
    ): Promise<Page<ItemView & { kind: ItemKind }>> {
      enforce(onAction(actor, "inbox"));
      // Only officials have an inbox (the policy's answer above), and an official's role is their level.
      if (!isLevel(actor.role)) throw new Error(`${actor.role} has no inbox`);
      const listing = inboxListing(actor.role, actor.regionCode);
      const filters: string[] = [];
      const values: Record<string, unknown> = { ...listing.ExpressionAttributeValues };
      if (page.kind) {
        const { expression, values: kindValues } = kindFilter(page.kind);
        filters.push(expression);
        Object.assign(values, kindValues);
      }
      if (page.overdueAt) {
        filters.push("(dueAt < :now OR attribute_exists(overdueSince))");
        values[":now"] = page.overdueAt;
      }
      const query = {
        TableName: table,
        ...listing,
        FilterExpression: filters.length ? filters.join(" AND ") : undefined,
        ExpressionAttributeValues: values,
      };
      // The row is read after the index: an item decided in between has left this inbox.
      const { rows, nextCursor } = await indexPage(db, query, page, (row) => {
        const { kind } = itemOfKey(row.PK);
        return inInbox(row, listing) && onItem(actor, "read", viewOf(kind, row)) === "allow";
      });
      const items = rows.map((row) => {
        const { kind } = itemOfKey(row.PK);
        return { ...viewOf(kind, row), kind };
      });
      return { items, nextCursor };
    },

    /** Items waiting for the workflow (a start, or a signal to deliver), oldest first. */
    async awaitingWorkflow(limit = 100): Promise<{ kind: ItemKind; id: string }[]> {
      const result = await db.send(new QueryCommand({ TableName: table, ...reconcileListing(), Limit: limit }));
      return (result.Items ?? []).map((row) => itemOfKey(row.PK));
    },

    openByNikIndex,

    /** The other open items sharing this item's NIK; none once it is closed, or for an item without a NIK. */
    async openDuplicatesOf(kind: ItemKind, id: string): Promise<DuplicateRef[]> {
      const { Item } = await db.send(
        new GetCommand({
          TableName: table,
          Key: itemKey(kind, id),
          ProjectionExpression: DUPLICATE_KEY_NAMES[0],
          ConsistentRead: true,
        }),
      );
      const index = Item && duplicatePartitionOf(Item);
      return index ? (await openByNikIndex(index)).filter((d) => d.id !== id) : [];
    },

    /** The ids of every item of a kind inside a region, from the region index (keys only, no item is read). */
    async *idsIn(kind: ItemKind, scope: string): AsyncGenerator<string> {
      let start: Record<string, unknown> | undefined;
      do {
        const result = await db.send(
          new QueryCommand({ TableName: table, ...regionListing(kind, scope), ExclusiveStartKey: start }),
        );
        for (const row of result.Items ?? []) yield itemOfKey(row.PK).id;
        start = result.LastEvaluatedKey;
      } while (start);
    },
  };
}
