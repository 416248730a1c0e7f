import { type EventBody, type EventType, actorRef, fieldChanges, itemRef } from "./audit.ts";
import { type ItemKind, type Level, levelAbove } from "./chain.ts";
import type { Outcome } from "./chain-tasks.ts";
import { URGENCY_RANK, type Urgency } from "./deadline.ts";
import { Conflict, Invalid, fieldError } from "./errors.ts";
import { type Decision, type Status, isOpen } from "./item.ts";
import { enforceOnItem } from "./policy.ts";
import { ancestorAt } from "./region.ts";
import type { ItemChange, StoredItem } from "./store/items.ts";
import { TEXT } from "./text.ts";
import type { Actor } from "./user.ts";

/**
 * The approval chain's rules as pure plans over a stored item: each returns the change to make (audit events, fields
 * to set and remove) or `undefined` when the change was already made, so a task delivered twice changes nothing.
 * The store commits a plan only if the item did not change meanwhile, so every check here holds when it commits.
 */

export type DecisionKind = Decision["decision"];

const RECONCILE = "RECONCILE";

/** The inbox partition of a level in a region: `PENDING#kabupaten#64.08`. */
export function inboxPartition(level: Level, regionCode: string): string {
  return `PENDING#${level}#${regionCode}`;
}

function inboxKeys(kind: ItemKind, item: StoredItem, level: Level, openedAt: string) {
  const rank = URGENCY_RANK[(item.urgency as Urgency | undefined) ?? "normal"];
  return {
    GSI4PK: inboxPartition(level, ancestorAt(item.kecamatanCode, level)!),
    GSI4SK: `${rank}#${openedAt}#${kind}#${item.id}`,
  };
}

/** The item waits for the workflow (a start or a signal not yet delivered): the reconciler's partition. */
export function reconcileKeys(kind: ItemKind, id: string, since: string) {
  return { GSI4PK: RECONCILE, GSI4SK: `${since}#${kind}#${id}` };
}
export const RECONCILE_PARTITION = RECONCILE;

/**
 * A task from an earlier step than one the item has seen: a copy delivered late, after the chain moved on. Executions
 * started before steps were counted pass none, and are not guarded.
 */
function isLate(item: StoredItem, step: number | undefined): boolean {
  return step !== undefined && item.workflowStep !== undefined && step < item.workflowStep;
}

/** An event the workflow records (no person acted). */
const event = (
  kind: ItemKind,
  item: StoredItem,
  at: string,
  fields: { type: EventType; level?: string },
): EventBody => ({
  at,
  ...itemRef(kind, item.id),
  actor: null,
  ...fields,
});

/** OpenApproval: the item now waits at `level` for a decision, with this token, until `dueAt`. */
export function planOpenLevel(
  kind: ItemKind,
  item: StoredItem,
  task: { token: string; step?: number | undefined; level: Level; deadlineSeconds: number; now: Date },
): ItemChange | undefined {
  if (item.taskToken === task.token || isLate(item, task.step)) return undefined;
  const step = task.step === undefined ? {} : { workflowStep: task.step };
  const pending = item.pendingSignal;
  // A resubmission is what opened this level again, so the workflow has it, even while the route that sent it has
  // not yet recorded the delivery. A decision or withdrawal still pending at this level is one it never got: the
  // level timed out first. That signal stands, and is delivered with this new token (by the reconciler).
  if (pending && pending.level === task.level && pending.output.decision !== "resubmit") {
    if (pending.token === task.token) return undefined;
    return { set: { pendingSignal: { ...pending, token: task.token }, ...step } };
  }
  if (!isOpen(item.status)) return undefined;
  const at = task.now.toISOString();
  const dueAt = new Date(task.now.getTime() + task.deadlineSeconds * 1000).toISOString();
  // Reopened after a missed deadline, the item stays overdue at this level; a new level starts on time.
  const reopened = item.currentLevel === task.level;
  return {
    events: [event(kind, item, at, { type: "level_opened", level: task.level })],
    set: {
      status: "in_review",
      currentLevel: task.level,
      dueAt,
      taskToken: task.token,
      waitingFor: "decision",
      ...step,
      ...inboxKeys(kind, item, task.level, at),
    },
    remove: reopened ? ["pendingSignal"] : ["pendingSignal", "overdueSince"],
  };
}

/** AwaitResubmission: the returned item waits for its submitter, with this token. */
export function planAwaitResubmission(
  item: StoredItem,
  task: { token: string; step?: number | undefined },
): ItemChange | undefined {
  if (item.taskToken === task.token || item.status !== "returned" || isLate(item, task.step)) return undefined;
  return {
    set: {
      taskToken: task.token,
      waitingFor: "resubmission",
      ...(task.step === undefined ? {} : { workflowStep: task.step }),
    },
    remove: ["pendingSignal", "GSI4PK", "GSI4SK"],
  };
}

/** Remind: the level's deadline passed; recorded once per deadline. */
export function planRemind(
  kind: ItemKind,
  item: StoredItem,
  task: { level: Level; step?: number | undefined },
  now: Date,
): ItemChange | undefined {
  if (!isOpen(item.status) || !item.dueAt || item.remindedFor === item.dueAt || isLate(item, task.step))
    return undefined;
  const { level } = task;
  const at = now.toISOString();
  const above = levelAbove(level);
  return {
    events: [
      event(kind, item, at, { type: "reminded", level }),
      ...(above ? [event(kind, item, at, { type: "escalated", level: above })] : []),
    ],
    set: { remindedFor: item.dueAt, overdueSince: item.overdueSince ?? item.dueAt },
  };
}

/** Finalize: the chain ended. An outcome the item already shows (a withdrawal) is only cleaned up, not recorded again. */
export function planFinalize(
  kind: ItemKind,
  item: StoredItem,
  task: { outcome: Outcome; step?: number | undefined },
  now: Date,
): ItemChange | undefined {
  if (isLate(item, task.step)) return undefined;
  const { outcome } = task;
  const cleanup = ["taskToken", "waitingFor", "pendingSignal", "GSI3PK", "GSI3SK", "GSI4PK", "GSI4SK"];
  const settled = !isOpen(item.status);
  if (settled && item.taskToken === undefined && item.GSI4PK === undefined) return undefined;
  return {
    events: settled ? [] : [event(kind, item, now.toISOString(), { type: outcome })],
    set: { status: settled ? item.status : outcome, currentLevel: null, dueAt: null },
    remove: cleanup,
  };
}

/** The workflow got the signal: it no longer needs re-sending. */
export function planSignalDelivered(item: StoredItem, token: string): ItemChange | undefined {
  if (item.pendingSignal?.token !== token) return undefined;
  return { remove: ["pendingSignal", ...(item.GSI4PK === RECONCILE ? ["GSI4PK", "GSI4SK"] : [])] };
}

/** StartExecution went through. */
export function planStarted(item: StoredItem): ItemChange | undefined {
  if (item.workflowStarted) return undefined;
  const stillWaiting = item.GSI4PK === RECONCILE && !item.pendingSignal;
  return { set: { workflowStarted: true }, remove: stillWaiting ? ["GSI4PK", "GSI4SK"] : [] };
}

function signal(item: StoredItem, output: Record<string, unknown>, at: string, kind: ItemKind) {
  return {
    pendingSignal: { token: item.taskToken!, output, level: item.currentLevel, at },
    ...reconcileKeys(kind, item.id, at),
  };
}

/** An official's decision at the item's current level; who may decide is the policy's (`decide`), asked first. */
export function planDecision(
  kind: ItemKind,
  item: StoredItem,
  actor: Actor,
  input: { decision: DecisionKind; comment?: string | undefined },
  now: Date,
): ItemChange {
  enforceOnItem(actor, "decide", item);
  if (item.status !== "in_review" || item.waitingFor !== "decision" || !item.taskToken || !item.currentLevel) {
    throw new Conflict(TEXT.notPendingAtYourLevel, { status: item.status });
  }
  const comment = input.comment?.trim() || null;
  if (!comment && input.decision !== "approve") throw new Invalid([fieldError("comment", TEXT.commentRequired)]);
  const at = now.toISOString();
  const level = item.currentLevel;
  const decision: Decision = {
    level,
    decision: input.decision,
    comment,
    by: { id: actor.id, name: actor.name, role: actor.role },
    at,
  };
  const decided = {
    type: "decided" as const,
    at,
    ...itemRef(kind, item.id),
    actor: actorRef(actor),
    level,
    decision: input.decision,
    ...(comment ? { comment } : {}),
  };
  const returned = input.decision === "return";
  return {
    events: returned ? [decided, { ...decided, type: "returned" as const }] : [decided],
    set: {
      decisions: [...item.decisions, decision],
      status: returned ? "returned" : "in_review",
      dueAt: null,
      ...signal(item, { decision: input.decision }, at, kind),
    },
    remove: ["taskToken", "waitingFor"],
  };
}

function ownOpenItem(item: StoredItem, actor: Actor, action: "resubmit" | "withdraw", allowed: readonly Status[]) {
  enforceOnItem(actor, action, item);
  if (!allowed.includes(item.status)) throw new Conflict(TEXT.notEditable, { status: item.status });
  // The workflow has not yet handed out the token to wait on (a level is opening): a moment later it will have.
  if (!item.taskToken) throw new Conflict(TEXT.betweenSteps, { status: item.status });
}

/** The submitter sends a returned item back to the level that returned it. */
export function planResubmit(kind: ItemKind, item: StoredItem, actor: Actor, now: Date): ItemChange {
  ownOpenItem(item, actor, "resubmit", ["returned"]);
  if (item.waitingFor !== "resubmission") throw new Conflict(TEXT.notEditable, { status: item.status });
  const at = now.toISOString();
  return {
    events: [
      {
        type: "resubmitted",
        at,
        ...itemRef(kind, item.id),
        actor: actorRef(actor),
        level: item.currentLevel ?? undefined,
      },
    ],
    set: { status: "in_review", ...signal(item, { decision: "resubmit" }, at, kind) },
    remove: ["taskToken", "waitingFor"],
  };
}

/** The submitter withdraws an item before its final decision. */
export function planWithdraw(kind: ItemKind, item: StoredItem, actor: Actor, now: Date): ItemChange {
  ownOpenItem(item, actor, "withdraw", ["in_review", "returned"]);
  const at = now.toISOString();
  return {
    events: [{ type: "withdrawn", at, ...itemRef(kind, item.id), actor: actorRef(actor) }],
    set: { status: "withdrawn", dueAt: null, ...signal(item, { decision: "withdraw" }, at, kind) },
    remove: ["taskToken", "waitingFor", "GSI3PK", "GSI3SK"],
  };
}

/** The submitter revises a returned item before resubmitting it. */
export function planEdit(
  kind: ItemKind,
  item: StoredItem,
  actor: Actor,
  fields: Record<string, unknown>,
  now: Date,
): ItemChange {
  enforceOnItem(actor, "edit", item);
  if (item.status !== "returned") throw new Conflict(TEXT.notEditable, { status: item.status });
  const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  // An edit replaces the whole form: an optional field left out of it (a report's notes) is cleared.
  const cleared = Object.keys(fields).filter((name) => fields[name] === undefined);
  // A corrected NIK moves the item to its new duplicate-detection partition.
  const nikIndex =
    typeof defined.nikIndex === "string" ? { GSI3PK: defined.nikIndex, GSI3SK: `${item.createdAt}#${item.id}` } : {};
  // The trail keeps every value the edit replaced, so any earlier version of the item can be rebuilt from it.
  const form = Object.keys(fields).filter((name) => name !== "nikIndex");
  const changes = fieldChanges(
    Object.fromEntries(form.map((name) => [name, (item as Record<string, unknown>)[name]])),
    Object.fromEntries(form.map((name) => [name, fields[name]])),
  );
  return {
    events: [{ type: "edited", at: now.toISOString(), ...itemRef(kind, item.id), actor: actorRef(actor), changes }],
    set: { ...defined, ...nikIndex },
    ...(cleared.length ? { remove: cleared } : {}),
  };
}
