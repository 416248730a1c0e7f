import { SFNClient } from "@aws-sdk/client-sfn";
import { createSesClient, sesEmailSender } from "@rujuk/core/email";
import { notifier } from "@rujuk/core/notify";
import { createDocumentClient, createStore } from "@rujuk/core/store/index";
import type { AppDeps } from "../deps.ts";
import { stepFunctionsWorkflow } from "../workflow/step-functions.ts";

const REQUIRED = [
  "RUJUK_TABLE",
  "RUJUK_AUDIT_TABLE",
  "RUJUK_SESSION_SECRET",
  "RUJUK_NIK_KEY",
  "RUJUK_STATE_MACHINE_ARN",
  "RUJUK_APP_URL",
] as const;

/**
 * The app's dependencies in AWS, from the function's environment. Secrets come from the deployment (SST secrets),
 * never from code; a missing setting stops the cold start, naming every one that is missing, instead of signing
 * sessions with an empty key.
 */
export function appDepsFromEnv(env: NodeJS.ProcessEnv = process.env): AppDeps {
  const missing = REQUIRED.filter((name) => !env[name]);
  if (missing.length) throw new Error(`Missing environment variable(s): ${missing.join(", ")}`);
  const config = Object.fromEntries(REQUIRED.map((name) => [name, env[name]!])) as Record<
    (typeof REQUIRED)[number],
    string
  >;

  const store = createStore(
    createDocumentClient({ endpoint: env.DYNAMODB_ENDPOINT, region: env.AWS_REGION }),
    config.RUJUK_TABLE,
    undefined,
    config.RUJUK_AUDIT_TABLE,
  );
  // Notifications also go by email when a sender address is configured.
  const email = env.RUJUK_EMAIL_FROM
    ? sesEmailSender(createSesClient({ region: env.AWS_REGION }), env.RUJUK_EMAIL_FROM)
    : undefined;
  const sfn = new SFNClient({ region: env.AWS_REGION, ...(env.SFN_ENDPOINT ? { endpoint: env.SFN_ENDPOINT } : {}) });
  return {
    store,
    notifier: notifier({ store: store.notifications, users: store.users, email, baseUrl: config.RUJUK_APP_URL }),
    workflow: stepFunctionsWorkflow({ sfn, stateMachineArn: config.RUJUK_STATE_MACHINE_ARN, items: store.items }),
    sessionSecret: config.RUJUK_SESSION_SECRET,
    nikKey: config.RUJUK_NIK_KEY,
    local: false,
  };
}
