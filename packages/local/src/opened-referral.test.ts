import { randomUUID } from "node:crypto";
import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { actorRef, itemRef } from "@rujuk/core/audit";
import { planOpenLevel } from "@rujuk/core/approval";
import { deadlineSeconds } from "@rujuk/core/deadline";
import { newId } from "@rujuk/core/ids";
import { nikIndexKey } from "@rujuk/core/nik-index";
import { ReferralInput, newReferral } from "@rujuk/core/referral";
import { auditTableFor, createDocumentClient, createStore } from "@rujuk/core/store/index";
import { describe, expect, inject, it } from "vitest";
import { ensureAppTable } from "./app-deps.ts";
import { demoReferral } from "./demo-referral.ts";
import { openedReferral } from "./opened-referral.ts";

describe("openedReferral", () => {
  it("builds the rows the store writes when a referral is filed and its first level opened", async () => {
    const endpoint = inject("dynamoEndpoint");
    const db = createDocumentClient({ endpoint, region: "local" });
    const table = `rujuk-test-${randomUUID().slice(0, 8)}`;
    await ensureAppTable(endpoint, table);
    const actor = {
      id: newId(),
      username: "tksk.ancalong",
      name: "Siti",
      role: "tksk",
      regionCode: "64.08.01",
    } as const;
    const input = ReferralInput.parse(demoReferral({ urgency: "urgent" }));
    const filedAt = new Date("2026-11-30T08:00:00.000Z");
    const openedAt = new Date("2026-11-30T08:00:02.000Z");
    const id = newId(filedAt.getTime());
    const nikKey = "test-nik-key";

    // The app's way: the store's create, then the first task's change through the store.
    const store = createStore(db, table, () => openedAt);
    const nikIndex = nikIndexKey(nikKey, input.subject.nik, actor.regionCode);
    await store.items.create({
      kind: "referral",
      item: newReferral(input, actor, id, filedAt),
      event: { type: "submitted", at: filedAt.toISOString(), ...itemRef("referral", id), actor: actorRef(actor) },
      nikIndex,
    });
    await store.items.change("referral", id, (row) =>
      planOpenLevel("referral", row, {
        token: `bench-scale-token-${id}`,
        step: 1,
        level: "kecamatan",
        deadlineSeconds: deadlineSeconds("kecamatan", "urgent"),
        now: openedAt,
      }),
    );

    const scan = async (name: string) => (await db.send(new ScanCommand({ TableName: name }))).Items ?? [];
    const byKey = (rows: Record<string, unknown>[]) =>
      Object.fromEntries(rows.map((r) => [`${String(r.PK)} ${String(r.SK)}`, r]));
    const puts = openedReferral(
      { table, auditTable: auditTableFor(table) },
      { actor, input, id, filedAt, openedAt, nikKey },
    );
    const seeded = (name: string) => byKey(puts.filter((p) => p.TableName === name).map((p) => p.Item));
    const itemRows = (rows: Record<string, unknown>[]) => rows.filter((r) => String(r.PK).startsWith("REFERRAL#"));

    expect(seeded(table)).toEqual(byKey(itemRows(await scan(table))));
    expect(seeded(auditTableFor(table))).toEqual(byKey(await scan(auditTableFor(table))));
    expect(puts).toHaveLength(5);
    expect(puts[0]!.Item).toMatchObject({ GSI4PK: "PENDING#kecamatan#64.08.01", currentLevel: "kecamatan" });
  });
});
