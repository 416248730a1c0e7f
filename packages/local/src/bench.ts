import { randomUUID } from "node:crypto";
import os from "node:os";
import { type ServerType, serve } from "@hono/node-server";
import { createApp } from "@rujuk/functions/app";
import autocannon, { type Result } from "autocannon";
import { Hono } from "hono";
import { DEMO_ACCOUNTS } from "./demo-accounts.ts";
import { type DynamoLocal, freePort } from "@rujuk/dynamodb-local";
import { BENCH_SECRETS, startBenchStack } from "./bench-stack.ts";
import { type FloorResult, transactionFloor } from "./bench-floor.ts";
import { quantile, timeCalls } from "./call-timings.ts";
import { demoReferral } from "./demo-referral.ts";
import { listen } from "./listen.ts";
import { positiveInt } from "./env-count.ts";

/**
 * `npm run bench`: requests per second of filing a referral, next to a route that does nothing through the same
 * Node server (the HTTP stack's ceiling) and next to the one transaction a submission needs, sent straight to the
 * same DynamoDB Local (the storage floor). Then where a submission's time goes: its DynamoDB calls, timed.
 */

const seconds = positiveInt("BENCH_SECONDS", 10);
const connections = positiveInt("BENCH_CONNECTIONS", 10);
// Lets the JIT, the SDK's connection pool and DynamoDB Local's JVM settle before anything is counted.
const warmupSeconds = 2;
const JVM_WARMUP_SECONDS = positiveInt("BENCH_JVM_WARMUP_SECONDS", 15);

const TKSK = DEMO_ACCOUNTS.find((a) => a.username === "tksk.ancalong")!;
// Budgets of the performance issue (#12): a submission at half its floor or better, its p99 within 3x its p50.
const BUDGET = { floorRatio: 0.5, tail: 3 };
let filed = 0;
/**
 * Every request files a new referral for another person (the NIK's serial, its last four digits, counts up: the
 * same person filed thousands of times would make each duplicate lookup read that person's 20 latest), under a
 * new Idempotency-Key, as the web app sends it.
 */
function nextReferral(): { body: string; key: string } {
  const serial = String((filed++ % 9999) + 1).padStart(4, "0");
  return { body: JSON.stringify(demoReferral({}, { nik: `640801450780${serial}` })), key: randomUUID() };
}

interface Target {
  name: string;
  method: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** A new body and Idempotency-Key for every request. */
  fresh?: () => { body: string; key: string };
}

async function login(base: string): Promise<string> {
  const response = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: TKSK.username, password: TKSK.password }),
  });
  if (response.status !== 200) throw new Error(`login failed (${response.status}): ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

/** One request first, so a broken target fails with its response body instead of thousands of counted errors. */
async function check(base: string, target: Target): Promise<void> {
  const fresh = target.fresh?.();
  const response = await fetch(`${base}${target.path}`, {
    method: target.method,
    headers: { ...target.headers, ...(fresh ? { "idempotency-key": fresh.key } : {}) },
    ...(fresh ? { body: fresh.body } : target.body === undefined ? {} : { body: target.body }),
  });
  if (!response.ok) throw new Error(`${target.name}: ${response.status} ${await response.text()}`);
}

/** One autocannon run; any failure voids it, since a throughput of failures says nothing about the system. */
async function run(base: string, target: Target, duration: number, phase: string): Promise<Result> {
  const r = await autocannon({
    url: `${base}${target.path}`,
    method: target.method,
    ...(target.headers ? { headers: target.headers } : {}),
    ...(target.body === undefined ? {} : { body: target.body }),
    ...(target.fresh
      ? {
          requests: [
            {
              setupRequest: (request) => {
                const { body, key } = target.fresh!();
                return { ...request, body, headers: { ...request.headers, "idempotency-key": key } };
              },
            },
          ],
        }
      : {}),
    connections,
    duration,
  });
  if (r.non2xx > 0 || r.errors > 0 || r.timeouts > 0) {
    throw new Error(
      `${target.name} ${phase}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts; ` +
        `status codes ${JSON.stringify(r.statusCodeStats)}`,
    );
  }
  return r;
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}

function report(targets: Target[], results: Result[], floors: FloorResult[], calls: ReturnType<typeof timeCalls>) {
  const cpus = os.cpus();
  console.log();
  console.log(
    `Machine: ${cpus[0]?.model ?? "unknown CPU"}, ${cpus.length} cores, ` +
      `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}`,
  );
  console.log(`Run: ${seconds} s per target after ${warmupSeconds} s warm-up, ${connections} connections`);
  // autocannon keeps latencies in whole milliseconds (rounded down), so 0 reads as "under 1 ms".
  console.table({
    ...Object.fromEntries(
      targets.map((t, i) => {
        const r = results[i]!;
        return [
          `${t.method} ${t.path}`,
          {
            "per second": round(r.requests.average, 1),
            "p50 ms": r.latency.p50,
            "p99 ms": r.latency.p99,
            count: r.requests.total,
          },
        ];
      }),
    ),
    ...Object.fromEntries(
      floors.map((floor, i) => [
        `floor: TransactWriteItems, ${i === 0 ? "before" : "after"}`,
        {
          "per second": round(floor.perSecond, 1),
          "p50 ms": round(floor.p50, 1),
          "p99 ms": round(floor.p99, 1),
          count: floor.transactions,
        },
      ]),
    ),
  });
  const floorRate = floors.reduce((sum, f) => sum + f.perSecond, 0) / floors.length;
  const referral = results[1]!;
  const ratio = referral.requests.average / floorRate;
  const tail = referral.latency.p99 / Math.max(referral.latency.p50, 1);
  console.log(`Referral / bare route: ${(referral.requests.average / results[0]!.requests.average).toFixed(4)}`);
  console.table({
    "referral / floor (mean of both), per second": {
      measured: round(ratio, 2),
      budget: `at least ${BUDGET.floorRatio}`,
      within: ratio >= BUDGET.floorRatio ? "yes" : "NO",
    },
    "referral p99 / p50": {
      measured: round(tail, 2),
      budget: `under ${BUDGET.tail}`,
      within: tail < BUDGET.tail ? "yes" : "NO",
    },
  });
  const requests = referral.requests.total;
  console.log(`Where a referral's time goes: its DynamoDB calls, per request (${requests} requests of the run):`);
  console.table(
    Object.fromEntries(
      [...calls.tallies()].map(([name, tally]) => [
        name,
        {
          "calls per request": round(tally.calls / requests, 2),
          "mean ms": round(tally.totalMs / tally.calls, 1),
          "p99 ms": round(quantile(tally.samples, 0.99), 1),
        },
      ]),
    ),
  );
}

let server: ServerType | undefined;
let dynamo: DynamoLocal | undefined;
try {
  const stack = await startBenchStack("rujuk-bench");
  dynamo = stack.dynamo;
  // The workflow start is a call to Step Functions, not to this DynamoDB: counted here, and measured with the real
  // state machine by the decision benchmark (bench-decisions.ts).
  let started = 0;
  const deps = {
    ...stack.deps,
    workflow: {
      start: () => {
        started++;
        return Promise.resolve();
      },
      signal: () => Promise.resolve("delivered" as const),
    },
  };
  const calls = timeCalls(deps.store.db);

  // The bare route lives only in this wrapper, so the production app stays exactly as deployed.
  const wrapper = new Hono().get("/bench/bare", (c) => c.json({ ok: true })).route("/", createApp(deps));
  const port = await freePort();
  server = serve({ fetch: wrapper.fetch, port, hostname: "127.0.0.1" });
  await listen(server);
  const base = `http://127.0.0.1:${port}`;

  const token = await login(base);
  const targets: Target[] = [
    { name: "bare", method: "GET", path: "/bench/bare" },
    {
      name: "referral",
      method: "POST",
      path: "/api/referrals",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      fresh: nextReferral,
    },
  ];
  const floorOptions = {
    username: TKSK.username,
    body: demoReferral(),
    nikKey: BENCH_SECRETS.nikKey,
    concurrency: connections,
  };
  const measureFloor = async (when: string) => {
    console.log(`floor (${when}): the submission's transaction alone, ${warmupSeconds} s warm-up + ${seconds} s…`);
    await transactionFloor(deps.store, { ...floorOptions, seconds: warmupSeconds });
    return transactionFloor(deps.store, { ...floorOptions, seconds });
  };

  const results: Result[] = [];
  const floors: FloorResult[] = [];
  for (const target of targets) {
    // DynamoDB Local's rate drifts as its JVM warms and the table grows: the floor is taken on either side of the
    // submissions, and they are compared with the mean of the two.
    if (target.name === "referral") {
      // A fresh DynamoDB Local JVM is still compiling its hot paths for its first seconds of load: whatever is
      // measured first would pay for it.
      console.log(`DynamoDB Local warm-up: the floor's transaction for ${JVM_WARMUP_SECONDS} s, not counted…`);
      await transactionFloor(deps.store, { ...floorOptions, seconds: JVM_WARMUP_SECONDS });
      floors.push(await measureFloor("before"));
    }
    await check(base, target);
    console.log(`${target.name}: ${target.method} ${target.path}, ${warmupSeconds} s warm-up + ${seconds} s…`);
    await run(base, target, warmupSeconds, "warm-up");
    if (target.name === "referral") calls.start();
    results.push(await run(base, target, seconds, "run"));
    calls.stop();
  }
  if (started < results[1]!.requests.total) throw new Error(`only ${started} workflows started`);
  floors.push(await measureFloor("after"));
  report(targets, results, floors, calls);
} catch (error) {
  console.error("\nBenchmark FAILED:", error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  const closing = server;
  if (closing) await new Promise<void>((done) => closing.close(() => done()));
  await dynamo?.stop();
}
// The SDK's keep-alive sockets would hold the process open for a while; everything worth closing is closed.
process.exit(process.exitCode ?? 0);
