import { createDocumentClient, createStore } from "@rujuk/core/store/index";
import { TTL_ATTRIBUTE, tableDefinition } from "@rujuk/core/store/table";
import { ensureTable } from "@rujuk/dynamodb-local";
import { recordingWorkflow } from "@rujuk/core/workflow";
import type { AppDeps, DevAccount } from "@rujuk/functions/deps";
import type { LocalSecrets } from "./secrets.ts";

/** The app's dependencies wired to local endpoints: the same wiring for `npm start`, the tests and the benchmark. */
export function localAppDeps(options: {
  dynamoEndpoint: string;
  tableName: string;
  secrets: LocalSecrets;
  devAccounts?: DevAccount[];
  clock?: () => Date;
}): AppDeps {
  const clock = options.clock ?? (() => new Date());
  const store = createStore(
    createDocumentClient({ endpoint: options.dynamoEndpoint, region: "local" }),
    options.tableName,
    clock,
  );
  return {
    store,
    workflow: recordingWorkflow(store.items, clock),
    sessionSecret: options.secrets.sessionSecret,
    nikKey: options.secrets.nikKey,
    local: true,
    clock,
    ...(options.devAccounts ? { devAccounts: options.devAccounts } : {}),
  };
}

/** Creates the app's table in a local DynamoDB when it is missing. */
export function ensureAppTable(endpoint: string, tableName: string) {
  return ensureTable(endpoint, tableDefinition(tableName), TTL_ATTRIBUTE);
}
