import { type ChildProcess, fork } from "node:child_process";
import { once } from "node:events";
import { readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import { createGunzip } from "node:zlib";
import { BatchWriteCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { type AuditEvent, type EventActor, type EventBody, actorRef, sealEvent } from "@rujuk/core/audit";
import { newId } from "@rujuk/core/ids";
import { auditPuts } from "@rujuk/core/store/audit";
import { auditTableFor } from "@rujuk/core/store/index";
import { actorOf } from "@rujuk/core/user";
import type { DynamoLocal } from "@rujuk/dynamodb-local";
import { startBenchStack } from "./bench-stack.ts";
import { DEMO_ACCOUNTS } from "./demo-accounts.ts";
import { positiveInt } from "./env-count.ts";

/**
 * `npm run bench` (audit part), `npm run bench:audit` alone: the auditor of Kutai Timur exports the whole audit trail
 * of the kabupaten as CSV and as NDJSON, over HTTP as a browser would, at `BENCH_AUDIT_SMALL` (default 10,000) and
 * `BENCH_AUDIT_LARGE` (default 100,000) events. Each export gets a fresh server process (`bench-audit-server.ts`),
 * whose time to the last byte and peak memory are measured; the requirement is that memory at the large size stays
 * within 1.2x of the small one, since the route streams the range a batch at a time.
 *
 * The events are written straight into the audit table (sealed, with their ledger rows, as `auditPuts` makes them),
 * not through the approval chain: what is measured is the export, and the chain would take hours to make 100,000.
 */

const SMALL = positiveInt("BENCH_AUDIT_SMALL", 10_000);
const LARGE = positiveInt("BENCH_AUDIT_LARGE", 100_000);
if (LARGE <= SMALL) throw new Error(`BENCH_AUDIT_LARGE (${LARGE}) must be larger than BENCH_AUDIT_SMALL (${SMALL})`);
const FORMATS = ["csv", "ndjson"] as const;
type Format = (typeof FORMATS)[number];
const LIMIT_RATIO = 1.2;
const WARMUP_SECONDS = positiveInt("BENCH_AUDIT_WARMUP_SECONDS", 30);

const AUDITOR = DEMO_ACCOUNTS.find((a) => a.username === "auditor.kutim")!;
const KECAMATAN = "64.08.01";
const MB = 2 ** 20;
const TABLE = "rujuk-bench-audit";
const SERVER = new URL("./bench-audit-server.ts", import.meta.url);

// ---------------------------------------------------------------------------------------------------------------
// Seeding: referrals of Ancalong (64.08.01) going up the whole chain, ten events each, as the app would record them.

type People = Record<"tksk" | "kecamatan" | "kabupaten" | "provinsi", EventActor>;

/** A small deterministic generator, so that every run seeds the same times and comments. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const HOUR = 3_600_000;
const COMMENTS = [
  "Sudah diverifikasi di lapangan, keluarga memenuhi syarat.",
  'Disetujui; mohon dicatat "prioritas" karena lansia tinggal sendiri.',
  "Dokumen lengkap. KK dan KTP sesuai.",
];
const ADDRESSES = ["Jl. Poros Ancalong RT 03", "Jl. Poros Ancalong RT 04, dekat masjid", "Desa Kelinjau Ulu RT 07"];

/**
 * Endless item chains, one referral after another: submitted, edited (an address corrected), then for each level
 * opened and decided (the kabupaten after a reminder), and approved. Referrals start `gapMs` apart and take 6 to 18
 * days, so events of many referrals interleave in the ledger's time order, as they would in a real region.
 */
function* referralEvents(people: People, start: number, gapMs: number): Generator<AuditEvent> {
  const next = random(64_08_01);
  for (let r = 0; ; r++) {
    const submittedAt = start + r * gapMs;
    const id = newId(submittedAt);
    const ref = { referralId: id };
    let t = submittedAt;
    const after = (hours: number) => (t += Math.round(hours * HOUR * (0.5 + next())) + 1);
    const comment = () => (next() < 0.4 ? { comment: COMMENTS[Math.floor(next() * COMMENTS.length)]! } : {});
    const [from, to] = next() < 0.5 ? [ADDRESSES[0]!, ADDRESSES[1]!] : [ADDRESSES[0]!, ADDRESSES[2]!];
    const bodies: Omit<EventBody, "at">[] = [
      { type: "submitted", ...ref, actor: people.tksk },
      { type: "edited", ...ref, actor: people.tksk, changes: [{ field: "subject.address", before: from, after: to }] },
      { type: "level_opened", ...ref, actor: null, level: "kecamatan" },
      { type: "decided", ...ref, actor: people.kecamatan, level: "kecamatan", decision: "approve", ...comment() },
      { type: "level_opened", ...ref, actor: null, level: "kabupaten" },
      { type: "reminded", ...ref, actor: null, level: "kabupaten" },
      { type: "decided", ...ref, actor: people.kabupaten, level: "kabupaten", decision: "approve", ...comment() },
      { type: "level_opened", ...ref, actor: null, level: "provinsi" },
      { type: "decided", ...ref, actor: people.provinsi, level: "provinsi", decision: "approve", ...comment() },
      { type: "approved", ...ref, actor: null },
    ];
    const gaps = [0, 0.5, 0.01, 48, 0.001, 120, 48, 0.001, 72, 0.001];
    let prev: AuditEvent | null = null;
    for (const [i, body] of bodies.entries()) {
      const at = new Date(after(gaps[i]!)).toISOString();
      prev = sealEvent({ ...body, at, region: KECAMATAN }, prev);
      yield prev;
    }
  }
}

/** Writes `count` more events with their ledger rows, 25 rows per BatchWrite, a few requests at a time. */
async function seedEvents(db: DynamoDBDocumentClient, events: Iterator<AuditEvent>, count: number): Promise<void> {
  const auditTable = auditTableFor(TABLE);
  // Two rows per event (the event and its ledger entry), so an event may straddle two batches.
  function* rows() {
    for (let i = 0; i < count; i++) {
      for (const put of auditPuts(auditTable, [events.next().value as AuditEvent], KECAMATAN)) yield put.Put.Item;
    }
  }
  function* batches() {
    let batch: Record<string, unknown>[] = [];
    for (const row of rows()) {
      batch.push(row);
      if (batch.length === 25) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }
  const queue = batches();
  const worker = async () => {
    for (let next = queue.next(); !next.done; next = queue.next()) {
      let pending = next.value.map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > 10) throw new Error("BatchWrite kept returning unprocessed items");
        if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(50 * 2 ** attempt, 2000)));
        const result = await db.send(new BatchWriteCommand({ RequestItems: { [auditTable]: pending } }));
        pending = (result.UnprocessedItems?.[auditTable] ?? []) as typeof pending;
      }
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
}

// ---------------------------------------------------------------------------------------------------------------
// The server in its own process, and its memory.

interface Memory {
  rss: number;
  heapUsed: number;
}

function nextMessage<T>(child: ChildProcess): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`the server process exited (code ${code})`));
    child.once("exit", onExit);
    child.once("message", (message) => {
      child.off("exit", onExit);
      resolve(message as T);
    });
  });
}

async function ask(child: ChildProcess, question: "mark" | "peaks"): Promise<Memory> {
  const answer = nextMessage<Memory>(child);
  child.send(question);
  return answer;
}

/** The kernel's high-water mark of the process's resident memory (VmHWM), in bytes; undefined off Linux. */
function highWaterMark(pid: number): number | undefined {
  try {
    const kb = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}

/** Resets VmHWM to the current RSS (Linux 4.0+, `echo 5 > clear_refs`); false when the system does not allow it. */
function resetHighWaterMark(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, "5");
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The client: log in, download, count.

async function login(base: string): Promise<string> {
  const response = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: AUDITOR.username, password: AUDITOR.password }),
  });
  if (response.status !== 200) throw new Error(`login failed (${response.status}): ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

interface Download {
  seconds: number;
  /** Bytes of the body as the client reads it, and as they crossed the wire (gzip when the server compressed). */
  bytes: number;
  wireBytes: number;
  encoding: string;
  lines: number;
  endsWithNewline: boolean;
}

/**
 * Downloads the export as a browser does (asking for gzip, which the app applies to CSV but not to NDJSON), reading
 * it to the end and counting bytes and line ends without keeping it.
 */
function download(url: string, token: string): Promise<Download> {
  const started = performance.now();
  return new Promise<Download>((resolve, reject) => {
    const request = http.get(url, { headers: { authorization: `Bearer ${token}`, "accept-encoding": "gzip" } });
    request.on("error", reject);
    request.on("response", (response) => {
      response.on("error", reject);
      if (response.statusCode !== 200) {
        let text = "";
        response.setEncoding("utf8").on("data", (c: string) => (text += c));
        response.on("end", () => reject(new Error(`${url}: ${response.statusCode} ${text}`)));
        return;
      }
      const encoding = response.headers["content-encoding"] ?? "identity";
      let wireBytes = 0;
      let bytes = 0;
      let lines = 0;
      let last = -1;
      response.on("data", (chunk: Buffer) => (wireBytes += chunk.length));
      const body = encoding === "gzip" ? response.pipe(createGunzip()) : response;
      body.on("error", reject);
      body.on("data", (chunk: Buffer) => {
        bytes += chunk.length;
        for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines++;
        if (chunk.length > 0) last = chunk[chunk.length - 1]!;
      });
      body.on("end", () =>
        resolve({
          seconds: (performance.now() - started) / 1000,
          bytes,
          wireBytes,
          encoding,
          lines,
          endsWithNewline: last === 10,
        }),
      );
    });
  });
}

interface Measurement extends Download {
  format: Format;
  events: number;
  before: Memory;
  peak: Memory;
  /** Whether the RSS peak is the kernel's (reset at the start of the export) or only the 20 ms samples'. */
  rssFromKernel: boolean;
  warm: boolean;
}

/**
 * One export on a fresh server process: its baseline after login, then the download and the peaks during it. A warm
 * server first exports the same range again and again for `warmupSeconds`: V8 sizes its young generation by how long
 * it has been allocating, not by how much data passes, so a fresh server measured over a short export has not yet
 * reached the size it keeps; a warm one has, and compares exports of different sizes at the same steady state.
 */
async function measure(endpoint: string, format: Format, events: number, warmupSeconds = 0): Promise<Measurement> {
  const child = fork(SERVER, [endpoint, TABLE], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  try {
    const { port } = await nextMessage<{ port: number }>(child);
    const base = `http://127.0.0.1:${port}`;
    const token = await login(base);
    for (const until = performance.now() + warmupSeconds * 1000; performance.now() < until;) {
      await download(`${base}/api/audit/events?format=${format}`, token);
    }
    const before = await ask(child, "mark");
    const rssFromKernel = resetHighWaterMark(child.pid!);
    const result = await download(`${base}/api/audit/events?format=${format}`, token);
    const sampled = await ask(child, "peaks");
    const kernel = rssFromKernel ? highWaterMark(child.pid!) : undefined;
    const peak = { rss: Math.max(sampled.rss, kernel ?? 0), heapUsed: sampled.heapUsed };

    const expected = format === "csv" ? events + 1 : events;
    if (result.lines !== expected || !result.endsWithNewline) {
      throw new Error(
        `${format} export of ${events} events: ${result.lines} lines` +
          `${result.endsWithNewline ? "" : " (last one unterminated)"}, expected ${expected}`,
      );
    }
    return { ...result, format, events, before, peak, rssFromKernel: kernel !== undefined, warm: warmupSeconds > 0 };
  } finally {
    if (child.connected) child.disconnect();
    if (child.exitCode === null && child.signalCode === null) await once(child, "exit");
  }
}

// ---------------------------------------------------------------------------------------------------------------

const mb = (bytes: number) => Number((bytes / MB).toFixed(1));

function report(results: Measurement[]): void {
  const cpus = os.cpus();
  console.log();
  console.log(
    `Machine: ${cpus[0]?.model ?? "unknown CPU"}, ${cpus.length} cores, ` +
      `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}`,
  );
  console.log(
    `Export of the audit trail of 64.08 by ${AUDITOR.username}, one server process per export ` +
      `(fresh, and warm: after ${WARMUP_SECONDS} s of the same export):`,
  );
  const name = (r: Measurement) => `${r.format} ${r.events.toLocaleString("en")}${r.warm ? " warm" : ""}`;
  console.table(
    Object.fromEntries(
      results.map((r) => [
        name(r),
        {
          events: r.events,
          seconds: Number(r.seconds.toFixed(2)),
          "events/s": Math.round(r.events / r.seconds),
          "MB streamed": mb(r.bytes),
          "MB on wire": mb(r.wireBytes),
          encoding: r.encoding,
          "RSS before MB": mb(r.before.rss),
          "peak RSS MB": mb(r.peak.rss),
          "heap before MB": mb(r.before.heapUsed),
          "peak heap MB": mb(r.peak.heapUsed),
        },
      ]),
    ),
  );
  if (results.some((r) => !r.rssFromKernel)) {
    console.log("(VmHWM could not be reset or read here: peak RSS is the highest of the 20 ms samples.)");
  }
  for (const [format, warm] of FORMATS.flatMap((f) => [[f, false] as const, [f, true] as const])) {
    const small = results.find((r) => r.format === format && r.events === SMALL && r.warm === warm)!;
    const large = results.find((r) => r.format === format && r.events === LARGE && r.warm === warm)!;
    const rss = large.peak.rss / small.peak.rss;
    const heap = large.peak.heapUsed / small.peak.heapUsed;
    const within = (ratio: number) => (ratio <= LIMIT_RATIO ? `within ${LIMIT_RATIO}x` : `NOT within ${LIMIT_RATIO}x`);
    console.log(
      `${format} (${warm ? "warm" : "fresh"} server): peak at ${LARGE.toLocaleString("en")} / ${SMALL.toLocaleString("en")} events: ` +
        `RSS ${rss.toFixed(2)}x (${within(rss)}), heap ${heap.toFixed(2)}x (${within(heap)}); ` +
        `time ${(large.seconds / small.seconds).toFixed(1)}x for ${(LARGE / SMALL).toFixed(0)}x the events`,
    );
  }
}

let dynamo: DynamoLocal | undefined;
try {
  const stack = await startBenchStack(TABLE);
  dynamo = stack.dynamo;
  const deps = stack.deps;
  const person = async (username: string) => {
    const found = await deps.store.users.credentials(username);
    if (!found) throw new Error(`demo account ${username} missing`);
    return actorRef(actorOf(found.user));
  };
  const people: People = {
    tksk: await person("tksk.ancalong"),
    kecamatan: await person("kec.ancalong"),
    kabupaten: await person("kab.kutim"),
    provinsi: await person("prov.kaltim"),
  };
  // The large size's referrals start over a year from 2025-11-01, a referral every `gap`, each taking weeks.
  const span = 365 * 24 * HOUR;
  const gap = span / Math.ceil(LARGE / 10);
  const events = referralEvents(people, Date.parse("2025-11-01T00:00:00.000Z"), gap);

  const results: Measurement[] = [];
  let seeded = 0;
  for (const size of [SMALL, LARGE]) {
    const started = performance.now();
    await seedEvents(deps.store.db, events, size - seeded);
    console.log(
      `seeded ${(size - seeded).toLocaleString("en")} events (${size.toLocaleString("en")} in all) ` +
        `in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    seeded = size;
    for (const format of FORMATS) {
      for (const warmup of [0, WARMUP_SECONDS]) {
        const result = await measure(dynamo.endpoint, format, size, warmup);
        console.log(
          `${format} ${size.toLocaleString("en")}${warmup ? " warm" : ""}: ${result.seconds.toFixed(2)} s, ` +
            `peak RSS ${mb(result.peak.rss)} MB, peak heap ${mb(result.peak.heapUsed)} MB`,
        );
        results.push(result);
      }
    }
  }
  report(results);
} catch (error) {
  console.error("\nBenchmark FAILED:", error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await dynamo?.stop();
}
// The SDK's keep-alive sockets would hold the process open for a while; everything worth closing is closed.
process.exit(process.exitCode ?? 0);
