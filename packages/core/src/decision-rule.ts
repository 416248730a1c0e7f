import type { Text } from "./bilingual.ts";
import type { DecisionCode } from "./status.ts";

/**
 * Whether a decision needs the official's comment: rejecting or returning an item says why, approving need not.
 * Its own module, free of zod and of the whole TEXT table, so the decision panel in the browser asks the same rule
 * the API enforces, and says it in the same words.
 */
export function needsComment(decision: DecisionCode): boolean {
  return decision !== "approve";
}

/** The rule's sentence; part of TEXT. */
export const DECISION_TEXT = {
  commentRequired: {
    en: "A comment is required to reject or return an item.",
    id: "Catatan wajib diisi untuk menolak atau mengembalikan berkas.",
  },
} as const satisfies Record<string, Text>;
