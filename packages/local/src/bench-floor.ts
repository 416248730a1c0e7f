import { randomUUID } from "node:crypto";
import { TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { actorRef, itemRef } from "@rujuk/core/audit";
import { newId } from "@rujuk/core/ids";
import { nikIndexKey } from "@rujuk/core/nik-index";
import { ReferralInput, newReferral } from "@rujuk/core/referral";
import type { Store } from "@rujuk/core/store/index";
import { creationWrites } from "@rujuk/core/store/items";
import { actorOf } from "@rujuk/core/user";
import { quantile } from "./call-timings.ts";

/** What a run of the floor gives: transactions per second, and each one's latency. */
export interface FloorResult {
  perSecond: number;
  transactions: number;
  p50: number;
  p99: number;
}

/**
 * The floor of filing a referral: the one transaction a submission cannot do without (the item, its idempotency
 * record, its first audit event and ledger entry), built by the store's own `creationWrites` for a fresh referral
 * each time and sent straight to DynamoDB, `concurrency` at a time for `seconds`. No HTTP, no session, no checks.
 */
export async function transactionFloor(
  store: Store,
  options: { username: string; body: unknown; nikKey: string; concurrency: number; seconds: number },
): Promise<FloorResult> {
  const account = (await store.users.credentials(options.username))?.user;
  if (!account) throw new Error(`no account ${options.username}`);
  const actor = actorOf(account);
  const input = ReferralInput.parse(options.body);
  const nikIndex = nikIndexKey(options.nikKey, input.subject.nik, actor.regionCode);
  const tables = { table: store.table, auditTable: store.audit.table };

  const latencies: number[] = [];
  const until = performance.now() + options.seconds * 1000;
  const worker = async () => {
    while (performance.now() < until) {
      const at = new Date();
      const id = newId(at.getTime());
      const { transactItems } = creationWrites(
        tables,
        {
          kind: "referral",
          item: newReferral(input, actor, id, at),
          event: { type: "submitted", at: at.toISOString(), ...itemRef("referral", id), actor: actorRef(actor) },
          nikIndex,
          idempotency: { userId: actor.id, key: randomUUID(), requestHash: "0".repeat(64) },
        },
        at,
      );
      const started = performance.now();
      await store.db.send(new TransactWriteCommand({ TransactItems: transactItems }));
      latencies.push(performance.now() - started);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  return {
    perSecond: latencies.length / elapsed,
    transactions: latencies.length,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
  };
}
