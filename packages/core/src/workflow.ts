import type { ItemKind } from "./chain.ts";
import type { SignalOutput } from "./chain-tasks.ts";

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
