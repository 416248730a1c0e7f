import { Stack } from "aws-cdk-lib";
import * as lambda from "aws-cdk-lib/aws-lambda";
import * as sfn from "aws-cdk-lib/aws-stepfunctions";
import * as tasks from "aws-cdk-lib/aws-stepfunctions-tasks";
import type { TaskFunction } from "../../packages/core/src/chain-tasks.ts";

/**
 * The approval chain: one state machine for every referral and report, looping over the item's `chain` with a level
 * index kept in the state input. Its input: `{ kind, id, chain, levelIndex: 0, step: 0, deadlines: { <level>: seconds } }`.
 *
 * `step` counts the waits entered so far. Each waiting task gets the next number and each task passes it on, and the
 * item keeps the highest step applied to it: Lambda may deliver a task twice, and a copy delivered late (after its
 * level was decided) then carries a lower step than the item and changes nothing.
 *
 * Happy path per level: Open (callback task) then Route (Choice), plus Finalize: 7 state transitions for three
 * levels. A deadline passing is caught, Remind reminds and escalates, and the level opens again with a fresh token.
 */

const input = "$states.input";
const level = `${input}.chain[${input}.levelIndex]`;
const with_ = (fields: string) => `{% $merge([${input}, ${fields}]) %}`;
const nextStep = `${input}.step + 1`;

export function approvalChain(scope: Stack, functions: Record<TaskFunction, lambda.IFunction>): sfn.IChainable {
  const ref = { kind: `{% ${input}.kind %}`, id: `{% ${input}.id %}` };

  const finalize = tasks.LambdaInvoke.jsonata(scope, "Finalize", {
    lambdaFunction: functions.Finalize,
    payload: sfn.TaskInput.fromObject({ ...ref, step: `{% ${input}.step %}`, outcome: `{% ${input}.outcome %}` }),
    retryOnServiceExceptions: true,
  });

  const open = tasks.LambdaInvoke.jsonata(scope, "Open", {
    comment: "Opens the current level: stores the token with the item, notifies the level's officials, waits.",
    lambdaFunction: functions.OpenApproval,
    integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN,
    payload: sfn.TaskInput.fromObject({
      ...ref,
      token: "{% $states.context.Task.Token %}",
      step: `{% ${nextStep} %}`,
      level: `{% ${level} %}`,
      levelIndex: `{% ${input}.levelIndex %}`,
      deadlineSeconds: `{% $lookup(${input}.deadlines, ${level}) %}`,
    }),
    taskTimeout: sfn.Timeout.at(`{% $lookup(${input}.deadlines, ${level}) %}`),
    outputs: with_(`{'decision': $states.result.decision, 'step': ${nextStep}}`),
  });

  const remind = tasks.LambdaInvoke.jsonata(scope, "Remind", {
    comment: "The level's deadline passed: remind its officials and escalate to the level above.",
    lambdaFunction: functions.Remind,
    payload: sfn.TaskInput.fromObject({ ...ref, step: `{% ${input}.step %}`, level: `{% ${level} %}` }),
    outputs: `{% ${input} %}`,
    retryOnServiceExceptions: true,
  });

  const awaitResubmission = tasks.LambdaInvoke.jsonata(scope, "AwaitResubmission", {
    comment: "Returned for revision: waits for the submitter to resubmit (or withdraw).",
    lambdaFunction: functions.AwaitResubmission,
    integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN,
    payload: sfn.TaskInput.fromObject({
      ...ref,
      token: "{% $states.context.Task.Token %}",
      step: `{% ${nextStep} %}`,
      level: `{% ${level} %}`,
    }),
    outputs: with_(`{'decision': $states.result.decision, 'step': ${nextStep}}`),
  });

  const decided = (decision: string) => `${input}.decision = '${decision}'`;
  const outcome = (value: string) => ({ outputs: with_(`{'outcome': '${value}'}`) });

  const route = sfn.Choice.jsonata(scope, "Route", { comment: "Where the decision at this level leads." })
    .when(
      sfn.Condition.jsonata(`{% ${decided("approve")} and ${input}.levelIndex + 1 < $count(${input}.chain) %}`),
      open,
      { outputs: with_(`{'levelIndex': ${input}.levelIndex + 1, 'decision': null}`) },
    )
    .when(sfn.Condition.jsonata(`{% ${decided("approve")} %}`), finalize, outcome("approved"))
    .when(sfn.Condition.jsonata(`{% ${decided("reject")} %}`), finalize, outcome("rejected"))
    .when(sfn.Condition.jsonata(`{% ${decided("withdraw")} %}`), finalize, outcome("withdrawn"))
    .when(sfn.Condition.jsonata(`{% ${decided("return")} %}`), awaitResubmission)
    .when(sfn.Condition.jsonata(`{% ${decided("resubmit")} %}`), open, { outputs: with_("{'decision': null}") })
    .otherwise(
      sfn.Fail.jsonata(scope, "UnknownDecision", {
        error: "UnknownDecision",
        cause: `{% 'Unknown decision: ' & $string(${input}.decision) %}`,
      }),
    );

  // The timed-out wait keeps its step, for Remind; Open then waits again under the next one.
  open.addCatch(remind, { errors: ["States.Timeout"], outputs: with_(`{'step': ${nextStep}}`) });
  open.next(route);
  remind.next(open);
  awaitResubmission.next(route);
  return open;
}
