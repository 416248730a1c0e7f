import type { ExecutionRecord, HistoryEvent, TokenRecord, TokenStatus } from "./records.ts";
import type { TokenWrite } from "./store.ts";

/**
 * One step of an execution in the making: a copy of the execution one version ahead, the history events the step
 * adds, and its token changes. Nothing is visible until the engine commits it as one transaction.
 */
export class Step {
  readonly exec: ExecutionRecord;
  readonly events: HistoryEvent[] = [];
  readonly tokens: TokenWrite[] = [];
  readonly now: number;

  constructor(current: ExecutionRecord, now: number) {
    this.exec = structuredClone(current);
    this.exec.version = current.version + 1;
    this.now = now;
  }

  event(type: string, details?: [string, Record<string, unknown>]): void {
    const id = ++this.exec.eventCount;
    this.events.push({ id, previousEventId: id - 1, timestamp: this.now, type, ...(details ? { details } : {}) });
  }

  openToken(token: string, state: string): void {
    this.tokens.push({ token: { token, executionArn: this.exec.executionArn, state, status: "open" } });
  }

  /** Closes an open token; the write applies only if it is still open, so a token settles once. */
  closeToken(record: Pick<TokenRecord, "token" | "state">, status: Exclude<TokenStatus, "open">): void {
    // The first outcome recorded in a step is the token's outcome (a transaction may touch an item only once).
    if (this.tokens.some((write) => write.token.token === record.token)) return;
    this.tokens.push({
      token: { token: record.token, executionArn: this.exec.executionArn, state: record.state, status },
      expect: "open",
    });
  }

  /** Ends the execution, closing a token it still waits on. */
  finish(status: "SUCCEEDED" | "FAILED" | "ABORTED" | "TIMED_OUT", fields: Partial<ExecutionRecord> = {}): void {
    const position = this.exec.position;
    if (position.kind === "task") {
      this.closeToken(
        { token: position.token, state: position.state },
        status === "TIMED_OUT" ? "timed_out" : "closed",
      );
    }
    Object.assign(this.exec, fields, { status, stopDate: this.now, position: { kind: "done" } });
  }
}
