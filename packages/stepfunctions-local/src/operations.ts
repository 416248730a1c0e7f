import { randomBytes, randomUUID } from "node:crypto";
import type { Definition } from "./asl/types.ts";
import type { Clock } from "./clock.ts";
import type { Definitions } from "./definitions.ts";
import { SfnError } from "./errors.ts";
import { completeTask, failTask, type Runtime } from "./interpreter.ts";
import { decodePage, encodePage, pageSize } from "./paging.ts";
import type { ExecutionRecord, ExecutionStatus, Position, StateMachineRecord } from "./records.ts";
import type { Scheduler } from "./scheduler.ts";
import { Step } from "./step.ts";
import { type EngineStore, StaleWrite } from "./store.ts";

/** What the operations answer from, and the scheduler that runs the steps they lead to. */
export interface OperationsOptions {
  store: EngineStore;
  clock: Clock;
  region: string;
  accountId: string;
  scheduler: Scheduler;
  definitions: Definitions;
}

type TaskPosition = Extract<Position, { kind: "task" }>;

/** What an answer to a task token does to the step that answers it. */
type Answer = (step: Step, runtime: Runtime, definition: Definition, position: TaskPosition) => Promise<void> | void;

const NAME = /^[A-Za-z0-9_-]{1,80}$/;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

function parseJson(text: string, type: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new SfnError(type, `${what} is not valid JSON`);
  }
}

const executionDoesNotExist = (arn: string | undefined) =>
  new SfnError("ExecutionDoesNotExist", `Execution Does Not Exist: '${arn}'`);
const taskDoesNotExist = () =>
  new SfnError("TaskDoesNotExist", "Task Does Not Exist: the task is not waiting for this token");
const taskTimedOut = () => new SfnError("TaskTimedOut", "Task Timed Out: the task's time ran out");

/**
 * What each action of the Step Functions API does (`api.ts` serves them over HTTP): state machines, executions and
 * task tokens, as AWS names and answers them. Steps are the scheduler's: an operation that moves an execution commits
 * its one step through the scheduler and leaves the rest to it.
 */
export class Operations {
  readonly #store: EngineStore;
  readonly #clock: Clock;
  readonly #region: string;
  readonly #account: string;
  readonly #scheduler: Scheduler;
  readonly #definitions: Definitions;

  constructor(options: OperationsOptions) {
    this.#store = options.store;
    this.#clock = options.clock;
    this.#region = options.region;
    this.#account = options.accountId;
    this.#scheduler = options.scheduler;
    this.#definitions = options.definitions;
  }

  // ---- state machines -------------------------------------------------------------------------------------------

  /** The ARN a state machine of this name has here. */
  stateMachineArn(name: string): string {
    return `arn:aws:states:${this.#region}:${this.#account}:stateMachine:${name}`;
  }

  /** CreateStateMachine: idempotent for the same definition and role, `StateMachineAlreadyExists` otherwise. */
  async createStateMachine(input: {
    name?: string;
    definition?: string;
    roleArn?: string;
    type?: string;
  }): Promise<StateMachineRecord> {
    const { name, definition, roleArn } = input;
    if (!name || !NAME.test(name)) throw new SfnError("InvalidName", `Invalid state machine name: ${name}`);
    if (input.type && input.type !== "STANDARD") {
      throw new SfnError("ValidationException", "Only STANDARD state machines are supported by this local endpoint");
    }
    if (typeof definition !== "string") throw new SfnError("InvalidDefinition", "definition is required");
    this.#definitions.parse(definition);
    const now = this.#clock.now();
    const record: StateMachineRecord = {
      stateMachineArn: this.stateMachineArn(name),
      name,
      definition,
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
      const existing = await this.describeStateMachine(record.stateMachineArn);
      if (existing.definition === record.definition && existing.roleArn === record.roleArn) return existing;
      throw new SfnError("StateMachineAlreadyExists", `State Machine Already Exists: '${record.stateMachineArn}'`);
    }
  }

  /** DescribeStateMachine; `StateMachineDoesNotExist` for an unknown ARN. */
  async describeStateMachine(arn: string | undefined): Promise<StateMachineRecord> {
    const record = arn ? await this.#store.getStateMachine(arn) : undefined;
    if (!record) throw new SfnError("StateMachineDoesNotExist", `State Machine Does Not Exist: '${arn}'`);
    return record;
  }

  /** ListStateMachines, all of them. */
  listStateMachines(): Promise<StateMachineRecord[]> {
    return this.#store.listStateMachines();
  }

  /** UpdateStateMachine: running executions keep the definition they started with. */
  async updateStateMachine(input: {
    stateMachineArn?: string;
    definition?: string;
    roleArn?: string;
  }): Promise<StateMachineRecord> {
    const record = await this.describeStateMachine(input.stateMachineArn);
    if (input.definition !== undefined) this.#definitions.parse(input.definition);
    const updated = {
      ...record,
      ...(input.definition === undefined ? {} : { definition: input.definition }),
      ...(input.roleArn === undefined ? {} : { roleArn: input.roleArn }),
      updateDate: this.#clock.now(),
    };
    await this.#store.putStateMachine(updated, "update");
    return updated;
  }

  // ---- executions -----------------------------------------------------------------------------------------------

  /**
   * StartExecution: idempotent by name, as in AWS (the same input while it runs returns it; anything else is
   * `ExecutionAlreadyExists`). The execution runs on in the background.
   */
  startExecution(input: {
    stateMachineArn?: string;
    name?: string;
    input?: string;
  }): Promise<{ executionArn: string; startDate: number }> {
    return this.#scheduler.run(async () => {
      const machine = await this.describeStateMachine(input.stateMachineArn);
      const name = input.name ?? randomUUID();
      if (!NAME.test(name)) throw new SfnError("InvalidName", `Invalid execution name: ${name}`);
      const text = input.input ?? "{}";
      const parsed = parseJson(text, "InvalidExecutionInput", "The execution input");
      const definition = this.#definitions.parse(machine.definition);
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
        const existing = await this.describeExecution(executionArn);
        if (existing.status === "RUNNING" && existing.input === text) {
          return { executionArn, startDate: existing.startDate };
        }
        throw new SfnError("ExecutionAlreadyExists", `Execution Already Exists: '${executionArn}'`);
      }
      this.#scheduler.kick(executionArn);
      return { executionArn, startDate: now };
    });
  }

  /** DescribeExecution; `ExecutionDoesNotExist` for an unknown ARN. */
  async describeExecution(arn: string | undefined): Promise<ExecutionRecord> {
    const exec = arn ? await this.#store.getExecution(arn) : undefined;
    if (!exec) throw executionDoesNotExist(arn);
    return exec;
  }

  /** ListExecutions of a state machine, newest first, a page at a time. */
  async listExecutions(input: {
    stateMachineArn?: string;
    statusFilter?: ExecutionStatus;
    maxResults?: number;
    nextToken?: string;
  }): Promise<{ executions: ExecutionRecord[]; nextToken: string | undefined }> {
    const machine = await this.describeStateMachine(input.stateMachineArn);
    const cursor = decodePage(input.nextToken);
    const page = await this.#store.listExecutionArns(machine.stateMachineArn, pageSize(input.maxResults), cursor);
    const executions = (await Promise.all(page.arns.map((arn) => this.#store.getExecution(arn)))).filter(
      (e): e is ExecutionRecord => !!e && (!input.statusFilter || e.status === input.statusFilter),
    );
    return { executions, nextToken: encodePage(page.next) };
  }

  /** GetExecutionHistory, oldest first unless `reverseOrder`, a page at a time. */
  async getExecutionHistory(input: {
    executionArn?: string;
    maxResults?: number;
    nextToken?: string;
    reverseOrder?: boolean;
  }) {
    const exec = await this.describeExecution(input.executionArn);
    const page = await this.#store.history(exec.executionArn, {
      reverse: !!input.reverseOrder,
      limit: pageSize(input.maxResults),
      cursor: decodePage(input.nextToken),
    });
    return { events: page.events, nextToken: encodePage(page.next) };
  }

  /** StopExecution: aborts a running execution; stopping one that has stopped answers when it stopped. */
  stopExecution(input: { executionArn?: string; error?: string; cause?: string }): Promise<{ stopDate: number }> {
    const arn = input.executionArn;
    const reason = { ...(input.error ? { error: input.error } : {}), ...(input.cause ? { cause: input.cause } : {}) };
    return this.#scheduler.run(async () => {
      if (!arn) throw executionDoesNotExist(arn);
      return this.#scheduler.change(arn, (exec, now) => {
        if (!exec) throw executionDoesNotExist(arn);
        if (exec.status !== "RUNNING") return { result: { stopDate: exec.stopDate ?? now } };
        const step = new Step(exec, now);
        step.event("ExecutionAborted", ["executionAbortedEventDetails", reason]);
        step.finish("ABORTED", reason);
        return { step, result: { stopDate: now } };
      });
    });
  }

  // ---- task tokens ------------------------------------------------------------------------------------------------

  /** SendTaskSuccess: the waiting task succeeds with `output` as its result. */
  sendTaskSuccess(input: { taskToken?: string; output?: string }): Promise<Record<string, never>> {
    return this.#scheduler.run(async () => {
      const output = parseJson(input.output ?? "", "InvalidOutput", "The task output");
      return this.#answer(input.taskToken, (step, runtime, definition, position) =>
        completeTask(step, runtime, definition, position, output),
      );
    });
  }

  /** SendTaskFailure: the waiting task fails with the caller's error and cause, for its Retry and Catch. */
  sendTaskFailure(input: { taskToken?: string; error?: string; cause?: string }): Promise<Record<string, never>> {
    return this.#scheduler.run(() =>
      this.#answer(input.taskToken, (step, runtime, definition, position) =>
        failTask(step, runtime, definition, position, input.error ?? "", input.cause ?? ""),
      ),
    );
  }

  /** SendTaskHeartbeat: the waiting task's heartbeat deadline starts again. */
  sendTaskHeartbeat(input: { taskToken?: string }): Promise<Record<string, never>> {
    return this.#scheduler.run(() =>
      this.#answer(input.taskToken, (step, _runtime, _definition, position) => {
        if (position.heartbeatSeconds !== undefined) {
          step.exec.position = { ...position, heartbeatAt: step.now + position.heartbeatSeconds * 1000 };
        }
      }),
    );
  }

  /** Applies an answer to the task a token belongs to, as AWS would: once, and only while the task waits. */
  async #answer(taskToken: string | undefined, answer: Answer): Promise<Record<string, never>> {
    if (!taskToken || !TOKEN.test(taskToken)) throw new SfnError("InvalidToken", "Invalid Token: malformed task token");
    const token = await this.#store.getToken(taskToken);
    if (!token) throw taskDoesNotExist();
    if (token.status === "timed_out") throw taskTimedOut();
    if (token.status !== "open") throw taskDoesNotExist();
    const outcome = await this.#scheduler.change(token.executionArn, async (exec, now) => {
      const position = exec?.position;
      if (!exec || exec.status !== "RUNNING" || position?.kind !== "task" || position.token !== taskToken) {
        throw taskDoesNotExist();
      }
      const deadline = Math.min(position.timeoutAt, position.heartbeatAt ?? Infinity);
      if (position.invoked && now >= deadline) return { result: "timed out" as const };
      const step = new Step(exec, now);
      await answer(step, this.#scheduler.runtime(exec), this.#definitions.parse(exec.definition), position);
      return { step, result: "answered" as const };
    });
    if (outcome === "timed out") {
      // The deadline passed before the timer fired: the task has timed out, whatever arrives now.
      await this.#scheduler.advance(token.executionArn);
      throw taskTimedOut();
    }
    this.#scheduler.kick(token.executionArn);
    return {};
  }
}
