import { itemRef } from "./audit.ts";
import type { ItemKind } from "./chain.ts";
import type { SignalOutput } from "./item-state.ts";
import type { ItemStore } from "./store/items.ts";

/**
 * The port between the app and the approval workflow. Both calls must be safe to repeat: callers retry, and the
 * reconciler repeats what a crash interrupted.
 */
export interface ApprovalWorkflow {
  /** Starts the item's workflow (idempotent by item). */
  start(kind: ItemKind, id: string): Promise<void>;
  /**
   * Hands a recorded decision, resubmission or withdrawal to the workflow waiting on `token`. `delivered` when it
   * took it (now or before: a token already used means so); `expired` when the wait timed out first, in which case
   * the workflow reopens the level and the signal goes with the new token.
   */
  signal(token: string, output: SignalOutput): Promise<"delivered" | "expired">;
}

/**
 * A workflow that only records that the item waits at the first level of its chain, writing what the state
 * machine's first task writes. For tests of intake that need no chain behind it.
 */
export function recordingWorkflow(items: ItemStore, clock: () => Date = () => new Date()): ApprovalWorkflow {
  return {
    async start(kind, id) {
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
