/**
 * An item's statuses and the decisions an official takes on it, as plain code lists: free of zod and the policy
 * (item.ts, which re-exports them), so a page can offer them in a filter and label them (labels.ts).
 */
export const STATUSES = ["in_review", "returned", "approved", "rejected", "withdrawn"] as const;
export type Status = (typeof STATUSES)[number];
export const OPEN_STATUSES: readonly Status[] = ["in_review", "returned"];

export const DECISIONS = ["approve", "reject", "return"] as const;
export type DecisionCode = (typeof DECISIONS)[number];
