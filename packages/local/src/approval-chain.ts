import { readFileSync } from "node:fs";

/** The task functions the approval chain calls, by the names their ARN placeholders use. */
export const APPROVAL_FUNCTIONS = ["OpenApproval", "AwaitResubmission", "Remind", "Finalize"] as const;
export type ApprovalFunction = (typeof APPROVAL_FUNCTIONS)[number];

const ASL = new URL("../../../infra/generated/approval-chain.asl.json", import.meta.url);

/**
 * The committed approval-chain ASL with its placeholders filled in: function ARNs (locally, the names the task
 * handlers are registered under) and the partition.
 */
export function approvalChainDefinition(functions: Record<ApprovalFunction, string>, partition = "aws"): string {
  const values: Record<string, string> = {
    "AWS::Partition": partition,
    ...Object.fromEntries(APPROVAL_FUNCTIONS.map((fn) => [`${fn}FunctionArn`, functions[fn]])),
  };
  return readFileSync(ASL, "utf8").replace(/\$\{([\w:]+)\}/g, (match, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`approval chain: no value for placeholder ${match}`);
    return value;
  });
}
