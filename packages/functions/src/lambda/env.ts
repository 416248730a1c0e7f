import { createDocumentClient, createStore } from "@rujuk/core/store/index";
import { SFNClient } from "@aws-sdk/client-sfn";
import type { AppDeps } from "../deps.ts";
import { stepFunctionsWorkflow } from "../workflow/step-functions.ts";

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`Missing environment variable ${name}`);
  return value;
}

/**
 * The app's dependencies in AWS, from the function's environment. Secrets come from the deployment (SST secrets),
 * never from code; a missing one stops the cold start instead of signing sessions with an empty key.
 */
export function appDepsFromEnv(env: NodeJS.ProcessEnv = process.env): AppDeps {
  const store = createStore(
    createDocumentClient({ endpoint: env.DYNAMODB_ENDPOINT, region: env.AWS_REGION }),
    required(env, "RUJUK_TABLE"),
  );
  const sfn = new SFNClient({ region: env.AWS_REGION, ...(env.SFN_ENDPOINT ? { endpoint: env.SFN_ENDPOINT } : {}) });
  return {
    store,
    workflow: stepFunctionsWorkflow({
      sfn,
      stateMachineArn: required(env, "RUJUK_STATE_MACHINE_ARN"),
      items: store.items,
    }),
    sessionSecret: required(env, "RUJUK_SESSION_SECRET"),
    nikKey: required(env, "RUJUK_NIK_KEY"),
    local: false,
  };
}
