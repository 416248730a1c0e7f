import { AsyncLocalStorage } from "node:async_hooks";
import os from "node:os";
import { hashPassword } from "@rujuk/core/password";
import { childrenOf } from "@rujuk/core/region";
import { freePort } from "@rujuk/dynamodb-local";
import { createApp } from "@rujuk/functions/app";
import { startBenchStack } from "./bench-stack.ts";
import { quantile } from "./call-timings.ts";
import { withApprovalChain } from "./chain-stack.ts";
import type { DemoAccount } from "./demo-accounts.ts";
import { demoReferral } from "./demo-referral.ts";
import { positiveInt } from "./env-count.ts";
import { seedAccounts } from "./seed.ts";

/**
 * `npm run bench:decisions` (and part of `npm run bench`): how soon an official's decision reaches the next level, on
 * the local stack with the real state machine on the local Step Functions endpoint. Ten kecamatan officials, in ten
 * kecamatans of two kabupaten, each approve the referrals their kecamatan's TKSK filed, all ten at once, each taking
 * the next as soon as the last one it decided has arrived. From a decision's 200, the kabupaten's official reads the
 * item (`GET /api/referrals/{id}`) every `BENCH_POLL_MS` until it shows waiting at kabupaten: the write that says so
 * (OpenApproval's) is the one that puts it in that official's inbox. At the end every decided item is looked for in
 * its kabupaten official's inbox (`GET /api/inbox`, every page). Where the time goes is timed too, from the calls the
 * decision request and the next level's OpenApproval make (each traced on its own): the request before its
 * SendTaskSuccess, that call, the rest of the request, the engine until the next task starts, and that task until
 * its write of the item is committed.
 *
 * A benchmark reports: it fails only when a figure could not be taken (a non-2xx, an item that never arrives).
 */
const PER_OFFICIAL = positiveInt("BENCH_DECISIONS_PER_OFFICIAL", 30);
const POLL_MS = positiveInt("BENCH_POLL_MS", 10);
const ARRIVAL_TIMEOUT_MS = positiveInt("BENCH_ARRIVAL_TIMEOUT_MS", 30_000);
// How long an official waits after an item's arrival before deciding the next: at once, unless set.
const PAUSE_MS = process.env.BENCH_DECISIONS_PAUSE_MS ? positiveInt("BENCH_DECISIONS_PAUSE_MS", 1) : 0;
// Budget of the performance issue (#12).
const BUDGET_P99_MS = 500;
// Five kecamatans of each, whose kabupaten officials are demo accounts.
const KABUPATEN = { "64.08": "kab.kutim", "64.72": "kab.samarinda" } as const;
const PER_KABUPATEN = 5;
const PASSWORD = "bench-decisions-password";
const TABLE = "bench-decisions";

/** Milliseconds on the wall clock, to the fraction: the engine's own timings are compared with the app's. */
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Place {
  kecamatan: string;
  desa: string;
  kabupatenOfficial: string;
}

async function places(): Promise<Place[]> {
  const found: Place[] = [];
  for (const [kabupaten, official] of Object.entries(KABUPATEN)) {
    for (const kecamatan of (await childrenOf(kabupaten)).slice(0, PER_KABUPATEN)) {
      const desa = (await childrenOf(kecamatan.code))[0];
      if (!desa) throw new Error(`kecamatan ${kecamatan.code} has no desa in the region data`);
      found.push({ kecamatan: kecamatan.code, desa: desa.code, kabupatenOfficial: official });
    }
  }
  return found;
}

/** A TKSK and a kecamatan official in the kecamatan, shaped as the demo accounts are. */
function accountsOf(place: Place): DemoAccount[] {
  const account = (role: "tksk" | "kecamatan", name: string): DemoAccount => {
    const username = `bench.${role === "tksk" ? "tksk" : "kec"}.${place.kecamatan}`;
    return { username, password: PASSWORD, role, regionCode: place.kecamatan, name, email: `${username}@rujuk.test` };
  };
  return [account("tksk", `TKSK ${place.kecamatan}`), account("kecamatan", `Camat ${place.kecamatan}`)];
}

/** A call to DynamoDB or Step Functions, as the client that sent it saw it. */
interface Call {
  name: string;
  start: number;
  end: number;
}
/** The calls made on behalf of one decision request or one task. */
interface Trace {
  start: number;
  end: number;
  calls: Call[];
}
const traced = new AsyncLocalStorage<Trace>();
async function trace<T>(work: () => Promise<T>): Promise<{ result: T; trace: Trace }> {
  const t: Trace = { start: now(), end: Number.NaN, calls: [] };
  const result = await traced.run(t, work);
  t.end = now();
  return { result, trace: t };
}
/** Client middleware that puts every call sent into the trace it was sent under, if any. */
function recordCall<I, O>(next: (args: I) => Promise<O>, context: { commandName?: string }) {
  return async (args: I): Promise<O> => {
    const start = now();
    try {
      return await next(args);
    } finally {
      const name = (context.commandName ?? "unknown").replace(/Command$/, "");
      traced.getStore()?.calls.push({ name, start, end: now() });
    }
  };
}
const RECORDING = { step: "initialize", name: "benchDecisionTraces" } as const;
const WRITES = new Set(["TransactWriteItems", "UpdateItem", "PutItem"]);

// Other work on the machine shows in every figure: the load when the run began is printed with them.
const loadAtStart = os.loadavg()[0]!;
const { dynamo, deps: base } = await startBenchStack(TABLE);
try {
  // The next level's opening of each item, and every opening's token (by item and level).
  const opened = new Map<string, Trace & { token: string }>();
  const chain = await withApprovalChain(base, {
    dynamoEndpoint: dynamo.endpoint,
    port: await freePort(),
    wrapTask: (name, handler) =>
      name !== "OpenApproval"
        ? handler
        : async (payload, context) => {
            const { result, trace: t } = await trace(() => Promise.resolve(handler(payload, context)));
            const { id, level, token } = payload as { id: string; level: string; token: string };
            opened.set(`${id}#${level}`, { ...t, token });
            return result;
          },
  });
  base.store.db.middlewareStack.add(recordCall, RECORDING);
  chain.sfn.middlewareStack.add(recordCall, RECORDING);

  const app = createApp(chain.deps);
  const call = async (method: "GET" | "POST", path: string, token: string | undefined, body?: unknown) => {
    const res = await app.request(path, {
      method,
      headers: {
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  };
  const login = async (username: string, password: string) =>
    (await call("POST", "/api/auth/login", undefined, { username, password })).token as string;

  const where = await places();
  const hashed = hashPassword(PASSWORD);
  await seedAccounts(base.store, where.flatMap(accountsOf), () => hashed);
  const readers = new Map<string, string>(
    await Promise.all(Object.values(KABUPATEN).map(async (u) => [u, await login(u, `demo-${u}`)] as const)),
  );

  // Every TKSK files its kecamatan's referrals (ten at once); all wait at kecamatan before anything is timed.
  const filed = await Promise.all(
    where.map(async (place) => {
      const [tksk, official] = accountsOf(place);
      const token = await login(tksk!.username, PASSWORD);
      const ids: string[] = [];
      for (let i = 0; i < PER_OFFICIAL; i++) {
        const nik = `${place.kecamatan.replaceAll(".", "")}450780${String(i + 1).padStart(4, "0")}`;
        const { id } = await call("POST", "/api/referrals", token, demoReferral({}, { nik, desaCode: place.desa }));
        if (typeof id !== "string") throw new Error("a referral came back without an id");
        ids.push(id);
      }
      return { place, ids, official: await login(official!.username, PASSWORD) };
    }),
  );
  await chain.endpoint.engine.settled();
  for (const id of filed.flatMap((f) => f.ids)) {
    if (!opened.has(`${id}#kecamatan`)) throw new Error(`referral ${id} never opened at kecamatan`);
  }

  /** Reads the item as the kabupaten's official until it waits there: when the read that saw it began and answered. */
  async function arrival(id: string, reader: string, answered: number) {
    for (let reads = 1; ; reads++) {
      const asked = now();
      const item = await call("GET", `/api/referrals/${id}`, reader);
      const seen = now();
      if (item.currentLevel === "kabupaten" && item.status === "in_review") return { asked, seen, reads };
      if (seen - answered > ARRIVAL_TIMEOUT_MS)
        throw new Error(`referral ${id} was not at kabupaten ${ARRIVAL_TIMEOUT_MS} ms after its decision's 200`);
      await sleep(POLL_MS);
    }
  }

  const decided = new Map<string, { request: Trace } & Awaited<ReturnType<typeof arrival>>>();
  const began = now();
  await Promise.all(
    filed.map(async ({ place, ids, official }) => {
      const reader = readers.get(place.kabupatenOfficial)!;
      for (const id of ids) {
        const { trace: request } = await trace(() =>
          call("POST", `/api/referrals/${id}/decisions`, official, { decision: "approve" }),
        );
        decided.set(id, { request, ...(await arrival(id, reader, request.end)) });
        if (PAUSE_MS > 0) await sleep(PAUSE_MS);
      }
    }),
  );
  const wall = now() - began;
  await chain.endpoint.engine.settled();

  // Every decided item in its kabupaten official's inbox, or the figures measured something else.
  for (const [official, token] of readers) {
    const expected = filed.filter((f) => f.place.kabupatenOfficial === official).flatMap((f) => f.ids);
    const inbox = new Set<string>();
    let cursor: string | null = null;
    do {
      const path = `/api/inbox?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const page = (await call("GET", path, token)) as { items: { id: string }[]; nextCursor: string | null };
      for (const item of page.items) inbox.add(item.id);
      cursor = page.nextCursor;
    } while (cursor);
    const missing = expected.filter((id) => !inbox.has(id));
    if (missing.length) throw new Error(`${missing.length} decided referrals are not in ${official}'s inbox`);
  }

  // Where each decision's time went, step by step. The request answers after the engine has moved on, so the engine
  // is timed from the answer it took, not from the 200.
  const steps = new Map<string, number[]>();
  const step = (label: string, ms: number) => steps.set(label, [...(steps.get(label) ?? []), ms]);
  const latencies: number[] = [];
  const toWrite: number[] = [];
  for (const [id, { request, asked, seen }] of decided) {
    const send = request.calls.find((c) => c.name === "SendTaskSuccess");
    const next = opened.get(`${id}#kabupaten`);
    const read = next?.calls[0]; // the store reads the item before it writes its change
    const write = next?.calls.find((c) => WRITES.has(c.name));
    if (!send || !next || !read || !write)
      throw new Error(`referral ${id}: its SendTaskSuccess or next opening was not traced`);
    step("request: session, item, decision written", send.start - request.start);
    step("request: SendTaskSuccess", send.end - send.start);
    step("request: from it to the 200", request.end - send.end);
    step("engine: answer taken to next task started", next.start - send.end);
    step("OpenApproval: started to its read of the item", read.start - next.start);
    step(`OpenApproval: ${read.name}`, read.end - read.start);
    step(`OpenApproval: ${read.name} to ${write.name} answered`, write.end - read.end);
    step("written to the start of the read that saw it", asked - write.end);
    step("the read that saw it (GET /api/referrals/{id})", seen - asked);
    latencies.push(seen - request.end);
    toWrite.push(write.end - request.end);
  }
  const ms = (value: number) => Number(value.toFixed(1));
  const summary = (samples: number[]) => ({
    count: samples.length,
    "p50 ms": ms(quantile(samples, 0.5)),
    "p99 ms": ms(quantile(samples, 0.99)),
    "min ms": ms(Math.min(...samples)),
    "max ms": ms(Math.max(...samples)),
  });
  const reads = [...decided.values()].map((d) => d.reads);

  const cpus = os.cpus();
  console.log();
  console.log(
    `Machine: ${cpus[0]?.model ?? "unknown CPU"}, ${cpus.length} cores, ` +
      `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}; ` +
      `load average ${loadAtStart.toFixed(2)} when the run began, ${os.loadavg()[0]!.toFixed(2)} at its end`,
  );
  console.log(
    `Decision latency: ${where.length} kecamatan officials at once, ${PER_OFFICIAL} approvals each ` +
      `(${latencies.length} in ${(wall / 1000).toFixed(1)} s), each taking its next once its last has arrived` +
      `${PAUSE_MS ? ` and ${PAUSE_MS} ms more` : ""}. ` +
      `From each 200 the kabupaten's official reads the item every ${POLL_MS} ms until it waits there ` +
      `(${ms(reads.reduce((a, b) => a + b, 0) / reads.length)} reads per decision on average); every decided item ` +
      `was then in its kabupaten official's inbox.`,
  );
  console.table({
    // The write is what puts the item in the next level's inbox; the official's read of it is an upper bound that
    // also holds the poll's wait and the read's own time.
    "decision 200 to in the next level's inbox (its write)": {
      ...summary(toWrite),
      budget: `p99 under ${BUDGET_P99_MS} ms`,
    },
    "decision 200 to seen by the next level's official (upper bound)": summary(latencies),
  });
  console.log(
    "Where a decision's time goes, step by step. The request and the engine part at SendTaskSuccess's answer: " +
      "the engine is timed from it, the next level from its task's start.",
  );
  console.table(Object.fromEntries([...steps].map(([label, samples]) => [label, summary(samples)])));
  await chain.endpoint.close();
} finally {
  await dynamo.stop();
}
