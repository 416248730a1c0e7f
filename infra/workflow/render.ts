import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { App, CfnParameter, Stack } from "aws-cdk-lib";
import * as lambda from "aws-cdk-lib/aws-lambda";
import * as sfn from "aws-cdk-lib/aws-stepfunctions";
import { TASK_FUNCTIONS, type TaskFunction } from "../../packages/core/src/chain-tasks.ts";
import { approvalChain } from "./approval-chain.ts";
import { arnPlaceholder } from "./definition.ts";

export const ASL_FILE = fileURLToPath(new URL("../generated/approval-chain.asl.json", import.meta.url));

/** Replaces CloudFormation `{ Ref }`s and `Fn::Join`s left by CDK tokens with ARN placeholders. */
function untokenize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(untokenize);
  if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    if (typeof record.Ref === "string") return `\${${record.Ref}}`;
    if (Array.isArray(record["Fn::Join"])) {
      const [separator, parts] = record["Fn::Join"] as [string, unknown[]];
      return parts.map(untokenize).join(separator);
    }
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, untokenize(v)]));
  }
  return value;
}

/**
 * AWS's JSONata states take expressions in the plain fields; CDK's `Timeout.at` renders the JSONPath field
 * (`TimeoutSecondsPath`), which AWS rejects in a JSONata state. Move such values to the field AWS reads.
 */
function jsonataFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(jsonataFields);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, v]) => {
        const plain = { TimeoutSecondsPath: "TimeoutSeconds", HeartbeatSecondsPath: "HeartbeatSeconds" }[key];
        return [plain && typeof v === "string" && v.startsWith("{%") ? plain : key, jsonataFields(v)];
      }),
    );
  }
  return value;
}

/** The approval chain as ASL JSON text, with ARN placeholders: deterministic, so the committed file can be checked. */
export function renderApprovalChain(): string {
  const app = new App();
  const stack = new Stack(app, "RujukWorkflow");
  const functions = Object.fromEntries(
    TASK_FUNCTIONS.map((fn) => {
      const arn = new CfnParameter(stack, arnPlaceholder(fn), { type: "String" });
      return [fn, lambda.Function.fromFunctionArn(stack, `${fn}Function`, arn.valueAsString)];
    }),
  ) as Record<TaskFunction, lambda.IFunction>;
  const start = approvalChain(stack, functions);
  const graph = new sfn.StateGraph(sfn.Chain.start(start).startState, "ApprovalChain");
  const asl = jsonataFields(untokenize(stack.resolve(graph.toGraphJson(sfn.QueryLanguage.JSONATA))));
  return `${JSON.stringify({ Comment: "Rujuk approval chain (rendered from infra/workflow/approval-chain.ts)", QueryLanguage: "JSONata", ...(asl as object) }, null, 2)}\n`;
}

/** The committed ASL. */
export function committedApprovalChain(): string {
  return readFileSync(ASL_FILE, "utf8");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(ASL_FILE, renderApprovalChain());
  console.log(`wrote ${ASL_FILE}`);
}
