import { itemRef } from "./audit.ts";
import type { ItemKind } from "./chain.ts";
import type { ItemStore } from "./store/items.ts";

/**
 * The port through which a new item starts its approval workflow. Starting twice for the same item must be harmless:
 * callers retry, and a reconciler may start items whose first attempt failed.
 */
export interface ApprovalWorkflow {
  start(kind: ItemKind, id: string): Promise<void>;
}

/**
 * A workflow that only records that the item waits at the first level of its chain. It stands in until the Step
 * Functions state machine takes over the chain; it writes what that machine's first task will write.
 */
export function recordingWorkflow(items: ItemStore, clock: () => Date = () => new Date()): ApprovalWorkflow {
  return {
    async start(kind, id) {
      const item = await items.get(kind, id);
      if (!item || item.currentLevel !== null || item.status !== "in_review") return;
      const level = item.chain[0]!;
      await items.append(
        kind,
        id,
        { type: "level_opened", at: clock().toISOString(), ...itemRef(kind, id), actor: null, level },
        { currentLevel: level },
      );
    },
  };
}
