import { OPEN_EXECUTIONS_QUOTA } from "./limits.ts";

/**
 * Alarms on what needs a person: referrals stuck or failing in the chain, the API failing or throttled, a task
 * function erroring, DynamoDB throttling, and open executions nearing the account's quota. All go to one SNS topic;
 * `RUJUK_ALARM_EMAIL` subscribes an address when deploying (it must confirm the subscription).
 */

interface Watched {
  stateMachine: aws.sfn.StateMachine;
  gateway: sst.aws.ApiGatewayV2;
  /** Function names by the name their alarms carry. */
  functions: Record<string, $util.Input<string>>;
  tables: Record<string, sst.aws.Dynamo>;
}

export function alarms({ stateMachine, gateway, functions, tables }: Watched) {
  const topic = new sst.aws.SnsTopic("Alarms");
  const address = process.env.RUJUK_ALARM_EMAIL;
  if (address) new aws.sns.TopicSubscription("AlarmEmail", { topic: topic.arn, protocol: "email", endpoint: address });

  const alarm = (name: string, description: string, args: Partial<aws.cloudwatch.MetricAlarmArgs>) =>
    new aws.cloudwatch.MetricAlarm(name, {
      alarmDescription: description,
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      evaluationPeriods: 1,
      period: 300,
      statistic: "Sum",
      threshold: 1,
      treatMissingData: "notBreaching",
      alarmActions: [topic.arn],
      okActions: [topic.arn],
      ...args,
    });

  const machine = { StateMachineArn: stateMachine.arn };
  const made = [
    alarm("ExecutionsFailed", "An approval-chain execution failed", {
      namespace: "AWS/States",
      metricName: "ExecutionsFailed",
      dimensions: machine,
    }),
    alarm("ExecutionsTimedOut", "An approval-chain execution timed out", {
      namespace: "AWS/States",
      metricName: "ExecutionsTimedOut",
      dimensions: machine,
    }),
    alarm("Api5xx", "The API answered with server errors", {
      namespace: "AWS/ApiGateway",
      metricName: "5xx",
      dimensions: { ApiId: gateway.nodes.api.id },
      threshold: 5,
    }),
    alarm("OpenExecutions", `Open approval-chain executions passed half the account quota (${OPEN_EXECUTIONS_QUOTA})`, {
      namespace: "AWS/Usage",
      metricName: "ResourceCount",
      dimensions: { Service: "States", Type: "Resource", Resource: "OpenExecutionCount", Class: "None" },
      statistic: "Maximum",
      threshold: OPEN_EXECUTIONS_QUOTA / 2,
    }),
    ...Object.entries(functions).flatMap(([name, functionName]) => [
      alarm(`${name}Errors`, `The ${name} function failed`, {
        namespace: "AWS/Lambda",
        metricName: "Errors",
        dimensions: { FunctionName: functionName },
      }),
      alarm(`${name}Throttles`, `The ${name} function was throttled`, {
        namespace: "AWS/Lambda",
        metricName: "Throttles",
        dimensions: { FunctionName: functionName },
      }),
    ]),
    ...Object.entries(tables).flatMap(([name, table]) =>
      ["ReadThrottleEvents", "WriteThrottleEvents"].map((metricName) =>
        alarm(`${name}${metricName}`, `DynamoDB throttled ${name}`, {
          namespace: "AWS/DynamoDB",
          metricName,
          dimensions: { TableName: table.name },
        }),
      ),
    ),
  ];
  return { topic, alarms: made };
}
