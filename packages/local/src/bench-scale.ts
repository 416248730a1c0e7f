import os from "node:os";
import { performance } from "node:perf_hooks";
import { auditTableFor, createDocumentClient } from "@rujuk/core/store/index";
import { createApp } from "@rujuk/functions/app";
import type { DynamoLocal } from "@rujuk/dynamodb-local";
import { batchPut } from "./batch-put.ts";
import { BENCH_SECRETS, startBenchStack } from "./bench-stack.ts";
import { meterCapacity } from "./capacity-meter.ts";
import { DEMO_ACCOUNTS } from "./demo-accounts.ts";
import { positiveInt } from "./env-count.ts";
import { type Group, SPREAD, scalePlaces, spreadOf } from "./scale-places.ts";
import { scaleReferral } from "./scale-seed.ts";

/**
 * `npm run bench:scale` (also a part of `npm run bench`): whether the reads people page through stay flat as the
 * table grows. Referrals are seeded over four provinces (`scale-places.ts`), each opened at its first level
 * (`opened-referral.ts`), and five reads are measured through the app, in process (`app.request`: the app and
 * DynamoDB Local, no HTTP server): the four of issue 12, and a province auditor's search beside the kabupaten
 * auditor's. They are measured at `BENCH_SCALE_SMALL` (default 1,000) referrals, then again after seeding up to
 * `BENCH_SCALE_LARGE` (default 100,000) in the same table: latency p50 and p99 over `BENCH_SCALE_REQUESTS` sequential
 * requests after a warm-up, and the read units DynamoDB Local reports per request. Budget: at most 1.5x the latency
 * and the same read units at the large size as at the small one. A benchmark reports: it fails only when a
 * measurement could not be taken.
 */
const SMALL = positiveInt("BENCH_SCALE_SMALL", 1_000);
const LARGE = positiveInt("BENCH_SCALE_LARGE", 100_000);
if (LARGE <= SMALL) throw new Error(`BENCH_SCALE_LARGE (${LARGE}) must be larger than BENCH_SCALE_SMALL (${SMALL})`);
const REQUESTS = positiveInt("BENCH_SCALE_REQUESTS", 200);
const WARMUP = positiveInt("BENCH_SCALE_WARMUP", 30);
const ROUNDS = 4;
// A fresh DynamoDB Local JVM is still compiling its hot paths in its first minute of load: without this, the small
// size (measured first) is timed partly before that, and the large one after (up to 2.3x slower at p50 so).
const JVM_WARMUP_SECONDS = positiveInt("BENCH_SCALE_JVM_WARMUP_SECONDS", 30);
const TABLE = "rujuk-bench-scale";
const LATENCY_BUDGET = 1.5;
// Nusa Tenggara Barat, Kalimantan Selatan, Sulawesi Selatan: 60 % of the referrals, beside Kalimantan Timur's 40 %.
const ELSEWHERE = ["52", "63", "73"];
// A year of referrals at the large size, one every five minutes, ending an hour ago.
const GAP_MS = 5 * 60_000;

const account = (username: string) => DEMO_ACCOUNTS.find((a) => a.username === username)!;
const TKSK = account("tksk.ancalong");

interface Measure {
  name: string;
  username: string;
  /** The path, given the id of a referral of the measured kecamatan. */
  path: (id: string) => string;
  /** What the read's scope holds, from the referrals seeded in each group: items waiting, or audit events. */
  holds?: { count: (seeded: Record<Group, number>) => number; what: string };
}

// Every seeded referral waits at its kecamatan's inbox and has two events (submitted, level_opened).
const inKecamatan = (seeded: Record<Group, number>) => seeded.kecamatan;
const eventsIn = (groups: Group[]) => (seeded: Record<Group, number>) =>
  2 * groups.reduce((sum, g) => sum + seeded[g], 0);
const MEASURES: Measure[] = [
  {
    name: "inbox (kec.ancalong)",
    username: "kec.ancalong",
    path: () => "/api/inbox",
    holds: { count: inKecamatan, what: "items waiting" },
  },
  {
    name: "TKSK list (tksk.ancalong)",
    username: "tksk.ancalong",
    path: () => "/api/referrals",
    holds: { count: inKecamatan, what: "own referrals" },
  },
  {
    name: "event search (auditor.kutim, 64.08)",
    username: "auditor.kutim",
    path: () => "/api/audit/events",
    holds: { count: eventsIn(["kecamatan", "kabupaten"]), what: "events" },
  },
  {
    name: "event search (auditor.kaltim, 64)",
    username: "auditor.kaltim",
    path: () => "/api/audit/events",
    holds: { count: eventsIn(["kecamatan", "kabupaten", "provinsi"]), what: "events" },
  },
  {
    name: "verify one item (auditor.kutim)",
    username: "auditor.kutim",
    path: (id) => `/api/audit/verify?referral=${id}`,
  },
];

interface Result {
  p50: number;
  p99: number;
  /** Read units of the median request, and the least and most of any. */
  units: number;
  unitsMin: number;
  unitsMax: number;
  /** Items on the page answered (of the last request), for a page. */
  items: number | undefined;
}

const pageOf = (body: unknown) => {
  const items = (body as { items?: unknown }).items;
  return Array.isArray(items) ? items.length : undefined;
};
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;

let dynamo: DynamoLocal | undefined;
try {
  const stack = await startBenchStack(TABLE);
  dynamo = stack.dynamo;
  const { deps } = stack;
  const app = createApp(deps);
  // The seed writes with a client of its own, so the meter on the app's sees only the app's reads.
  const seedDb = createDocumentClient({ endpoint: dynamo.endpoint, region: "local" });
  const meter = meterCapacity(deps.store.db, dynamo.endpoint);

  const tksk = (await deps.store.users.credentials(TKSK.username))?.user;
  if (!tksk) throw new Error(`${TKSK.username} was not seeded`);
  const places = await scalePlaces(tksk, ELSEWHERE);
  const options = {
    tables: { table: TABLE, auditTable: auditTableFor(TABLE) },
    nikKey: BENCH_SECRETS.nikKey,
    start: Date.now() - 3_600_000 - LARGE * GAP_MS,
    gapMs: GAP_MS,
  };
  let verified: string | undefined;
  const seeded = Object.fromEntries(SPREAD.map(({ group }) => [group, 0])) as Record<Group, number>;
  async function seed(from: number, to: number): Promise<number> {
    const started = performance.now();
    function* rows() {
      for (let i = from; i < to; i++) {
        const referral = scaleReferral(places, i, options);
        seeded[spreadOf(i).group]++;
        if (!verified && referral.kecamatan === TKSK.regionCode) verified = referral.id;
        yield* referral.puts;
      }
    }
    const written = await batchPut(seedDb, rows());
    const seconds = (performance.now() - started) / 1000;
    console.log(`Seeded referrals ${from}..${to - 1}: ${written} rows in ${seconds.toFixed(1)} s`);
    return seconds;
  }

  async function login(username: string): Promise<string> {
    const response = await app.request("/api/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username, password: account(username).password }),
    });
    if (response.status !== 200) throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { token: string }).token;
  }
  const tokens = new Map<string, string>();
  for (const { username } of MEASURES) if (!tokens.has(username)) tokens.set(username, await login(username));

  async function call(measure: Measure): Promise<{ ms: number; units: number; body: unknown }> {
    const before = meter.reported.read;
    const started = performance.now();
    const response = await app.request(measure.path(verified!), {
      headers: { authorization: `Bearer ${tokens.get(measure.username)}` },
    });
    const text = await response.text();
    const ms = performance.now() - started;
    if (response.status !== 200) throw new Error(`${measure.name}: ${response.status} ${text}`);
    return { ms, units: meter.reported.read - before, body: JSON.parse(text) as unknown };
  }

  /**
   * Every read, `WARMUP` requests each first, then `REQUESTS` each in `ROUNDS` rounds taking the reads in turn: on a
   * shared machine a burst of other work then slows every read a little, rather than one of them a lot.
   */
  async function measureAll(label: string): Promise<Result[]> {
    console.log(
      `${label}: ${MEASURES.length} reads, ${WARMUP} warm-up requests each, then ${REQUESTS} each in ${ROUNDS} rounds…`,
    );
    for (const measure of MEASURES) for (let i = 0; i < WARMUP; i++) await call(measure);
    const calls = MEASURES.map(() => [] as Awaited<ReturnType<typeof call>>[]);
    for (let round = 0; round < ROUNDS; round++) {
      for (const [m, measure] of MEASURES.entries()) {
        const share = Math.floor(REQUESTS / ROUNDS) + (round < REQUESTS % ROUNDS ? 1 : 0);
        for (let i = 0; i < share; i++) calls[m]!.push(await call(measure));
      }
    }
    return calls.map((made) => {
      const ms = made.map((c) => c.ms).sort((a, b) => a - b);
      const units = made.map((c) => c.units).sort((a, b) => a - b);
      return {
        p50: percentile(ms, 0.5),
        p99: percentile(ms, 0.99),
        units: percentile(units, 0.5),
        unitsMin: units[0]!,
        unitsMax: units.at(-1)!,
        items: pageOf(made.at(-1)!.body),
      };
    });
  }

  const seedSmall = await seed(0, SMALL);
  if (!verified) throw new Error(`no referral was seeded in ${TKSK.regionCode}`);
  const heldSmall = { ...seeded };
  console.log(`Warming DynamoDB Local up: every read in turn for ${JVM_WARMUP_SECONDS} s…`);
  for (const until = performance.now() + JVM_WARMUP_SECONDS * 1000; performance.now() < until;) {
    for (const measure of MEASURES) await call(measure);
  }
  const small = await measureAll(`${SMALL.toLocaleString("en")} referrals`);
  const seedLarge = await seed(SMALL, LARGE);
  const large = await measureAll(`${LARGE.toLocaleString("en")} referrals`);

  const cpus = os.cpus();
  const n = (value: number) => value.toLocaleString("en");
  console.log();
  console.log(
    `Machine: ${cpus[0]?.model ?? "unknown CPU"}, ${cpus.length} cores, ` +
      `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}`,
  );
  console.log(
    `Seeding (BatchWrite, 5 rows a referral: the item, two events, two ledger entries): ${n(SMALL)} referrals in ` +
      `${seedSmall.toFixed(1)} s, ${n(LARGE - SMALL)} more in ${seedLarge.toFixed(1)} s`,
  );
  console.log(
    `Method: in process (app.request); at ${n(SMALL)}, every read in turn for ${JVM_WARMUP_SECONDS} s first; ` +
      `${WARMUP} warm-up then ${REQUESTS} sequential requests per read, in ${ROUNDS} rounds over the reads; read units ` +
      `as DynamoDB Local reports them, of the median request (the least and most of any request in brackets)`,
  );
  for (const [i, measure] of MEASURES.entries()) {
    const holds = measure.holds && {
      small: `${n(measure.holds.count(heldSmall))} ${measure.holds.what}`,
      large: n(measure.holds.count(seeded)),
    };
    const [s, l] = [small[i]!.items, large[i]!.items];
    // A page that is not full at the small size reads less there for want of items, not by design.
    const page = s === undefined ? "" : `; page of ${s} items at ${n(SMALL)}, ${l} at ${n(LARGE)}`;
    console.log(
      `  ${measure.name}: GET ${measure.path(":id")}` +
        (holds ? `; scope holds ${holds.small} at ${n(SMALL)}, ${holds.large} at ${n(LARGE)}` : "") +
        page,
    );
  }
  const round = (value: number, digits = 1) => Number(value.toFixed(digits));
  const ratio = (a: number, b: number) => (a === 0 ? (b === 0 ? 1 : Infinity) : round(b / a, 2));
  const [atSmall, atLarge] = [`at ${n(SMALL)}`, `at ${n(LARGE)}`];
  const rows: Record<string, Record<string, string | number>> = {};
  for (const [i, measure] of MEASURES.entries()) {
    const [s, l] = [small[i]!, large[i]!];
    for (const [metric, a, b] of [
      ["p50 ms", s.p50, l.p50],
      ["p99 ms", s.p99, l.p99],
    ] as const) {
      const r = ratio(a, b);
      rows[`${measure.name} ${metric}`] = {
        [atSmall]: round(a),
        [atLarge]: round(b),
        ratio: r,
        budget: `at most ${LATENCY_BUDGET}x: ${r <= LATENCY_BUDGET ? "within" : "MISSED"}`,
      };
    }
    const r = ratio(s.units, l.units);
    const units = (x: Result) => `${round(x.units)} [${round(x.unitsMin)}–${round(x.unitsMax)}]`;
    rows[`${measure.name} read units`] = {
      [atSmall]: units(s),
      [atLarge]: units(l),
      ratio: r,
      budget: `the same: ${s.units === l.units ? "within" : "MISSED"}`,
    };
  }
  console.table(rows);
} finally {
  await dynamo?.stop();
}
