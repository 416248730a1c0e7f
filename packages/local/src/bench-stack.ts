import { type DynamoLocal, freePort, startDynamoLocal } from "@rujuk/dynamodb-local";
import type { AppDeps } from "@rujuk/functions/deps";
import { ensureAppTable, localAppDeps } from "./app-deps.ts";
import { DEMO_ACCOUNTS } from "./demo-accounts.ts";
import { seedAccounts } from "./seed.ts";
import { withRecordingWorkflow } from "./testing/recording-workflow.ts";

/** Fixed secrets: a benchmark's data is thrown away with its in-memory DynamoDB Local. */
export const BENCH_SECRETS = { sessionSecret: "bench-session-secret", nikKey: "bench-nik-key" };

/**
 * What every benchmark starts from: its own in-memory DynamoDB Local on a free port (so a running `npm start` is
 * never touched), the app's tables, the app's dependencies over them and the demo accounts. Its workflow only opens
 * the first level (the recording workflow); a benchmark of the chain puts the real one behind it (chain-stack.ts).
 * The caller stops `dynamo` when done; if setting up fails, it is stopped here.
 */
export async function startBenchStack(tableName: string): Promise<{ dynamo: DynamoLocal; deps: AppDeps }> {
  const dynamo = await startDynamoLocal({ port: await freePort() });
  try {
    await ensureAppTable(dynamo.endpoint, tableName);
    const deps = withRecordingWorkflow(
      localAppDeps({ dynamoEndpoint: dynamo.endpoint, tableName, secrets: BENCH_SECRETS, devAccounts: DEMO_ACCOUNTS }),
    );
    await seedAccounts(deps.store, DEMO_ACCOUNTS);
    return { dynamo, deps };
  } catch (error) {
    await dynamo.stop();
    throw error;
  }
}
