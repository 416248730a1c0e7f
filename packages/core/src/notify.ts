import { createHash } from "node:crypto";
import type { ItemKind } from "./chain.ts";
import { type EmailSender, type RetryOptions, sendWithRetry } from "./email.ts";
import {
  type Notification,
  type NotificationFacts,
  type NotificationType,
  emailFor,
  itemLink,
  notificationText,
} from "./notification.ts";
import type { NotificationStore } from "./store/notifications.ts";
import type { User } from "./user.ts";

export interface Recipient {
  id: string;
  email?: string | undefined;
}

/** Something that happened to an item, to tell some users about. */
export interface NotifyEvent {
  /**
   * Names the event uniquely and stably, e.g. `<executionId>#<level>#level_opened`: the same key again (a retried
   * workflow task) finds the notifications already written and notifies no one twice.
   */
  key: string;
  type: NotificationType;
  kind: ItemKind;
  itemId: string;
  facts: NotificationFacts;
}

export interface NotifySummary {
  /** Recipients who now have the in-app notification (written now or by an earlier attempt). */
  notified: number;
  /** Recipients whose email went out (now or by an earlier attempt). */
  emailed: number;
  /** Recipients whose email failed in this call, after its retries. */
  emailFailed: number;
  /** Recipients left out: unknown or disabled accounts (only when a users lookup is given). */
  skipped: number;
}

export interface NotifierDeps {
  store: Pick<NotificationStore, "add" | "recordEmail">;
  /**
   * When given, every recipient is looked up: unknown and disabled accounts are skipped, and the account's email is
   * used when the recipient carries none.
   */
  users?: { get(id: string): Promise<User | undefined> } | undefined;
  /** Without a sender, notifications are in-app only. */
  email: EmailSender | undefined;
  /** The app's public URL, for links in emails. */
  baseUrl: string;
  clock?: () => Date;
  retry?: RetryOptions;
}

/** The notification id for one recipient of one event: the same inputs always give the same id. */
export function notificationId(key: string, recipientId: string): string {
  return createHash("sha256").update(key).update("\0").update(recipientId).digest("hex").slice(0, 32);
}

/** True for a string `notificationId` could have made. */
export function isNotificationId(value: string): boolean {
  return /^[0-9a-f]{32}$/.test(value);
}

/**
 * Writes in-app notifications and sends their emails. In-app writes that fail throw (the caller's task retries,
 * idempotently); emails never throw: each outcome is recorded on its notification, and an email already sent is not
 * sent again when the same event is notified again.
 */
export function notifier(deps: NotifierDeps) {
  const clock = deps.clock ?? (() => new Date());

  async function one(recipient: Recipient, event: NotifyEvent, now: Date): Promise<"skipped" | Outcome> {
    let address = recipient.email;
    if (deps.users) {
      const user = await deps.users.get(recipient.id);
      if (!user || user.disabled) return "skipped";
      address ??= user.email;
    }
    const text = notificationText(event.type, event.facts);
    const notification: Notification = {
      id: notificationId(event.key, recipient.id),
      type: event.type,
      ...(event.kind === "referral" ? { referralId: event.itemId } : { reportId: event.itemId }),
      text: text.id,
      textEn: text.en,
      createdAt: now.toISOString(),
      read: false,
    };
    const { email: earlier } = await deps.store.add(recipient.id, notification);
    if (!address || !deps.email) return { emailed: false, emailFailed: false };
    if (earlier?.status === "sent") return { emailed: true, emailFailed: false };

    const content = emailFor(event.type, event.facts, itemLink(deps.baseUrl, event.kind, event.itemId));
    const to = [address];
    const outcome = await sendWithRetry(deps.email, { to, ...content }, deps.retry);
    try {
      await deps.store.recordEmail(recipient.id, notification.id, { to, ...outcome });
    } catch (error) {
      // The email's fate is already decided; failing to note it must not fail the task that triggered it.
      console.warn(`notify: could not record the email of notification ${notification.id}`, error);
    }
    return { emailed: outcome.status === "sent", emailFailed: outcome.status === "failed" };
  }

  return {
    async notify(recipients: Recipient[], event: NotifyEvent): Promise<NotifySummary> {
      const now = clock();
      const unique = new Map<string, Recipient>();
      for (const r of recipients) unique.set(r.id, { id: r.id, email: r.email ?? unique.get(r.id)?.email });
      const results = await Promise.all([...unique.values()].map((r) => one(r, event, now)));
      const summary: NotifySummary = { notified: 0, emailed: 0, emailFailed: 0, skipped: 0 };
      for (const result of results) {
        if (result === "skipped") {
          summary.skipped++;
          continue;
        }
        summary.notified++;
        if (result.emailed) summary.emailed++;
        if (result.emailFailed) summary.emailFailed++;
      }
      return summary;
    },
  };
}

interface Outcome {
  emailed: boolean;
  emailFailed: boolean;
}

export type Notifier = ReturnType<typeof notifier>;
