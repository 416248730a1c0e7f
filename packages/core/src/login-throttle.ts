/**
 * Sign-in throttling. Failed sign-ins are counted twice, each in a fixed window of fifteen minutes from its first
 * failure:
 * - per **username and client** (source address): guessing one account's password from one place. Another client,
 *   such as the account's owner on their own phone, is not slowed by it, so a stranger cannot lock anyone out;
 * - per **client**, across usernames: trying many accounts once each (password spraying), which a per-username count
 *   never sees. It allows more, since one office or mobile network may carry several officers.
 * Past a few free failures, each further attempt must wait twice as long as the one before, up to the window's end.
 * Unknown usernames count exactly like wrong passwords, so the answers never tell them apart.
 */
export interface ThrottleRule {
  /** Failures in a window before any wait. */
  free: number;
  /** The wait after the first failure past the free ones; it doubles with each failure after that. */
  firstWaitSeconds: number;
  windowSeconds: number;
}

export const LOGIN_POLICY = {
  account: { free: 3, firstWaitSeconds: 2, windowSeconds: 15 * 60 },
  client: { free: 10, firstWaitSeconds: 2, windowSeconds: 15 * 60 },
} satisfies Record<string, ThrottleRule>;

export interface FailureRecord {
  failures: number;
  /** Epoch seconds of the window's first failure and of the latest one. */
  windowStart: number;
  lastFailure: number;
}

export function windowOpen(
  rule: ThrottleRule,
  record: FailureRecord | undefined,
  now: number,
): record is FailureRecord {
  return !!record && now < record.windowStart + rule.windowSeconds;
}

/** The wait after `failures` failures: none while free, then doubling, never past the window. */
export function backoffSeconds(rule: ThrottleRule, failures: number): number {
  if (failures < rule.free) return 0;
  return Math.min(rule.firstWaitSeconds * 2 ** (failures - rule.free), rule.windowSeconds);
}

/** Seconds until another attempt is allowed under `rule`, or 0. */
export function waitFor(rule: ThrottleRule, record: FailureRecord | undefined, now: number): number {
  if (!windowOpen(rule, record, now)) return 0;
  const until = Math.min(
    record.lastFailure + backoffSeconds(rule, record.failures),
    record.windowStart + rule.windowSeconds,
  );
  return Math.max(0, until - now);
}
