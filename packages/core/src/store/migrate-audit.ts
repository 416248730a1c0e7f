import { DeleteCommand, ScanCommand, TransactWriteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import * as z from "zod";
import { AuditEvent } from "../audit.ts";
import { Notification } from "../notification.ts";
import { auditPuts } from "./audit.ts";
import { failedConditions } from "./errors.ts";
import type { Store } from "./index.ts";
import { itemOfKey } from "./item-keys.ts";
import { itemIndexKeys } from "./notifications.ts";

const RowKey = z.object({ PK: z.string(), SK: z.string() });

/** Every row of the app's table that matches `filter`, a page at a time. A one-off migration may scan. */
async function* scan(store: Store, filter: string, values: Record<string, unknown>) {
  let start: Record<string, unknown> | undefined;
  do {
    const page = await store.db.send(
      new ScanCommand({
        TableName: store.table,
        FilterExpression: filter,
        ExpressionAttributeValues: values,
        ExclusiveStartKey: start,
        ConsistentRead: true,
      }),
    );
    yield* page.Items ?? [];
    start = page.LastEvaluatedKey;
  } while (start);
}

/**
 * Brings local data from before the audit table up to date, and is a no-op once it is: audit events kept in the
 * app's table move to the audit table with their ledger entries (each move one transaction, so a crash midway loses
 * nothing and the next start finishes it), and notifications get the index that lists them under their item.
 * Events are moved unchanged, so their hashes still hold. Returns what it did.
 */
export async function migrateAuditTrail(store: Store): Promise<{ events: number; notifications: number }> {
  const regions = new Map<string, string>();
  let events = 0;
  for await (const row of scan(store, "begins_with(SK, :event)", { ":event": "EVENT#" })) {
    const { PK, SK } = RowKey.parse(row);
    // The event as it was written, without the table's keys (its hash covers exactly that).
    const { PK: _pk, SK: _sk, ...fields } = row;
    const event = AuditEvent.parse(fields);
    if (!regions.has(PK)) {
      // The events of an item sit in the item's own partition, named like its chain.
      const { kind, id } = itemOfKey(PK);
      regions.set(PK, event.region ?? (await store.items.auditHead(kind, id))?.region ?? "");
    }
    const remove = { Delete: { TableName: store.table, Key: { PK, SK } } };
    try {
      await store.db.send(
        new TransactWriteCommand({
          TransactItems: [...auditPuts(store.audit.table, [event], regions.get(PK)!), remove],
        }),
      );
    } catch (error) {
      // Moved already by a run that stopped before deleting: only the old copy is left to remove.
      if (failedConditions(error).length === 0) throw error;
      await store.db.send(new DeleteCommand(remove.Delete));
    }
    events++;
  }

  let notifications = 0;
  for await (const row of scan(store, "begins_with(PK, :notify) AND attribute_not_exists(GSI2PK)", {
    ":notify": "NOTIFY#",
  })) {
    const keys = itemIndexKeys(Notification.parse(row));
    if (!("GSI2PK" in keys)) continue;
    await store.db.send(
      new UpdateCommand({
        TableName: store.table,
        Key: RowKey.parse(row),
        UpdateExpression: "SET GSI2PK = :pk, GSI2SK = :sk",
        ExpressionAttributeValues: { ":pk": keys.GSI2PK, ":sk": keys.GSI2SK },
      }),
    );
    notifications++;
  }
  return { events, notifications };
}
