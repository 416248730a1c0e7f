/**
 * The kinds of event the audit trail records, as plain lists: free of hashing and parsing (audit.ts, which
 * re-exports them), so a page can offer them in a search and label them (labels.ts).
 */

/** What happens to an item on its way up the chain. */
export const ITEM_EVENT_TYPES = [
  "submitted",
  "level_opened",
  "decided",
  "returned",
  "resubmitted",
  "edited",
  "reminded",
  "escalated",
  "approved",
  "rejected",
  "withdrawn",
  "notified",
] as const;
export type ItemEventType = (typeof ITEM_EVENT_TYPES)[number];
/** What auditors themselves do: the auditors' own log. */
export const ACCESS_EVENT_TYPES = ["pii_viewed", "exported"] as const;
export const EVENT_TYPES = [...ITEM_EVENT_TYPES, ...ACCESS_EVENT_TYPES] as const;
export type EventType = (typeof EVENT_TYPES)[number];
