/**
 * AWS's ceiling for every whole-number field of a state machine: TimeoutSeconds, HeartbeatSeconds, a Wait's
 * Seconds, and a retrier's IntervalSeconds, MaxAttempts and MaxDelaySeconds. A Task's TimeoutSeconds defaults to it.
 */
export const MAX_SECONDS = 99_999_999;

/** Whether `value` is a whole number from `minimum` up to {@link MAX_SECONDS}, as those fields must be. */
export function isIntegerInRange(value: unknown, minimum: number): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= minimum && value <= MAX_SECONDS;
}
