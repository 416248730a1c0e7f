import { SFNClient } from "@aws-sdk/client-sfn";
import { createDocumentClient, createStore } from "@rujuk/core/store/index";
import type { AppDeps } from "../deps.ts";
import { stepFunctionsWorkflow } from "../workflow/step-functions.ts";

const REQUIRED = [
  "RUJUK_TABLE",
  "RUJUK_AUDIT_TABLE",
  "RUJUK_SESSION_SECRET",
  "RUJUK_NIK_KEY",
  "RUJUK_STATE_MACHINE_ARN",
] as const;

/**
 * The app's dependencies in AWS, from the function's environment. Secrets come from the deployment (SST secrets),
 * never from code; a missing setting stops the cold start, naming every one that is missing, instead of signing
 * sessions with an empty key. Notifying is the task functions' part (`notifier.ts`): the API sends no email, so its
 * bundle carries no SES client and its role may not send.
 */
export function appDepsFromEnv(env: NodeJS.ProcessEnv = process.env): AppDeps {
  const config = requiredEnv(env, REQUIRED);

  const store = createStore(
    createDocumentClient({ endpoint: env.DYNAMODB_ENDPOINT, region: env.AWS_REGION }),
    config.RUJUK_TABLE,
    undefined,
    config.RUJUK_AUDIT_TABLE,
  );
  const sfn = new SFNClient({ region: env.AWS_REGION, ...(env.SFN_ENDPOINT ? { endpoint: env.SFN_ENDPOINT } : {}) });
  return {
    store,
    workflow: stepFunctionsWorkflow({ sfn, stateMachineArn: config.RUJUK_STATE_MACHINE_ARN, items: store.items }),
    sessionSecret: config.RUJUK_SESSION_SECRET,
    nikKey: config.RUJUK_NIK_KEY,
    local: false,
  };
}

/** The named settings, or an error naming every one that is missing. */
export function requiredEnv<const Name extends string>(env: NodeJS.ProcessEnv, names: readonly Name[]) {
  const missing = names.filter((name) => !env[name]);
  if (missing.length) throw new Error(`Missing environment variable(s): ${missing.join(", ")}`);
  return Object.fromEntries(names.map((name) => [name, env[name]!])) as Record<Name, string>;
}
