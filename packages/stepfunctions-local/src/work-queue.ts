/**
 * The engine's work under way in this process: counted from the moment it is asked for, so that waiting for quiet
 * also waits for work that other work started (a task handler answering its own token, a step starting another
 * execution), and queued per execution, so that two steps of one execution never run at once here.
 */
export class WorkQueue {
  readonly #pending = new Set<Promise<unknown>>();
  readonly #queues = new Map<string, Promise<unknown>>();

  /** Runs `work`, counted as under way until it settles; returns what it returns. */
  run<T>(work: () => Promise<T>): Promise<T> {
    const running = work();
    const done = running.then(
      () => undefined,
      () => undefined,
    );
    this.#pending.add(done);
    void done.then(() => this.#pending.delete(done));
    return running;
  }

  /**
   * Runs `work` once the work queued before it on the same execution has settled. Only this process is kept out:
   * other processes are kept out by the conditional writes.
   */
  serial<T>(executionArn: string, work: () => Promise<T>): Promise<T> {
    const previous = this.#queues.get(executionArn) ?? Promise.resolve();
    const next = previous.then(work, work);
    const tail = next.catch(() => undefined);
    this.#queues.set(executionArn, tail);
    void tail.then(() => {
      if (this.#queues.get(executionArn) === tail) this.#queues.delete(executionArn);
    });
    return next;
  }

  /** Resolves once nothing is under way, including work begun by the work it waited for. */
  async idle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all(this.#pending);
  }
}
