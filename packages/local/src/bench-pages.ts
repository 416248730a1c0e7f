import os from "node:os";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { PAGES, PASSWORD_PAGE, itemPath } from "@rujuk/core/pages";
import { PAGE_SCRIPTS } from "@rujuk/functions/web/generated/scripts";
import { SCRIPTED } from "@rujuk/functions/web/pages";
import type { LocalEndpoint } from "@rujuk/stepfunctions-local";
import type { Browser } from "playwright-core";
import { demoReferral } from "./demo-referral.ts";
import {
  type PageStack,
  SCREENS,
  type Session,
  apiAs,
  launchChromium,
  sessions,
  startPageStack,
} from "./page-stack.ts";
import { PAGE_USABLE, type Usable } from "./page-usable.ts";
import { positiveInt } from "./env-count.ts";

/**
 * `npm run bench:pages` (and the pages part of `npm run bench`): for every typed page that is built, what it loads
 * (HTML, CSS and script, raw and compressed) and how long it takes on a slow phone connection until it is usable.
 * The real app (as `npm start` serves it, with the real approval chain) runs over HTTP on loopback, with a referral
 * and a report filed so item pages, lists and notifications have something to show. Chromium opens each page on a
 * 360 px screen, signed in as the demo account the page is for, in a fresh context every run (cold cache), with CDP's
 * network emulation: 400 ms latency, 400 kbit/s each way. "Usable": the page's main control, as page-usable.ts
 * names it, is visible and enabled; the time runs from asking for the page. A benchmark reports: it exits non-zero
 * only when a figure could not be taken, never because one is over its budget.
 */

const RUNS = positiveInt("BENCH_PAGE_RUNS", 5);
const BUDGET = { scriptBytes: 60 * 1024, usableMs: 3000 };
const NETWORK = { latencyMs: 400, kbitPerSecond: 400 };
// Ten times the budget: past it the control is not coming, and the run says what was on the page instead.
const GIVE_UP_MS = 30_000;
const PHONE = SCREENS.phone;

interface Target {
  /** The page's path in SCRIPTED (a pattern for item pages), and the URL opened. */
  path: string;
  url: string;
  usable: Usable;
}

interface Run {
  ms: number;
  /** Bytes Chromium received for the page's requests until it was usable (headers included, compressed as sent). */
  wireBytes: number;
  /** Same-origin HTML, CSS and script the page loaded, by URL. */
  assets: Map<string, "document" | "stylesheet" | "script">;
  problems: string[];
}

interface Sizes {
  raw: number;
  gzip: number;
  brotli: number;
}

/** The demo data: a referral and a report of the TKSK of Muara Ancalong, through the chain's first step. */
async function seed(base: string, chain: LocalEndpoint): Promise<{ referral: string; report: string }> {
  const tksk = await apiAs(base, "tksk.ancalong");
  const referral = await tksk("POST", "/api/referrals", demoReferral());
  const report = await tksk("POST", "/api/reports", {
    period: "2026-10",
    activities: "Kunjungan rumah ke 12 keluarga.",
    counts: { LUT: 1 },
  });
  // The workflow opens the first level and notifies the kecamatan: the inbox and notifications have a row.
  await chain.engine.settled();
  if (typeof referral.id !== "string" || typeof report.id !== "string") throw new Error("seeding: an item has no id");
  return { referral: referral.id, report: report.id };
}

/**
 * Every typed page whose script is built (in PAGES' order), and the password page, which has a page of its own while
 * its typed one is not built; the rest are listed as missing.
 */
function targets(items: { referral: string; report: string }): { built: Target[]; missing: string[] } {
  const urls: Record<string, string> = {
    [PAGES.referral]: itemPath("referral", items.referral),
    [PAGES.report]: itemPath("report", items.report),
  };
  const built: Target[] = [];
  const missing: string[] = [];
  const scripts: Record<string, string> = PAGE_SCRIPTS;
  const pages = SCRIPTED.some((p) => p.path === PASSWORD_PAGE)
    ? SCRIPTED
    : [...SCRIPTED, { path: PASSWORD_PAGE, script: undefined }];
  for (const { path, script } of pages) {
    if (script !== undefined && scripts[script] === undefined && path !== PASSWORD_PAGE)
      missing.push(`${path} (${script})`);
    else built.push({ path, url: urls[path] ?? path, usable: usableOf(path) });
  }
  return { built, missing };
}

function usableOf(path: string): Usable {
  const usable = PAGE_USABLE[path];
  if (!usable) throw new Error(`page-usable.ts names no control for ${path}`);
  return usable;
}

async function openOnce(browser: Browser, base: string, target: Target, state: Session | undefined): Promise<Run> {
  // The service worker is kept out: CDP emulates the page's connection only, so the worker's install would download
  // at loopback speed beside it. What it downloads is measured apart (workerInstall).
  const context = await browser.newContext({
    viewport: PHONE,
    locale: "id-ID",
    serviceWorkers: "block",
    ...(state ? { storageState: state } : {}),
  });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    const bytesPerSecond = (NETWORK.kbitPerSecond * 1000) / 8;
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: NETWORK.latencyMs,
      downloadThroughput: bytesPerSecond,
      uploadThroughput: bytesPerSecond,
    });
    let wireBytes = 0;
    cdp.on("Network.loadingFinished", (event) => (wireBytes += event.encodedDataLength));
    const assets: Run["assets"] = new Map();
    page.on("request", (request) => {
      const type = request.resourceType();
      if (request.url().startsWith(base) && (type === "document" || type === "stylesheet" || type === "script"))
        assets.set(request.url(), type);
    });
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error" && !message.text().startsWith("Failed to load resource"))
        problems.push(`console: ${message.text()}`);
    });

    const control = page.locator(target.usable.selector).filter({ visible: true }).first();
    const start = performance.now();
    try {
      await page.goto(`${base}${target.url}`, { waitUntil: "commit", timeout: GIVE_UP_MS });
      await control.waitFor({ state: "visible", timeout: GIVE_UP_MS });
      while (!(await control.isEnabled())) {
        if (performance.now() - start > GIVE_UP_MS) throw new Error("the control stayed disabled");
        await new Promise((done) => setTimeout(done, 5));
      }
    } catch (error) {
      const shown = await page
        .locator("main")
        .first()
        .innerText({ timeout: 1000 })
        .catch(() => "(no main)");
      const why = error instanceof Error ? error.message.split("\n")[0] : String(error);
      throw new Error(
        `${target.path}: "${target.usable.selector}" never became usable (${why}); ` +
          `page at ${new URL(page.url()).pathname} shows: ${shown.replace(/\s+/g, " ").slice(0, 200)}`,
        { cause: error },
      );
    }
    const ms = performance.now() - start;
    // What had arrived by then; a page may go on loading after.
    const wire = wireBytes;
    const landed = new URL(page.url()).pathname;
    const expected = target.usable.lands ?? target.url;
    if (landed !== expected) throw new Error(`${target.path}: ended on ${landed}, not ${expected}`);
    await cdp.detach();
    return { ms, wireBytes: wire, assets, problems };
  } finally {
    await context.close();
  }
}

/** A body as the server sends it uncompressed, and what gzip (as the app's compress sends) and brotli make of it. */
async function sizes(url: string): Promise<Sizes> {
  const res = await fetch(url, { headers: { "accept-encoding": "identity" } });
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  const body = Buffer.from(await res.arrayBuffer());
  return { raw: body.length, gzip: gzipSync(body).length, brotli: brotliCompressSync(body).length };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const triple = (s: Sizes) => `${kb(s.raw)} / ${kb(s.gzip)} / ${kb(s.brotli)}`;
const sum = (list: Sizes[]): Sizes => ({
  raw: list.reduce((n, s) => n + s.raw, 0),
  gzip: list.reduce((n, s) => n + s.gzip, 0),
  brotli: list.reduce((n, s) => n + s.brotli, 0),
});
const verdict = (within: boolean) => (within ? "within" : "OVER");

interface Measured {
  target: Target;
  runs: Run[];
  byType: Record<"document" | "stylesheet" | "script", Sizes>;
}

async function measure(browser: Browser, base: string, target: Target, state: Session | undefined) {
  // One run first, not counted: the server's first answers (the first region lookup, the JIT) are not the page's.
  await openOnce(browser, base, target, state);
  const runs: Run[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await openOnce(browser, base, target, state));
  const byType = { document: [] as Sizes[], stylesheet: [] as Sizes[], script: [] as Sizes[] };
  for (const [url, type] of runs[0]!.assets) byType[type].push(await sizes(url));
  return {
    target,
    runs,
    byType: { document: sum(byType.document), stylesheet: sum(byType.stylesheet), script: sum(byType.script) },
  };
}

/** What the app's service worker downloads when it installs, on the first page a browser opens. */
interface WorkerInstall {
  files: number;
  sizes: Sizes;
}

// Long enough for the worker to fetch every page and asset at loopback speed.
const INSTALL_WAIT_MS = 15_000;

/**
 * Opens the sign-in page once with service workers let in and no emulation, waits until the worker is active (its
 * install has fetched everything it keeps), and sizes what it fetched as the table sizes a page's files. Undefined if
 * no worker becomes active: the app has none.
 */
async function workerInstall(browser: Browser, base: string): Promise<WorkerInstall | undefined> {
  const context = await browser.newContext();
  try {
    const urls = new Set<string>();
    context.on("request", (request) => {
      if (request.serviceWorker() && request.url().startsWith(base)) urls.add(request.url());
    });
    const page = await context.newPage();
    await page.goto(`${base}${PAGES.signIn}`);
    let timer: NodeJS.Timeout | undefined;
    const active = await Promise.race([
      // A string, evaluated in the page: this package's code has no DOM types.
      page.evaluate("navigator.serviceWorker.ready.then(() => true)"),
      new Promise((done) => (timer = setTimeout(done, INSTALL_WAIT_MS, false))),
    ]);
    clearTimeout(timer);
    if (active !== true) return undefined;
    const sized: Sizes[] = [];
    for (const url of urls) sized.push(await sizes(url));
    return { files: urls.size, sizes: sum(sized) };
  } finally {
    await context.close();
  }
}

function report(
  measured: Measured[],
  failed: string[],
  missing: string[],
  worker: WorkerInstall | undefined,
  chromiumVersion: string,
): void {
  const cpus = os.cpus();
  console.log();
  console.log(
    `Machine: ${cpus[0]?.model ?? "unknown CPU"}, ${cpus.length} cores, ` +
      `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
  );
  console.log(
    `Chromium ${chromiumVersion} at ${PHONE.width}x${PHONE.height}, cold cache each run, ${NETWORK.kbitPerSecond} kbit/s each way and ` +
      `${NETWORK.latencyMs} ms latency (CDP), ${RUNS} runs per page after one not counted.`,
  );
  console.log();
  console.log("Bytes each page loads, KB (raw / gzip -6 / brotli -11), script against 60 KB raw:");
  console.log();
  console.log("| page | account | HTML | CSS | script | all three | script raw vs 60 KB |");
  console.log("| --- | --- | --- | --- | --- | --- | --- |");
  for (const { target, byType } of measured) {
    const all = sum(Object.values(byType));
    const script = byType.script.raw;
    console.log(
      `| \`${target.path}\` | ${target.usable.account ?? "(signed out)"} | ` +
        `${triple(byType.document)} | ${triple(byType.stylesheet)} | ${triple(byType.script)} | ${triple(all)} | ` +
        `${kb(script)}: ${verdict(script <= BUDGET.scriptBytes)} |`,
    );
  }
  console.log();
  console.log(
    "Time until usable, s (median, min–max), against 3 s; KB received until then (median, headers and API " +
      "answers included, compressed as sent):",
  );
  console.log();
  console.log("| page | usable when | median vs 3 s | min–max | KB received | page errors |");
  console.log("| --- | --- | --- | --- | --- | --- |");
  for (const { target, runs } of measured) {
    const times = runs.map((r) => r.ms);
    const mid = median(times);
    const problems = [...new Set(runs.flatMap((r) => r.problems))];
    console.log(
      `| \`${target.path}\` | ${target.usable.control}: \`${target.usable.selector}\` | ` +
        `${(mid / 1000).toFixed(2)}: ${verdict(mid <= BUDGET.usableMs)} | ` +
        `${(Math.min(...times) / 1000).toFixed(2)}–${(Math.max(...times) / 1000).toFixed(2)} | ` +
        `${kb(median(runs.map((r) => r.wireBytes)))} | ${problems.length ? problems.join("; ") : "none"} |`,
    );
  }
  console.log();
  if (!worker) console.log("No service worker became active: nothing is downloaded for offline use.");
  else {
    const seconds = worker.sizes.gzip / ((NETWORK.kbitPerSecond * 1000) / 8);
    console.log(
      `Service worker's install, on whichever page opens first: ${worker.files} files, ${triple(worker.sizes)} KB ` +
        `(raw / gzip / brotli); its gzip bytes alone take ${seconds.toFixed(1)} s at ${NETWORK.kbitPerSecond} kbit/s. ` +
        "CDP emulates the page's connection, not the worker's, so the runs above keep the worker out; on a phone " +
        "that download shares the connection with the page it starts from.",
    );
  }
  if (missing.length) console.log(`\nNot built yet, so not measured: ${missing.join(", ")}.`);
  for (const failure of failed) console.log(`\nNOT MEASURED: ${failure}`);
}

let stack: PageStack | undefined;
let browser: Browser | undefined;
try {
  stack = await startPageStack("rujuk-bench-pages");
  const { base, chain } = stack;

  const { built, missing } = targets(await seed(base, chain));
  // Quiet (launchChromium): no first-run or background traffic to share the emulated connection with the page.
  browser = await launchChromium();
  const accounts = built.flatMap((t) => (t.usable.account ? [t.usable.account] : []));
  const states = await sessions(browser, base, accounts);
  const measured: Measured[] = [];
  const failed: string[] = [];
  for (const target of built) {
    console.log(`${target.path}: ${target.url}…`);
    const state = target.usable.account ? states.get(target.usable.account) : undefined;
    try {
      measured.push(await measure(browser, base, target, state));
    } catch (error) {
      failed.push(error instanceof Error ? error.message : String(error));
    }
  }
  report(measured, failed, missing, await workerInstall(browser, base), browser.version());
  if (failed.length) process.exitCode = 1;
} catch (error) {
  console.error("\nBenchmark FAILED:", error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await browser?.close();
  await stack?.close();
}
// The SDK's keep-alive sockets would hold the process open for a while; everything worth closing is closed.
process.exit(process.exitCode ?? 0);
