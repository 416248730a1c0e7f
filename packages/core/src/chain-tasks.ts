import * as z from "zod";
import { ITEM_KINDS, type ItemKind, LEVELS, type Level } from "./chain.ts";
import { deadlinesFor, type Urgency } from "./deadline.ts";
import { DECISIONS } from "./item.ts";

/**
 * The contract between the approval chain's state machine (infra/workflow/approval-chain.ts) and its task functions:
 * their names, what the state machine passes each, and how an execution starts. The task handlers parse their input
 * with these schemas, so a definition and a handler that drift apart fail at the first task, loudly.
 */
export const TASK_FUNCTIONS = ["OpenApproval", "AwaitResubmission", "Remind", "Finalize"] as const;
export type TaskFunction = (typeof TASK_FUNCTIONS)[number];

export const OUTCOMES = ["approved", "rejected", "withdrawn"] as const;
export type Outcome = (typeof OUTCOMES)[number];

const ref = {
  kind: z.enum(ITEM_KINDS),
  id: z.string().min(1),
  // Which wait of the execution a task belongs to; executions started before steps were counted pass none.
  step: z.number().int().nonnegative().optional(),
};
const level = z.enum(LEVELS);
const token = z.string().min(1);

export const TASK_INPUTS = {
  OpenApproval: z.object({
    ...ref,
    token,
    level,
    levelIndex: z.number().int().nonnegative(),
    deadlineSeconds: z.number().positive(),
  }),
  AwaitResubmission: z.object({ ...ref, token, level }),
  Remind: z.object({ ...ref, level }),
  Finalize: z.object({ ...ref, outcome: z.enum(OUTCOMES) }),
} satisfies Record<TaskFunction, z.ZodType>;
export type TaskInput<F extends TaskFunction> = z.output<(typeof TASK_INPUTS)[F]>;

/**
 * What a waiting task is completed with (SendTaskSuccess on its token): an official's decision, or the submitter's
 * resubmission or withdrawal. The state machine's Route state chooses the next step by it.
 */
export const SIGNALS = [...DECISIONS, "resubmit", "withdraw"] as const;
export const SignalOutput = z.object({ decision: z.enum(SIGNALS) });
export type SignalOutput = z.infer<typeof SignalOutput>;

/** The approval chain's execution input for an item. */
export function executionInput(kind: ItemKind, item: { id: string; chain: Level[]; urgency?: Urgency | undefined }) {
  return {
    kind,
    id: item.id,
    chain: item.chain,
    levelIndex: 0,
    step: 0,
    deadlines: deadlinesFor(item.chain, item.urgency ?? "normal"),
  };
}
