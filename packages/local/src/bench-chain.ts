import os from "node:os";
import { GetExecutionHistoryCommand } from "@aws-sdk/client-sfn";
import { auditTableFor } from "@rujuk/core/store/index";
import { createApp } from "@rujuk/functions/app";
import { freePort } from "@rujuk/dynamodb-local";
import { startBenchStack } from "./bench-stack.ts";
import { type RowTally, meterCapacity } from "./capacity-meter.ts";
import { withApprovalChain } from "./chain-stack.ts";
import { demoReferral } from "./demo-referral.ts";

/**
 * `npm run bench` (last part): the three-level happy path through the real chain on the local stack, measuring what
 * AWS bills for it: Step Functions state transitions (from each execution's history) and the DynamoDB capacity the
 * app and its task handlers consume. DynamoDB read units are as DynamoDB Local reports them; write units are computed
 * from the items written by DynamoDB's documented rules (`capacity.ts`), since DynamoDB Local under-reports
 * transactions; its own write figure is printed beside for comparison. Email is left out.
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
// Budgets: the chain's design (7 transitions) and the performance issue (#12: write units and cost).
const BUDGET = { transitions: 7, writeUnits: 60, costPerThousand: 0.25 };
const TABLE = "bench-chain";
const LEVELS = [
  ["kecamatan", "kec.ancalong"],
  ["kabupaten", "kab.kutim"],
  ["provinsi", "prov.kaltim"],
] as const;

const { dynamo, deps: base } = await startBenchStack(TABLE);
try {
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

  const meter = meterCapacity(base.store.db, dynamo.endpoint);
  let requests = 0;
  const ids: string[] = [];
  for (let i = 0; i < REFERRALS; i++) {
    const { id } = await call(
      "/api/referrals",
      tksk,
      demoReferral({}, { nik: `640801450780${String(i).padStart(4, "0")}` }),
    );
    if (typeof id !== "string") throw new Error("the referral came back without an id");
    requests++;
    await chain.endpoint.engine.settled();
    for (const token of officials) {
      await call(`/api/referrals/${id}/decisions`, token, { decision: "approve" });
      requests++;
      await chain.endpoint.engine.settled();
    }
    ids.push(id);
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
  const writeUnits = meter.writeUnits();
  const readUnits = meter.reported.read;
  const per = (n: number) => (n / REFERRALS) * 1000;
  const cost = {
    transitions: per(transitions) * PRICE.transition,
    dynamodb: per(writeUnits) * PRICE.writeUnit + per(readUnits) * PRICE.readUnit,
    lambda: per(requests + taskInvocations) * (PRICE.lambdaRequest + LAMBDA_GB_SECONDS * PRICE.lambdaGbSecond),
  };
  const total = cost.transitions + cost.dynamodb + cost.lambda;
  const perReferral = (n: number, digits = 1) => Number((n / REFERRALS).toFixed(digits));

  const cpus = os.cpus();
  console.log();
  console.log(`Machine: ${cpus[0]?.model ?? "unknown CPU"}, ${cpus.length} cores, Node ${process.version}`);
  console.log(`Three-level happy path, ${REFERRALS} referrals filed and approved at every level over the app:`);
  console.table({
    "per referral": {
      "state transitions": transitions / REFERRALS,
      "task invocations": taskInvocations / REFERRALS,
      "API requests": requests / REFERRALS,
      "write units": perReferral(writeUnits),
      "write units (DynamoDB Local said)": perReferral(meter.reported.write),
      "read units": perReferral(readUnits),
    },
  });

  // Where the write units go: by table and by kind (the table's own writes, its index writes), then by row.
  const label = (table: string) =>
    table === TABLE ? "app table" : table === auditTableFor(TABLE) ? "audit table" : table;
  const indexUnits = (r: RowTally) => Object.values(r.indexUnits).reduce((s, u) => s + u, 0);
  const rows = meter.rows();
  const byTable: Record<string, { "table writes": number; "index writes": number; total: number }> = {};
  const add = (group: string, r: RowTally) => {
    const entry = (byTable[group] ??= { "table writes": 0, "index writes": 0, total: 0 });
    entry["table writes"] += r.tableUnits;
    entry["index writes"] += indexUnits(r);
    entry.total += r.tableUnits + indexUnits(r);
  };
  for (const r of rows) add(label(r.table), r);
  for (const r of rows) add("all", r);
  console.log("Write units per referral, by table and kind (computed):");
  console.table(
    Object.fromEntries(
      Object.entries(byTable).map(([group, e]) => [
        group,
        Object.fromEntries(Object.entries(e).map(([k, v]) => [k, perReferral(v, 2)])),
      ]),
    ),
  );
  const indexes = [...new Set(rows.flatMap((r) => Object.keys(r.indexUnits)))].sort();
  console.log(
    "Write units per referral, by row written (items written, of them in a transaction or failed; table and index units):",
  );
  console.table(
    Object.fromEntries(
      rows.map((r) => [
        `${label(r.table)} ${r.row}`,
        {
          items: perReferral(r.writes, 2),
          "bytes (mean)": Math.round(r.bytes / r.writes),
          "in transaction": perReferral(r.transactional, 2),
          failed: perReferral(r.failed, 2),
          table: perReferral(r.tableUnits, 2),
          ...Object.fromEntries(indexes.map((i) => [i, perReferral(r.indexUnits[i] ?? 0, 2)])),
          total: perReferral(r.tableUnits + indexUnits(r), 2),
        },
      ]),
    ),
  );
  const failed = rows.reduce((sum, r) => sum + r.failed, 0);
  if (failed > 0) {
    const units = rows.reduce((sum, r) => sum + r.failedUnits, 0);
    console.log(
      `Included above: ${perReferral(failed, 2)} item writes per referral that failed their condition (the app's ` +
        `optimistic-concurrency retries), billed all the same: ${perReferral(units, 2)} units per referral.`,
    );
  }
  console.log(
    `Estimated AWS cost per 1,000 approved referrals (no email): $${total.toFixed(4)} ` +
      `(transitions $${cost.transitions.toFixed(4)}, DynamoDB $${cost.dynamodb.toFixed(4)}, Lambda $${cost.lambda.toFixed(4)})`,
  );
  const within = (ok: boolean) => (ok ? "yes" : "NO");
  console.table({
    "state transitions per referral": {
      measured: transitions / REFERRALS,
      budget: `at most ${BUDGET.transitions}`,
      within: within(transitions / REFERRALS <= BUDGET.transitions),
    },
    "write units per referral, all tables": {
      measured: perReferral(writeUnits),
      budget: `at most ${BUDGET.writeUnits}`,
      within: within(writeUnits / REFERRALS <= BUDGET.writeUnits),
    },
    "cost per 1,000 approved referrals": {
      measured: `$${total.toFixed(4)}`,
      budget: `under $${BUDGET.costPerThousand}`,
      within: within(total < BUDGET.costPerThousand),
    },
  });
  await chain.endpoint.close();
} finally {
  await dynamo.stop();
}
