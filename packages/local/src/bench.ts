import os from "node:os";
import { type ServerType, serve } from "@hono/node-server";
import { createApp } from "@rujuk/functions/app";
import autocannon, { type Result } from "autocannon";
import { Hono } from "hono";
import { DEMO_ACCOUNTS } from "./demo-accounts.ts";
import { type DynamoLocal, freePort } from "@rujuk/dynamodb-local";
import { startBenchStack } from "./bench-stack.ts";
import { demoReferral } from "./demo-referral.ts";
import { listen } from "./listen.ts";

/**
 * `npm run bench`: requests per second of filing a referral, next to a route that does nothing, both through the same
 * Node server. The ratio shows what the app and DynamoDB Local cost over the bare HTTP stack on this machine.
 */
function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === "" ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

const seconds = positiveInt("BENCH_SECONDS", 10);
const connections = positiveInt("BENCH_CONNECTIONS", 10);
// Lets the JIT, the SDK's connection pool and DynamoDB Local's JVM settle before anything is counted.
const warmupSeconds = 2;

const TKSK = DEMO_ACCOUNTS.find((a) => a.username === "tksk.ancalong")!;
// Every request files a new referral under the same NIK, as the tests' demo referral.
const REFERRAL = JSON.stringify(demoReferral());

interface Target {
  name: string;
  method: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: string;
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
  const response = await fetch(`${base}${target.path}`, {
    method: target.method,
    ...(target.headers ? { headers: target.headers } : {}),
    ...(target.body === undefined ? {} : { body: target.body }),
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

async function measure(base: string, target: Target): Promise<Result> {
  console.log(`${target.name}: ${target.method} ${target.path}, ${warmupSeconds} s warm-up + ${seconds} s…`);
  await run(base, target, warmupSeconds, "warm-up");
  return run(base, target, seconds, "run");
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}

function report(targets: Target[], results: Result[]): void {
  const cpus = os.cpus();
  console.log();
  console.log(
    `Machine: ${cpus[0]?.model ?? "unknown CPU"}, ${cpus.length} cores, ` +
      `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}`,
  );
  console.log(`Run: ${seconds} s per target after ${warmupSeconds} s warm-up, ${connections} connections`);
  // autocannon keeps latencies in whole milliseconds (rounded down), so 0 reads as "under 1 ms".
  console.table(
    Object.fromEntries(
      targets.map((t, i) => {
        const r = results[i]!;
        return [
          `${t.method} ${t.path}`,
          {
            "req/s (mean)": round(r.requests.average, 1),
            "p50 ms": r.latency.p50,
            "p99 ms": r.latency.p99,
            requests: r.requests.total,
            "non-2xx": r.non2xx,
          },
        ];
      }),
    ),
  );
  const [bare, referral] = results as [Result, Result];
  const ratio = referral.requests.average / bare.requests.average;
  console.log(`Ratio referral/bare req/s: ${ratio.toFixed(4)} (${(ratio * 100).toFixed(2)} %)`);
}

let server: ServerType | undefined;
let dynamo: DynamoLocal | undefined;
try {
  const stack = await startBenchStack("rujuk-bench");
  dynamo = stack.dynamo;
  const deps = stack.deps;

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
      body: REFERRAL,
    },
  ];
  const results: Result[] = [];
  for (const target of targets) {
    await check(base, target);
    results.push(await measure(base, target));
  }
  report(targets, results);
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
