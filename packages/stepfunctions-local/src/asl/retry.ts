import type { Retrier } from "./types.ts";

/** Defaults from the States Language specification and AWS's error-handling guide. */
const DEFAULT_INTERVAL_SECONDS = 1;
const DEFAULT_MAX_ATTEMPTS = 3;
const DEFAULT_BACKOFF_RATE = 2;

/**
 * A Standard execution cannot run longer than a year, so no retry can usefully wait longer.
 * Clamping keeps an uncapped exponential backoff (say BackoffRate 2 at attempt 2000) from
 * reaching Infinity, which would poison any timestamp arithmetic done with the result.
 */
const MAX_DELAY_MS = 366 * 24 * 60 * 60 * 1000;

/**
 * How long to wait before the next retry under `retrier`, in milliseconds, or `undefined`
 * when the retrier is exhausted and normal error handling (Catch, then failure) resumes.
 *
 * `attempt` counts the retries this retrier has already made within the current visit to
 * the state (0 before the first retry). Counters are per retrier, not per error name, and
 * reset when the execution leaves the state.
 *
 * The wait is `IntervalSeconds × BackoffRate^attempt`, capped at `MaxDelaySeconds`; with
 * `JitterStrategy: "FULL"` it is a uniformly random time between 0 and that value, drawn
 * from `random` (a function returning a number in [0, 1), injectable for tests). Results
 * are rounded to whole milliseconds.
 */
export function retryDelayMs(
  retrier: Retrier,
  attempt: number,
  random: () => number = Math.random,
): number | undefined {
  if (attempt >= (retrier.MaxAttempts ?? DEFAULT_MAX_ATTEMPTS)) return undefined;
  const interval = retrier.IntervalSeconds ?? DEFAULT_INTERVAL_SECONDS;
  const rate = retrier.BackoffRate ?? DEFAULT_BACKOFF_RATE;
  let delayMs = Math.min(interval * rate ** attempt * 1000, MAX_DELAY_MS);
  if (retrier.MaxDelaySeconds !== undefined) delayMs = Math.min(delayMs, retrier.MaxDelaySeconds * 1000);
  if (retrier.JitterStrategy === "FULL") delayMs *= random();
  return Math.round(delayMs);
}
