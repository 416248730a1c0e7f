import * as z from "zod";
import type { EventBody } from "./audit.ts";
import { type ItemKind, LEVELS, type Level } from "./chain.ts";
import { SignalOutput } from "./chain-tasks.ts";
import { Referral, type ReferralInput } from "./referral.ts";
import { Report, type ReportInput } from "./report.ts";

/**
 * An item as the system of record keeps it: what its readers see (a referral or a report), and the approval chain's
 * own state, which never leaves the server. Core owns this shape; the store parses every row it reads with it and
 * writes only the changes typed below, so a misspelt field or a row of the wrong shape fails where it happens.
 */

/** A signal recorded with the change that caused it and not yet delivered to the workflow waiting on `token`. */
export const PendingSignal = z.object({
  token: z.string(),
  output: SignalOutput,
  level: z.enum(LEVELS).nullable(),
  at: z.string(),
});
export type PendingSignal = z.infer<typeof PendingSignal>;

/**
 * Where an item waits, as the store lists it: in an inbox for an official, for the workflow (the reconciler), or, once
 * a level returned it, for its submitter (counted for the level that returned it).
 */
export const QUEUES = ["inbox", "reconcile", "returned"] as const;
export type QueueName = (typeof QUEUES)[number];

/** The chain's state on an item; none of it is ever shown to a caller. */
const WORKFLOW = {
  /** The item's revision, for optimistic concurrency. */
  rev: z.number().int().optional(),
  /** The last audit event of the item's chain: the next one links to it. */
  auditSeq: z.number().int(),
  auditHash: z.string(),
  /** The duplicate-detection partition of the person's NIK (a keyed hash, never the NIK). */
  nikIndex: z.string().optional(),
  /** The task token the item's workflow waits on, and for what. */
  taskToken: z.string().optional(),
  waitingFor: z.enum(["decision", "resubmission"]).optional(),
  pendingSignal: PendingSignal.optional(),
  workflowStarted: z.boolean().optional(),
  /** The highest workflow step applied to the item (see infra/workflow/approval-chain.ts). */
  workflowStep: z.number().int().optional(),
  /** The deadline whose passing has been recorded (reminded and escalated) once. */
  remindedFor: z.string().optional(),
  /** Which queue lists the item now; the store reads it off the item's index entry. */
  queue: z.enum(QUEUES).nullable(),
};

/** What an official's inbox shows beside the item: the deadline this level first missed, kept while it reopens. */
const SHOWN = { overdueSince: z.string().optional() };

/** An item as its readers get it from the store: the kind's own fields and what the inbox shows. */
export const ReferralView = Referral.extend(SHOWN);
export const ReportView = Report.extend(SHOWN);
export type ReferralView = z.infer<typeof ReferralView>;
export type ReportView = z.infer<typeof ReportView>;
export type ItemView = ReferralView | ReportView;
export type ViewOf<K extends ItemKind> = K extends "referral" ? ReferralView : ReportView;
/** Each kind's view, for the store to parse its rows with: what is not in it (keys, the chain's state) is dropped. */
export const ITEM_VIEW = { referral: ReferralView, report: ReportView } as const satisfies Record<ItemKind, z.ZodType>;

/** The chain's state on an item, parsed from the same row as its view; never shown to a caller. */
export const ItemWorkflow = z.object(WORKFLOW);
export type ItemWorkflow = z.infer<typeof ItemWorkflow>;

/** The whole stored item: its view and the chain's state. */
export type StoredOf<K extends ItemKind> = ViewOf<K> & ItemWorkflow;
export type StoredItem = StoredOf<"referral"> | StoredOf<"report">;

/** The form a submitter may replace while the item is returned, and the NIK index a corrected NIK moves it to. */
export type EditForm =
  | (Pick<ReferralInput, "subject" | "category" | "urgency" | "service" | "summary"> & { nikIndex: string })
  | Pick<ReportInput, "period" | "activities" | "counts" | "notes">;

/** Every field of either kind, each with its one type. */
type AnyStored = ReferralView & ReportView & ItemWorkflow;
type Identity = "id" | "number" | "createdAt" | "submittedBy" | "kecamatanCode" | "chain";
type Bookkeeping = "updatedAt" | "rev" | "auditSeq" | "auditHash" | "queue";

/**
 * Fields a change may set: any of the item's own but its identity and the store's bookkeeping (revision, audit
 * head, queue). A field given as `undefined` is left alone (an edit clears what its form left out by `remove`).
 */
export type ItemFields = { [K in Exclude<keyof AnyStored, Identity | Bookkeeping>]?: AnyStored[K] | undefined };

type OptionalKeys<T> = { [K in keyof T]-?: Record<never, never> extends Pick<T, K> ? K : never }[keyof T];
/** Fields a change may remove: only those an item may lack. */
export type RemovableField = Exclude<OptionalKeys<AnyStored>, Bookkeeping>;

/** Where a change puts the item: an inbox, from `since`, the reconciler's queue, or returned by `level`. */
export type Queue =
  | { name: "inbox"; level: Level; since: string }
  | { name: "reconcile"; since: string }
  | { name: "returned"; level: Level; since: string };

/**
 * One change to an item: audit events to append, fields to set and to remove, and which indexes list it, as
 * intent. The store alone turns `queue` and `duplicates` into index keys.
 */
export interface ItemChange {
  events?: EventBody[];
  set?: ItemFields;
  remove?: readonly RemovableField[];
  /** The queue that lists the item from now on; `null` takes it off every queue; left out, unchanged. */
  queue?: Queue | null;
  /** Whether the item is listed for duplicate detection, under its NIK index; left out, unchanged. */
  duplicates?: boolean;
}
