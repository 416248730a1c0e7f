/**
 * Error-name matching for `Retry` and `Catch`, as AWS documents it in "Handling errors in
 * Step Functions workflows" and the States Language specification (Appendix A).
 */

/** The predefined error names this endpoint can raise or match. */
export const StatesError = {
  ALL: "States.ALL",
  Timeout: "States.Timeout",
  HeartbeatTimeout: "States.HeartbeatTimeout",
  TaskFailed: "States.TaskFailed",
  Permissions: "States.Permissions",
  QueryEvaluationError: "States.QueryEvaluationError",
  NoChoiceMatched: "States.NoChoiceMatched",
  DataLimitExceeded: "States.DataLimitExceeded",
  Runtime: "States.Runtime",
} as const;

/**
 * Whether an error named `error` is matched by a retrier's or catcher's `ErrorEquals`.
 *
 * - `States.Runtime` is never matched, not even when named: AWS documents it as neither
 *   retriable nor catchable, it "will always cause the execution to fail".
 * - `States.ALL` matches every other error except `States.DataLimitExceeded`, which AWS
 *   calls terminal for the wildcard but catchable when named explicitly.
 * - `States.TaskFailed` "acts as a wildcard that matches any known error name except for
 *   `States.Timeout`". A heartbeat timeout is a kind of `States.Timeout` (see next rule),
 *   so it is excluded too; a narrower wildcard than `States.ALL` cannot reach what
 *   `States.ALL` cannot, so `States.DataLimitExceeded` is excluded as well.
 * - `States.Timeout` also matches `States.HeartbeatTimeout`: AWS defines `States.Timeout`
 *   as running past `TimeoutSeconds` *or* missing a heartbeat for `HeartbeatSeconds`, and
 *   heartbeat timeouts were reported as `States.Timeout` before the narrower name existed.
 * - Any other name matches by exact, case-sensitive equality.
 */
export function errorMatches(errorEquals: readonly string[], error: string): boolean {
  if (error === StatesError.Runtime) return false;
  return errorEquals.some((name) => {
    if (name === error) return true;
    switch (name) {
      case StatesError.ALL:
        return error !== StatesError.DataLimitExceeded;
      case StatesError.TaskFailed:
        return (
          error !== StatesError.Timeout &&
          error !== StatesError.HeartbeatTimeout &&
          error !== StatesError.DataLimitExceeded
        );
      case StatesError.Timeout:
        return error === StatesError.HeartbeatTimeout;
      default:
        return false;
    }
  });
}

/**
 * The first handler (retrier or catcher) whose `ErrorEquals` matches `error`, with its
 * index. Order matters: AWS scans retriers and catchers in array order and the first
 * match wins, which is also why `States.ALL` must come last.
 */
export function findHandler<T extends { ErrorEquals: string[] }>(
  handlers: readonly T[] | undefined,
  error: string,
): { handler: T; index: number } | undefined {
  const index = handlers?.findIndex((handler) => errorMatches(handler.ErrorEquals, error)) ?? -1;
  const handler = handlers?.[index];
  return handler === undefined ? undefined : { handler, index };
}
