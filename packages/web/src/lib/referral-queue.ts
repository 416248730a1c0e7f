import { PAGES } from "@rujuk/core/pages";
import { clearDraft, loadDraft } from "./drafts.ts";
import { drop } from "./outbox.ts";

/**
 * Where a referral not yet on the server is kept and corrected: the new-referral form's draft, and a draft per
 * refused outbox entry opened from the list. The list and the form agree on these names, so a referral is edited
 * in one place only and discarding it discards it everywhere.
 */

/** The draft of the new-referral form. */
export const NEW_REFERRAL_FORM = "referral:new";

/** The form's query parameter naming a refused referral of the outbox to correct (its Idempotency-Key). */
export const REFERRAL_FIX_PARAM = "perbaiki";

/** The draft of a refused referral being corrected. */
export function fixForm(key: string): string {
  return `referral:${REFERRAL_FIX_PARAM}:${key}`;
}

/** The key the new-referral form's draft was sent under, if it has been sent. */
function newFormKey(account: string): string | undefined {
  const stored = loadDraft(account, NEW_REFERRAL_FORM);
  if (typeof stored !== "object" || stored === null) return undefined;
  const key: unknown = Object.fromEntries(Object.entries(stored)).key;
  return typeof key === "string" ? key : undefined;
}

/** Where to correct a refused referral: the new form when it is that form's own draft, else its own draft. */
export function fixLink(account: string, key: string): string {
  return newFormKey(account) === key
    ? PAGES.newReferral
    : `${PAGES.newReferral}?${REFERRAL_FIX_PARAM}=${encodeURIComponent(key)}`;
}

/** Gives up a referral not yet on the server: out of the outbox, and its draft with it. */
export function discardQueued(account: string, key: string): void {
  drop(account, key);
  clearDraft(account, fixForm(key));
  if (newFormKey(account) === key) clearDraft(account, NEW_REFERRAL_FORM);
}
