import { type Outcome, planAwaitResubmission, planFinalize, planOpenLevel, planRemind } from "@rujuk/core/approval";
import type { ItemKind, Level } from "@rujuk/core/chain";
import type { AppDeps } from "./deps.ts";

/** What the state machine passes to each task (see infra/workflow/approval-chain.ts). */
interface TaskInput {
  kind: ItemKind;
  id: string;
}

/**
 * The approval chain's task handlers: the Lambda functions the state machine invokes (registered by name with the
 * local endpoint). Step Functions may deliver a task twice; each handler changes the item once.
 */
export function approvalTasks(deps: AppDeps) {
  const now = deps.clock ?? (() => new Date());
  const { items } = deps.store;
  return {
    async OpenApproval(input: TaskInput & { token: string; level: Level; deadlineSeconds: number }) {
      await items.change(input.kind, input.id, (row) =>
        planOpenLevel(input.kind, row, {
          token: input.token,
          level: input.level,
          deadlineSeconds: input.deadlineSeconds,
          now: now(),
        }),
      );
      return { opened: input.level };
    },

    async AwaitResubmission(input: TaskInput & { token: string }) {
      await items.change(input.kind, input.id, (row) => planAwaitResubmission(row, input.token));
      return {};
    },

    async Remind(input: TaskInput & { level: Level }) {
      await items.change(input.kind, input.id, (row) => planRemind(input.kind, row, input.level, now()));
      return {};
    },

    async Finalize(input: TaskInput & { outcome: Outcome }) {
      await items.change(input.kind, input.id, (row) => planFinalize(input.kind, row, input.outcome, now()));
      return { outcome: input.outcome };
    },
  };
}

export type ApprovalTasks = ReturnType<typeof approvalTasks>;
