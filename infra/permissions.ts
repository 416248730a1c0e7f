/**
 * The IAM permissions of Rujuk's functions, in one place: each names only the actions the app's code calls and only
 * the resources it calls them on (`test/infra.test.ts` fails on a wildcard).
 */
export interface Permission {
  effect?: "allow" | "deny";
  actions: string[];
  resources: $util.Input<string>[];
  conditions?: { test: string; variable: string; values: $util.Input<string>[] }[];
}

/** The app's table and its indexes: what the repositories in `core/src/store` call. */
export function tableAccess(table: sst.aws.Dynamo): Permission[] {
  return [
    {
      actions: [
        "dynamodb:GetItem",
        "dynamodb:BatchGetItem",
        "dynamodb:Query",
        "dynamodb:PutItem",
        "dynamodb:UpdateItem",
        "dynamodb:DeleteItem",
      ],
      resources: [table.arn, $interpolate`${table.arn}/index/*`],
    },
  ];
}

/**
 * Audit events are appended and read, never changed. IAM cannot require a condition expression, so the app's code
 * puts only with `attribute_not_exists` and the hash chain shows any overwrite; what IAM can do, it does: no update,
 * delete or batch write is allowed, and an explicit deny keeps a later grant from allowing them.
 */
export const AUDIT_DENIED = [
  "dynamodb:UpdateItem",
  "dynamodb:DeleteItem",
  "dynamodb:BatchWriteItem",
  "dynamodb:PartiQLUpdate",
  "dynamodb:PartiQLDelete",
  "dynamodb:DeleteTable",
  "dynamodb:UpdateTable",
];

export function auditAccess(auditTable: sst.aws.Dynamo): Permission[] {
  return [
    {
      actions: ["dynamodb:PutItem", "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query"],
      resources: [auditTable.arn],
    },
    { effect: "deny", actions: AUDIT_DENIED, resources: [auditTable.arn, $interpolate`${auditTable.arn}/*`] },
  ];
}

/**
 * Starting executions and delivering decisions (a task token's success), on the approval chain only: the two calls
 * `functions/src/workflow/step-functions.ts` makes. The app never fails or heartbeats a task.
 */
export function workflowAccess(stateMachineArn: $util.Input<string>): Permission[] {
  return [{ actions: ["states:StartExecution", "states:SendTaskSuccess"], resources: [stateMachineArn] }];
}

/**
 * Answering a task of the approval chain (its token's success) and nothing else: the task functions' one call to Step
 * Functions, when OpenApproval reopens a level that a decision reached too late and hands it the decision.
 */
export function taskAnswerAccess(stateMachineArn: $util.Input<string>): Permission[] {
  return [{ actions: ["states:SendTaskSuccess"], resources: [stateMachineArn] }];
}

/** Sending from the app's own address only (SES checks the From address against `ses:FromAddress`). */
export function emailAccess(email: sst.aws.Email, from: string): Permission[] {
  return [
    {
      actions: ["ses:SendEmail"],
      resources: [email.nodes.configurationSet.arn, $interpolate`${identityPrefix(email)}*`],
      conditions: [{ test: "StringEquals", variable: "ses:FromAddress", values: [from] }],
    },
  ];
}

/** SES in the sandbox also checks the recipient's identity: `arn:…:identity/` in this account and region. */
function identityPrefix(email: sst.aws.Email) {
  return email.nodes.identity.arn.apply((arn: string) => arn.slice(0, arn.indexOf(":identity/") + ":identity/".length));
}
