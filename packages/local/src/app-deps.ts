import { notifier } from "@rujuk/core/notify";
import { auditTableDefinition, auditTableFor, createDocumentClient, createStore } from "@rujuk/core/store/index";
import { TTL_ATTRIBUTE, tableDefinition } from "@rujuk/core/store/table";
import { ensureTable } from "@rujuk/dynamodb-local";
import type { AppDeps, DevAccount } from "@rujuk/functions/deps";
import { createSesClient, sesEmailSender } from "@rujuk/functions/ses-email";
import type { LocalSecrets } from "./secrets.ts";

const LOCAL_SENDER = "Rujuk <noreply@rujuk.local>";

/**
 * The app's dependencies but its workflow, which the caller chooses: the real chain on the local Step Functions
 * endpoint (chain-stack.ts) or, for tests and benchmarks of the API alone, testing/recording-workflow.ts.
 */
export type LocalDeps = Omit<AppDeps, "workflow">;

/**
 * The app's dependencies wired to local endpoints, all but the workflow: the same wiring for `npm start`, the tests
 * and the benchmarks.
 */
export function localAppDeps(options: {
  dynamoEndpoint: string;
  tableName: string;
  secrets: LocalSecrets;
  devAccounts?: DevAccount[];
  clock?: () => Date;
  /** aws-ses-v2-local's endpoint; without it, notifications are in-app only. */
  sesEndpoint?: string;
  /** Where links in emails point. */
  baseUrl?: string;
}): LocalDeps {
  const clock = options.clock ?? (() => new Date());
  const store = createStore(
    createDocumentClient({ endpoint: options.dynamoEndpoint, region: "local" }),
    options.tableName,
    clock,
  );
  const email = options.sesEndpoint
    ? sesEmailSender(createSesClient({ endpoint: options.sesEndpoint, region: "us-east-1" }), LOCAL_SENDER)
    : undefined;
  return {
    store,
    notifier: notifier({
      store: store.notifications,
      users: store.users,
      email,
      baseUrl: options.baseUrl ?? "http://localhost:3000",
      clock,
    }),
    sessionSecret: options.secrets.sessionSecret,
    nikKey: options.secrets.nikKey,
    local: true,
    clock,
    ...(options.devAccounts ? { devAccounts: options.devAccounts } : {}),
  };
}

/** Creates the app's table and its audit table in a local DynamoDB when they are missing; says what the app's was. */
export async function ensureAppTable(endpoint: string, tableName: string) {
  const app = await ensureTable(endpoint, tableDefinition(tableName), TTL_ATTRIBUTE);
  await ensureTable(endpoint, auditTableDefinition(auditTableFor(tableName)));
  return app;
}
