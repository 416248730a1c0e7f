import type { Clock } from "./clock.ts";
import type { Definitions } from "./definitions.ts";
import { advance, type Runtime } from "./interpreter.ts";
import type { HandlerRegistry } from "./lambda.ts";
import { type ExecutionRecord, wakeAt } from "./records.ts";
import { Step } from "./step.ts";
import { type EngineStore, StaleWrite } from "./store.ts";
import { type DuePass, TimerLoop } from "./timer-loop.ts";
import { WorkQueue } from "./work-queue.ts";

/** What the scheduler runs steps with. */
export interface SchedulerOptions {
  store: EngineStore;
  clock: Clock;
  region: string;
  handlers: HandlerRegistry;
  definitions: Definitions;
  /** The longest single sleep of the timer loop. */
  maxSleepMs: number;
}

/** What a change asked of the scheduler decides: a step to commit, or nothing to commit; and what to answer. */
export type Decision<T> = { step: Step; result: T } | { result: T };

/** An execution that takes this many steps without waiting is taken to loop forever. */
const MAX_STEPS_WITHOUT_WAITING = 10_000;
/** Due executions are read this many at a time, up to 100 pages a pass. */
const DUE_PAGE = 100;

/**
 * Runs executions' steps: each as soon as it is due (at once, or when its timer or deadline comes), each committed
 * as one transaction conditioned on the execution's version, so a step commits once even when processes race.
 * Task handlers are invoked from within the steps that call them.
 */
export class Scheduler {
  readonly #store: EngineStore;
  readonly #clock: Clock;
  readonly #region: string;
  readonly #handlers: HandlerRegistry;
  readonly #definitions: Definitions;
  readonly #work = new WorkQueue();
  readonly #timers: TimerLoop;

  constructor(options: SchedulerOptions) {
    this.#store = options.store;
    this.#clock = options.clock;
    this.#region = options.region;
    this.#handlers = options.handlers;
    this.#definitions = options.definitions;
    this.#timers = new TimerLoop({
      clock: options.clock,
      maxSleepMs: options.maxSleepMs,
      runDue: () => this.#runDue(),
      nextWake: () => this.#store.nextWake(),
      track: (round) => this.#work.run(round),
    });
  }

  /** Starts the timer loop, which first resumes whatever fell due while no engine ran. */
  start(): void {
    this.#timers.start();
  }

  /** Stops the timer loop and waits for the work under way. */
  async stop(): Promise<void> {
    this.#timers.stop();
    await this.settled();
  }

  /**
   * Resolves once no step is running or queued: none begun by a caller, none due now, and none begun by the steps
   * waited for (a task handler answering its token, a handler starting another execution). A step that fails stays
   * due and is retried by the timer loop; that retry is not waited for.
   */
  settled(): Promise<void> {
    return this.#work.idle();
  }

  /** Runs an operation of the API as work under way, so that `settled()` waits for it and for what it begins. */
  run<T>(operation: () => Promise<T>): Promise<T> {
    return this.#work.run(operation);
  }

  /** Moves the execution on in the background, as far as it can go without waiting. */
  kick(executionArn: string): void {
    void this.#work
      .run(() => this.advance(executionArn))
      .catch((error: unknown) => console.error("step failed; the timer loop retries it", error));
  }

  /** Runs every step of the execution that is due now; resolves with how many were committed. */
  advance(executionArn: string): Promise<number> {
    return this.#work.serial(executionArn, () => this.#runSteps(executionArn));
  }

  /**
   * Commits a step asked for from outside (a stop, an answered task), queued behind the execution's other work here:
   * `decide` sees the execution as stored and decides; a step lost to another writer is decided again on what won.
   */
  change<T>(
    executionArn: string,
    decide: (exec: ExecutionRecord | undefined, now: number) => Decision<T> | Promise<Decision<T>>,
  ): Promise<T> {
    return this.#work.serial(executionArn, async () => {
      for (;;) {
        const decision = await decide(await this.#store.getExecution(executionArn), this.#clock.now());
        if (!("step" in decision)) return decision.result;
        const { step } = decision;
        try {
          await this.#store.commit(step.exec, step.events, step.tokens, step.now);
          return decision.result;
        } catch (error) {
          if (!(error instanceof StaleWrite)) throw error;
        }
      }
    });
  }

  /** What the interpreter needs to run a step of `exec`. */
  runtime(exec: ExecutionRecord): Runtime {
    return {
      handlers: this.#handlers,
      region: this.#region,
      stateMachineName: exec.stateMachineArn.split(":").pop() ?? "",
    };
  }

  /** Runs every step that is due now, committing each; a step lost to another writer is re-read and retried. */
  async #runSteps(executionArn: string): Promise<number> {
    // After a committed step the execution is exactly what was written: read it again only after losing a race.
    let exec = await this.#store.getExecution(executionArn);
    let committed = 0;
    for (let steps = 0; steps < MAX_STEPS_WITHOUT_WAITING; steps++) {
      if (!exec) return committed;
      const now = this.#clock.now();
      const due = wakeAt(exec, now);
      if (due === undefined) return committed;
      if (due > now) {
        this.#timers.wakeBy(due);
        return committed;
      }
      const step = new Step(exec, now);
      await advance(step, this.runtime(exec), this.#definitions.parse(exec.definition));
      try {
        await this.#store.commit(step.exec, step.events, step.tokens, now);
        exec = step.exec;
        committed++;
      } catch (error) {
        if (!(error instanceof StaleWrite)) throw error;
        exec = await this.#store.getExecution(executionArn);
      }
    }
    throw new Error(
      `execution ${executionArn} ran ${MAX_STEPS_WITHOUT_WAITING} steps without waiting; is there a loop without a Wait?`,
    );
  }

  /** Runs every due execution, one after another; one that fails stays due and does not hold up the others. */
  async #runDue(): Promise<DuePass> {
    const pass: DuePass = { failed: false, moved: false };
    for (let page = 0; page < 100; page++) {
      const due = await this.#store.due(this.#clock.now(), DUE_PAGE);
      for (const arn of due) {
        try {
          if ((await this.advance(arn)) > 0) pass.moved = true;
        } catch (error) {
          pass.failed = true;
          console.error("step failed", arn, error);
        }
      }
      if (due.length < DUE_PAGE) break;
    }
    return pass;
  }
}
