import type { ItemKind } from "./chain.ts";
import type { Urgency } from "./deadline.ts";
import type { ItemView, ReferralView, ReportView } from "./item-state.ts";

/**
 * An official's inbox as the domain sees it: what an item must be to match a filter or a search, and when it is
 * overdue. The store reads the inbox index in its order and keeps what matches here (narrowing the index read where
 * the index can), so a filter costs a bounded number of index pages per request, however rare its matches.
 */

/** What an official may narrow their inbox to; every field left out lets everything through. */
export interface InboxFilter {
  kind?: ItemKind | undefined;
  urgency?: Urgency | undefined;
  category?: string | undefined;
  /** A kecamatan inside the caller's region (the route checks that it is). */
  kecamatan?: string | undefined;
  /** A desa inside the caller's region: the referred person's. */
  desa?: string | undefined;
  /** An item's id or number, exactly, or part of the referred person's name. */
  q?: string | undefined;
  /** Only items overdue at this instant. */
  overdueAt?: string | undefined;
}

/** An inbox entry: the item, its kind, and for a referral how many other open referrals name the same person. */
export type InboxEntry = (ReferralView & { kind: "referral"; duplicates: number }) | (ReportView & { kind: "report" });

/** What an official's inbox holds: waiting at their level, overdue of those, and returned by it to submitters. */
export interface InboxCounts {
  waiting: number;
  overdue: number;
  returned: number;
}

/**
 * Overdue at `at`: past this level's deadline, or reopened at a level whose deadline it once missed. (The store's
 * index filter for `overdue` says the same over the inbox index's projected `dueAt` and `overdueSince`.)
 */
export function isOverdue(item: Pick<ItemView, "dueAt" | "overdueSince">, at: string): boolean {
  return item.overdueSince !== undefined || (item.dueAt !== null && item.dueAt < at);
}

/** The kind a filter lets through: only referrals have an urgency, a category and a desa. */
export function kindOfFilter(filter: InboxFilter): ItemKind | undefined {
  if (filter.kind) return filter.kind;
  return filter.urgency || filter.category || filter.desa ? "referral" : undefined;
}

/** Text as a search compares it: accents (the marks of a decomposed letter) dropped, lower case, NFC. */
export function folded(text: string): string {
  return text.normalize("NFD").toLowerCase().replace(/\p{M}/gu, "").normalize("NFC");
}

/**
 * Whether `q` finds the item: its id or its number, exactly (ids and numbers are upper case, so either case will
 * do), or part of the referred person's name, whatever its case and accents ("Sítí" finds "Siti").
 */
export function matchesSearch(item: ItemView, q: string): boolean {
  const exact = q.toUpperCase();
  if (item.id === exact || item.number.toUpperCase() === exact) return true;
  return "subject" in item && folded(item.subject.name).includes(folded(q));
}

/** Whether an inbox item of this kind matches the filter. */
export function matchesInbox(kind: ItemKind, item: ItemView, filter: InboxFilter): boolean {
  const wanted = kindOfFilter(filter);
  if (wanted && kind !== wanted) return false;
  if (filter.kecamatan && item.kecamatanCode !== filter.kecamatan) return false;
  if (filter.overdueAt && !isOverdue(item, filter.overdueAt)) return false;
  const referral = "subject" in item ? item : undefined;
  if (filter.urgency && referral?.urgency !== filter.urgency) return false;
  if (filter.category && referral?.category !== filter.category) return false;
  if (filter.desa && referral?.subject.desaCode !== filter.desa) return false;
  return !filter.q || matchesSearch(item, filter.q);
}
