/**
 * Time as the engine sees it. Tests inject a manual clock and move it days ahead; the engine re-reads its timers
 * whenever the clock is moved, so a deadline fires as soon as its time has come, and not before.
 */
export interface Clock {
  now(): number;
  /** Called after the clock jumps; a real clock never jumps and returns a no-op. */
  onJump(listener: () => void): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  onJump: () => () => undefined,
};

export class ManualClock implements Clock {
  #now: number;
  #listeners = new Set<() => void>();

  constructor(start: number = Date.now()) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  onJump(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Moves time to `ms` (never backwards: timers already fired stay fired). */
  set(ms: number): void {
    if (ms < this.#now) throw new Error("the manual clock does not run backwards");
    this.#now = ms;
    for (const listener of this.#listeners) listener();
  }

  advance(ms: number): void {
    this.set(this.#now + ms);
  }
}
