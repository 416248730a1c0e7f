import { describe, expect, it, vi } from "vitest";
import { retryDelayMs } from "./retry.ts";
import type { Retrier } from "./types.ts";

const errors = ["States.ALL"];

describe("retryDelayMs", () => {
  it.each<[string, Omit<Retrier, "ErrorEquals">, number, number | undefined]>([
    ["defaults: 1 s, doubling", {}, 0, 1000],
    ["defaults, second retry", {}, 1, 2000],
    ["defaults, third retry", {}, 2, 4000],
    ["defaults allow three retries", {}, 3, undefined],
    ["AWS example: 3 s then 4.5 s", { IntervalSeconds: 3, BackoffRate: 1.5, MaxAttempts: 2 }, 1, 4500],
    ["AWS example: exhausted after 2", { IntervalSeconds: 3, BackoffRate: 1.5, MaxAttempts: 2 }, 2, undefined],
    ["BackoffRate 1 keeps the interval", { IntervalSeconds: 5, BackoffRate: 1 }, 2, 5000],
    [
      "MaxDelaySeconds caps growth",
      { IntervalSeconds: 3, BackoffRate: 2, MaxAttempts: 5, MaxDelaySeconds: 4 },
      1,
      4000,
    ],
    ["MaxDelaySeconds above the delay has no effect", { IntervalSeconds: 3, MaxDelaySeconds: 4 }, 0, 3000],
    ["MaxAttempts 0 never retries", { MaxAttempts: 0 }, 0, undefined],
    ["JitterStrategy NONE is the plain backoff", { IntervalSeconds: 2, JitterStrategy: "NONE" }, 1, 4000],
    ["fractional products round to whole ms", { IntervalSeconds: 1, BackoffRate: 1.1 }, 2, 1210],
    [
      "a huge uncapped backoff stays finite",
      { BackoffRate: 10, MaxAttempts: 99_999_999 },
      1000,
      366 * 24 * 3600 * 1000,
    ],
  ])("%s", (_, fields, attempt, expected) => {
    expect(retryDelayMs({ ErrorEquals: errors, ...fields }, attempt, () => 0.5)).toBe(expected);
  });

  it.each([
    [0.25, 0, 250],
    [0.25, 2, 1000],
    [0, 1, 0],
    [0.999, 0, 999],
  ])("FULL jitter scales the delay by random() = %s (attempt %s)", (random, attempt, expected) => {
    const retrier: Retrier = { ErrorEquals: errors, JitterStrategy: "FULL" };
    expect(retryDelayMs(retrier, attempt, () => random)).toBe(expected);
  });

  it("FULL jitter applies after the MaxDelaySeconds cap", () => {
    const retrier: Retrier = { ErrorEquals: errors, IntervalSeconds: 10, MaxDelaySeconds: 4, JitterStrategy: "FULL" };
    expect(retryDelayMs(retrier, 2, () => 0.5)).toBe(2000);
  });

  it("draws from Math.random by default", () => {
    const spy = vi.spyOn(Math, "random").mockReturnValue(0.125);
    try {
      expect(retryDelayMs({ ErrorEquals: errors, IntervalSeconds: 8, JitterStrategy: "FULL" }, 0)).toBe(1000);
    } finally {
      spy.mockRestore();
    }
  });
});
