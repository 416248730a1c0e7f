import { planAwaitResubmission, planFinalize, planOpenLevel, planRemind } from "@rujuk/core/approval";
import { type ItemKind, type Level, levelAbove } from "@rujuk/core/chain";
import { type SignalOutput, TASK_INPUTS, type TaskFunction, type TaskInput } from "@rujuk/core/chain-tasks";
import type { NotificationType } from "@rujuk/core/notification";
import { ancestorAt } from "@rujuk/core/region";
import type { StoredItem } from "@rujuk/core/item-state";
import type { AppDeps } from "./deps.ts";

/**
 * How a task hands its own workflow a signal: SendTaskSuccess on the token, as the workflow port's `signal` sends it.
 * Whether it arrived shows in the item, not in what this returns: the step the signal leads to clears it (the next
 * level's opening, the return, the end), and the reconciler re-sends one that stays.
 */
export type SendSignal = (token: string, output: SignalOutput) => Promise<unknown>;

/**
 * The approval chain's task handlers: the Lambda functions the state machine invokes (registered by name with the
 * local endpoint). Step Functions may deliver a task twice; each handler changes the item once, and notifications
 * are keyed by the event, so a repeat notifies no one twice. They are the workflow's own steps and take no workflow
 * port, so the local chain can be wired from deps that have none yet; `send` is all they need of Step Functions.
 */
export function approvalTasks(deps: Omit<AppDeps, "workflow">, send: SendSignal) {
  const now = deps.clock ?? (() => new Date());
  const { items, users } = deps.store;

  /** Tells `recipients` about the item; a notification failure is thrown so the task (and only it) is retried. */
  async function tell(
    recipients: { id: string; email?: string | undefined }[],
    type: NotificationType,
    kind: ItemKind,
    item: StoredItem,
    key: string,
    level?: Level,
  ) {
    if (!deps.notifier || recipients.length === 0) return;
    const subjectName = "subject" in item ? item.subject.name : undefined;
    const lastComment = item.decisions.at(-1)?.comment ?? undefined;
    await deps.notifier.notify(recipients, {
      key: `${kind}#${item.id}#${key}`,
      type,
      kind,
      itemId: item.id,
      facts: {
        kind,
        number: item.number,
        level: level ?? item.currentLevel ?? undefined,
        regionCode: item.kecamatanCode,
        subjectName,
        comment: lastComment,
        dueAt: item.dueAt ?? undefined,
      },
    });
  }

  const officials = (level: Level, item: StoredItem) => users.withRoleIn(level, ancestorAt(item.kecamatanCode, level)!);
  const submitter = async (item: StoredItem) => {
    const user = await users.get(item.submittedBy.id);
    return user ? [user] : [];
  };

  const handlers: { [F in TaskFunction]: (input: TaskInput<F>) => Promise<unknown> } = {
    async OpenApproval(input) {
      const { item } = await items.change(input.kind, input.id, (row) =>
        planOpenLevel(input.kind, row, {
          token: input.token,
          step: input.step,
          level: input.level,
          deadlineSeconds: input.deadlineSeconds,
          now: now(),
        }),
      );
      const pending = item.pendingSignal;
      if (pending?.token === input.token) {
        // A decision or withdrawal that met the last token timed out: it now waits on this one (planOpenLevel), and
        // goes at once rather than at the reconciler's next round. A failure here must not fail the level's wait,
        // which would end the execution: the reconciler still sends it.
        await send(pending.token, pending.output).catch((error: unknown) =>
          console.error("OpenApproval: the reconciler will deliver the signal", input.kind, input.id, error),
        );
      } else if (item.taskToken === input.token) {
        await tell(
          await officials(input.level, item),
          "level_opened",
          input.kind,
          item,
          `open#${input.token}`,
          input.level,
        );
      }
      return { opened: input.level };
    },

    async AwaitResubmission(input) {
      const { item } = await items.change(input.kind, input.id, (row) => planAwaitResubmission(row, input));
      await tell(await submitter(item), "returned", input.kind, item, `returned#${input.token}`);
      return {};
    },

    async Remind(input) {
      const { item } = await items.change(input.kind, input.id, (row) => planRemind(input.kind, row, input, now()));
      const key = `${input.level}#${item.remindedFor}`;
      await tell(await officials(input.level, item), "reminder", input.kind, item, `remind#${key}`, input.level);
      const above = levelAbove(input.level);
      if (above)
        await tell(await officials(above, item), "escalation", input.kind, item, `escalate#${key}`, input.level);
      return {};
    },

    async Finalize(input) {
      const { item } = await items.change(input.kind, input.id, (row) => planFinalize(input.kind, row, input, now()));
      if (input.outcome !== "withdrawn") {
        await tell(await submitter(item), input.outcome, input.kind, item, `final#${input.outcome}`);
      }
      return { outcome: input.outcome };
    },
  };

  // What arrives is checked against the contract before anything is changed: a definition that drifted from these
  // handlers fails its first task instead of writing a wrong item.
  return {
    OpenApproval: async (payload: unknown) => handlers.OpenApproval(TASK_INPUTS.OpenApproval.parse(payload)),
    AwaitResubmission: async (payload: unknown) =>
      handlers.AwaitResubmission(TASK_INPUTS.AwaitResubmission.parse(payload)),
    Remind: async (payload: unknown) => handlers.Remind(TASK_INPUTS.Remind.parse(payload)),
    Finalize: async (payload: unknown) => handlers.Finalize(TASK_INPUTS.Finalize.parse(payload)),
  } satisfies Record<TaskFunction, (payload: unknown) => Promise<unknown>>;
}
