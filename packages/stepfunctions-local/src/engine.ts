import { randomBytes, randomUUID } from "node:crypto";
import { parseDefinition } from "./asl/validate.ts";
import type { Definition } from "./asl/types.ts";
import { type Clock, systemClock } from "./clock.ts";
import { SfnError } from "./errors.ts";
import { advance, completeTask, failTask, type Runtime } from "./interpreter.ts";
import { HandlerRegistry, type TaskHandler } from "./lambda.ts";
import { type ExecutionRecord, type ExecutionStatus, type StateMachineRecord, wakeAt } from "./records.ts";
import { type EngineStore, StaleWrite } from "./store.ts";
import { Step } from "./step.ts";

export interface EngineOptions {
  store: EngineStore;
  clock?: Clock;
  region?: string;
  accountId?: string;
  /** The longest single sleep of the timer loop: far deadlines are re-checked, never set as one huge timer. */
  maxSleepMs?: number;
}

const NAME = /^[A-Za-z0-9_-]{1,80}$/;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

function parseJson(text: string, type: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new SfnError(type, `${what} is not valid JSON`);
  }
}

/**
 * Runs Standard-workflow executions durably: every step is a conditional transaction in DynamoDB, so a step commits
 * exactly once even when two processes race, and a restarted engine resumes every execution where it stood.
 */
export class Engine {
  readonly handlers = new HandlerRegistry();
  readonly #store: EngineStore;
  readonly #clock: Clock;
  readonly #region: string;
  readonly #account: string;
  readonly #maxSleepMs: number;
  readonly #locks = new Map<string, Promise<unknown>>();
  readonly #work = new Set<Promise<unknown>>();
  readonly #definitions = new Map<string, Definition>();
  #timer: NodeJS.Timeout | undefined;
  /** When the timer loop will next look for due executions. */
  #timerAt = Infinity;
  #running = false;
  #ticking: Promise<unknown> | undefined;
  #tickAgain = false;
  #failing = false;
  #unsubscribe: (() => void) | undefined;

  constructor(options: EngineOptions) {
    this.#store = options.store;
    this.#clock = options.clock ?? systemClock;
    this.#region = options.region ?? "us-east-1";
    this.#account = options.accountId ?? "123456789012";
    this.#maxSleepMs = options.maxSleepMs ?? 60_000;
  }

  registerHandler(nameOrArn: string, handler: TaskHandler): void {
    this.handlers.register(nameOrArn, handler);
  }

  // ---- state machines -------------------------------------------------------------------------------------------

  stateMachineArn(name: string): string {
    return `arn:aws:states:${this.#region}:${this.#account}:stateMachine:${name}`;
  }

  async createStateMachine(input: { name?: string; definition?: string; roleArn?: string; type?: string }) {
    const { name, definition, roleArn } = input;
    if (!name || !NAME.test(name)) throw new SfnError("InvalidName", `Invalid state machine name: ${name}`);
    if (input.type && input.type !== "STANDARD") {
      throw new SfnError("ValidationException", "Only STANDARD state machines are supported by this local endpoint");
    }
    this.#parse(definition);
    const now = this.#clock.now();
    const record: StateMachineRecord = {
      stateMachineArn: this.stateMachineArn(name),
      name,
      definition: definition!,
      roleArn: roleArn ?? `arn:aws:iam::${this.#account}:role/local`,
      type: "STANDARD",
      creationDate: now,
      updateDate: now,
    };
    try {
      await this.#store.putStateMachine(record, "create");
      return record;
    } catch (error) {
      if (!(error instanceof StaleWrite)) throw error;
      // As in AWS: creating the same machine again is idempotent; a different one under the name is a conflict.
      const existing = (await this.#store.getStateMachine(record.stateMachineArn))!;
      if (existing.definition === record.definition && existing.roleArn === record.roleArn) return existing;
      throw new SfnError("StateMachineAlreadyExists", `State Machine Already Exists: '${record.stateMachineArn}'`);
    }
  }

  async describeStateMachine(arn: string | undefined): Promise<StateMachineRecord> {
    const record = arn ? await this.#store.getStateMachine(arn) : undefined;
    if (!record) throw new SfnError("StateMachineDoesNotExist", `State Machine Does Not Exist: '${arn}'`);
    return record;
  }

  listStateMachines(): Promise<StateMachineRecord[]> {
    return this.#store.listStateMachines();
  }

  async updateStateMachine(input: { stateMachineArn?: string; definition?: string; roleArn?: string }) {
    const record = await this.describeStateMachine(input.stateMachineArn);
    if (input.definition !== undefined) this.#parse(input.definition);
    const updated = {
      ...record,
      ...(input.definition === undefined ? {} : { definition: input.definition }),
      ...(input.roleArn === undefined ? {} : { roleArn: input.roleArn }),
      updateDate: this.#clock.now(),
    };
    await this.#store.putStateMachine(updated, "update");
    return updated;
  }

  #parse(text: string | undefined): Definition {
    if (typeof text !== "string") throw new SfnError("InvalidDefinition", "definition is required");
    const cached = this.#definitions.get(text);
    if (cached) return cached;
    try {
      const definition = parseDefinition(text);
      this.#definitions.set(text, definition);
      return definition;
    } catch (error) {
      throw new SfnError("InvalidDefinition", (error as Error).message);
    }
  }

  // ---- executions -----------------------------------------------------------------------------------------------

  async startExecution(input: { stateMachineArn?: string; name?: string; input?: string }) {
    const machine = await this.describeStateMachine(input.stateMachineArn);
    const name = input.name ?? randomUUID();
    if (!NAME.test(name)) throw new SfnError("InvalidName", `Invalid execution name: ${name}`);
    const text = input.input ?? "{}";
    const parsed = parseJson(text, "InvalidExecutionInput", "The execution input");
    const definition = this.#parse(machine.definition);
    const now = this.#clock.now();
    const executionArn = `arn:aws:states:${this.#region}:${this.#account}:execution:${machine.name}:${name}`;
    const exec: ExecutionRecord = {
      executionArn,
      stateMachineArn: machine.stateMachineArn,
      name,
      input: text,
      definition: machine.definition,
      status: "RUNNING",
      startDate: now,
      version: 0,
      eventCount: 0,
      position: { kind: "enter", state: definition.StartAt, input: parsed },
      variables: {},
      retries: {},
      enteredAt: now,
      secret: randomBytes(32).toString("base64url"),
      ...(definition.TimeoutSeconds ? { timeoutAt: now + definition.TimeoutSeconds * 1000 } : {}),
    };
    const step = new Step(exec, now);
    step.exec.version = 1;
    step.event("ExecutionStarted", [
      "executionStartedEventDetails",
      {
        input: text,
        inputDetails: { truncated: false },
        roleArn: machine.roleArn,
        stateMachineArn: machine.stateMachineArn,
      },
    ]);
    try {
      await this.#store.createExecution(step.exec, step.events, now);
    } catch (error) {
      if (!(error instanceof StaleWrite)) throw error;
      // Idempotent by name, as in AWS: the same input while it runs returns it; anything else is a conflict.
      const existing = (await this.#store.getExecution(executionArn))!;
      if (existing.status === "RUNNING" && existing.input === text) {
        return { executionArn, startDate: existing.startDate };
      }
      throw new SfnError("ExecutionAlreadyExists", `Execution Already Exists: '${executionArn}'`);
    }
    this.#kick(executionArn);
    return { executionArn, startDate: now };
  }

  async describeExecution(arn: string | undefined): Promise<ExecutionRecord> {
    const exec = arn ? await this.#store.getExecution(arn) : undefined;
    if (!exec) throw new SfnError("ExecutionDoesNotExist", `Execution Does Not Exist: '${arn}'`);
    return exec;
  }

  async listExecutions(input: {
    stateMachineArn?: string;
    statusFilter?: ExecutionStatus;
    maxResults?: number;
    nextToken?: string;
  }) {
    await this.describeStateMachine(input.stateMachineArn);
    const limit = Math.min(Math.max(input.maxResults || 100, 1), 1000);
    const cursor = input.nextToken ? this.#decodeToken(input.nextToken) : undefined;
    const page = await this.#store.listExecutionArns(input.stateMachineArn!, limit, cursor);
    const executions = (await Promise.all(page.arns.map((arn) => this.#store.getExecution(arn)))).filter(
      (e): e is ExecutionRecord => !!e && (!input.statusFilter || e.status === input.statusFilter),
    );
    return {
      executions,
      nextToken: page.next ? Buffer.from(JSON.stringify(page.next)).toString("base64url") : undefined,
    };
  }

  #decodeToken(token: string): Record<string, unknown> {
    try {
      return JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as Record<string, unknown>;
    } catch {
      throw new SfnError("InvalidToken", "Invalid nextToken");
    }
  }

  async getExecutionHistory(input: {
    executionArn?: string;
    maxResults?: number;
    nextToken?: string;
    reverseOrder?: boolean;
  }) {
    const exec = await this.describeExecution(input.executionArn);
    const limit = Math.min(Math.max(input.maxResults || 100, 1), 1000);
    const page = await this.#store.history(exec.executionArn, {
      reverse: !!input.reverseOrder,
      limit,
      cursor: input.nextToken ? this.#decodeToken(input.nextToken) : undefined,
    });
    return {
      events: page.events,
      nextToken: page.next ? Buffer.from(JSON.stringify(page.next)).toString("base64url") : undefined,
    };
  }

  async stopExecution(input: { executionArn?: string; error?: string; cause?: string }): Promise<{ stopDate: number }> {
    const arn = input.executionArn;
    return this.#locked(arn ?? "", async () => {
      for (;;) {
        const exec = await this.describeExecution(arn);
        if (exec.status !== "RUNNING") return { stopDate: exec.stopDate ?? this.#clock.now() };
        const step = new Step(exec, this.#clock.now());
        step.event("ExecutionAborted", [
          "executionAbortedEventDetails",
          { ...(input.error ? { error: input.error } : {}), ...(input.cause ? { cause: input.cause } : {}) },
        ]);
        step.finish("ABORTED", {
          ...(input.error ? { error: input.error } : {}),
          ...(input.cause ? { cause: input.cause } : {}),
        });
        try {
          await this.#store.commit(step.exec, step.events, step.tokens, step.now);
          return { stopDate: step.now };
        } catch (error) {
          if (!(error instanceof StaleWrite)) throw error;
        }
      }
    });
  }

  // ---- task tokens ------------------------------------------------------------------------------------------------

  sendTaskSuccess(input: { taskToken?: string; output?: string }) {
    const output = parseJson(input.output ?? "", "InvalidOutput", "The task output");
    return this.#settle(input.taskToken, (step, runtime, definition, position) =>
      completeTask(step, runtime, definition, position, output),
    );
  }

  sendTaskFailure(input: { taskToken?: string; error?: string; cause?: string }) {
    return this.#settle(input.taskToken, (step, runtime, definition, position) =>
      failTask(step, runtime, definition, position, input.error ?? "", input.cause ?? ""),
    );
  }

  sendTaskHeartbeat(input: { taskToken?: string }) {
    return this.#settle(input.taskToken, (step, _runtime, _definition, position) => {
      if (position.heartbeatSeconds !== undefined) {
        step.exec.position = { ...position, heartbeatAt: step.now + position.heartbeatSeconds * 1000 };
      }
    });
  }

  /** Applies a callback to the task a token belongs to, as AWS would: once, and only while the task waits. */
  async #settle(
    taskToken: string | undefined,
    apply: (
      step: Step,
      runtime: Runtime,
      definition: Definition,
      position: Extract<ExecutionRecord["position"], { kind: "task" }>,
    ) => Promise<void> | void,
  ): Promise<Record<string, never>> {
    if (!taskToken || !TOKEN.test(taskToken)) throw new SfnError("InvalidToken", "Invalid Token: malformed task token");
    const token = await this.#store.getToken(taskToken);
    const gone = () => {
      throw new SfnError("TaskDoesNotExist", "Task Does Not Exist: the task is not waiting for this token");
    };
    if (!token) return gone();
    if (token.status === "timed_out") throw new SfnError("TaskTimedOut", "Task Timed Out: the task's time ran out");
    if (token.status !== "open") return gone();
    await this.#locked(token.executionArn, async () => {
      for (;;) {
        const exec = await this.describeExecution(token.executionArn);
        const position = exec.position;
        if (exec.status !== "RUNNING" || position.kind !== "task" || position.token !== taskToken) return gone();
        const now = this.#clock.now();
        if (
          position.invoked &&
          (now >= position.timeoutAt || (position.heartbeatAt !== undefined && now >= position.heartbeatAt))
        ) {
          // The deadline passed before the timer fired: the task has timed out, whatever arrives now.
          await this.#drive(exec.executionArn, false);
          throw new SfnError("TaskTimedOut", "Task Timed Out: the task's time ran out");
        }
        const step = new Step(exec, now);
        await apply(step, this.#runtime(exec), this.#parse(exec.definition), position);
        try {
          await this.#store.commit(step.exec, step.events, step.tokens, now);
          return;
        } catch (error) {
          if (!(error instanceof StaleWrite)) throw error;
        }
      }
    });
    this.#kick(token.executionArn);
    return {};
  }

  // ---- running ----------------------------------------------------------------------------------------------------

  #runtime(exec: ExecutionRecord): Runtime {
    return { handlers: this.handlers, region: this.#region, stateMachineName: exec.stateMachineArn.split(":").pop()! };
  }

  /** Serialises work on one execution inside this process; other processes are kept out by conditional writes. */
  #locked<T>(arn: string, work: () => Promise<T>): Promise<T> {
    const previous = this.#locks.get(arn) ?? Promise.resolve();
    const next = previous.then(work, work);
    const tail = next.catch(() => undefined);
    this.#locks.set(arn, tail);
    void tail.then(() => {
      if (this.#locks.get(arn) === tail) this.#locks.delete(arn);
    });
    return next;
  }

  /** Moves the execution on in the background, as far as it can go without waiting. */
  #kick(arn: string): void {
    this.#track(this.#drive(arn));
  }

  #track(work: Promise<unknown>): void {
    const tracked = work.catch((error: unknown) => console.error("step failed; the timer loop retries it", error));
    this.#work.add(tracked);
    void tracked.finally(() => this.#work.delete(tracked));
  }

  /** Runs every step that is due now, committing each; a step lost to another writer is re-read and retried. */
  async #drive(arn: string, lock = true): Promise<void> {
    const run = async () => {
      // After a committed step the execution is exactly what was written: read it again only after losing a race.
      let exec = await this.#store.getExecution(arn);
      for (let steps = 0; steps < 10_000; steps++) {
        if (!exec) return;
        const now = this.#clock.now();
        const due = wakeAt(exec, now);
        if (due === undefined || due > now) return this.#wakeBy(due);
        const step = new Step(exec, now);
        await advance(step, this.#runtime(exec), this.#parse(exec.definition));
        try {
          await this.#store.commit(step.exec, step.events, step.tokens, now);
          exec = step.exec;
        } catch (error) {
          if (!(error instanceof StaleWrite)) throw error;
          exec = await this.#store.getExecution(arn);
        }
      }
      throw new Error(`execution ${arn} ran 10000 steps without waiting; is there a loop without a Wait?`);
    };
    return lock ? this.#locked(arn, run) : run();
  }

  /** Starts the timer loop and resumes whatever was due while no engine ran. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#unsubscribe = this.#clock.onJump(() => this.#wake());
    this.#wake();
  }

  /** Stops the timer loop and waits for the steps under way. */
  async stop(): Promise<void> {
    this.#running = false;
    this.#unsubscribe?.();
    clearTimeout(this.#timer);
    await this.settled();
  }

  /** Resolves when no step is under way and no due timer is left unprocessed (tests use it to wait for quiet). */
  async settled(): Promise<void> {
    while (this.#work.size > 0 || this.#ticking) {
      await Promise.all([...this.#work, this.#ticking]);
    }
  }

  #wake(): void {
    if (!this.#running) return;
    if (this.#ticking) {
      this.#tickAgain = true;
      return;
    }
    clearTimeout(this.#timer);
    this.#timerAt = Infinity;
    this.#ticking = this.#tick()
      .then((ok) => (this.#failing = !ok))
      .catch((error: unknown) => {
        // DynamoDB unreachable, most likely: back off instead of spinning on the same due timers.
        this.#failing = true;
        console.error("timer loop failed; retrying in a second", error);
      })
      .finally(() => {
        this.#ticking = undefined;
        if (this.#tickAgain) {
          this.#tickAgain = false;
          this.#wake();
        } else {
          void this.#sleep();
        }
      });
  }

  /** Drives every due execution; true when all went through, false when one failed (it stays due). */
  async #tick(): Promise<boolean> {
    let ok = true;
    for (let round = 0; round < 100; round++) {
      const due = await this.#store.due(this.#clock.now());
      for (const arn of due) {
        // One execution's failure must not hold up the others.
        await this.#drive(arn).catch((error: unknown) => {
          ok = false;
          console.error("step failed", arn, error);
        });
      }
      if (due.length < 100) break;
    }
    return ok;
  }

  /** An execution now waits until `at`: make sure the timer loop looks by then. */
  #wakeBy(at: number | undefined): void {
    if (at === undefined || at >= this.#timerAt || !this.#running || this.#ticking) return;
    clearTimeout(this.#timer);
    const delay = Math.min(Math.max(at - this.#clock.now(), 0), this.#maxSleepMs);
    this.#timerAt = this.#clock.now() + delay;
    this.#timer = setTimeout(() => this.#wake(), delay);
  }

  async #sleep(): Promise<void> {
    if (!this.#running) return;
    const next = await this.#store.nextWake().catch(() => this.#clock.now() + 1000);
    if (!this.#running || this.#ticking) return;
    clearTimeout(this.#timer);
    const floor = this.#failing ? 1000 : 0;
    const delay =
      next === undefined ? this.#maxSleepMs : Math.min(Math.max(next - this.#clock.now(), floor), this.#maxSleepMs);
    this.#timerAt = this.#clock.now() + delay;
    this.#timer = setTimeout(() => this.#wake(), delay);
  }
}
