import { type EventBody, type EventType, actorRef, fieldChanges, itemRef } from "./audit.ts";
import { type ItemKind, type Level, levelAbove } from "./chain.ts";
import type { Outcome, SignalOutput } from "./chain-tasks.ts";
import { needsComment } from "./decision-rule.ts";
import { Conflict, Invalid, fieldError } from "./errors.ts";
import { type Decision, type Status, isOpen } from "./item.ts";
import type { EditForm, ItemChange, Queue, StoredItem } from "./item-state.ts";
import { enforceOnItem } from "./policy.ts";
import { TEXT } from "./text.ts";
import type { Actor } from "./user.ts";

/**
 * The approval chain's rules as pure plans over a stored item: each returns the change to make (audit events, fields
 * to set and remove) or `undefined` when the change was already made, so a task delivered twice changes nothing.
 * The store commits a plan only if the item did not change meanwhile, so every check here holds when it commits.
 */

export type DecisionKind = Decision["decision"];

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
    },
    remove: reopened ? ["pendingSignal"] : ["pendingSignal", "overdueSince"],
    queue: { name: "inbox", level: task.level, since: at },
  };
}

/**
 * Where a returned item waits for its submitter: listed for the level that returned it (which counts it), from the
 * return. `null` for an item no level returned.
 */
function returnedQueue(item: StoredItem): Queue | null {
  const returned = item.decisions.findLast((d) => d.decision === "return");
  if (item.status !== "returned" || !item.currentLevel || !returned) return null;
  return { name: "returned", level: item.currentLevel, since: returned.at };
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
    remove: ["pendingSignal"],
    queue: returnedQueue(item),
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
  const settled = !isOpen(item.status);
  if (settled && item.taskToken === undefined && item.queue === null) return undefined;
  return {
    events: settled ? [] : [event(kind, item, now.toISOString(), { type: outcome })],
    set: { status: settled ? item.status : outcome, currentLevel: null, dueAt: null },
    remove: ["taskToken", "waitingFor", "pendingSignal"],
    queue: null,
    duplicates: false,
  };
}

/**
 * The workflow got the signal: it no longer needs re-sending. Off the reconciler's queue, a returned item waits for
 * its submitter (whichever of this and AwaitResubmission comes first lists it so).
 */
export function planSignalDelivered(item: StoredItem, token: string): ItemChange | undefined {
  if (item.pendingSignal?.token !== token) return undefined;
  return { remove: ["pendingSignal"], ...(item.queue === "reconcile" ? { queue: returnedQueue(item) } : {}) };
}

/** StartExecution went through. */
export function planStarted(item: StoredItem): ItemChange | undefined {
  if (item.workflowStarted) return undefined;
  const stillQueued = item.queue === "reconcile" && !item.pendingSignal;
  return { set: { workflowStarted: true }, ...(stillQueued ? { queue: null } : {}) };
}

/** The signal to hand to the workflow, recorded with the change; the reconciler's queue lists it until delivered. */
function signal(item: StoredItem, output: SignalOutput, at: string) {
  return {
    set: { pendingSignal: { token: item.taskToken!, output, level: item.currentLevel, at } },
    queue: { name: "reconcile", since: at },
  } satisfies ItemChange;
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
  if (!comment && needsComment(input.decision)) throw new Invalid([fieldError("comment", TEXT.commentRequired)]);
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
  const signalled = signal(item, { decision: input.decision }, at);
  return {
    events: returned ? [decided, { ...decided, type: "returned" as const }] : [decided],
    set: {
      decisions: [...item.decisions, decision],
      status: returned ? "returned" : "in_review",
      dueAt: null,
      ...signalled.set,
    },
    remove: ["taskToken", "waitingFor"],
    queue: signalled.queue,
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
  const signalled = signal(item, { decision: "resubmit" }, at);
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
    set: { status: "in_review", ...signalled.set },
    remove: ["taskToken", "waitingFor"],
    queue: signalled.queue,
  };
}

/** The submitter withdraws an item before its final decision. */
export function planWithdraw(kind: ItemKind, item: StoredItem, actor: Actor, now: Date): ItemChange {
  ownOpenItem(item, actor, "withdraw", ["in_review", "returned"]);
  const at = now.toISOString();
  const signalled = signal(item, { decision: "withdraw" }, at);
  return {
    events: [{ type: "withdrawn", at, ...itemRef(kind, item.id), actor: actorRef(actor) }],
    set: { status: "withdrawn", dueAt: null, ...signalled.set },
    remove: ["taskToken", "waitingFor"],
    queue: signalled.queue,
    duplicates: false,
  };
}

/** The submitter revises a returned item before resubmitting it: the form replaces the item's, field by field. */
export function planEdit(kind: ItemKind, item: StoredItem, actor: Actor, form: EditForm, now: Date): ItemChange {
  enforceOnItem(actor, "edit", item);
  if (item.status !== "returned") throw new Conflict(TEXT.notEditable, { status: item.status });
  // The trail keeps every value the edit replaced, so any earlier version of the item can be rebuilt from it.
  const before = new Map(Object.entries(item));
  const fields = Object.entries(form).filter(([name]) => name !== "nikIndex");
  const changes = fieldChanges(
    Object.fromEntries(fields.map(([name]) => [name, before.get(name)])),
    Object.fromEntries(fields),
  );
  // An edit replaces the whole form: an optional field left out of it (a report's notes) is cleared.
  const cleared = "notes" in form && form.notes === undefined;
  return {
    events: [{ type: "edited", at: now.toISOString(), ...itemRef(kind, item.id), actor: actorRef(actor), changes }],
    set: form,
    ...(cleared ? { remove: ["notes"] } : {}),
    // A corrected NIK moves the item to its new duplicate-detection partition.
    ...("nikIndex" in form ? { duplicates: true } : {}),
  };
}
