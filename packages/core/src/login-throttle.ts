/**
 * Failed sign-ins per username: after `maxFailures` inside one window the username is locked until the window ends.
 * A fixed window from the first failure keeps the stored state to two numbers and the rule easy to explain.
 */
export const LOGIN_POLICY = { maxFailures: 5, windowSeconds: 15 * 60 };

export interface FailureRecord {
  failures: number;
  windowStart: number; // epoch seconds
}

export function windowOpen(record: FailureRecord | undefined, nowSeconds: number): record is FailureRecord {
  return !!record && nowSeconds < record.windowStart + LOGIN_POLICY.windowSeconds;
}

/** Seconds until the username may try again, or 0 when it is not locked. */
export function lockedFor(record: FailureRecord | undefined, nowSeconds: number): number {
  if (!windowOpen(record, nowSeconds) || record.failures < LOGIN_POLICY.maxFailures) return 0;
  return record.windowStart + LOGIN_POLICY.windowSeconds - nowSeconds;
}
