import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { auditStore } from "./audit.ts";
import { auditTableFor } from "./table.ts";
import { itemStore } from "./items.ts";
import { loginStore } from "./logins.ts";
import { notificationStore } from "./notifications.ts";
import { userStore } from "./users.ts";

export * from "./client.ts";
export * from "./page.ts";
export * from "./table.ts";
export type { AuditStore, LedgerRow } from "./audit.ts";
export type { ItemStore, NewItem } from "./items.ts";
export type { UserStore } from "./users.ts";
export type { LoginStore } from "./logins.ts";
export type { EmailDelivery, NotificationStore } from "./notifications.ts";

/** Every repository over the app's table and the audit table (by default `<table>-audit`). */
export function createStore(
  db: DynamoDBDocumentClient,
  table: string,
  clock: () => Date = () => new Date(),
  auditTable: string = auditTableFor(table),
) {
  const audit = auditStore(db, auditTable);
  return {
    db,
    table,
    audit,
    users: userStore(db, table, clock),
    logins: loginStore(db, table),
    items: itemStore(db, table, audit, clock),
    notifications: notificationStore(db, table, clock),
  };
}

export type Store = ReturnType<typeof createStore>;
