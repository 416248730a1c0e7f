import { itemRef } from "@rujuk/core/audit";
import type { ItemStore } from "@rujuk/core/store/items";
import type { ApprovalWorkflow } from "@rujuk/core/workflow";
import type { AppDeps } from "@rujuk/functions/deps";
import type { LocalDeps } from "../app-deps.ts";

/**
 * A workflow that only records that the item waits at the first level of its chain, writing what the state
 * machine's first task writes. For tests of intake that need no chain behind it.
 */
export function recordingWorkflow(items: ItemStore, clock: () => Date = () => new Date()): ApprovalWorkflow {
  return {
    async start(kind, { id }) {
      const item = await items.get(kind, id);
      if (!item || item.currentLevel !== null || item.status !== "in_review") return;
      const level = item.chain[0]!;
      await items.change(kind, id, () => ({
        events: [{ type: "level_opened", at: clock().toISOString(), ...itemRef(kind, id), actor: null, level }],
        set: { currentLevel: level, workflowStarted: true },
        queue: null,
      }));
    },
    signal: () => Promise.resolve("delivered"),
  };
}

/**
 * Local deps with the recording workflow on their own store and clock: for tests and benchmarks of the API alone,
 * where a submission should land in the first level's inbox without a Step Functions endpoint behind it.
 */
export function withRecordingWorkflow(deps: LocalDeps): AppDeps {
  return { ...deps, workflow: recordingWorkflow(deps.store.items, deps.clock) };
}
