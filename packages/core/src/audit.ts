import { createHash } from "node:crypto";
import type { ItemKind } from "./chain.ts";
import type { Actor } from "./user.ts";

export const GENESIS_HASH = "0".repeat(64);

export const EVENT_TYPES = [
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
export type EventType = (typeof EVENT_TYPES)[number];

/** An append-only audit event. Each event's hash covers its content and the previous hash, so edits show. */
export interface AuditEvent {
  seq: number;
  at: string;
  type: EventType;
  referralId?: string;
  reportId?: string;
  actor: { id: string; role: string; regionCode: string } | null;
  level?: string;
  decision?: string;
  comment?: string;
  prevHash: string;
  hash: string;
}

export type EventBody = Omit<AuditEvent, "seq" | "prevHash" | "hash">;

/** JSON with keys sorted at every depth, so the same event always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function hashEvent(event: Omit<AuditEvent, "hash">): string {
  return createHash("sha256").update(canonicalJson(event)).digest("hex");
}

/** The next event of a chain whose last event had `prev` (`null` for the first). */
export function sealEvent(body: EventBody, prev: { seq: number; hash: string } | null): AuditEvent {
  const unsealed = { ...body, seq: (prev?.seq ?? 0) + 1, prevHash: prev?.hash ?? GENESIS_HASH };
  return { ...unsealed, hash: hashEvent(unsealed) };
}

/** The first event that does not follow from the one before it, or `null` when the chain is whole. */
export function firstBroken(events: readonly AuditEvent[]): AuditEvent | null {
  let prev: { seq: number; hash: string } | null = null;
  for (const event of events) {
    const { hash, ...rest } = event;
    const expectedSeq = (prev?.seq ?? 0) + 1;
    if (event.seq !== expectedSeq || event.prevHash !== (prev?.hash ?? GENESIS_HASH) || hashEvent(rest) !== hash) {
      return event;
    }
    prev = event;
  }
  return null;
}

/** The field that names the event's item: `referralId` or `reportId`, as the API shows it. */
export function itemRef(kind: ItemKind, id: string): { referralId: string } | { reportId: string } {
  return kind === "referral" ? { referralId: id } : { reportId: id };
}

export function actorRef(actor: Actor): AuditEvent["actor"] {
  return { id: actor.id, role: actor.role, regionCode: actor.regionCode };
}
