import { describe, expect, it } from "vitest";
import { LOGIN_POLICY, lockedFor, windowOpen } from "./login-throttle.ts";

const START = 1_000_000;
const WINDOW = LOGIN_POLICY.windowSeconds;

describe("windowOpen", () => {
  it.each([
    ["no record", undefined, START, false],
    ["the window's first second", { failures: 1, windowStart: START }, START, true],
    ["its last second", { failures: 1, windowStart: START }, START + WINDOW - 1, true],
    ["the second it ends", { failures: 1, windowStart: START }, START + WINDOW, false],
  ])("is %s at %s", (_, record, now, expected) => {
    expect(windowOpen(record, now)).toBe(expected);
  });
});

describe("lockedFor", () => {
  it("uses five failures in fifteen minutes", () => {
    expect(LOGIN_POLICY).toEqual({ maxFailures: 5, windowSeconds: 900 });
  });

  it.each([
    ["no record", undefined, START, 0],
    ["4 failures", { failures: 4, windowStart: START }, START + 10, 0],
    ["5 failures, 10 s into the window", { failures: 5, windowStart: START }, START + 10, WINDOW - 10],
    ["5 failures, at the window's start", { failures: 5, windowStart: START }, START, WINDOW],
    ["7 failures, 1 s before the end", { failures: 7, windowStart: START }, START + WINDOW - 1, 1],
    ["5 failures, as the window ends", { failures: 5, windowStart: START }, START + WINDOW, 0],
    ["5 failures, long after the window", { failures: 5, windowStart: START }, START + 10 * WINDOW, 0],
  ])("with %s is %i", (_, record, now, expected) => {
    expect(lockedFor(record, now)).toBe(expected);
  });
});
