import { DeleteCommand, PutCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { verifier } from "@rujuk/core/store/verify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateAuditTrail } from "@rujuk/core/store/migrate-audit";
import { referralBody, testApp } from "./support/app.ts";

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const query = (table: string, pk: string) =>
  t.deps.store.db.send(
    new QueryCommand({
      TableName: table,
      KeyConditionExpression: "PK = :pk",
      ExpressionAttributeValues: { ":pk": pk },
      ConsistentRead: true,
    }),
  );

/** Puts a referral's trail back the way data was kept before the audit table: events in the app's table, no ledger. */
async function asBeforeTheAuditTable(id: string) {
  const { db, audit } = t.deps.store;
  const events = (await query(audit.table, `REFERRAL#${id}`)).Items ?? [];
  for (const row of events) {
    await db.send(new PutCommand({ TableName: t.tableName, Item: row }));
    await db.send(new DeleteCommand({ TableName: audit.table, Key: { PK: row.PK, SK: row.SK } }));
  }
  const ledger = (await query(audit.table, "LEDGER#items#64.08")).Items ?? [];
  for (const row of ledger.filter((r) => r.chain === `REFERRAL#${id}`)) {
    await db.send(new DeleteCommand({ TableName: audit.table, Key: { PK: row.PK, SK: row.SK } }));
  }
  return events.length;
}

describe("migrating local data to the audit table", () => {
  it("moves old events with their hashes intact, builds their ledger, indexes notifications, and is then a no-op", async () => {
    const token = await t.tokenFor("tksk.ancalong");
    const res = await t.call("POST", "/api/referrals", { token, body: referralBody({}, { nik: "6408014507803001" }) });
    expect(res.status).toBe(201);
    const id = res.json.id as string;
    const moved = await asBeforeTheAuditTable(id);
    expect(moved).toBeGreaterThan(0);
    const user = (await t.deps.store.users.credentials("kec.ancalong"))!.user;
    const notification = {
      id: "n-old",
      type: "level_opened" as const,
      referralId: id,
      text: "x",
      textEn: "x",
      createdAt: new Date().toISOString(),
      read: false,
    };
    await t.deps.store.notifications.add(user.id, notification);
    await t.deps.store.db.send(
      new UpdateCommand({
        TableName: t.tableName,
        Key: { PK: `NOTIFY#${user.id}`, SK: "ID#n-old" },
        UpdateExpression: "REMOVE GSI2PK, GSI2SK",
      }),
    );
    const verify = verifier(t.deps.store);
    expect((await verify.region("64.08")).firstBroken).toMatchObject({ item: id, problem: "not_in_ledger" });

    expect(await migrateAuditTrail(t.deps.store)).toEqual({ events: moved, notifications: 1 });
    expect(await t.count("REFERRAL#")).toBe(1 + moved); // the item in the app's table, its events in the audit table
    expect((await query(t.tableName, `REFERRAL#${id}`)).Items!.map((r) => r.SK)).toEqual(["ITEM"]);
    expect(await verify.region("64.08")).toMatchObject({ ok: true, checked: moved });
    expect((await verify.item("referral", id)).ok).toBe(true);
    expect((await t.deps.store.notifications.forItem("referral", id)).map((n) => n.id)).toEqual(["n-old"]);

    expect(await migrateAuditTrail(t.deps.store)).toEqual({ events: 0, notifications: 0 });
  });
});
