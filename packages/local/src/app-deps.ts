import { createDocumentClient, createStore } from "@rujuk/core/store/index";
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
