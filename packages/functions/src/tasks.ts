import { type Outcome, planAwaitResubmission, planFinalize, planOpenLevel, planRemind } from "@rujuk/core/approval";
import type { ItemKind, Level } from "@rujuk/core/chain";
import type { NotificationType } from "@rujuk/core/notification";
import { ancestorAt } from "@rujuk/core/region";
import type { StoredItem } from "@rujuk/core/store/items";
import type { AppDeps } from "./deps.ts";

/** What the state machine passes to each task (see infra/workflow/approval-chain.ts). */
interface TaskInput {
  kind: ItemKind;
  id: string;
  /** Which wait of the execution this task belongs to; absent from executions started before steps were counted. */
  step?: number;
}

const LEVEL_ABOVE: Record<Level, Level | null> = { kecamatan: "kabupaten", kabupaten: "provinsi", provinsi: null };

/**
 * The approval chain's task handlers: the Lambda functions the state machine invokes (registered by name with the
 * local endpoint). Step Functions may deliver a task twice; each handler changes the item once, and notifications
 * are keyed by the event, so a repeat notifies no one twice.
 */
export function approvalTasks(deps: AppDeps) {
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
    const subjectName = (item as { subject?: { name?: string } }).subject?.name;
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

  return {
    async OpenApproval(input: TaskInput & { token: string; level: Level; deadlineSeconds: number }) {
      const { item } = await items.change(input.kind, input.id, (row) =>
        planOpenLevel(input.kind, row, {
          token: input.token,
          step: input.step,
          level: input.level,
          deadlineSeconds: input.deadlineSeconds,
          now: now(),
        }),
      );
      if (item.taskToken === input.token) {
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

    async AwaitResubmission(input: TaskInput & { token: string }) {
      const { item } = await items.change(input.kind, input.id, (row) => planAwaitResubmission(row, input));
      await tell(await submitter(item), "returned", input.kind, item, `returned#${input.token}`);
      return {};
    },

    async Remind(input: TaskInput & { level: Level }) {
      const { item } = await items.change(input.kind, input.id, (row) => planRemind(input.kind, row, input, now()));
      const key = `${input.level}#${item.remindedFor}`;
      await tell(await officials(input.level, item), "reminder", input.kind, item, `remind#${key}`, input.level);
      const above = LEVEL_ABOVE[input.level];
      if (above)
        await tell(await officials(above, item), "escalation", input.kind, item, `escalate#${key}`, input.level);
      return {};
    },

    async Finalize(input: TaskInput & { outcome: Outcome }) {
      const { item } = await items.change(input.kind, input.id, (row) => planFinalize(input.kind, row, input, now()));
      if (input.outcome !== "withdrawn") {
        await tell(await submitter(item), input.outcome, input.kind, item, `final#${input.outcome}`);
      }
      return { outcome: input.outcome };
    },
  };
}
