import { createHash } from "node:crypto";
import * as z from "zod";
import type { ItemKind } from "./chain.ts";
import { EVENT_TYPES, type EventType } from "./event-types.ts";
import { NIK_IN_TEXT, maskNik } from "./nik.ts";
import type { Actor } from "./user.ts";

export const GENESIS_HASH = "0".repeat(64);

// The lists of event types live apart, so the browser can have them without this module's hashing and parsing.
export { ACCESS_EVENT_TYPES, EVENT_TYPES, type EventType, ITEM_EVENT_TYPES } from "./event-types.ts";

/** The person who acted, as they were when they acted (a later rename or move does not rewrite history). */
export interface EventActor {
  id: string;
  /** Absent on events written before names were recorded. */
  name?: string;
  role: string;
  regionCode: string;
}

/** One field an edit changed: its dotted path and the values on either side. */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/**
 * An append-only audit event. Each event's hash covers its content and the previous hash, so edits show. Every
 * field is part of the hash: see `canonicalJson` and the README's "Audit trail".
 */
export interface AuditEvent {
  seq: number;
  at: string;
  type: EventType;
  referralId?: string;
  reportId?: string;
  actor: EventActor | null;
  /** The region the event concerns: the item's kecamatan, or an export's region. Absent on the oldest events. */
  region?: string;
  level?: string;
  decision?: string;
  comment?: string;
  changes?: FieldChange[];
  /** Why an auditor revealed a NIK (`pii_viewed`). */
  reason?: string;
  /** What an export selected and how many events it wrote (`exported`). */
  filter?: Record<string, string>;
  rows?: number;
  prevHash: string;
  hash: string;
}

/**
 * An event as the audit table holds it, for the store to parse what it reads. Loose at every depth: the hash covers
 * the stored event whole (README, "Verifying it yourself"), so a parse hands on every attribute it found, one this
 * schema does not name included, and verification judges it; a field of the wrong type is a bug and throws. The
 * type stays the interface above, which this schema is checked against: its output's index signature would leave
 * `Omit` (`EventBody`) no named field.
 */
export const AuditEvent = z.looseObject({
  seq: z.number().int(),
  at: z.string(),
  type: z.enum(EVENT_TYPES),
  referralId: z.string().optional(),
  reportId: z.string().optional(),
  actor: z
    .looseObject({ id: z.string(), name: z.string().optional(), role: z.string(), regionCode: z.string() })
    .nullable(),
  region: z.string().optional(),
  level: z.string().optional(),
  decision: z.string().optional(),
  comment: z.string().optional(),
  changes: z.array(z.looseObject({ field: z.string(), before: z.unknown(), after: z.unknown() })).optional(),
  reason: z.string().optional(),
  filter: z.record(z.string(), z.string()).optional(),
  rows: z.number().int().optional(),
  prevHash: z.string(),
  hash: z.string(),
}) satisfies z.ZodType<AuditEvent>;

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

/** Lowercase hex SHA-256 of the text, as every hash of the trail is written. */
export const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

export function hashEvent(event: Omit<AuditEvent, "hash">): string {
  return sha256(canonicalJson(event));
}

/** The next event of a chain whose last event had `prev` (`null` for the first). */
export function sealEvent(body: EventBody, prev: { seq: number; hash: string } | null): AuditEvent {
  const unsealed = { ...body, seq: (prev?.seq ?? 0) + 1, prevHash: prev?.hash ?? GENESIS_HASH };
  return { ...unsealed, hash: hashEvent(unsealed) };
}

/** Events that continue a chain whose last event had `prev` (`null` for a new chain), in the bodies' order. */
export function sealEvents(bodies: readonly EventBody[], prev: { seq: number; hash: string } | null): AuditEvent[] {
  const events: AuditEvent[] = [];
  for (const body of bodies) events.push(sealEvent(body, events.at(-1) ?? prev));
  return events;
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

export function actorRef(actor: Actor): EventActor {
  return { id: actor.id, name: actor.name, role: actor.role, regionCode: actor.regionCode };
}

/** A plain value, compared by content. */
function same(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);

/**
 * What an edit changes: one entry per leaf field whose value differs, with dotted paths (`subject.nik`). Records
 * are compared field by field; arrays and other values as a whole. A field absent on one side is `null` there.
 */
export function fieldChanges(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  prefix = "",
): FieldChange[] {
  const changes: FieldChange[] = [];
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  for (const name of names) {
    const [a, b] = [before[name] ?? null, after[name] ?? null];
    const field = `${prefix}${name}`;
    // A record on both sides is compared field by field; `counts` of a report is a record too.
    if (isRecord(a) && isRecord(b)) changes.push(...fieldChanges(a, b, `${field}.`));
    else if (!same(a, b)) changes.push({ field, before: a, after: b });
  }
  return changes;
}

/**
 * The item as it was just before the edits among `events` after `seq`: starts from the current item and undoes
 * every recorded change from the newest back. With `seq` 0, the item as first submitted.
 */
export function versionAt<T extends Record<string, unknown>>(
  current: T,
  events: readonly AuditEvent[],
  seq: number,
): T {
  const copy = structuredClone(current) as Record<string, unknown>;
  for (const event of [...events].reverse()) {
    if (event.seq <= seq || event.type !== "edited") continue;
    for (const change of event.changes ?? []) setPath(copy, change.field, change.before);
  }
  return copy as T;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown) {
  const parts = path.split(".");
  let node = target;
  for (const part of parts.slice(0, -1)) {
    if (!isRecord(node[part])) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  const last = parts.at(-1)!;
  if (value === null) delete node[last];
  else node[last] = value;
}

/** The field paths that hold a NIK in an item, and so in an edit's changes. */
const NIK_FIELDS = new Set(["subject.nik"]);

/** Free text with every NIK-shaped run of 16 digits masked but for its last four. */
export function maskNiksIn(text: string): string {
  return text.replace(NIK_IN_TEXT, (run) => maskNik(run.replace(/\D/g, "")));
}

/**
 * The event as auditors see it: NIKs masked (last 4 digits) in edits and in free text, and `masked` naming the
 * fields that were. The hash covers the unmasked event, so a masked event cannot be re-hashed by a reader (its
 * links, `seq` and ledger line still can); `verify` works on the stored events.
 */
export function maskedEvent(event: AuditEvent): AuditEvent & { masked?: string[] } {
  const masked: AuditEvent & { masked?: string[] } = { ...event };
  if (event.comment) masked.comment = maskNiksIn(event.comment);
  if (event.reason) masked.reason = maskNiksIn(event.reason);
  if (event.changes) {
    masked.changes = event.changes.map((c) =>
      NIK_FIELDS.has(c.field)
        ? {
            ...c,
            before: typeof c.before === "string" ? maskNik(c.before) : c.before,
            after: typeof c.after === "string" ? maskNik(c.after) : c.after,
          }
        : { ...c, before: maskValue(c.before), after: maskValue(c.after) },
    );
  }
  const fields = (["comment", "reason", "changes"] as const).filter((f) => !same(masked[f], event[f]));
  if (fields.length) masked.masked = fields;
  return masked;
}

function maskValue(value: unknown): unknown {
  return typeof value === "string" ? maskNiksIn(value) : value;
}
