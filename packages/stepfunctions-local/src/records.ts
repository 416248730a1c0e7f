/** What the engine persists. Positions and variables are kept as JSON text so any JSON value survives unchanged. */

export type ExecutionStatus = "RUNNING" | "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "ABORTED";

export interface StateMachineRecord {
  stateMachineArn: string;
  name: string;
  definition: string;
  roleArn: string;
  type: "STANDARD";
  creationDate: number;
  updateDate: number;
}

/** Where an execution stands: the state it is about to run, or what it waits for. */
export type Position =
  | { kind: "enter"; state: string; input: unknown; retry?: boolean }
  | {
      kind: "task";
      state: string;
      input: unknown;
      token: string;
      /** False until the Lambda that receives the token has been invoked; a restart invokes it (again). */
      invoked: boolean;
      payload: unknown;
      functionName: string;
      timeoutAt: number;
      heartbeatSeconds?: number;
      heartbeatAt?: number;
    }
  | { kind: "wait"; state: string; input: unknown; until: number }
  | { kind: "retry"; state: string; input: unknown; until: number }
  | { kind: "done" };

export interface ExecutionRecord {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  input: string;
  /** The definition as it was when the execution started: later updates do not change running executions. */
  definition: string;
  status: ExecutionStatus;
  startDate: number;
  stopDate?: number;
  output?: string;
  error?: string;
  cause?: string;
  /** Bumped by every committed step; a step commits only if nobody else moved the execution first. */
  version: number;
  eventCount: number;
  position: Position;
  variables: Record<string, unknown>;
  /** Retries made per `<state>#<retrier index>` since the state was entered. */
  retries: Record<string, number>;
  /** The time the current state was entered, for `$states.context.State.EnteredTime`. */
  enteredAt: number;
  /** Keys the task tokens of this execution; never leaves the engine. */
  secret: string;
  timeoutAt?: number;
}

export type TokenStatus = "open" | "succeeded" | "failed" | "timed_out" | "closed";

export interface TokenRecord {
  token: string;
  executionArn: string;
  state: string;
  status: TokenStatus;
}

export interface HistoryEvent {
  id: number;
  previousEventId: number;
  timestamp: number;
  type: string;
  /** The details member and its content, e.g. `["stateEnteredEventDetails", { name, input }]`. */
  details?: [string, Record<string, unknown>];
}

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
