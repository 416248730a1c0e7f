import { describe, expect, it } from "vitest";
import { WorkQueue } from "./work-queue.ts";

/** Holds work until the test lets it go. */
function gate(): { opened: Promise<void>; open: () => void } {
  const { promise, resolve } = Promise.withResolvers<void>();
  return { opened: promise, open: () => resolve() };
}

describe("WorkQueue", () => {
  it("idle() waits for work that the work it waited for began, and for what that began", async () => {
    const queue = new WorkQueue();
    const done: string[] = [];
    const first = gate();
    void queue.run(async () => {
      await first.opened;
      void queue.run(async () => {
        await new Promise((resolve) => setImmediate(resolve));
        void queue.run(async () => {
          await new Promise((resolve) => setImmediate(resolve));
          done.push("third");
        });
        done.push("second");
      });
      done.push("first");
    });
    const idle = queue.idle().then(() => done.push("idle"));
    first.open();
    await idle;
    expect(done).toEqual(["first", "second", "third", "idle"]);
  });

  it("idle() resolves when work fails, and run() passes the failure on", async () => {
    const queue = new WorkQueue();
    const failing = queue.run(() => Promise.reject(new Error("no")));
    await queue.idle();
    await expect(failing).rejects.toThrow("no");
  });

  it("runs one execution's work one piece at a time, in order, past a failure", async () => {
    const queue = new WorkQueue();
    const log: string[] = [];
    const held = gate();
    const a = queue.serial("exec-1", async () => {
      log.push("a starts");
      await held.opened;
      log.push("a ends");
      throw new Error("a failed");
    });
    const b = queue.serial("exec-1", () => {
      log.push("b runs");
      return Promise.resolve("b");
    });
    const other = queue.serial("exec-2", () => {
      log.push("other runs");
      return Promise.resolve("other");
    });
    expect(await other).toBe("other");
    held.open();
    await expect(a).rejects.toThrow("a failed");
    expect(await b).toBe("b");
    expect(log).toEqual(["a starts", "other runs", "a ends", "b runs"]);
  });
});
