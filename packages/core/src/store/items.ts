import {
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from "@aws-sdk/lib-dynamodb";
import { RECONCILE_PARTITION, inboxPartition, reconcileKeys } from "../approval.ts";
import { type AuditEvent, type EventBody, sealEvent, sealEvents } from "../audit.ts";
import { chainKey, parseChainKey } from "../ledger.ts";
import { type AuditStore, auditPuts } from "./audit.ts";
import type { ItemKind, Level } from "../chain.ts";
import { Conflict, NotFound } from "../errors.ts";
import { type DuplicateRef, type ItemBase, type Status, isOpen } from "../item.ts";
import { enforce, onAction, onItem } from "../policy.ts";
import { TEXT } from "../text.ts";
import type { Actor } from "../user.ts";
import { indexPage, rowsFor } from "./batch.ts";
import { failedConditions, isConditionalFailure } from "./errors.ts";
import type { Page, PageRequest } from "./page.ts";

const KIND_KEY: Record<ItemKind, string> = { referral: "REFERRAL", report: "REPORT" };
const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;
const INTERNAL = new Set([
  "PK",
  "SK",
  "rev",
  "auditSeq",
  "auditHash",
  "nikIndex",
  "expiresAt",
  "taskToken",
  "waitingFor",
  "pendingSignal",
  "workflowStarted",
  "remindedFor",
  "workflowStep",
]);

/** The kind and id an item's partition key names (`REPORT#<id>`, `REFERRAL#<id>`). */
function itemOfKey(pk: string): { kind: ItemKind; id: string } {
  return parseChainKey(pk) as { kind: ItemKind; id: string };
}

// An item's partition is named like its audit chain (`REFERRAL#<id>`), in the app's table.
const itemKey = (kind: ItemKind, id: string) => ({ PK: chainKey(kind, id), SK: "ITEM" });
const idempotencyKey = (userId: string, kind: ItemKind, key: string) => ({
  PK: `IDEMPOTENCY#${userId}#${kind}#${key}`,
  SK: "IDEMPOTENCY",
});

/** Index attributes of a stored item; the duplicate-detection entry exists only while the item is open. */
function indexKeys(kind: ItemKind, item: ItemBase, nikIndex: string | undefined) {
  return {
    GSI1PK: `SUBMITTER#${item.submittedBy.id}#${kind}`,
    GSI1SK: `${item.createdAt}#${item.id}`,
    GSI2PK: KIND_KEY[kind],
    GSI2SK: `${item.kecamatanCode}#${item.createdAt}#${item.id}`,
    ...(nikIndex && isOpen(item.status) ? { GSI3PK: nikIndex, GSI3SK: `${item.createdAt}#${item.id}` } : {}),
    // A new item waits for its workflow to start; the reconciler finds it here if the start fails.
    ...reconcileKeys(kind, item.id, item.createdAt),
  };
}

function fromRow<T>(row: Record<string, unknown>): T {
  return Object.fromEntries(Object.entries(row).filter(([k]) => !INTERNAL.has(k) && !k.startsWith("GSI"))) as T;
}

/** An item as stored: its public fields and the workflow's internal ones, which never leave the server. */
export type StoredItem = ItemBase & {
  rev?: number;
  /** The task token the item's workflow waits on, and for what. */
  taskToken?: string;
  waitingFor?: "decision" | "resubmission";
  /** A decision or resubmission recorded but not yet delivered to the workflow. */
  pendingSignal?: { token: string; output: Record<string, unknown>; level: string | null; at: string };
  workflowStarted?: boolean;
  /** The highest workflow step applied to the item (see infra/workflow/approval-chain.ts). */
  workflowStep?: number;
  remindedFor?: string;
  /** The deadline this level first missed; kept while the level is reopened, so the inbox keeps flagging it. */
  overdueSince?: string;
  urgency?: string;
  GSI4PK?: string;
};

export interface ItemChange {
  events?: EventBody[];
  set?: Record<string, unknown>;
  remove?: string[];
}

export interface NewItem<T extends ItemBase> {
  kind: ItemKind;
  item: T;
  /** The first audit event (`submitted`), sealed and written with the item. */
  event: EventBody;
  /** The duplicate-detection partition for referrals: `NIK#<kabupaten>#<keyed hash>`. */
  nikIndex?: string;
  idempotency?: { userId: string; key: string; requestHash: string };
}

/** Referrals and reports: the items, their audit chains, and the idempotency of their creation. */
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

  async function replay(idem: NonNullable<NewItem<ItemBase>["idempotency"]>, kind: ItemKind) {
    const { Item } = await db.send(
      new GetCommand({ TableName: table, Key: idempotencyKey(idem.userId, kind, idem.key), ConsistentRead: true }),
    );
    // Expired records may linger until TTL removes them; past their time the key is free again.
    if (!Item || (Item.expiresAt as number) * 1000 <= clock().getTime()) return undefined;
    if (Item.requestHash !== idem.requestHash) throw new Conflict(TEXT.idempotencyMismatch, { key: idem.key });
    return Item.itemId as string;
  }

  return {
    /**
     * Writes the item, its first audit event and the idempotency record in one transaction: all or nothing. A key
     * already used for the same request returns the item it created; for another request it is a Conflict.
     */
    async create<T extends ItemBase>(input: NewItem<T>): Promise<{ id: string; replayed: boolean }> {
      const { kind, item, idempotency } = input;
      if (idempotency) {
        const existing = await replay(idempotency, kind);
        if (existing) return { id: existing, replayed: true };
      }
      const event = sealEvent({ region: item.kecamatanCode, ...input.event }, null);
      const expiresAt = Math.floor(clock().getTime() / 1000) + IDEMPOTENCY_TTL_SECONDS;
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: table,
                  Item: {
                    ...itemKey(kind, item.id),
                    ...item,
                    ...indexKeys(kind, item, input.nikIndex),
                    ...(input.nikIndex ? { nikIndex: input.nikIndex } : {}),
                    auditSeq: event.seq,
                    auditHash: event.hash,
                  },
                  ConditionExpression: "attribute_not_exists(PK)",
                },
              },
              ...(idempotency
                ? [
                    {
                      Put: {
                        TableName: table,
                        Item: {
                          ...idempotencyKey(idempotency.userId, kind, idempotency.key),
                          requestHash: idempotency.requestHash,
                          itemId: item.id,
                          expiresAt,
                        },
                        // An expired record may still be there; it no longer holds the key.
                        ConditionExpression: "attribute_not_exists(PK) OR expiresAt <= :now",
                        ExpressionAttributeValues: { ":now": Math.floor(clock().getTime() / 1000) },
                      },
                    },
                  ]
                : []),
              ...auditPuts(audit.table, [event], item.kecamatanCode),
            ],
          }),
        );
      } catch (error) {
        // A concurrent request with the same key won the race: answer as it did.
        if (idempotency && failedConditions(error).includes(1)) {
          const existing = await replay(idempotency, kind);
          if (existing) return { id: existing, replayed: true };
        }
        throw error;
      }
      return { id: item.id, replayed: false };
    },

    /** The item regardless of who asks: for the workflow and for code that has already authorised the caller. */
    async get<T extends ItemBase>(kind: ItemKind, id: string): Promise<T | undefined> {
      const row = await getRow(kind, id);
      return row ? fromRow<T>(row) : undefined;
    },

    /** The item with its internal workflow fields, for the workflow's own use; never for a response. */
    async stored(kind: ItemKind, id: string): Promise<StoredItem | undefined> {
      return (await getRow(kind, id)) as StoredItem | undefined;
    },

    /** The item if the actor may read it; otherwise the policy's refusal (items outside a region stay invisible). */
    async getFor<T extends ItemBase>(actor: Actor, kind: ItemKind, id: string): Promise<T> {
      enforce(onAction(actor, "read"));
      const item = await this.get<T>(kind, id);
      if (!item) throw new NotFound();
      enforce(onItem(actor, "read", item));
      return item;
    },

    /** Items the actor may read, newest first: a TKSK's own, or everything inside an official's or auditor's region. */
    async listFor<T extends ItemBase>(
      actor: Actor,
      kind: ItemKind,
      page: PageRequest & { status?: Status | undefined },
    ): Promise<Page<T>> {
      enforce(onAction(actor, "read"));
      const own = actor.role === "tksk";
      const scoped = !own && actor.regionCode !== "";
      const { rows, nextCursor } = await indexPage(
        db,
        {
          TableName: table,
          IndexName: own ? "GSI1" : "GSI2",
          KeyConditionExpression: own
            ? "GSI1PK = :pk"
            : scoped
              ? "GSI2PK = :pk AND begins_with(GSI2SK, :region)"
              : "GSI2PK = :pk",
          ExpressionAttributeValues: {
            ":pk": own ? `SUBMITTER#${actor.id}#${kind}` : KIND_KEY[kind],
            ...(scoped ? { ":region": actor.regionCode } : {}),
          },
          ScanIndexForward: false,
        },
        page,
        (row) => onItem(actor, "read", fromRow<T>(row)) === "allow" && (!page.status || row.status === page.status),
      );
      return { items: rows.map((row) => fromRow<T>(row)), nextCursor };
    },

    /**
     * The actor's inbox: open items waiting at the actor's level inside the actor's region, most urgent first, then
     * oldest. One Query on the inbox partition; `kind` and `overdue` narrow it.
     */
    async inbox<T extends ItemBase & { kind: ItemKind }>(
      actor: Actor,
      page: PageRequest & { kind?: ItemKind | undefined; overdueAt?: string | undefined },
    ): Promise<Page<T>> {
      enforce(onAction(actor, "inbox"));
      const filters: string[] = [];
      const values: Record<string, unknown> = { ":pk": inboxPartition(actor.role as Level, actor.regionCode) };
      if (page.kind) {
        filters.push("begins_with(PK, :kind)");
        values[":kind"] = `${KIND_KEY[page.kind]}#`;
      }
      if (page.overdueAt) {
        filters.push("(dueAt < :now OR attribute_exists(overdueSince))");
        values[":now"] = page.overdueAt;
      }
      const { rows, nextCursor } = await indexPage(
        db,
        {
          TableName: table,
          IndexName: "GSI4",
          KeyConditionExpression: "GSI4PK = :pk",
          FilterExpression: filters.length ? filters.join(" AND ") : undefined,
          ExpressionAttributeValues: values,
        },
        page,
        // The row is read after the index: an item decided in between has left this inbox.
        (row) => row.GSI4PK === values[":pk"] && onItem(actor, "read", fromRow<T>(row)) === "allow",
      );
      const items = rows.map((row) => ({
        ...fromRow<T>(row),
        kind: itemOfKey(row.PK as string).kind,
      }));
      return { items, nextCursor };
    },

    /** Items waiting for the workflow (a start, or a signal to deliver), oldest first. */
    async awaitingWorkflow(limit = 100): Promise<{ kind: ItemKind; id: string }[]> {
      const result = await db.send(
        new QueryCommand({
          TableName: table,
          IndexName: "GSI4",
          KeyConditionExpression: "GSI4PK = :pk",
          ExpressionAttributeValues: { ":pk": RECONCILE_PARTITION },
          Limit: limit,
        }),
      );
      return (result.Items ?? []).map((row) => itemOfKey(row.PK as string));
    },

    /** Ids of open referrals in one duplicate-detection partition. */
    /** Open items indexed under this NIK hash (GSI3), newest first, with what decides who may learn of them. */
    async openByNikIndex(nikIndex: string, limit = 20): Promise<DuplicateRef[]> {
      const result = await db.send(
        new QueryCommand({
          TableName: table,
          IndexName: "GSI3",
          KeyConditionExpression: "GSI3PK = :pk",
          ExpressionAttributeValues: { ":pk": nikIndex },
          ScanIndexForward: false,
          Limit: limit,
        }),
      );
      const rows = await rowsFor(db, table, result.Items ?? []);
      return rows.map((row) => {
        const { id, status, currentLevel, kecamatanCode, submittedBy } = fromRow<ItemBase>(row);
        return { id, status, currentLevel, kecamatanCode, submittedBy };
      });
    },

    /** The other open items sharing this item's NIK; none once it is closed, or for an item without a NIK. */
    async openDuplicatesOf(kind: ItemKind, id: string): Promise<DuplicateRef[]> {
      const index = (await getRow(kind, id))?.GSI3PK;
      return typeof index === "string" ? (await this.openByNikIndex(index)).filter((d) => d.id !== id) : [];
    },

    /**
     * Changes an item under optimistic concurrency: `plan` sees the item as stored (with its internal workflow
     * fields) and returns what to set, remove and which audit events to append, or `undefined` when there is nothing
     * to do (so a retried task changes nothing twice). All of it is one transaction, conditioned on the item's
     * revision: a concurrent change makes this one re-read and re-plan, so the hash chain never forks and a plan's
     * checks (still pending at this level? still this token?) hold when it commits. `plan` may throw to refuse.
     * Returns the item as it now stands (so callers need not read it again) and whether this call changed it.
     */
    async change(
      kind: ItemKind,
      id: string,
      plan: (row: StoredItem) => ItemChange | undefined,
      attempts = 8,
    ): Promise<{ changed: boolean; events: AuditEvent[]; item: StoredItem }> {
      for (let attempt = 1; ; attempt++) {
        const row = await getRow(kind, id);
        if (!row) throw new NotFound();
        const planned = plan(row as StoredItem);
        if (!planned) return { changed: false, events: [], item: row as StoredItem };
        const head = { seq: row.auditSeq as number, hash: row.auditHash as string };
        const events = sealEvents(
          (planned.events ?? []).map((body) => ({ region: row.kecamatanCode as string, ...body })),
          head,
        );
        const prev = events.at(-1) ?? head;
        const at = events.at(-1)?.at ?? clock().toISOString();
        const fields: Record<string, unknown> = {
          ...planned.set,
          updatedAt: at,
          auditSeq: prev.seq,
          auditHash: prev.hash,
          rev: ((row.rev as number | undefined) ?? 0) + 1,
        };
        const names: Record<string, string> = {};
        const values: Record<string, unknown> = row.rev === undefined ? {} : { ":rev": row.rev };
        const sets = Object.entries(fields).map(([key, value], i) => {
          names[`#s${i}`] = key;
          values[`:s${i}`] = value;
          return `#s${i} = :s${i}`;
        });
        const removes = (planned.remove ?? []).map((key, i) => {
          names[`#r${i}`] = key;
          return `#r${i}`;
        });
        const update = {
          TableName: table,
          Key: itemKey(kind, id),
          UpdateExpression: `SET ${sets.join(", ")}${removes.length ? ` REMOVE ${removes.join(", ")}` : ""}`,
          ConditionExpression: row.rev === undefined ? "attribute_not_exists(rev)" : "rev = :rev",
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        };
        try {
          // Without events there is one row to write: a conditional update, at half a transaction's cost.
          if (events.length === 0) await db.send(new UpdateCommand(update));
          else {
            await db.send(
              new TransactWriteCommand({
                TransactItems: [{ Update: update }, ...auditPuts(audit.table, events, row.kecamatanCode as string)],
              }),
            );
          }
          const item = { ...row, ...fields } as Record<string, unknown>;
          for (const key of planned.remove ?? []) delete item[key];
          return { changed: true, events, item: item as StoredItem };
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
      return Item
        ? { seq: Item.auditSeq as number, hash: Item.auditHash as string, region: Item.kecamatanCode as string }
        : null;
    },

    /** The ids of every item of a kind inside a region, from the region index (keys only, no item is read). */
    async *idsIn(kind: ItemKind, scope: string): AsyncGenerator<string> {
      let start: Record<string, unknown> | undefined;
      do {
        const result = await db.send(
          new QueryCommand({
            TableName: table,
            IndexName: "GSI2",
            KeyConditionExpression: scope ? "GSI2PK = :pk AND begins_with(GSI2SK, :region)" : "GSI2PK = :pk",
            ExpressionAttributeValues: { ":pk": KIND_KEY[kind], ...(scope ? { ":region": scope } : {}) },
            ExclusiveStartKey: start,
          }),
        );
        // Region codes have fixed-width segments, so the prefix of a whole code matches only what lies inside it.
        for (const row of result.Items ?? []) yield itemOfKey(row.PK as string).id;
        start = result.LastEvaluatedKey;
      } while (start);
    },

    /** Every audit event of the item, oldest first. */
    events(kind: ItemKind, id: string): Promise<AuditEvent[]> {
      return audit.events(chainKey(kind, id));
    },
  };
}

export type ItemStore = ReturnType<typeof itemStore>;
