import { readFileSync } from "node:fs";
import { arnPlaceholder, fillDefinition } from "../../../infra/workflow/definition.ts";

/** The task functions the approval chain calls, by the names their ARN placeholders use. */
export const APPROVAL_FUNCTIONS = ["OpenApproval", "AwaitResubmission", "Remind", "Finalize"] as const;
export type ApprovalFunction = (typeof APPROVAL_FUNCTIONS)[number];

const ASL = new URL("../../../infra/generated/approval-chain.asl.json", import.meta.url);

/**
 * The committed approval-chain ASL with its placeholders filled in: function ARNs (locally, the names the task
 * handlers are registered under) and the partition.
 */
export function approvalChainDefinition(functions: Record<ApprovalFunction, string>, partition = "aws"): string {
  return fillDefinition(readFileSync(ASL, "utf8"), {
    "AWS::Partition": partition,
    ...Object.fromEntries(APPROVAL_FUNCTIONS.map((fn) => [arnPlaceholder(fn), functions[fn]])),
  });
}
