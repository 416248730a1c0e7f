/**
 * What the engine persists: each shape is a schema, which the store parses what it reads with, and the type it
 * yields. Positions and variables are kept as JSON text so any JSON value survives unchanged.
 */

import * as z from "zod";

/** How an execution stands, in the API's words. */
export const ExecutionStatus = z.enum(["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"]);
export type ExecutionStatus = z.infer<typeof ExecutionStatus>;

/** A state machine: its current definition, with the dates the API reports. */
export const StateMachineRecord = z.object({
  stateMachineArn: z.string(),
  name: z.string(),
  definition: z.string(),
  roleArn: z.string(),
  type: z.literal("STANDARD"),
  creationDate: z.number(),
  updateDate: z.number(),
});
export type StateMachineRecord = z.infer<typeof StateMachineRecord>;

/**
 * A value an execution carries from state to state. JSON text leaves out a member whose value is undefined (an
 * expression may yield nothing, a task may have no Payload), so an absent one reads back as the undefined it was.
 */
const Carried = z.unknown().default(undefined);

/** Where an execution stands: the state it is about to run, or what it waits for. */
export const Position = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("enter"), state: z.string(), input: Carried, retry: z.boolean().optional() }),
  z.object({
    kind: z.literal("task"),
    state: z.string(),
    input: Carried,
    token: z.string(),
    /** False until the Lambda that receives the token has been invoked; a restart invokes it (again). */
    invoked: z.boolean(),
    payload: Carried,
    functionName: z.string(),
    timeoutAt: z.number(),
    heartbeatSeconds: z.number().optional(),
    heartbeatAt: z.number().optional(),
  }),
  z.object({ kind: z.literal("wait"), state: z.string(), input: Carried, until: z.number() }),
  z.object({ kind: z.literal("retry"), state: z.string(), input: Carried, until: z.number() }),
  z.object({ kind: z.literal("done") }),
]);
export type Position = z.infer<typeof Position>;

/**
 * The execution's variables by name. A record drops a `__proto__` key, which is no loss: Assign accepts only names
 * that start with a Unicode ID_Start character (asl/validate.ts), and `_` is none.
 */
export const Variables = z.record(z.string(), z.unknown());

/** Retries made per `<state>#<retrier index>` since the state was entered. */
export const Retries = z.record(z.string(), z.int().min(0));

/** An execution as the engine moves it on: one row, rewritten by every step. */
export const ExecutionRecord = z.object({
  executionArn: z.string(),
  stateMachineArn: z.string(),
  name: z.string(),
  input: z.string(),
  /** The definition as it was when the execution started: later updates do not change running executions. */
  definition: z.string(),
  status: ExecutionStatus,
  startDate: z.number(),
  stopDate: z.number().optional(),
  output: z.string().optional(),
  error: z.string().optional(),
  cause: z.string().optional(),
  /** Bumped by every committed step; a step commits only if nobody else moved the execution first. */
  version: z.int(),
  eventCount: z.int(),
  position: Position,
  variables: Variables,
  retries: Retries,
  /** The time the current state was entered, for `$states.context.State.EnteredTime`. */
  enteredAt: z.number(),
  /** Keys the task tokens of this execution; never leaves the engine. */
  secret: z.string(),
  timeoutAt: z.number().optional(),
});
export type ExecutionRecord = z.infer<typeof ExecutionRecord>;

/** What became of a task token: open until the task is answered, times out or its execution moves on. */
export const TokenStatus = z.enum(["open", "succeeded", "failed", "timed_out", "closed"]);
export type TokenStatus = z.infer<typeof TokenStatus>;

/** A task token: the execution and state it belongs to, and whether it can still be answered. */
export const TokenRecord = z.object({
  token: z.string(),
  executionArn: z.string(),
  state: z.string(),
  status: TokenStatus,
});
export type TokenRecord = z.infer<typeof TokenRecord>;

/** The details member of a history event and its content, e.g. `["stateEnteredEventDetails", { name, input }]`. */
export const EventDetails = z.tuple([z.string(), z.record(z.string(), z.unknown())]);

/** One event of an execution's history, numbered from 1. */
export const HistoryEvent = z.object({
  id: z.int(),
  previousEventId: z.int(),
  timestamp: z.number(),
  type: z.string(),
  details: EventDetails.optional(),
});
export type HistoryEvent = z.infer<typeof HistoryEvent>;

/** When a running execution next needs the engine, or `undefined` once it has stopped. */
export function wakeAt(execution: ExecutionRecord, now: number): number | undefined {
  if (execution.status !== "RUNNING") return undefined;
  const p = execution.position;
  let at: number;
  switch (p.kind) {
    case "enter":
      at = now;
      break;
    case "task":
      at = p.invoked ? Math.min(p.timeoutAt, p.heartbeatAt ?? Infinity) : now;
      break;
    case "wait":
    case "retry":
      at = p.until;
      break;
    case "done":
      return undefined;
  }
  return Math.min(at, execution.timeoutAt ?? Infinity);
}
