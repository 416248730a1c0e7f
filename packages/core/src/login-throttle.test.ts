import { describe, expect, it } from "vitest";
import { LOGIN_POLICY, backoffSeconds, waitFor, windowOpen } from "./login-throttle.ts";

const START = 1_000_000;
const RULE = LOGIN_POLICY.account;
const WINDOW = RULE.windowSeconds;
const record = (failures: number, lastFailure = START) => ({ failures, windowStart: START, lastFailure });

describe("the policy", () => {
  it("lets three wrong passwords per account and client go free, ten per client across accounts", () => {
    expect(LOGIN_POLICY).toEqual({
      account: { free: 3, firstWaitSeconds: 2, windowSeconds: 900 },
      client: { free: 10, firstWaitSeconds: 2, windowSeconds: 900 },
    });
  });
});

describe("windowOpen", () => {
  it.each([
    ["no record", undefined, START, false],
    ["the window's first second", record(1), START, true],
    ["its last second", record(1), START + WINDOW - 1, true],
    ["the second it ends", record(1), START + WINDOW, false],
  ])("is %s at %s", (_, r, now, expected) => {
    expect(windowOpen(RULE, r, now)).toBe(expected);
  });
});

describe("backoffSeconds", () => {
  it("is nothing while free, then doubles from the first wait, never past the window", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 10, 20].map((n) => backoffSeconds(RULE, n))).toEqual([0, 0, 0, 2, 4, 8, 16, 256, 900]);
  });
});

describe("waitFor", () => {
  it.each([
    ["no record", undefined, START, 0],
    ["2 failures", record(2), START + 1, 0],
    ["3 failures, at once", record(3), START, 2],
    ["3 failures, 2 s later", record(3), START + 2, 0],
    ["6 failures, the last 10 s ago", record(6, START + 100), START + 110, 6],
    ["20 failures: until the window ends, not past it", record(20, START + 800), START + 850, 50],
    ["20 failures, after the window", record(20, START + 800), START + WINDOW, 0],
  ])("with %s is %i", (_, r, now, expected) => {
    expect(waitFor(RULE, r, now)).toBe(expected);
  });
});
