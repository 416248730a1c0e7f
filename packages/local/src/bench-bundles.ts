import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { deflateRawSync } from "node:zlib";
import { FUNCTION_ENVIRONMENT } from "../../../infra/build.ts";
import { bundleAll } from "../../../infra/bundle.ts";

/**
 * `npm run bench` (bundles): each function built as it deploys (`infra/bundle.ts`, minified), its size and the size
 * of the files copied beside it, and its cold module initialisation: a fresh Node process imports the bundle,
 * timing `await import()` from inside, `BENCH_INIT_RUNS` times after one unmeasured run that brings the files into
 * the page cache. Importing needs no network: the functions only build their AWS clients at load.
 */
const RUNS = Number(process.env.BENCH_INIT_RUNS ?? 10);
// DESIGN.md's budgets, for the API function; the task functions' figures are for comparison.
const BUDGET = { apiBytes: 400 * 1024, initMs: 150 };

// Only what the functions check at load; the values are never used to connect.
const ENV = {
  ...FUNCTION_ENVIRONMENT,
  RUJUK_TABLE: "bench",
  RUJUK_AUDIT_TABLE: "bench-audit",
  RUJUK_SESSION_SECRET: "bench-session-secret",
  RUJUK_NIK_KEY: "bench-nik-key",
  RUJUK_STATE_MACHINE_ARN: "arn:aws:states:us-east-1:123456789012:stateMachine:rujuk-approval-chain",
  RUJUK_APP_URL: "https://rujuk.example",
  AWS_REGION: "us-east-1",
};
const IMPORT = `
const start = performance.now();
await import(new URL("bundle.mjs", "file://" + process.cwd() + "/").href);
console.log(performance.now() - start);
`;

const run = promisify(execFile);
const kb = (bytes: number) => (bytes / 1024).toFixed(1);

function files(path: string): string[] {
  return statSync(path).isDirectory() ? readdirSync(path).flatMap((entry) => files(join(path, entry))) : [path];
}

/** Roughly what the files add to the zip: each deflated on its own, as zip does, without the headers. */
function deflatedBytes(paths: string[]): number {
  return paths.reduce((sum, path) => sum + deflateRawSync(readFileSync(path)).length, 0);
}

/** The value at or above fraction `q` of the sorted samples (nearest rank). */
function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

// The machine's own pace, in the same runs: a fresh process importing Node's `http` (which loads undici, see
// BENCHMARKS.md) and nothing else. This VM's timings drift by half from hour to hour; compare against this line.
const REFERENCE = `
const start = performance.now();
await import("node:http");
console.log(performance.now() - start);
`;

async function initTimes(cwd: string, script = IMPORT): Promise<number[]> {
  const once = async () =>
    Number((await run(process.execPath, ["--input-type=module", "-e", script], { cwd, env: ENV })).stdout);
  await once();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await once());
  return times.sort((a, b) => a - b);
}

const outRoot = mkdtempSync(join(os.tmpdir(), "rujuk-bench-bundles-"));
try {
  const all = await bundleAll(outRoot);
  // One package per entry file: the task functions share theirs.
  const packages = [...new Map(Object.entries(all).map(([name, b]) => [b.out, { name, bundle: b }])).values()];
  const rows: Record<string, Record<string, string | number>> = {};
  const verdicts: string[] = [];
  for (const { name, bundle } of packages) {
    const label = name === "api" ? "api" : "tasks";
    const packaged = files(bundle.out).filter((path) => !path.endsWith(".map"));
    const times = await initTimes(bundle.out);
    const median = quantile(times, 0.5);
    rows[label] = {
      "bundle KB": kb(bundle.bytes),
      "loaded at init KB": kb(bundle.initBytes),
      "copied files KB": kb(bundle.copiedBytes),
      "zip KB (deflated)": kb(deflatedBytes(packaged)),
      "init median ms": median.toFixed(1),
      "init p95 ms": quantile(times, 0.95).toFixed(1),
      "init min ms": times[0]!.toFixed(1),
    };
    if (label === "api") {
      const within = (ok: boolean) => (ok ? "within budget" : "NOT within budget");
      verdicts.push(`api bundle ${kb(bundle.bytes)} KB: ${within(bundle.bytes < BUDGET.apiBytes)} (400 KB)`);
      verdicts.push(`api init median ${median.toFixed(1)} ms: ${within(median < BUDGET.initMs)} (150 ms)`);
    }
  }

  const reference = await initTimes(outRoot, REFERENCE);
  rows["node:http alone"] = {
    "init median ms": quantile(reference, 0.5).toFixed(1),
    "init p95 ms": quantile(reference, 0.95).toFixed(1),
    "init min ms": reference[0]!.toFixed(1),
  };

  const cpus = os.cpus();
  console.log();
  console.log(`Machine: ${cpus[0]?.model ?? "unknown CPU"}, ${cpus.length} cores, Node ${process.version}`);
  console.log(`Function bundles as deployed (minified), cold import in a fresh process, ${RUNS} runs each:`);
  console.table(rows);
  for (const verdict of verdicts) console.log(verdict);
} finally {
  rmSync(outRoot, { recursive: true, force: true });
}
