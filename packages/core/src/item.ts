import * as z from "zod";
import { type ItemKind, LEVELS, type Level } from "./chain.ts";
import { onItem } from "./policy.ts";
import type { Actor } from "./user.ts";
import { OFFICIAL_ROLES } from "./user.ts";
import { DECISIONS, type DecisionCode, OPEN_STATUSES, STATUSES, type Status } from "./status.ts";

// The code lists live in status.ts, for the browser; this module stays where they are imported from.
export { DECISIONS, type DecisionCode, OPEN_STATUSES, STATUSES, type Status };

/**
 * What referrals and reports share: both are filed by a TKSK in a kecamatan and climb a chain of approval levels.
 * One shape, one set of rules, so the two kinds cannot drift apart.
 */

export const Decision = z.object({
  level: z.enum(LEVELS),
  decision: z.enum(DECISIONS),
  comment: z.string().nullable(),
  by: z.object({ id: z.string(), name: z.string(), role: z.string() }),
  at: z.string(),
});
export type Decision = z.infer<typeof Decision>;

export const ItemBase = z.object({
  id: z.string(),
  number: z.string(),
  status: z.enum(STATUSES),
  currentLevel: z.enum(LEVELS).nullable(),
  chain: z.array(z.enum(LEVELS)),
  createdAt: z.string(),
  updatedAt: z.string(),
  submittedBy: z.object({ id: z.string(), name: z.string() }),
  kecamatanCode: z.string(),
  dueAt: z.string().nullable(),
  decisions: z.array(Decision),
});
export type ItemBase = z.infer<typeof ItemBase>;

const NUMBER_PREFIX: Record<ItemKind, string> = { referral: "RJK", report: "LAP" };

/** The fields every new item starts with: in review, not yet opened at any level, nothing decided. */
export function newItemBase(kind: ItemKind, id: string, chain: Level[], actor: Actor, now: Date): ItemBase {
  const at = now.toISOString();
  // A short, readable number for phone calls and paper files; the id stays the key.
  const number = `${NUMBER_PREFIX[kind]}-${at.slice(2, 4)}${at.slice(5, 7)}${at.slice(8, 10)}-${id.slice(-6)}`;
  return {
    id,
    number,
    status: "in_review",
    currentLevel: null,
    chain,
    createdAt: at,
    updatedAt: at,
    submittedBy: { id: actor.id, name: actor.name },
    kecamatanCode: actor.regionCode,
    dueAt: null,
    decisions: [],
  };
}

/** Another open referral for the same person, with what decides who may learn of it. */
export type DuplicateRef = Pick<ItemBase, "id" | "status" | "currentLevel" | "kecamatanCode" | "submittedBy">;
export type DuplicateView = Pick<ItemBase, "status" | "currentLevel"> & { id?: string };

/**
 * What a caller learns of other open referrals for the same person (same NIK): an official, the ids of those they
 * may open; anyone else, the submitter above all, only how many there are and where each stands. An id would tell a
 * TKSK which case another officer filed, and name a case they cannot read.
 */
export function duplicateView(actor: Actor, found: readonly DuplicateRef[]): DuplicateView[] {
  const official = OFFICIAL_ROLES.includes(actor.role);
  return found.map((d) => ({
    ...(official && onItem(actor, "read", d) === "allow" ? { id: d.id } : {}),
    status: d.status,
    currentLevel: d.currentLevel,
  }));
}

export function isOpen(status: Status): boolean {
  return OPEN_STATUSES.includes(status);
}
