import type { DecisionCode } from "./item.ts";

/**
 * Whether a decision needs the official's comment: rejecting or returning an item says why, approving need not.
 * Its own module, free of zod, so the decision panel in the browser asks the same rule the API enforces.
 */
export function needsComment(decision: DecisionCode): boolean {
  return decision !== "approve";
}
