import { mkdir } from "node:fs/promises";
import { resolve } from "node:path";
import { serveApp } from "./serve-app.ts";
import { createApp } from "@rujuk/functions/app";
import { ensureAppTable, localAppDeps } from "./app-deps.ts";
import { STATE_MACHINE_NAME, withApprovalChain } from "./chain-stack.ts";
import { DEMO_ACCOUNTS } from "./demo-accounts.ts";
import { startDynamoLocal } from "@rujuk/dynamodb-local";
import { listen } from "./listen.ts";
import { migrateAuditTrail } from "@rujuk/core/store/migrate-audit";
import { localSecrets } from "./secrets.ts";
import { startSesLocal } from "./ses-local.ts";
import { seedAccounts } from "./seed.ts";

/** `npm start`: the whole system on this machine, with the same AWS SDK clients pointed at local endpoints. */
function portFrom(name: string, fallback: number): number {
  const raw = process.env[name];
  const port = raw === undefined || raw === "" ? fallback : Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`${name} must be a port number, got "${raw}"`);
  return port;
}

const port = portFrom("PORT", 3000);
const dynamoPort = portFrom("DYNAMODB_LOCAL_PORT", 8000);
const sfnPort = portFrom("SFN_LOCAL_PORT", 8083);
const sesPort = portFrom("SES_LOCAL_PORT", 8005);
const dataDir = resolve(process.env.RUJUK_DATA_DIR ?? ".data");
const tableName = process.env.RUJUK_TABLE ?? "rujuk";

await mkdir(resolve(dataDir, "dynamodb"), { recursive: true });
console.log(`Rujuk: data in ${dataDir}`);
const dynamo = await startDynamoLocal({ port: dynamoPort, dbPath: resolve(dataDir, "dynamodb") });
console.log(
  `DynamoDB Local      ${dynamo.endpoint}  (table "${tableName}": ${await ensureAppTable(dynamo.endpoint, tableName)})`,
);

const ses = await startSesLocal({ port: sesPort }).catch(async (error: Error) => {
  await dynamo.stop();
  throw new Error(`Cannot serve email on port ${sesPort} (${error.message}). Set SES_LOCAL_PORT.`);
});
console.log(`Email (SES v2)      ${ses.endpoint}  (aws-ses-v2-local: open it in a browser to read the emails)`);

const baseDeps = localAppDeps({
  sesEndpoint: ses.endpoint,
  baseUrl: `http://localhost:${port}`,
  dynamoEndpoint: dynamo.endpoint,
  tableName,
  secrets: await localSecrets(dataDir),
  devAccounts: DEMO_ACCOUNTS,
});
const migrated = await migrateAuditTrail(baseDeps.store);
if (migrated.events + migrated.notifications > 0) {
  console.log(
    `Audit trail         moved ${migrated.events} event(s) from before the audit table there; indexed ${migrated.notifications} notification(s)`,
  );
}
const chain = await withApprovalChain(baseDeps, { dynamoEndpoint: dynamo.endpoint, port: sfnPort }).catch(
  async (error: Error) => {
    await ses.stop();
    await dynamo.stop();
    throw new Error(`Cannot serve Step Functions on port ${sfnPort} (${error.message}). Set SFN_LOCAL_PORT.`);
  },
);
const sfn = chain.endpoint;
const deps = chain.deps;
console.log(`Step Functions      ${sfn.endpoint}  (local endpoint, state machine "${STATE_MACHINE_NAME}")`);

const seeded = await seedAccounts(deps.store, DEMO_ACCOUNTS);
const app = createApp(deps);
const server = serveApp(app, { port, hostname: "127.0.0.1" });
await listen(server).catch(async (error: Error) => {
  await sfn.close();
  await ses.stop();
  await dynamo.stop();
  throw new Error(`Cannot listen on port ${port} (${error.message}). Set PORT to another port.`);
});

console.log(`Rujuk app           http://localhost:${port}`);
console.log(`Demo accounts (${seeded} new), also at http://localhost:${port}/api/dev/accounts:`);
console.table(
  DEMO_ACCOUNTS.map(({ username, password, role, regionCode }) => ({ username, password, role, regionCode })),
);
console.log("Press Ctrl-C to stop.");

// Starts what a crash left unstarted and delivers decisions that never reached the workflow: now, then on a timer.
const reconcileEvery = Number(process.env.RUJUK_RECONCILE_SECONDS ?? 30) * 1000;
async function reconcileNow() {
  const result = await chain
    .reconcile()
    .catch((error: unknown) => (console.error("reconcile failed", error), undefined));
  if (result && result.started + result.delivered + result.failed > 0) console.log("reconciled", result);
}
await reconcileNow();
const reconciler = setInterval(() => void reconcileNow(), reconcileEvery);

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping…`);
  clearInterval(reconciler);
  await new Promise<void>((done) => server.close(() => done()));
  await sfn.close();
  await ses.stop();
  await dynamo.stop();
  console.log("Stopped. Data kept in", dataDir);
  process.exit(0);
}
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));
