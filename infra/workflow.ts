import { readFileSync } from "node:fs";
import type { TaskFunction } from "../packages/core/src/chain-tasks.ts";
import { HANDLERS } from "./build.ts";
import { type AppSettings, appFunction } from "./functions.ts";
import { arnPlaceholder, fillDefinition } from "./workflow/definition.ts";

const TASKS: Record<TaskFunction, string> = {
  OpenApproval: HANDLERS.openApproval,
  AwaitResubmission: HANDLERS.awaitResubmission,
  Remind: HANDLERS.remind,
  Finalize: HANDLERS.finalize,
};

/** Read at deploy from the repository root (SST runs the program there); never rebuilt from the CDK source. */
const ASL_FILE = "infra/generated/approval-chain.asl.json";

/**
 * The approval chain's name, fixed so that its ARN is known before it exists: the task functions and the API need
 * the ARN in their settings, and the state machine needs theirs.
 */
export function stateMachineArn() {
  const name = `${$app.name}-${$app.stage}-ApprovalChain`;
  const { accountId } = aws.getCallerIdentityOutput();
  const { region } = aws.getRegionOutput();
  const { partition } = aws.getPartitionOutput();
  return { name, partition, arn: $interpolate`arn:${partition}:states:${region}:${accountId}:stateMachine:${name}` };
}

/**
 * The task functions, the state machine running the committed definition with their ARNs filled in, and the
 * reconciler on a schedule. The state machine may invoke these four functions and nothing else.
 */
export function workflow(
  settings: { tasks: AppSettings; reconciler: AppSettings },
  machine: ReturnType<typeof stateMachineArn>,
) {
  const tasks = Object.fromEntries(
    (Object.keys(TASKS) as TaskFunction[]).map((fn) => [
      fn,
      new sst.aws.Function(fn, appFunction(TASKS[fn], settings.tasks, { description: `Rujuk approval chain: ${fn}` })),
    ]),
  ) as Record<TaskFunction, sst.aws.Function>;
  const taskArns = Object.values(tasks).map((fn) => fn.arn);

  const role = new aws.iam.Role("ApprovalChainRole", {
    assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: "states.amazonaws.com" }),
    inlinePolicies: [
      {
        name: "invoke-tasks",
        policy: $jsonStringify({
          Version: "2012-10-17",
          Statement: [
            { Effect: "Allow", Action: ["lambda:InvokeFunction"], Resource: taskArns },
            // CloudWatch Logs' delivery API has no resource-level permissions: AWS requires "*" for these actions.
            {
              Effect: "Allow",
              Action: [
                "logs:CreateLogDelivery",
                "logs:GetLogDelivery",
                "logs:UpdateLogDelivery",
                "logs:DeleteLogDelivery",
                "logs:ListLogDeliveries",
                "logs:PutResourcePolicy",
                "logs:DescribeResourcePolicies",
                "logs:DescribeLogGroups",
              ],
              Resource: "*",
            },
          ],
        }),
      },
    ],
  });
  const logGroup = new aws.cloudwatch.LogGroup("ApprovalChainLogs", {
    name: `/aws/vendedlogs/states/${machine.name}`,
    retentionInDays: 90,
  });
  const asl = readFileSync(ASL_FILE, "utf8");
  const stateMachine = new aws.sfn.StateMachine("ApprovalChain", {
    name: machine.name,
    type: "STANDARD",
    roleArn: role.arn,
    definition: $resolve([machine.partition, ...taskArns]).apply(([partition, ...arns]) =>
      fillDefinition(asl, {
        "AWS::Partition": partition!,
        ...Object.fromEntries(Object.keys(tasks).map((fn, i) => [arnPlaceholder(fn), arns[i]!])),
      }),
    ),
    // Errors only, without execution data: the data carries task tokens and case details.
    loggingConfiguration: {
      level: "ERROR",
      includeExecutionData: false,
      logDestination: $interpolate`${logGroup.arn}:*`,
    },
  });

  const reconciler = new sst.aws.Cron("Reconcile", {
    schedule: "rate(5 minutes)",
    function: appFunction(HANDLERS.reconcile, settings.reconciler, {
      description: "Rujuk: starts workflows and delivers decisions that a failure left undelivered",
      timeout: "5 minutes",
    }),
  });
  return { tasks, stateMachine, reconciler };
}
