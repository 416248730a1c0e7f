import {
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from "@aws-sdk/lib-dynamodb";
import * as z from "zod";
import type { ItemKind } from "../chain.ts";
import type { EmailOutcome } from "../email.ts";
import { NotFound } from "../errors.ts";
import { Notification } from "../notification.ts";
import { isConditionalFailure } from "./errors.ts";
import { indexPage, rowsFor } from "./batch.ts";
import type { Page, PageRequest } from "./page.ts";

/**
 * Keys: `NOTIFY#<userId>` / `ID#<notificationId>` — one item per notification, keyed by its id so that a retried
 * task writing the same id finds it and writes nothing. The user's listing, newest first, is GSI1
 * `NOTIFY#<userId>` / `<createdAt>#<id>`; an item's notifications, for its audit history, are GSI2
 * `NOTIFIED#<kind>#<itemId>` / `<createdAt>#<id>`. The email delivery is recorded on the same item (`email`), which
 * is how a retried task knows whether the email already went out.
 */
const MAX_ID_LENGTH = 200;
/** How many notifications "mark all read" updates at once: quick for a user's usual few, gentle on capacity. */
const MARK_AT_ONCE = 10;
const partition = (userId: string) => `NOTIFY#${userId}`;
const notificationKey = (userId: string, id: string) => ({ PK: partition(userId), SK: `ID#${id}` });
const itemPartition = (kind: ItemKind, itemId: string) => `NOTIFIED#${kind}#${itemId}`;

/** The item a notification is about, if any. */
function itemOf(n: Pick<Notification, "referralId" | "reportId">): { kind: ItemKind; id: string } | undefined {
  if (n.referralId) return { kind: "referral", id: n.referralId };
  return n.reportId ? { kind: "report", id: n.reportId } : undefined;
}

/** The index keys that list a notification under its item. */
export function itemIndexKeys(n: Pick<Notification, "referralId" | "reportId" | "createdAt" | "id">) {
  const item = itemOf(n);
  return item ? { GSI2PK: itemPartition(item.kind, item.id), GSI2SK: `${n.createdAt}#${n.id}` } : {};
}

/** An email delivery as recorded beside its notification: the sender's outcome (email.ts), to whom and when. */
const EmailDelivery = z.object({
  to: z.array(z.string()),
  status: z.enum(["sent", "failed"]),
  attempts: z.number().int(),
  error: z.string().optional(),
  at: z.string(),
}) satisfies z.ZodType<EmailOutcome>;
export type EmailDelivery = z.infer<typeof EmailDelivery>;

/** A notification as stored, and as an item's history shows it: to whom, and what became of its email. */
const SentNotification = Notification.extend({ userId: z.string(), email: EmailDelivery.optional() });
export type SentNotification = z.infer<typeof SentNotification>;

/** The notification alone, as it is stored and shown: no empty item reference, `read` always said. */
function toNotification(n: Notification): Notification {
  const { id, type, referralId, reportId, text, textEn, createdAt, read } = n;
  return {
    id,
    type,
    ...(referralId ? { referralId } : {}),
    ...(reportId ? { reportId } : {}),
    text,
    textEn,
    createdAt,
    read: read === true,
  };
}

/** In-app notifications per user, and the delivery of their emails. */
export function notificationStore(db: DynamoDBDocumentClient, table: string, clock: () => Date = () => new Date()) {
  /** Sets one notification read if it exists and is not read yet; answers whether this call changed it. */
  async function markKeyRead(key: { PK: string; SK: string }): Promise<boolean> {
    try {
      await db.send(
        new UpdateCommand({
          TableName: table,
          Key: key,
          UpdateExpression: "SET #read = :true",
          ConditionExpression: "attribute_exists(PK) AND (attribute_not_exists(#read) OR #read <> :true)",
          ExpressionAttributeNames: { "#read": "read" },
          ExpressionAttributeValues: { ":true": true },
        }),
      );
      return true;
    } catch (error) {
      // Gone, or marked read by another call meanwhile: nothing left to do for it.
      if (isConditionalFailure(error)) return false;
      throw error;
    }
  }

  return {
    /**
     * Stores the notification unless one with the same id exists for the user. Returns whether it was created and,
     * when it already existed, the email delivery recorded for it, so a retry sends an email only if none went out.
     */
    async add(
      userId: string,
      notification: Notification,
    ): Promise<{ created: boolean; email: EmailDelivery | undefined }> {
      const n = toNotification(notification);
      try {
        await db.send(
          new PutCommand({
            TableName: table,
            Item: {
              ...notificationKey(userId, n.id),
              ...n,
              userId,
              GSI1PK: partition(userId),
              GSI1SK: `${n.createdAt}#${n.id}`,
              ...itemIndexKeys(n),
            },
            ConditionExpression: "attribute_not_exists(PK)",
          }),
        );
        return { created: true, email: undefined };
      } catch (error) {
        if (!isConditionalFailure(error)) throw error;
      }
      const { Item } = await db.send(
        new GetCommand({ TableName: table, Key: notificationKey(userId, n.id), ConsistentRead: true }),
      );
      return { created: false, email: Item ? SentNotification.parse(Item).email : undefined };
    },

    /** One of the user's notifications; undefined when the user has none with that id. */
    async get(userId: string, id: string): Promise<Notification | undefined> {
      const { Item } = await db.send(new GetCommand({ TableName: table, Key: notificationKey(userId, id) }));
      return Item ? toNotification(SentNotification.parse(Item)) : undefined;
    },

    /** The user's notifications, newest first. */
    async listFor(userId: string, page: PageRequest): Promise<Page<Notification>> {
      return indexPage(
        db,
        {
          TableName: table,
          IndexName: "GSI1",
          KeyConditionExpression: "GSI1PK = :pk",
          ExpressionAttributeValues: { ":pk": partition(userId) },
          ScanIndexForward: false,
        },
        page,
        (row) => toNotification(SentNotification.parse(row)),
      );
    },

    /** Marks one of the user's notifications read; NotFound when the user has none with that id. */
    async markRead(userId: string, id: string): Promise<Notification> {
      // No notification has a longer id; DynamoDB would refuse the key as a bad request rather than find nothing.
      if (id.length > MAX_ID_LENGTH) throw new NotFound();
      try {
        const { Attributes } = await db.send(
          new UpdateCommand({
            TableName: table,
            Key: notificationKey(userId, id),
            UpdateExpression: "SET #read = :true",
            ConditionExpression: "attribute_exists(PK)",
            ExpressionAttributeNames: { "#read": "read" },
            ExpressionAttributeValues: { ":true": true },
            ReturnValues: "ALL_NEW",
          }),
        );
        return toNotification(SentNotification.parse(Attributes));
      } catch (error) {
        if (isConditionalFailure(error)) throw new NotFound();
        throw error;
      }
    },

    /**
     * Marks every unread notification of the user read, and answers how many it marked. Idempotent: a second call
     * finds none unread and writes nothing. Reads the user's own partition only (the table, not an index, so that
     * `read` is known without a second read), and sets each one read on its own condition that it still exists: a
     * notification added meanwhile stays unread, one removed meanwhile is not brought back.
     */
    async markAllRead(userId: string): Promise<number> {
      let marked = 0;
      let start: Record<string, unknown> | undefined;
      do {
        const page = await db.send(
          new QueryCommand({
            TableName: table,
            KeyConditionExpression: "PK = :pk AND begins_with(SK, :id)",
            FilterExpression: "attribute_not_exists(#read) OR #read <> :true",
            ProjectionExpression: "PK, SK",
            ExpressionAttributeNames: { "#read": "read" },
            ExpressionAttributeValues: { ":pk": partition(userId), ":id": "ID#", ":true": true },
            ExclusiveStartKey: start,
          }),
        );
        const keys = z.array(z.object({ PK: z.string(), SK: z.string() })).parse(page.Items ?? []);
        // A page of updates at a time, in parallel: UpdateItem has no batch form, and a BatchWrite would replace
        // whole items, losing an email record written meanwhile.
        for (let i = 0; i < keys.length; i += MARK_AT_ONCE) {
          const done = await Promise.all(keys.slice(i, i + MARK_AT_ONCE).map((key) => markKeyRead(key)));
          marked += done.filter(Boolean).length;
        }
        start = page.LastEvaluatedKey;
      } while (start);
      return marked;
    },

    /** Records what became of the notification's email, on the notification itself; NotFound without it. */
    async recordEmail(
      userId: string,
      notificationId: string,
      delivery: { to: string[] } & EmailOutcome,
    ): Promise<EmailDelivery> {
      const record: EmailDelivery = {
        to: delivery.to,
        status: delivery.status,
        attempts: delivery.attempts,
        ...(delivery.error ? { error: delivery.error } : {}),
        at: clock().toISOString(),
      };
      try {
        await db.send(
          new UpdateCommand({
            TableName: table,
            Key: notificationKey(userId, notificationId),
            UpdateExpression: "SET email = :email",
            ConditionExpression: "attribute_exists(PK)",
            ExpressionAttributeValues: { ":email": record },
          }),
        );
      } catch (error) {
        if (isConditionalFailure(error)) throw new NotFound();
        throw error;
      }
      return record;
    },

    /** Every notification sent about an item, to anyone, oldest first. */
    async forItem(kind: ItemKind, itemId: string): Promise<SentNotification[]> {
      const sent: SentNotification[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await db.send(
          new QueryCommand({
            TableName: table,
            IndexName: "GSI2",
            KeyConditionExpression: "GSI2PK = :pk",
            ExpressionAttributeValues: { ":pk": itemPartition(kind, itemId) },
            ExclusiveStartKey: start,
          }),
        );
        for (const row of await rowsFor(db, table, page.Items ?? [])) {
          const { userId, email, ...notification } = SentNotification.parse(row);
          sent.push({ ...toNotification(notification), userId, ...(email ? { email } : {}) });
        }
        start = page.LastEvaluatedKey;
      } while (start);
      return sent;
    },

    /** The email delivery recorded for one of the user's notifications, if any. */
    async emailFor(userId: string, notificationId: string): Promise<EmailDelivery | undefined> {
      const { Item } = await db.send(
        new GetCommand({ TableName: table, Key: notificationKey(userId, notificationId), ConsistentRead: true }),
      );
      return Item ? SentNotification.parse(Item).email : undefined;
    },
  };
}

export type NotificationStore = ReturnType<typeof notificationStore>;
