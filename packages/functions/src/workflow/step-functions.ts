import {
  ExecutionAlreadyExists,
  type SFNClient,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
} from "@aws-sdk/client-sfn";
import { planStarted } from "@rujuk/core/approval";
import type { ItemStore } from "@rujuk/core/store/items";
import { executionInput } from "@rujuk/core/chain-tasks";
import type { ApprovalWorkflow } from "@rujuk/core/workflow";

/**
 * The approval workflow on AWS Step Functions (or the local endpoint: the same client, another endpoint). One
 * execution per item, named after it, so a repeated start is the same execution.
 */
export function stepFunctionsWorkflow(options: {
  sfn: SFNClient;
  stateMachineArn: string;
  items: ItemStore;
}): ApprovalWorkflow {
  const { sfn, stateMachineArn, items } = options;
  return {
    async start(kind, item) {
      if (item.workflowStarted) return;
      const input = executionInput(kind, item);
      try {
        // Same name and input while it runs returns the running execution: a retried start is harmless. Its first
        // task opens the first level, which takes the item off the reconciler's queue: nothing to write here.
        await sfn.send(
          new StartExecutionCommand({ stateMachineArn, name: `${kind}-${item.id}`, input: JSON.stringify(input) }),
        );
      } catch (error) {
        if (!(error instanceof ExecutionAlreadyExists)) throw error;
        // Started before and already ended (or ended early): never again, and off the queue.
        await items.change(kind, item.id, planStarted);
      }
    },

    async signal(token, output) {
      try {
        await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify(output) }));
        return "delivered";
      } catch (error) {
        if (error instanceof TaskDoesNotExist) return "delivered";
        if (error instanceof TaskTimedOut) return "expired";
        throw error;
      }
    },
  };
}
