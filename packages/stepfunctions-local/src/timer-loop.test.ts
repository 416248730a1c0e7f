import { afterEach, describe, expect, it, vi } from "vitest";
import { ManualClock } from "./clock.ts";
import { type DuePass, TimerLoop } from "./timer-loop.ts";
import { WorkQueue } from "./work-queue.ts";

const T0 = Date.UTC(2026, 10, 24);
const loops: TimerLoop[] = [];
afterEach(() => {
  for (const loop of loops.splice(0)) loop.stop();
  vi.restoreAllMocks();
});

/** A timer loop over stand-ins: `pass` answers each pass over the due executions, `wake` each look at the store. */
function loopOver(options: {
  clock?: ManualClock;
  pass: (count: number) => DuePass | Promise<DuePass>;
  wake: (count: number) => number | undefined;
}) {
  const clock = options.clock ?? new ManualClock(T0);
  const queue = new WorkQueue();
  let passes = 0;
  let looks = 0;
  const loop = new TimerLoop({
    clock,
    maxSleepMs: 60_000,
    runDue: async () => options.pass(++passes),
    nextWake: () => Promise.resolve(options.wake(++looks)),
    track: (round) => queue.run(round),
  });
  loops.push(loop);
  return { loop, clock, queue, passes: () => passes };
}

describe("TimerLoop", () => {
  it("runs within its round what is due by the end of a pass, so waiting for quiet includes it", async () => {
    const { loop, queue, passes } = loopOver({
      pass: () => ({ failed: false, moved: true }),
      wake: (look) => (look === 1 ? T0 : undefined),
    });
    loop.start();
    await queue.idle();
    expect(passes()).toBe(2);
  });

  it("leaves to a timer what stays due after a pass that moved nothing, instead of spinning", async () => {
    const { loop, queue, passes } = loopOver({
      pass: () => ({ failed: false, moved: false }),
      wake: () => T0,
    });
    loop.start();
    await queue.idle();
    expect(passes()).toBe(1);
  });

  it("runs again before its round ends when the clock jumps during a pass", async () => {
    const clock = new ManualClock(T0);
    const { loop, queue, passes } = loopOver({
      clock,
      pass: (count) => {
        if (count === 1) clock.advance(60_000);
        return { failed: false, moved: count === 1 };
      },
      wake: () => undefined,
    });
    loop.start();
    await queue.idle();
    expect(passes()).toBe(2);
  });

  it("backs off after a failing pass rather than retrying what is due at once", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { loop, queue, passes } = loopOver({
      pass: () => Promise.reject(new Error("DynamoDB unreachable")),
      wake: () => T0,
    });
    loop.start();
    await queue.idle();
    expect(passes()).toBe(1);
    expect(logged).toHaveBeenCalledOnce();
  });
});
