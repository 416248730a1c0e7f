import { readFileSync } from "node:fs";
import { TASK_FUNCTIONS, type TaskFunction } from "@rujuk/core/chain-tasks";
import { arnPlaceholder, fillDefinition } from "../../../infra/workflow/definition.ts";

const ASL = new URL("../../../infra/generated/approval-chain.asl.json", import.meta.url);

/**
 * The committed approval-chain ASL with its placeholders filled in: function ARNs (locally, the names the task
 * handlers are registered under) and the partition.
 */
/** Locally each task function is known by its own name (the endpoint's handlers are registered under it). */
export function localFunctionNames(): Record<TaskFunction, string> {
  return {
    OpenApproval: "OpenApproval",
    AwaitResubmission: "AwaitResubmission",
    Remind: "Remind",
    Finalize: "Finalize",
  };
}

export function approvalChainDefinition(functions: Record<TaskFunction, string>, partition = "aws"): string {
  return fillDefinition(readFileSync(ASL, "utf8"), {
    "AWS::Partition": partition,
    ...Object.fromEntries(TASK_FUNCTIONS.map((fn) => [arnPlaceholder(fn), functions[fn]])),
  });
}
