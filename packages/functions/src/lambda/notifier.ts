import { type Notifier, notifier } from "@rujuk/core/notify";
import type { Store } from "@rujuk/core/store/index";
import { createSesClient, sesEmailSender } from "../ses-email.ts";
import { requiredEnv } from "./env.ts";

/**
 * The task functions' notifier: in-app always, and by email when a sender address is configured. Links in emails
 * point at `RUJUK_APP_URL`.
 */
export function notifierFromEnv(store: Store, env: NodeJS.ProcessEnv = process.env): Notifier {
  const { RUJUK_APP_URL } = requiredEnv(env, ["RUJUK_APP_URL"]);
  const email = env.RUJUK_EMAIL_FROM
    ? sesEmailSender(createSesClient({ region: env.AWS_REGION }), env.RUJUK_EMAIL_FROM)
    : undefined;
  return notifier({ store: store.notifications, users: store.users, email, baseUrl: RUJUK_APP_URL });
}
