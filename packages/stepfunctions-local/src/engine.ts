import { type Clock, systemClock } from "./clock.ts";
import { Definitions } from "./definitions.ts";
import { HandlerRegistry, type TaskHandler } from "./lambda.ts";
import { Operations } from "./operations.ts";
import { Scheduler } from "./scheduler.ts";
import type { EngineStore } from "./store.ts";

/** Where an engine keeps its executions, and the clock, region and account it names and times them by. */
export interface EngineOptions {
  store: EngineStore;
  /** Default: the system clock. */
  clock?: Clock;
  /** Default: us-east-1. */
  region?: string;
  /** Default: 123456789012. */
  accountId?: string;
  /** The longest single sleep of the timer loop: far deadlines are re-checked, never set as one huge timer. */
  maxSleepMs?: number;
}

/**
 * Runs Standard-workflow executions durably: the Step Functions API's operations (`operations.ts`) over a scheduler
 * that runs the steps (`scheduler.ts`). Every step is a conditional transaction in DynamoDB, so a step commits
 * exactly once even when two processes race, and a restarted engine resumes every execution where it stood.
 */
export class Engine extends Operations {
  /** The Lambda stand-ins that tasks invoke. */
  readonly handlers: HandlerRegistry;
  readonly #scheduler: Scheduler;

  constructor(options: EngineOptions) {
    const handlers = new HandlerRegistry();
    const definitions = new Definitions();
    const clock = options.clock ?? systemClock;
    const region = options.region ?? "us-east-1";
    const scheduler = new Scheduler({
      store: options.store,
      clock,
      region,
      handlers,
      definitions,
      maxSleepMs: options.maxSleepMs ?? 60_000,
    });
    super({
      store: options.store,
      clock,
      region,
      accountId: options.accountId ?? "123456789012",
      scheduler,
      definitions,
    });
    this.handlers = handlers;
    this.#scheduler = scheduler;
  }

  /** Registers the handler that tasks invoking this function name (or ARN) run. */
  registerHandler(nameOrArn: string, handler: TaskHandler): void {
    this.handlers.register(nameOrArn, handler);
  }

  /** Starts the timer loop, which first resumes whatever fell due while no engine ran. */
  start(): void {
    this.#scheduler.start();
  }

  /** Stops the timer loop and waits for the work under way. */
  stop(): Promise<void> {
    return this.#scheduler.stop();
  }

  /**
   * Resolves once the engine is quiet: no step running or queued, including steps that the work it waited for began
   * in turn (a task handler answering its token, an execution started from a handler, a timer due now). Tests call
   * it once after acting to see everything that followed.
   */
  settled(): Promise<void> {
    return this.#scheduler.settled();
  }
}
