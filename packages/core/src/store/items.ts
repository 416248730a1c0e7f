import { GetCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import * as z from "zod";
import { type AuditEvent, type EventBody, sealEvent, sealEvents } from "../audit.ts";
import type { ItemKind } from "../chain.ts";
import { NotFound } from "../errors.ts";
import { isOpen } from "../item.ts";
import type { ItemChange, StoredOf, ViewOf } from "../item-state.ts";
import { chainKey } from "../ledger.ts";
import { enforce, onAction, onItem } from "../policy.ts";
import type { Actor } from "../user.ts";
import { type AuditStore, auditPuts } from "./audit.ts";
import { failedConditions, isConditionalFailure } from "./errors.ts";
import { type IdempotentRequest, idempotencyPut, replayed } from "./idempotency.ts";
import { duplicateKeys, itemKey, listingKeys, queueKeys } from "./item-keys.ts";
import { itemLists } from "./item-lists.ts";
import { attributesOf, storedOf, updateExpression, viewOf } from "./item-rows.ts";

export interface NewItem<K extends ItemKind> {
  kind: K;
  item: ViewOf<K>;
  /** The first audit event (`submitted`), sealed and written with the item. */
  event: EventBody;
  /** The duplicate-detection partition for referrals: `NIK#<kabupaten>#<keyed hash>`. */
  nikIndex?: string;
  idempotency?: IdempotentRequest;
}

/** What verification compares with the trail: the last event the item's record names, and where the item lies. */
const AuditHead = z.object({ auditSeq: z.number().int(), auditHash: z.string(), kecamatanCode: z.string() });

/**
 * The writes that create an item, for one transaction: the item (with its listing, duplicate and reconciler
 * entries), the idempotency record if the request has a key, and the first audit event with its ledger entry.
 * What `create` sends, and what a benchmark's floor or a seed writes, so all three write the same rows.
 */
export function creationWrites<K extends ItemKind>(
  tables: { table: string; auditTable: string },
  input: NewItem<K>,
  now: Date,
) {
  const { kind, item, idempotency } = input;
  const event = sealEvent({ region: item.kecamatanCode, ...input.event }, null);
  const row = {
    ...itemKey(kind, item.id),
    ...item,
    ...listingKeys(kind, item),
    ...(input.nikIndex ? { nikIndex: input.nikIndex } : {}),
    ...(input.nikIndex && isOpen(item.status) ? duplicateKeys(input.nikIndex, item) : {}),
    // A new item waits for its workflow to start; the reconciler finds it here if the start fails.
    ...queueKeys(kind, item, { name: "reconcile", since: item.createdAt }),
    auditSeq: event.seq,
    auditHash: event.hash,
  };
  return {
    row,
    transactItems: [
      { Put: { TableName: tables.table, Item: row, ConditionExpression: "attribute_not_exists(PK)" } },
      ...(idempotency ? [idempotencyPut(tables.table, idempotency, kind, item.id, now)] : []),
      ...auditPuts(tables.auditTable, [event], item.kecamatanCode),
    ],
  };
}

/**
 * What a planned change writes: its events sealed onto the item's chain, the attributes it sets and removes (with
 * the store's bookkeeping: `updatedAt`, the audit head, the revision, the index entries), and the row as it will
 * stand. What `change` sends, and what a seed applies, so both write the same rows.
 */
export function changeWrites<K extends ItemKind>(
  kind: K,
  row: Record<string, unknown>,
  item: StoredOf<K>,
  planned: ItemChange,
  now: Date,
) {
  const head = { seq: item.auditSeq, hash: item.auditHash };
  const events = sealEvents(
    (planned.events ?? []).map((body) => ({ region: item.kecamatanCode, ...body })),
    head,
  );
  const last = events.at(-1);
  const attributes = attributesOf(kind, item, planned, {
    updatedAt: last?.at ?? now.toISOString(),
    auditSeq: last?.seq ?? head.seq,
    auditHash: last?.hash ?? head.hash,
  });
  const written: Record<string, unknown> = { ...row, ...attributes.set };
  for (const name of attributes.remove) delete written[name];
  return { events, attributes, written };
}

/** Referrals and reports: the items, the audit events written with each change, and idempotent creation. */
export function itemStore(
  db: DynamoDBDocumentClient,
  table: string,
  audit: AuditStore,
  clock: () => Date = () => new Date(),
) {
  async function getRow(kind: ItemKind, id: string) {
    const { Item } = await db.send(new GetCommand({ TableName: table, Key: itemKey(kind, id), ConsistentRead: true }));
    return Item;
  }

  async function get<K extends ItemKind>(kind: K, id: string): Promise<ViewOf<K> | undefined> {
    const row = await getRow(kind, id);
    return row ? viewOf(kind, row) : undefined;
  }

  return {
    ...itemLists(db, table),

    /**
     * Writes the item, its first audit event and the idempotency record in one transaction: all or nothing. A key
     * already used for the same request returns the item it created; for another request it is a Conflict. The
     * key is not looked up first: a new key (nearly every request) costs the transaction alone, and a held one
     * fails its condition, which is when the record is read. Returns the item as written, so nothing is read back.
     */
    async create<K extends ItemKind>(
      input: NewItem<K>,
    ): Promise<{ id: string; replayed: false; item: ViewOf<K> } | { id: string; replayed: true }> {
      const { kind, item, idempotency } = input;
      const { transactItems } = creationWrites({ table, auditTable: audit.table }, input, clock());
      try {
        await db.send(new TransactWriteCommand({ TransactItems: transactItems }));
      } catch (error) {
        // The key is held: by this request's first try, a concurrent twin, or another request (a Conflict).
        if (idempotency && failedConditions(error).includes(1)) {
          const existing = await replayed(db, table, idempotency, kind, clock());
          if (existing) return { id: existing, replayed: true };
        }
        throw error;
      }
      return { id: item.id, replayed: false, item };
    },

    /** The item regardless of who asks: for the workflow and for code that has already authorised the caller. */
    get,

    /** The item with the chain's state, for the workflow and the plans; never for a response. */
    async stored<K extends ItemKind>(kind: K, id: string): Promise<StoredOf<K> | undefined> {
      const row = await getRow(kind, id);
      return row ? storedOf(kind, row) : undefined;
    },

    /** The item if the actor may read it; otherwise the policy's refusal (items outside a region stay invisible). */
    async getFor<K extends ItemKind>(actor: Actor, kind: K, id: string): Promise<ViewOf<K>> {
      enforce(onAction(actor, "read"));
      const item = await get(kind, id);
      if (!item) throw new NotFound();
      enforce(onItem(actor, "read", item));
      return item;
    },

    /**
     * Changes an item under optimistic concurrency: `plan` sees the item as stored (with the chain's state) and
     * returns what to change (see ItemChange), or `undefined` when there is nothing to do (so a retried task changes
     * nothing twice). All of it is one transaction, conditioned on the item's revision: a concurrent change makes
     * this one re-read and re-plan, so the hash chain never forks and a plan's checks (still pending at this level?
     * still this token?) hold when it commits. `plan` may throw to refuse. Returns the item as it now stands (so
     * callers need not read it again) and whether this call changed it.
     */
    async change<K extends ItemKind>(
      kind: K,
      id: string,
      plan: (item: StoredOf<K>) => ItemChange | undefined,
      attempts = 8,
    ): Promise<{ changed: boolean; events: AuditEvent[]; item: StoredOf<K> }> {
      for (let attempt = 1; ; attempt++) {
        const row = await getRow(kind, id);
        if (!row) throw new NotFound();
        const item = storedOf(kind, row);
        const planned = plan(item);
        if (!planned) return { changed: false, events: [], item };
        const { events, attributes, written } = changeWrites(kind, row, item, planned, clock());
        const update = {
          TableName: table,
          Key: itemKey(kind, id),
          ...updateExpression(attributes),
          ConditionExpression: item.rev === undefined ? "attribute_not_exists(rev)" : "rev = :rev",
        };
        if (item.rev !== undefined) update.ExpressionAttributeValues[":rev"] = item.rev;
        try {
          // Without events there is one row to write: a conditional update, at half a transaction's cost.
          if (events.length === 0) await db.send(new UpdateCommand(update));
          else {
            await db.send(
              new TransactWriteCommand({
                TransactItems: [{ Update: update }, ...auditPuts(audit.table, events, item.kecamatanCode)],
              }),
            );
          }
          return { changed: true, events, item: storedOf(kind, written) };
        } catch (error) {
          const lost = failedConditions(error).length > 0 || isConditionalFailure(error);
          if (!lost || attempt >= attempts) throw error;
        }
      }
    },

    /**
     * The last audit event the item's record names, and the item's kecamatan (`null` when the record is gone), for
     * verification: the record and its trail are written together, so they must agree.
     */
    async auditHead(kind: ItemKind, id: string): Promise<{ seq: number; hash: string; region: string } | null> {
      const { Item } = await db.send(
        new GetCommand({
          TableName: table,
          Key: itemKey(kind, id),
          ProjectionExpression: "auditSeq, auditHash, kecamatanCode",
          ConsistentRead: true,
        }),
      );
      if (!Item) return null;
      const head = AuditHead.parse(Item);
      return { seq: head.auditSeq, hash: head.auditHash, region: head.kecamatanCode };
    },

    /** Every audit event of the item, oldest first. */
    events(kind: ItemKind, id: string): Promise<AuditEvent[]> {
      return audit.events(chainKey(kind, id));
    },
  };
}

export type ItemStore = ReturnType<typeof itemStore>;
