import type { ItemKind } from "./chain.ts";
import type { SignalOutput, executionInput } from "./chain-tasks.ts";

/** What starting an item's workflow needs of it: what its execution's input is made of, and whether it started. */
export type StartingItem = Parameters<typeof executionInput>[1] & { workflowStarted?: boolean | undefined };

/**
 * The port between the app and the approval workflow. Both calls must be safe to repeat: callers retry, and the
 * reconciler repeats what a crash interrupted.
 */
export interface ApprovalWorkflow {
  /** Starts the item's workflow (idempotent by item), from the item as the caller has it. */
  start(kind: ItemKind, item: StartingItem): Promise<void>;
  /**
   * Hands a recorded decision, resubmission or withdrawal to the workflow waiting on `token`. `delivered` when it
   * took it (now or before: a token already used means so); `expired` when the wait timed out first, in which case
   * the workflow reopens the level and the signal goes with the new token.
   */
  signal(token: string, output: SignalOutput): Promise<"delivered" | "expired">;
}
