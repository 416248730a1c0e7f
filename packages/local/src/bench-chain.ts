import os from "node:os";
import { GetExecutionHistoryCommand } from "@aws-sdk/client-sfn";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { createApp } from "@rujuk/functions/app";
import { freePort, startDynamoLocal } from "@rujuk/dynamodb-local";
import { ensureAppTable, localAppDeps } from "./app-deps.ts";
import { withApprovalChain } from "./chain-stack.ts";
import { DEMO_ACCOUNTS } from "./demo-accounts.ts";
import { demoReferral } from "./demo-referral.ts";
import { seedAccounts } from "./seed.ts";

/**
 * `npm run bench` (last part): the three-level happy path through the real chain on the local stack, measuring what
 * AWS bills for it: Step Functions state transitions (from each execution's history) and the DynamoDB capacity the
 * app and its task handlers consume (DynamoDB reports it per request). Email is left out.
 *
 * Prices: AWS list prices for us-east-1 on-demand, 2026-11 (Jakarta, ap-southeast-3, is somewhat higher).
 */
const PRICE = {
  transition: 0.025 / 1000, // Step Functions Standard, per state transition
  writeUnit: 0.625 / 1e6, // DynamoDB on-demand, per write request unit
  readUnit: 0.125 / 1e6, // DynamoDB on-demand, per read request unit
  lambdaRequest: 0.2 / 1e6,
  lambdaGbSecond: 0.0000166667,
};
// Assumed Lambda shape per invocation (API and task functions alike): 512 MB for 100 ms, billed on arm64 at x86 price.
const LAMBDA_GB_SECONDS = 0.5 * 0.1;
const REFERRALS = Number(process.env.BENCH_CHAIN_REFERRALS ?? 20);
const LEVELS = [
  ["kecamatan", "kec.ancalong"],
  ["kabupaten", "kab.kutim"],
  ["provinsi", "prov.kaltim"],
] as const;

/** Adds ReturnConsumedCapacity to every request of `db` and sums what DynamoDB reports, by reads and writes. */
function meter(db: DynamoDBDocumentClient) {
  const units = { read: 0, write: 0 };
  db.middlewareStack.add(
    (next, context) => async (args) => {
      (args.input as Record<string, unknown>).ReturnConsumedCapacity = "TOTAL";
      const result = await next(args);
      const consumed = (result.output as { ConsumedCapacity?: unknown }).ConsumedCapacity;
      const total = [consumed]
        .flat()
        .reduce((sum: number, c) => sum + ((c as { CapacityUnits?: number } | undefined)?.CapacityUnits ?? 0), 0);
      const write = /Put|Update|Delete|TransactWrite|BatchWrite/.test(context.commandName ?? "");
      units[write ? "write" : "read"] += total;
      return result;
    },
    { step: "initialize", name: "meterCapacity" },
  );
  return units;
}

const dynamo = await startDynamoLocal({ port: await freePort() });
try {
  await ensureAppTable(dynamo.endpoint, "bench-chain");
  const base = localAppDeps({
    dynamoEndpoint: dynamo.endpoint,
    tableName: "bench-chain",
    secrets: { sessionSecret: "bench", nikKey: "bench" },
  });
  await seedAccounts(base.store, DEMO_ACCOUNTS);
  const chain = await withApprovalChain(base, { dynamoEndpoint: dynamo.endpoint, port: await freePort() });
  const app = createApp(chain.deps);
  const call = async (path: string, token: string | undefined, body?: unknown) => {
    const res = await app.request(path, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body ?? {}),
    });
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  };
  const login = async (username: string) =>
    (await call("/api/auth/login", undefined, { username, password: `demo-${username}` })).token as string;
  const tksk = await login("tksk.ancalong");
  const officials = await Promise.all(LEVELS.map(([, username]) => login(username)));

  const units = meter(base.store.db);
  let requests = 0;
  const ids: string[] = [];
  for (let i = 0; i < REFERRALS; i++) {
    const { id } = await call(
      "/api/referrals",
      tksk,
      demoReferral({}, { nik: `640801450780${String(i).padStart(4, "0")}` }),
    );
    requests++;
    await chain.endpoint.engine.settled();
    for (const token of officials) {
      await call(`/api/referrals/${id}/decisions`, token, { decision: "approve" });
      requests++;
      await chain.endpoint.engine.settled();
    }
    ids.push(id as string);
  }

  let transitions = 0;
  let taskInvocations = 0;
  for (const id of ids) {
    const executionArn = `arn:aws:states:us-east-1:123456789012:execution:rujuk-approval-chain:referral-${id}`;
    const { events = [] } = await chain.sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
    if (!events.some((e) => e.type === "ExecutionSucceeded")) throw new Error(`execution ${id} did not succeed`);
    transitions += events.filter((e) => e.type?.endsWith("StateEntered")).length;
    taskInvocations += events.filter((e) => e.type === "TaskStarted").length;
  }
  const per = (n: number) => (n / REFERRALS) * 1000;
  const cost = {
    transitions: per(transitions) * PRICE.transition,
    dynamodb: per(units.write) * PRICE.writeUnit + per(units.read) * PRICE.readUnit,
    lambda: per(requests + taskInvocations) * (PRICE.lambdaRequest + LAMBDA_GB_SECONDS * PRICE.lambdaGbSecond),
  };
  const total = cost.transitions + cost.dynamodb + cost.lambda;

  const cpus = os.cpus();
  console.log();
  console.log(`Machine: ${cpus[0]?.model ?? "unknown CPU"}, ${cpus.length} cores, Node ${process.version}`);
  console.log(`Three-level happy path, ${REFERRALS} referrals filed and approved at every level over the app:`);
  console.table({
    "per referral": {
      "state transitions": transitions / REFERRALS,
      "task invocations": taskInvocations / REFERRALS,
      "API requests": requests / REFERRALS,
      "write units": Number((units.write / REFERRALS).toFixed(1)),
      "read units": Number((units.read / REFERRALS).toFixed(1)),
    },
  });
  console.log(
    `Estimated AWS cost per 1,000 approved referrals (no email): $${total.toFixed(4)} ` +
      `(transitions $${cost.transitions.toFixed(4)}, DynamoDB $${cost.dynamodb.toFixed(4)}, Lambda $${cost.lambda.toFixed(4)}); ` +
      `budget $0.25, transitions budget 7 per referral`,
  );
  await chain.endpoint.close();
} finally {
  await dynamo.stop();
}
