import { GetCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { type AuditEvent, type EventBody, sealEvent } from "../audit.ts";
import type { ItemKind } from "../chain.ts";
import { Conflict, Forbidden, NotFound } from "../errors.ts";
import { type ItemBase, type Status, canRead, isOpen } from "../item.ts";
import { TEXT } from "../text.ts";
import type { Actor } from "../user.ts";
import { failedConditions } from "./errors.ts";
import { type Page, type PageRequest, decodeCursor, encodeCursor } from "./page.ts";

const KIND_KEY: Record<ItemKind, string> = { referral: "REFERRAL", report: "REPORT" };
const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;
const INTERNAL = new Set(["PK", "SK", "auditSeq", "auditHash", "nikIndex", "expiresAt"]);

const itemKey = (kind: ItemKind, id: string) => ({ PK: `${KIND_KEY[kind]}#${id}`, SK: "ITEM" });
const eventKey = (kind: ItemKind, id: string, seq: number) => ({
  PK: `${KIND_KEY[kind]}#${id}`,
  SK: `EVENT#${String(seq).padStart(10, "0")}`,
});
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
  };
}

function fromRow<T>(row: Record<string, unknown>): T {
  return Object.fromEntries(Object.entries(row).filter(([k]) => !INTERNAL.has(k) && !k.startsWith("GSI"))) as T;
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
export function itemStore(db: DynamoDBDocumentClient, table: string, clock: () => Date = () => new Date()) {
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
      const event = sealEvent(input.event, null);
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
              {
                Put: {
                  TableName: table,
                  Item: { ...eventKey(kind, item.id, event.seq), ...event },
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
            ],
          }),
        );
      } catch (error) {
        // A concurrent request with the same key won the race: answer as it did.
        if (idempotency && failedConditions(error).includes(2)) {
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

    /** The item if the actor may read it; otherwise NotFound, so that items outside a region stay invisible. */
    async getFor<T extends ItemBase>(actor: Actor, kind: ItemKind, id: string): Promise<T> {
      const item = await this.get<T>(kind, id);
      if (!item || !canRead(actor, item)) throw new NotFound();
      return item;
    },

    /** Items the actor may read, newest first: a TKSK's own, or everything inside an official's or auditor's region. */
    async listFor<T extends ItemBase>(
      actor: Actor,
      kind: ItemKind,
      page: PageRequest & { status?: Status | undefined },
    ): Promise<Page<T>> {
      if (actor.role === "admin") throw new Forbidden();
      const own = actor.role === "tksk";
      const scoped = !own && actor.regionCode !== "";
      const result = await db.send(
        new QueryCommand({
          TableName: table,
          IndexName: own ? "GSI1" : "GSI2",
          KeyConditionExpression: own
            ? "GSI1PK = :pk"
            : scoped
              ? "GSI2PK = :pk AND begins_with(GSI2SK, :region)"
              : "GSI2PK = :pk",
          FilterExpression: page.status ? "#status = :status" : undefined,
          ExpressionAttributeNames: page.status ? { "#status": "status" } : undefined,
          ExpressionAttributeValues: {
            ":pk": own ? `SUBMITTER#${actor.id}#${kind}` : KIND_KEY[kind],
            ...(scoped ? { ":region": actor.regionCode } : {}),
            ...(page.status ? { ":status": page.status } : {}),
          },
          ScanIndexForward: false,
          Limit: page.limit,
          ExclusiveStartKey: decodeCursor(page.cursor),
        }),
      );
      const items = (result.Items ?? []).map((row) => fromRow<T>(row)).filter((item) => canRead(actor, item));
      return { items, nextCursor: encodeCursor(result.LastEvaluatedKey) };
    },

    /** Ids of open referrals in one duplicate-detection partition. */
    async openIdsByNikIndex(nikIndex: string, limit = 20): Promise<string[]> {
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
      return (result.Items ?? []).map((row) => (row.PK as string).split("#")[1]!);
    },

    /**
     * Appends an audit event and applies `set` to the item in one transaction. The condition on the item's last
     * sequence number makes concurrent appends take turns instead of forking the hash chain.
     */
    async append(
      kind: ItemKind,
      id: string,
      body: EventBody,
      set: Partial<ItemBase> = {},
      attempts = 5,
    ): Promise<AuditEvent> {
      for (let attempt = 1; ; attempt++) {
        const row = await getRow(kind, id);
        if (!row) throw new NotFound();
        const event = sealEvent(body, { seq: row.auditSeq as number, hash: row.auditHash as string });
        const fields = { ...set, updatedAt: event.at, auditSeq: event.seq, auditHash: event.hash };
        const names = Object.fromEntries(Object.keys(fields).map((k, i) => [`#f${i}`, k]));
        const values = Object.fromEntries(Object.values(fields).map((v, i) => [`:f${i}`, v]));
        try {
          await db.send(
            new TransactWriteCommand({
              TransactItems: [
                {
                  Update: {
                    TableName: table,
                    Key: itemKey(kind, id),
                    UpdateExpression: `SET ${Object.keys(names)
                      .map((n, i) => `${n} = :f${i}`)
                      .join(", ")}`,
                    ConditionExpression: "auditSeq = :prevSeq",
                    ExpressionAttributeNames: names,
                    ExpressionAttributeValues: { ...values, ":prevSeq": row.auditSeq },
                  },
                },
                {
                  Put: {
                    TableName: table,
                    Item: { ...eventKey(kind, id, event.seq), ...event },
                    ConditionExpression: "attribute_not_exists(PK)",
                  },
                },
              ],
            }),
          );
          return event;
        } catch (error) {
          if (failedConditions(error).length === 0 || attempt >= attempts) throw error;
        }
      }
    },

    /** Every audit event of the item, oldest first. */
    async events(kind: ItemKind, id: string): Promise<AuditEvent[]> {
      const events: AuditEvent[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const result = await db.send(
          new QueryCommand({
            TableName: table,
            KeyConditionExpression: "PK = :pk AND begins_with(SK, :event)",
            ExpressionAttributeValues: { ":pk": itemKey(kind, id).PK, ":event": "EVENT#" },
            ExclusiveStartKey: start,
            ConsistentRead: true,
          }),
        );
        events.push(...(result.Items ?? []).map((row) => fromRow<AuditEvent>(row)));
        start = result.LastEvaluatedKey;
      } while (start);
      return events;
    },
  };
}

export type ItemStore = ReturnType<typeof itemStore>;
