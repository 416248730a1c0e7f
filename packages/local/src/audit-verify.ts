import { isRegionCode } from "@rujuk/core/region";
import { createDocumentClient, createStore } from "@rujuk/core/store/index";
import { type VerifyResult, verifier } from "@rujuk/core/store/verify";
import { commandLine } from "./command-line.ts";

/**
 * `npm run audit:verify -- --region 64.08`: the audit verification of `GET /api/audit/verify`, from the command line,
 * for the Dinsos IT staff who hold the data. It reads the configured tables directly (DynamoDB Local or AWS, with the
 * same SDK client as the app) and changes nothing. Exit code 0: intact; 1: something is broken; 2: it could not run.
 */
const USAGE = `Usage: npm run audit:verify -- (--region <code> | --national | --referral <id> | --report <id>) [options]

  --region <code>      verify every chain in this region (e.g. 64.08) against its ledger
  --national           verify the whole country
  --referral <id>      verify one referral's chain; --report <id> one report's
  --digest <hex>       a ledger digest kept earlier, with --through <YYYY-MM-DD>, the day it was taken for
  --json               print the result as JSON
  --endpoint <url>     DynamoDB endpoint (default: DYNAMODB_ENDPOINT, else AWS with the usual credentials)
  --local              DynamoDB Local of npm start (http://127.0.0.1:$DYNAMODB_LOCAL_PORT, default 8000)
  --table <name>       the app's table (default: RUJUK_TABLE, else "rujuk")
  --audit-table <name> the audit table (default: RUJUK_AUDIT_TABLE, else "<table>-audit")`;

const { args, fail } = commandLine(USAGE, {
  region: { type: "string" },
  national: { type: "boolean" },
  referral: { type: "string" },
  report: { type: "string" },
  digest: { type: "string" },
  through: { type: "string" },
  json: { type: "boolean" },
  endpoint: { type: "string" },
  local: { type: "boolean" },
  table: { type: "string" },
  "audit-table": { type: "string" },
  help: { type: "boolean", short: "h" },
});

const targets = [args.region !== undefined, !!args.national, !!args.referral, !!args.report].filter(Boolean).length;
if (targets !== 1) fail("Name exactly one of --region, --national, --referral or --report.");
if (args.region !== undefined && !isRegionCode(args.region)) fail(`Not a region code: "${args.region}"`);
if ((args.digest === undefined) !== (args.through === undefined)) fail("--digest and --through go together.");
if (args.digest !== undefined && !/^[0-9a-f]{64}$/.test(args.digest)) fail("--digest takes 64 hexadecimal digits.");
if (args.through !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(args.through)) fail("--through takes YYYY-MM-DD.");

const endpoint =
  args.endpoint ??
  (args.local ? `http://127.0.0.1:${process.env.DYNAMODB_LOCAL_PORT ?? 8000}` : process.env.DYNAMODB_ENDPOINT);
const table = args.table ?? process.env.RUJUK_TABLE ?? "rujuk";
const store = createStore(
  createDocumentClient({ endpoint, ...(endpoint ? { region: "local" } : {}) }),
  table,
  undefined,
  args["audit-table"] ?? process.env.RUJUK_AUDIT_TABLE,
);
const verify = verifier(store);

// Progress on long runs: a line that rewrites itself on a terminal, a line per tenth of the way otherwise.
let shownTenth = -1;
function progress(done: number, total: number) {
  if (args.json) return;
  if (process.stderr.isTTY) {
    process.stderr.write(`\rChecked ${done} of ${total} chains…`);
    if (done === total) process.stderr.write("\n");
    return;
  }
  const tenth = Math.floor((done * 10) / total);
  if (tenth !== shownTenth) {
    shownTenth = tenth;
    console.error(`Checked ${done} of ${total} chains`);
  }
}

const what = args.referral
  ? `referral ${args.referral}`
  : args.report
    ? `report ${args.report}`
    : `region ${args.national ? "(national)" : args.region}`;
let result: VerifyResult;
try {
  if (!args.json) console.error(`Verifying ${what} in ${store.audit.table} (${endpoint ?? "AWS"})…`);
  result = args.referral
    ? await verify.item("referral", args.referral)
    : args.report
      ? await verify.item("report", args.report)
      : await verify.region(args.national ? "" : args.region!, {
          kept: args.digest ? { value: args.digest, through: args.through! } : undefined,
          onProgress: progress,
        });
} catch (error) {
  console.error(`Could not verify: ${(error as Error).message}`);
  process.exit(2);
}

if (args.json) console.log(JSON.stringify(result, null, 2));
else {
  console.log(`${result.checked} events in ${result.chains} chains checked.`);
  if (result.digest?.value) {
    console.log(`Ledger digest through ${result.digest.through}: ${result.digest.value}`);
    console.log("Keep it outside the system; a later run with --digest and --through shows any change up to that day.");
  }
  if (result.ok) console.log("OK: every chain is whole and matches the ledger.");
  else {
    const b = result.firstBroken!;
    const where = b.item ? `${b.kind} ${b.item}${b.seq !== undefined ? `, event ${b.seq}` : ""}` : "the ledger";
    console.log(`BROKEN (${result.broken} problem(s)). First: ${where}: ${b.problem}. ${b.detail}`);
  }
}
process.exit(result.ok ? 0 : 1);
