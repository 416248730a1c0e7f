import type { Clock } from "./clock.ts";

/** What one pass over the due executions did. */
export interface DuePass {
  /** Some execution could not be moved on (DynamoDB unreachable, most likely); it stays due. */
  failed: boolean;
  /** Some execution was moved on by at least one step. */
  moved: boolean;
}

/** The clock the loop keeps time by, and what it does each round. */
export interface TimerLoopOptions {
  clock: Clock;
  /** The longest single sleep: far deadlines are re-checked, never set as one huge timer. */
  maxSleepMs: number;
  /** Runs every step that is due now. */
  runDue(): Promise<DuePass>;
  /** The earliest time any running execution needs the engine, if one runs. */
  nextWake(): Promise<number | undefined>;
  /** Counts a round of the loop as work under way, so that waiting for quiet includes it. */
  track(round: () => Promise<void>): Promise<void>;
}

/**
 * Wakes the engine when executions fall due. A round runs what is due, reads when the next execution falls due, and
 * sets one timer for then; a clock that jumps starts a round at once. Whatever is due by the end of a round is run
 * within it rather than by a timer, so that a round ends only when nothing is due.
 */
export class TimerLoop {
  readonly #options: TimerLoopOptions;
  #running = false;
  #unsubscribe: (() => void) | undefined;
  #timer: NodeJS.Timeout | undefined;
  /** When the timer fires; Infinity while none is set. */
  #timerAt = Infinity;
  #inRound = false;
  /** Woken during a round: something may have fallen due after the round looked, so it looks again. */
  #again = false;
  /** The earliest wake time reported during the round, which its reading of the store may predate. */
  #reported = Infinity;

  constructor(options: TimerLoopOptions) {
    this.#options = options;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#unsubscribe = this.#options.clock.onJump(() => this.wake());
    this.wake();
  }

  /** Sets no more timers; a round under way finishes the steps it began. */
  stop(): void {
    this.#running = false;
    this.#unsubscribe?.();
    clearTimeout(this.#timer);
    this.#timerAt = Infinity;
  }

  /** Starts a round now, or has the round under way run once more. */
  wake(): void {
    if (!this.#running) return;
    if (this.#inRound) {
      this.#again = true;
      return;
    }
    this.#inRound = true;
    clearTimeout(this.#timer);
    this.#timerAt = Infinity;
    void this.#options.track(() => this.#round());
  }

  /** An execution now waits until `at`: makes sure the loop looks by then. */
  wakeBy(at: number): void {
    if (!this.#running) return;
    if (this.#inRound) {
      this.#reported = Math.min(this.#reported, at);
      return;
    }
    if (at >= this.#timerAt) return;
    const delay = at - this.#options.clock.now();
    if (delay <= 0) this.wake();
    else this.#sleep(delay);
  }

  async #round(): Promise<void> {
    const { clock } = this.#options;
    try {
      for (;;) {
        this.#again = false;
        this.#reported = Infinity;
        const pass = await this.#options.runDue().catch((error: unknown): DuePass => {
          console.error("timer loop failed; retrying in a second", error);
          return { failed: true, moved: false };
        });
        if (!this.#running) return;
        if (this.#again) continue;
        const stored = await this.#options.nextWake().catch(() => clock.now() + 1000);
        if (!this.#running) return;
        if (this.#again) continue;
        const delay = Math.min(stored ?? Infinity, this.#reported) - clock.now();
        // Due already: run it now. Not after a pass that moved nothing, though: what is due and does not move (its
        // time rounded down in the index) must not spin the loop; a timer takes it.
        if (delay <= 0 && pass.moved && !pass.failed) continue;
        // A failing pass backs off instead of hammering DynamoDB with the same due executions.
        this.#sleep(pass.failed ? Math.max(delay, 1000) : delay);
        return;
      }
    } finally {
      this.#inRound = false;
    }
  }

  #sleep(delay: number): void {
    const ms = Math.min(Math.max(delay, 0), this.#options.maxSleepMs);
    clearTimeout(this.#timer);
    this.#timerAt = this.#options.clock.now() + ms;
    this.#timer = setTimeout(() => this.wake(), ms);
  }
}
