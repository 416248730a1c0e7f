import type { CreateTableCommandInput } from "@aws-sdk/client-dynamodb";

/**
 * The one table, defined once for local start-up, tests and the deployed infrastructure.
 *
 * Keys (PK / SK):
 * - `USER#<id>` / `USER` — an account; `USERNAME#<name>` / `USERNAME` — the claim that keeps usernames unique
 * - `LOGIN#<name>` / `FAILURES` — failed sign-ins, expiring
 * - `REFERRAL#<id>` or `REPORT#<id>` / `ITEM` — the item (its audit events and the ledger are in the audit table:
 *   see `auditTableDefinition`)
 * - `IDEMPOTENCY#<user>#<key>` / `IDEMPOTENCY` — a create request already answered, expiring
 * - `NOTIFY#<user>` / `ID#<id>` — an in-app notification and its email delivery
 *
 * Indexes, each a different access pattern (generic names let one index serve several item types):
 * - GSI1 — by owner: `SUBMITTER#<user>#<kind>` / `<createdAt>#<id>`; `USERS` / `<regionCode>#<username>`;
 *   `NOTIFY#<user>` / `<createdAt>#<id>`
 * - GSI2 — by region: `<KIND>` / `<kecamatanCode>#<createdAt>#<id>` (`begins_with` on the caller's region);
 *   an item's notifications: `NOTIFIED#<kind>#<itemId>` / `<createdAt>#<id>` (for its audit history)
 * - GSI3 — duplicate detection: `NIK#<kabupaten>#<keyed hash>` / `<createdAt>#<id>`, only while the referral is open
 * - GSI4 — where an open item waits: `PENDING#<level>#<region of that level>` / `<urgency rank>#<openedAt>#<kind>#<id>`
 *   while it waits for an official (the inbox: most urgent, then oldest, first); `RECONCILE` / `<since>#<kind>#<id>`
 *   while it waits for the workflow (not yet started, or a decision not yet delivered to it);
 *   `RETURNED#<level>#<region of that level>` / `<returnedAt>#<kind>#<id>` while it waits for its submitter after that
 *   level returned it (the inbox's count of returned items)
 */
export const INDEXES = ["GSI1", "GSI2", "GSI3", "GSI4"] as const;
export type IndexName = (typeof INDEXES)[number];

export const TTL_ATTRIBUTE = "expiresAt";

export function tableDefinition(tableName: string): CreateTableCommandInput {
  const keys = (name: string) => [
    { AttributeName: `${name}PK`, KeyType: "HASH" as const },
    { AttributeName: `${name}SK`, KeyType: "RANGE" as const },
  ];
  return {
    TableName: tableName,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: ["PK", "SK", ...INDEXES.flatMap((i) => [`${i}PK`, `${i}SK`])].map((name) => ({
      AttributeName: name,
      AttributeType: "S" as const,
    })),
    KeySchema: keys(""),
    GlobalSecondaryIndexes: INDEXES.map((name) => ({
      IndexName: name,
      KeySchema: keys(name),
      // Keys only: an item changes many times on its way up the chain, and every projected copy would be rewritten
      // with it. Lists read a page of rows by key instead (one batch read). The inbox also carries `dueAt`, so that
      // its overdue filter needs no read
      // (`dueAt`, and `overdueSince` for a level reopened after a missed deadline).
      Projection:
        name === "GSI4"
          ? { ProjectionType: "INCLUDE" as const, NonKeyAttributes: ["dueAt", "overdueSince"] }
          : { ProjectionType: "KEYS_ONLY" as const },
    })),
  };
}

/**
 * The audit table: events and the region ledger (keys in `audit.ts`), kept apart from the app's table so that in AWS
 * the app's roles may put (conditionally) and read there, but never update or delete.
 */
export function auditTableDefinition(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [
      { AttributeName: "PK", AttributeType: "S" },
      { AttributeName: "SK", AttributeType: "S" },
    ],
    KeySchema: [
      { AttributeName: "PK", KeyType: "HASH" },
      { AttributeName: "SK", KeyType: "RANGE" },
    ],
  };
}

/** The audit table that goes with an app table when none is named: `<table>-audit`. */
export function auditTableFor(table: string): string {
  return `${table}-audit`;
}
