import { planSignalDelivered } from "@rujuk/core/approval";
import type { ItemKind } from "@rujuk/core/chain";
import type { StoredItem } from "@rujuk/core/item-state";
import type { ItemStore } from "@rujuk/core/store/items";
import type { ApprovalWorkflow } from "@rujuk/core/workflow";

/**
 * Hands the item's recorded signal (a decision, resubmission or withdrawal) to its workflow. The signal was
 * committed before this runs, so a failure here loses nothing: the reconciler delivers it later.
 *
 * `item` is the item as the caller just changed it, so it is not read again. Once delivered, the workflow's next
 * step takes the signal off the item with the change it makes anyway (it opens the next level, waits for the
 * resubmission, or ends), so a route does not mark it (`markDelivered: false`): that would be one more write of the
 * item, racing that very step. The reconciler marks it, since it delivers where that step may never have run.
 */
export async function deliverSignal(
  items: ItemStore,
  workflow: ApprovalWorkflow,
  kind: ItemKind,
  id: string,
  options: { item?: StoredItem; markDelivered?: boolean } = {},
) {
  const item = options.item ?? (await items.stored(kind, id));
  const pending = item?.pendingSignal;
  if (!pending) return;
  const result = await workflow.signal(pending.token, pending.output);
  if (result === "delivered" && options.markDelivered !== false) {
    await items.change(kind, id, (row) => planSignalDelivered(row, pending.token));
  }
}

/**
 * Repairs what a crash or an outage interrupted: items whose workflow never started are started, and recorded
 * signals that never reached their workflow are delivered. Safe to run at any time, on any number of instances.
 */
export async function reconcile(
  items: ItemStore,
  workflow: ApprovalWorkflow,
): Promise<{ started: number; delivered: number; failed: number }> {
  const summary = { started: 0, delivered: 0, failed: 0 };
  for (const { kind, id } of await items.awaitingWorkflow()) {
    try {
      const item = await items.stored(kind, id);
      if (item?.pendingSignal) {
        await deliverSignal(items, workflow, kind, id);
        summary.delivered++;
      } else if (item && !item.workflowStarted) {
        await workflow.start(kind, item);
        summary.started++;
      }
    } catch (error) {
      summary.failed++;
      console.error("reconcile: will retry", kind, id, error);
    }
  }
  return summary;
}
