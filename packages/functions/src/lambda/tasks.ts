import { approvalTasks } from "../tasks.ts";
import { reconcile as reconcileItems } from "../workflow/delivery.ts";
import { appDepsFromEnv } from "./env.ts";
import { notifierFromEnv } from "./notifier.ts";

/**
 * The approval chain's Lambda functions, one export each (the state machine's `${<Name>FunctionArn}`), and the
 * reconciler, run on a schedule. They share the API's wiring; none of them needs the HTTP app. OpenApproval signals
 * its own workflow when a decision met the level's last token timed out, so the task functions may send task success.
 */
const app = appDepsFromEnv();
const deps = { ...app, notifier: notifierFromEnv(app.store) };
// Step Functions takes a task's token from the moment the task is scheduled, so a handler may answer its own task.
const tasks = approvalTasks(deps, (token, output) => deps.workflow.signal(token, output));

export const OpenApproval = tasks.OpenApproval;
export const AwaitResubmission = tasks.AwaitResubmission;
export const Remind = tasks.Remind;
export const Finalize = tasks.Finalize;
export const reconcile = () => reconcileItems(deps.store.items, deps.workflow);
