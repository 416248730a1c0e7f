import { actorRef, itemRef } from "@rujuk/core/audit";
import { planOpenLevel } from "@rujuk/core/approval";
import { deadlineSeconds } from "@rujuk/core/deadline";
import { nikIndexKey } from "@rujuk/core/nik-index";
import { type ReferralInput, newReferral } from "@rujuk/core/referral";
import { auditPuts } from "@rujuk/core/store/audit";
import { changeWrites, creationWrites } from "@rujuk/core/store/items";
import { storedOf } from "@rujuk/core/store/item-rows";
import type { Actor } from "@rujuk/core/user";

/** A row to put into one of the app's tables. */
export interface SeedPut {
  TableName: string;
  Item: Record<string, unknown>;
}

/**
 * The rows a referral has once filed by `actor` (a TKSK) at `filedAt` and opened at its first level at `openedAt`,
 * built by the app's own code so that a seed writes exactly what the app would: the creation (`creationWrites`: the
 * item with its index entries, `submitted` and its ledger entry), then the first task's change (`planOpenLevel`),
 * sealed after it and applied by the store's own `changeWrites` (its attributes set and removed, `level_opened`
 * with its ledger entry). Written as plain Puts, without the conditions, for a batch write into empty tables.
 */
export function openedReferral(
  tables: { table: string; auditTable: string },
  seed: { actor: Actor; input: ReferralInput; id: string; filedAt: Date; openedAt: Date; nikKey: string },
): SeedPut[] {
  const { actor, input, id, filedAt, openedAt } = seed;
  const item = newReferral(input, actor, id, filedAt);
  const created = creationWrites(
    tables,
    {
      kind: "referral",
      item,
      event: { type: "submitted", at: filedAt.toISOString(), ...itemRef("referral", id), actor: actorRef(actor) },
      nikIndex: nikIndexKey(seed.nikKey, input.subject.nik, actor.regionCode),
    },
    filedAt,
  );
  const stored = storedOf("referral", created.row);
  const level = item.chain[0]!;
  const change = planOpenLevel("referral", stored, {
    // The first wait of an execution is step 1 (infra/workflow/approval-chain.ts); the token stands in for the one
    // Step Functions hands that task.
    token: `bench-scale-token-${id}`,
    step: 1,
    level,
    deadlineSeconds: deadlineSeconds(level, item.urgency),
    now: openedAt,
  });
  if (!change) throw new Error(`referral ${id} would not open at ${level}`);
  const { events, written: row } = changeWrites("referral", created.row, stored, change, openedAt);

  // The created item's Put carries the row itself: it is written as opened instead.
  const put = ({ Put }: { Put: SeedPut }): SeedPut => ({
    TableName: Put.TableName,
    Item: Put.Item === created.row ? row : Put.Item,
  });
  return [...created.transactItems, ...auditPuts(tables.auditTable, events, item.kecamatanCode)].map(put);
}
