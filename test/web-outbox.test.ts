import { PAGES } from "@rujuk/core/pages";
import { OUTBOX_RETRY_MS } from "@rujuk/core/outbox-retry";
import type { BrowserContext, Page, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "./support/app.ts";
import { phoneBrowser, signInAs } from "./support/browser.ts";

// A referral filed without a connection, on a 360px phone in Debian's Chromium with the app's service worker: it
// waits on the device as "Menunggu koneksi", survives the page being closed and another opened offline, and is sent
// by itself when the connection returns, under one Idempotency-Key, created exactly once. One the server refuses
// comes back to the form with the reason, to correct. The phone loses its connection twice over: the browser's
// offline switch (what the page sees, and its `online` event) and the server going away (what the service worker,
// which that switch does not reach, sees).
let t: Awaited<ReturnType<typeof testApp>>;
let browser: Awaited<ReturnType<typeof phoneBrowser>>;
let context: BrowserContext;
let page: Page;
let base: string;
const WAIT = { timeout: 15_000 };
const posts: Request[] = [];
const problems: string[] = [];

beforeAll(async () => {
  t = await testApp();
  browser = await phoneBrowser(t.app, WAIT.timeout);
  ({ base, page } = browser);
  context = page.context();
  context.on("request", (request) => {
    if (request.method() === "POST" && new URL(request.url()).pathname === "/api/referrals") posts.push(request);
  });
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** What the test reads of the page's globals (its own TypeScript has no DOM). */
interface WithWorker {
  navigator: { serviceWorker: { controller: object | null } };
}

interface WithStorage {
  localStorage: {
    length: number;
    key(i: number): string | null;
    getItem(key: string): string | null;
    removeItem(key: string): void;
  };
}

interface WithPage extends WithStorage {
  document: { querySelector(selector: string): { textContent: string | null } | null };
}

/** A page of this phone, whose script errors are collected like the first page's. */
async function openPage(): Promise<Page> {
  const next = await context.newPage();
  next.setDefaultTimeout(WAIT.timeout);
  next.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  next.on("console", (message) => {
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource"))
      problems.push(`console: ${message.text()}`);
  });
  return next;
}

async function offline() {
  await context.setOffline(true);
  await browser.serverDown();
}

async function online() {
  await browser.serverUp();
  await context.setOffline(false);
}

async function referrals() {
  const res = await t.call("GET", "/api/referrals", { token: await t.tokenFor("tksk.ancalong") });
  return res.json.items as { id: string; number: string; subject: { name: string; address: string } }[];
}

/**
 * Waits for the form to say the referral was filed; if it never does, fails with what the page showed instead and
 * what its outbox held, so a failure explains itself.
 */
async function filedOrWhy(on: Page) {
  try {
    await on.locator("#filed").waitFor();
  } catch (error) {
    const shown = await on.evaluate(() => {
      const { document, localStorage } = globalThis as unknown as WithPage;
      const text = (selector: string) => document.querySelector(selector)?.textContent ?? null;
      const outbox = Array.from({ length: localStorage.length }, (_, i) => localStorage.key(i) ?? "")
        .filter((key) => key.includes("outbox."))
        .map((key) => localStorage.getItem(key));
      return { alert: text("#form-alert"), waiting: text("#waiting"), address: text("#address-err"), outbox };
    });
    throw new Error(`the form did not say it was filed: ${JSON.stringify(shown)}`, { cause: error });
  }
}

async function fill(on: Page, name: string, address: string) {
  await on.getByLabel("NIK").fill("6408014507800001");
  await on.getByLabel("Nama lengkap").fill(name);
  await on.getByLabel("Tanggal lahir").fill("1980-07-05");
  await on.getByLabel("Perempuan").check();
  await on.getByLabel("Alamat").fill(address);
  await on.getByLabel("Desa/kelurahan").selectOption({ label: "Senyiur" });
  await on.getByLabel("Kategori PPKS").selectOption({ label: "Lanjut Usia Terlantar" });
  await on.getByLabel("Layanan yang dibutuhkan").fill("Pendampingan dan rujukan ke panti werdha");
  await on.getByLabel("Ringkasan kasus").fill("Lansia tinggal sendiri tanpa keluarga.");
  await on.getByLabel("setuju untuk dirujuk").check();
}

describe("web UI: a referral filed offline", () => {
  it("opens the form with the service worker in charge, the desa and categories kept for offline use", async () => {
    await signInAs(page, base, "tksk.ancalong");
    await page.waitForURL(`${base}${PAGES.referrals}`);
    await page.waitForFunction(() => (globalThis as unknown as WithWorker).navigator.serviceWorker.controller !== null);
    await page.goto(`${base}${PAGES.newReferral}`);
    await page.locator('#desa option[value="64.08.01.2001"]').waitFor({ state: "attached" });
    await page.locator('#category option[value="LUT"]').waitFor({ state: "attached" });
  });

  it("waits on the device as 'Menunggu koneksi' when sent without a connection", async () => {
    await fill(page, "Sarni", "RT 02, Desa Senyiur");
    await offline();
    await page.getByRole("button", { name: "Kirim rujukan" }).click();
    await page.locator("#waiting").waitFor();
    expect(await page.locator("#waiting").textContent()).toContain("Menunggu koneksi");
    expect(await page.locator("#waiting").textContent()).toContain("Sarni");
    expect(posts).toHaveLength(1);
    expect(await referrals()).toHaveLength(0);
  });

  it("is still waiting on a page opened offline after this one is closed, and is sent once the connection returns", async () => {
    await page.close();
    page = await openPage();
    await page.goto(`${base}${PAGES.referrals}`);
    const waiting = page.locator("#outbox li.waiting");
    await waiting.waitFor();
    expect(await waiting.textContent()).toContain("Sarni");
    expect(await waiting.textContent()).toContain("Menunggu koneksi");
    expect(await referrals()).toHaveLength(0);

    await online();
    await expect.poll(() => page.locator("#outbox").count(), WAIT).toBe(0);
    const filed = await referrals();
    expect(filed).toHaveLength(1);
    await page.locator(`#items li[data-id="${filed[0]!.id}"]`).waitFor();
    const keys = new Set(posts.map((r) => r.headers()["idempotency-key"]));
    expect(posts.length).toBeGreaterThanOrEqual(2);
    expect(keys.size).toBe(1);
  });

  it("tells the form it was sent, with its number, and files nothing more", async () => {
    await page.goto(`${base}${PAGES.newReferral}`);
    await page.locator("#filed").waitFor();
    const [only] = await referrals();
    expect(await page.locator("#filed-number").textContent()).toBe(only!.number);
    expect(await referrals()).toHaveLength(1);
    expect(new Set(posts.map((r) => r.headers()["idempotency-key"])).size).toBe(1);
    await page.reload();
    await page.locator("#ref-form").waitFor();
    expect(await page.locator("#draft-note").count()).toBe(0);
    expect(await page.getByLabel("Nama lengkap").inputValue()).toBe("");
  });

  it("brings one the server refused back to the form, with its reason under the field, to correct and send", async () => {
    const before = posts.length;
    await fill(page, "Darmi", " ");
    await offline();
    await page.getByRole("button", { name: "Kirim rujukan" }).click();
    await page.locator("#waiting").waitFor();
    await page.goto(`${base}${PAGES.referrals}`);
    await page.locator("#outbox li.waiting").waitFor();
    await online();
    const refused = page.locator("#outbox li.refused");
    await refused.waitFor();
    expect(await refused.textContent()).toContain("Belum diterima server");
    expect(await refused.textContent()).toContain("Darmi");
    expect(await referrals()).toHaveLength(1);

    await refused.getByRole("link", { name: "Perbaiki" }).click();
    await page.waitForURL(`${base}${PAGES.newReferral}`);
    await expect.poll(() => page.locator("#form-alert").textContent(), WAIT).toContain("Server tidak menerima");
    expect(await page.locator("#address-err").textContent()).not.toBe("");
    expect(await page.getByLabel("Nama lengkap").inputValue()).toBe("Darmi");
    await page.getByLabel("Alamat").fill("RT 05, Desa Senyiur");
    await page.getByRole("button", { name: "Kirim rujukan" }).click();
    await filedOrWhy(page);
    const filed = await referrals();
    expect(filed).toHaveLength(2);
    expect(filed.find((r) => r.subject.name === "Darmi")?.subject.address).toBe("RT 05, Desa Senyiur");
    // The corrected referral went under the key it was queued with.
    const mine = new Set(posts.slice(before).map((r) => r.headers()["idempotency-key"]));
    expect(mine.size).toBe(1);
    await page.goto(`${base}${PAGES.referrals}`);
    await expect.poll(() => page.locator("#items li").count(), WAIT).toBe(2);
    expect(await page.locator("#outbox").count()).toBe(0);
  });

  it("corrects a refused referral in a form of its own when the new-referral form has moved on", async () => {
    await page.goto(`${base}${PAGES.newReferral}`);
    await fill(page, "Karto", " ");
    await offline();
    await page.getByRole("button", { name: "Kirim rujukan" }).click();
    await page.locator("#waiting").waitFor();
    // This browser lost the form's draft (storage cleared by the phone, say); the queued referral is still there.
    await page.evaluate(() => {
      const { localStorage } = globalThis as unknown as WithStorage;
      for (let i = localStorage.length - 1; i >= 0; i--) {
        const key = localStorage.key(i);
        if (key?.startsWith("rujuk.draft.") && key.endsWith(".referral:new")) localStorage.removeItem(key);
      }
    });
    await page.goto(`${base}${PAGES.referrals}`);
    await online();
    const refused = page.locator("#outbox li.refused");
    await refused.waitFor();
    await refused.getByRole("link", { name: "Perbaiki" }).click();
    await page.waitForURL((url) => url.pathname === PAGES.newReferral && url.searchParams.has("perbaiki"));
    await expect.poll(() => page.locator("#address-err").textContent(), WAIT).not.toBe("");
    expect(await page.getByLabel("Nama lengkap").inputValue()).toBe("Karto");
    await page.getByLabel("Alamat").fill("RT 07, Desa Senyiur");
    expect(await page.getByLabel("Alamat").inputValue()).toBe("RT 07, Desa Senyiur");
    await page.getByRole("button", { name: "Kirim rujukan" }).click();
    await filedOrWhy(page);
    expect(new URL(page.url()).search).toBe("");
    expect(await referrals()).toHaveLength(3);
    await page.goto(`${base}${PAGES.referrals}`);
    await expect.poll(() => page.locator("#items li").count(), WAIT).toBe(3);
    expect(await page.locator("#outbox").count()).toBe(0);
  });

  it("keeps one the server could not take just then (503) waiting, not refused, and sends it again by itself", async () => {
    await page.goto(`${base}${PAGES.newReferral}`);
    await page.locator("#ref-form").waitFor();
    await fill(page, "Sarmi", "RT 03, Desa Senyiur");
    const before = (await referrals()).length;
    // The server busy once, as DynamoDB's throttling answers it: nothing was written, and it says to retry.
    await page.route("**/api/referrals", (route) =>
      route.request().method() === "POST"
        ? route.fulfill({
            status: 503,
            contentType: "application/problem+json",
            json: { type: "about:blank", title: "Busy", status: 503, detail: "Busy", detail_id: "Sibuk" },
          })
        : route.fallback(),
    );
    await page.getByRole("button", { name: "Kirim rujukan" }).click();
    await page.locator("#waiting").waitFor();
    await page.unroute("**/api/referrals");
    expect(await referrals()).toHaveLength(before);
    // The phone's network never went away, so no "online" event comes: the page tries again on its own.
    await page.locator("#filed").waitFor({ timeout: OUTBOX_RETRY_MS + WAIT.timeout });
    expect((await referrals()).filter((r) => r.subject.name === "Sarmi")).toHaveLength(1);
    await page.goto(`${base}${PAGES.referrals}`);
    await expect.poll(() => page.locator("#items li").count(), WAIT).toBe(before + 1);
    expect(await page.locator("#outbox").count()).toBe(0);
  }, 60_000);

  it("logged no script errors", () => {
    expect([...browser.problems, ...problems]).toEqual([]);
  });
});
