/**
 * Limits the deployment sets, shared by the SST program (`api.ts`, `alarms.ts`) and its checks (`test/infra.test.ts`).
 */

/**
 * Throttling at the front door, per stage: enough for every TKSK of a province submitting at once, low enough that a
 * runaway client cannot run up the bill. The app limits sign-in attempts per account on its own.
 */
export const API_THROTTLE = { burst: 200, ratePerSecond: 100 };

/** Step Functions' default quota of open Standard executions per account and region; the alarm fires at half. */
export const OPEN_EXECUTIONS_QUOTA = 1_000_000;
