import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { type ItemKind, type Level, isLevel } from "../chain.ts";
import { type InboxCounts, type InboxEntry, type InboxFilter, kindOfFilter, matchesInbox } from "../inbox.ts";
import type { DuplicateRef, Status } from "../item.ts";
import type { ItemView, ViewOf } from "../item-state.ts";
import { enforce, onAction, onItem } from "../policy.ts";
import type { Actor } from "../user.ts";
import { countOf, indexPage, rowsFor } from "./batch.ts";
import {
  DUPLICATE_KEY_NAMES,
  duplicateListing,
  duplicatePartitionOf,
  filtered,
  inInbox,
  inboxListing,
  itemKey,
  itemOfKey,
  kindFilter,
  overdueFilter,
  ownListing,
  reconcileListing,
  regionListing,
  returnedListing,
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

  /**
   * How many open items other than `id` are listed under this NIK index: one Query of its keys (no row is read),
   * costing what the person's open referrals take, not the table.
   */
  async function othersUnder(nikIndex: string, id: string): Promise<number> {
    let count = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const result = await db.send(
        new QueryCommand({ TableName: table, ...duplicateListing(nikIndex), ExclusiveStartKey: start }),
      );
      count += (result.Items ?? []).filter((entry) => itemOfKey(entry.PK).id !== id).length;
      start = result.LastEvaluatedKey;
    } while (start);
    return count;
  }

  /** An inbox item as its entry: a referral with how many other open referrals name the same person. */
  async function inboxEntry({ row, item }: { row: Record<string, unknown>; item: ItemView }): Promise<InboxEntry> {
    if (!("subject" in item)) return { ...item, kind: "report" };
    const nikIndex = duplicatePartitionOf(row);
    return { ...item, kind: "referral", duplicates: nikIndex ? await othersUnder(nikIndex, item.id) : 0 };
  }

  /** The level whose inbox an actor has: only officials have one (the policy says so first), at their role's level. */
  function inboxLevel(actor: Actor): Level {
    enforce(onAction(actor, "inbox"));
    if (!isLevel(actor.role)) throw new Error(`${actor.role} has no inbox`);
    return actor.role;
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
      return indexPage(db, { TableName: table, ...listing, ScanIndexForward: false }, page, (row) => {
        const item = viewOf(kind, row);
        return onItem(actor, "read", item) === "allow" && (!page.status || item.status === page.status)
          ? item
          : undefined;
      });
    },

    /**
     * The actor's inbox: open items waiting at the actor's level inside the actor's region, most urgent first, then
     * oldest, narrowed by `filter` (core's `matchesInbox`). One Query on the inbox, read as `indexPage` reads (at most
     * so many index pages per request, however rare the matches); the urgency narrows its key range, and the kind and
     * `overdueAt` filter its entries before any row is read. Each referral on the page says how many other open
     * referrals name the same person: one Query of the duplicate index per referral, in parallel.
     */
    async inbox(actor: Actor, page: PageRequest & InboxFilter): Promise<Page<InboxEntry>> {
      const level = inboxLevel(actor);
      const listing = inboxListing(level, actor.regionCode, page.urgency);
      const kind = kindOfFilter(page);
      const query = {
        TableName: table,
        ...filtered(listing, [
          ...(kind ? [kindFilter(kind)] : []),
          ...(page.overdueAt ? [overdueFilter(page.overdueAt)] : []),
        ]),
      };
      // The row is read after the index: an item decided in between has left this inbox.
      const { items, nextCursor } = await indexPage(db, query, page, (row) => {
        const { kind } = itemOfKey(row.PK);
        const item = viewOf(kind, row);
        const shown =
          inInbox(row, listing) && onItem(actor, "read", item) === "allow" && matchesInbox(kind, item, page);
        return shown ? { row, item } : undefined;
      });
      return { items: await Promise.all(items.map(inboxEntry)), nextCursor };
    },

    /**
     * What the actor's inbox holds: items waiting (and overdue at `at`, of those), and items the actor's level
     * returned to their submitters, still returned. Two COUNT queries of the queue index, read in parallel: their
     * cost is the items waiting and returned in this inbox, not the table. Counted from the index, so an item whose
     * return has not yet reached its workflow is counted once it has (the route that returns it delivers it).
     */
    async inboxCounts(actor: Actor, at: string): Promise<InboxCounts> {
      const level = inboxLevel(actor);
      const [waiting, returned] = await Promise.all([
        countOf(db, { TableName: table, ...filtered(inboxListing(level, actor.regionCode), [overdueFilter(at)]) }),
        countOf(db, { TableName: table, ...returnedListing(level, actor.regionCode) }),
      ]);
      return { waiting: waiting.scanned, overdue: waiting.matched, returned: returned.matched };
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
