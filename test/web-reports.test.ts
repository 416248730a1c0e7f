import { lastMonth, formatPeriod } from "@rujuk/core/period";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "./support/app.ts";
import { SCREENS, phoneBrowser, signInAs } from "./support/browser.ts";

// The TKSK's monthly reports (/laporan, /laporan/baru, /laporan/:id) in Debian's Chromium on a 360px phone, against
// the real app and the real approval chain (a report's chain is the kabupaten/kota alone) on the local Step
// Functions endpoint.
let t: Awaited<ReturnType<typeof testApp>>;
let phone: Awaited<ReturnType<typeof phoneBrowser>>;
let page: Page;
let base: string;
// scrypt sign-ins, DynamoDB Local writes and the workflow take a moment; actions and polls wait up to this long.
const WAIT = { timeout: 15_000 };

const TKSK = "tksk.ancalong";
const KECAMATAN = "64.08.01";

beforeAll(async () => {
  t = await testApp({}, { chain: true });
  phone = await phoneBrowser(t.app, WAIT.timeout);
  ({ page, base } = phone);
});

afterAll(async () => {
  await phone?.close();
  await t?.close();
});

/** A new bearer token: signing out in the browser ends every session of that user, so none is kept. */
async function token(username: string) {
  const res = await t.call("POST", "/api/auth/login", { body: { username, password: `demo-${username}` } });
  expect(res.status).toBe(200);
  return res.json.token as string;
}

/** The TKSK's reports as the API lists them. */
async function reports(): Promise<{ id: string; period: string; status: string; counts: Record<string, number> }[]> {
  const res = await t.call("GET", "/api/reports?limit=100", { token: await token(TKSK) });
  expect(res.status).toBe(200);
  return res.json.items;
}

/** Files a report through the API, as the TKSK, and lets the chain open it at the kabupaten/kota. */
async function filed(period: string, counts: Record<string, number> = { LUT: 4 }) {
  const res = await t.call("POST", "/api/reports", {
    token: await token(TKSK),
    body: { period, activities: "Kunjungan rumah ke 12 keluarga.", counts },
  });
  expect(res.status, res.text).toBe(201);
  await t.settle();
  return res.json as { id: string; number: string };
}

async function decide(id: string, decision: "approve" | "return", comment?: string) {
  const res = await t.call("POST", `/api/reports/${id}/decisions`, {
    token: await token("kab.kutim"),
    body: { decision, ...(comment ? { comment } : {}) },
  });
  expect(res.status, res.text).toBe(200);
  await t.settle();
}

async function as(username: string, path: string) {
  await page.context().clearCookies();
  await signInAs(page, base, username, path);
  await page.waitForURL(`${base}${path}`);
}

const text = (selector: string) => page.locator(selector).textContent();
const month = lastMonth(new Date(), KECAMATAN);

describe("a TKSK's monthly reports", () => {
  it("files a report from the list, saying what happens next before and after sending", async () => {
    await as(TKSK, "/laporan");
    await expect.poll(() => text("#reports-empty"), WAIT).toBe("Anda belum mengirim laporan.");
    await page.locator("#new-report").click();
    await page.waitForURL(`${base}/laporan/baru`);
    expect(await text("#report-next")).toContain("diperiksa di tingkat Kabupaten/kota");
    // Last month where the TKSK works is the default, named in words.
    expect(await page.locator("#report-period").inputValue()).toBe(month);
    expect(await text(".field:has(#report-period) .hint")).toBe(formatPeriod(month, "id"));
    await page.getByLabel("Lanjut Usia Terlantar").fill("4");
    await page.getByLabel("Fakir Miskin").fill("9");
    await expect.poll(() => text("#report-total")).toBe("Jumlah: 13");
    await page.locator("#report-activities").fill("Kunjungan rumah ke 12 keluarga; pendataan lansia di Senyiur.");
    await page.locator("#report-notes").fill("Dua lansia perlu tindak lanjut.");
    await page.screenshot({ path: "/tmp/rujuk-report-form.png", fullPage: true });
    await page.locator("#report-send").click();

    await expect.poll(() => text("#done-h"), WAIT).toBe("Laporan terkirim");
    const done = await text("#done-text");
    expect(done).toContain(`Laporan ${formatPeriod(month, "id")} LAP-`);
    expect(done).toContain("menunggu keputusan di tingkat Kabupaten/kota");
    const [report, ...others] = await reports();
    expect(others).toEqual([]);
    expect(report).toMatchObject({ period: month, status: "in_review", counts: { LUT: 4, FM: 9 } });

    await page.locator("#done-list").click();
    await page.waitForURL(`${base}/laporan`);
    const row = page.locator("#report-items li");
    await expect.poll(() => row.count(), WAIT).toBe(1);
    const line = await row.textContent();
    expect(line).toContain(formatPeriod(month, "id"));
    expect(line).toContain("Sedang diperiksa · Kabupaten/kota");
    expect(line).toMatch(/Dikirim \d{1,2} \w+ \d{4}, \d{2}\.\d{2} WITA/);
    await page.screenshot({ path: "/tmp/rujuk-reports.png", fullPage: true });
  });

  it("keeps what is typed through a reload, and forgets it when asked", async () => {
    await page.goto(`${base}/laporan/baru`);
    await page.locator("#report-activities").fill("Pendataan lansia di Desa Senyiur.");
    await page.getByLabel("Penyandang Disabilitas").fill("2");
    await page.locator("#report-period").fill("2026-01");
    await page.reload();
    await page.locator("#report-restored").waitFor();
    expect(await page.locator("#report-activities").inputValue()).toBe("Pendataan lansia di Desa Senyiur.");
    expect(await page.getByLabel("Penyandang Disabilitas").inputValue()).toBe("2");
    expect(await page.locator("#report-period").inputValue()).toBe("2026-01");
    await page.locator("#report-discard").click();
    expect(await page.locator("#report-activities").inputValue()).toBe("");
    expect(await page.locator("#report-period").inputValue()).toBe(month);
    await page.reload();
    await page.locator("#report-activities").waitFor();
    expect(await page.locator("#report-restored").count()).toBe(0);
    expect(await page.locator("#report-activities").inputValue()).toBe("");
  });

  it("says what is missing, then shows the API's field errors under their fields, creating nothing", async () => {
    await page.goto(`${base}/laporan/baru`);
    await page.locator("#report-send").click();
    expect(await text("#report-activities-err")).toBe("Tuliskan kegiatan bulan ini.");
    expect(await text("#report-alert")).toBe("Periksa kembali kolom yang ditandai.");

    await page.locator("#report-period").fill("2999-01");
    await page.getByLabel("Lanjut Usia Terlantar").fill("-1");
    await page.locator("#report-activities").fill("Kunjungan rumah.");
    await page.locator("#report-send").click();
    await expect.poll(() => text("#report-period-err"), WAIT).toBe("Periode tidak boleh di masa depan.");
    expect(await text("#report-count-LUT-err")).not.toBe("");
    expect(await page.locator("#report-count-LUT").getAttribute("aria-invalid")).toBe("true");
    expect(await text("#report-activities-err")).toBe("");
    expect(await reports()).toHaveLength(1);
  });

  it("lists a refused report with the reason and a way to correct it", async () => {
    await page.goto(`${base}/laporan`);
    const refused = page.locator("#outbox-items li.refused");
    await refused.waitFor();
    expect(await refused.textContent()).toContain("Permintaan tidak valid.");
    await refused.getByRole("link", { name: "Perbaiki" }).click();
    await page.waitForURL(`${base}/laporan/baru`);
    expect(await page.locator("#report-period").inputValue()).toBe("2999-01");
    expect(await page.locator("#report-activities").inputValue()).toBe("Kunjungan rumah.");
    expect(await text("#report-alert")).toBe("Permintaan tidak valid.");
    await page.locator("#report-period").fill("2026-02");
    await page.getByLabel("Lanjut Usia Terlantar").fill("1");
    await page.locator("#report-send").click();
    await expect.poll(() => text("#done-h"), WAIT).toBe("Laporan terkirim");
    expect((await reports()).filter((r) => r.period === "2026-02")).toHaveLength(1);
    await page.goto(`${base}/laporan`);
    await expect.poll(() => page.locator("#report-items li").count(), WAIT).toBe(2);
    expect(await page.locator("#outbox-items").count()).toBe(0);
  });

  it("queues a report made without a connection, shows it waiting, and sends it once when the connection returns", async () => {
    await page.goto(`${base}/laporan/baru`);
    await page.getByLabel("Fakir Miskin").waitFor();
    await page.context().setOffline(true);
    await page.locator("#report-period").fill("2026-03");
    await page.getByLabel("Fakir Miskin").fill("3");
    await page.locator("#report-activities").fill("Pendampingan keluarga miskin.");
    await page.locator("#report-send").click();
    await expect.poll(() => text("#done-h"), WAIT).toBe("Menunggu koneksi");
    expect(await text("#done-text")).toContain(`Laporan ${formatPeriod("2026-03", "id")} tersimpan di perangkat ini`);

    // Back online, but the list opens while posting still fails: it shows the report waiting on this device.
    const posting = (url: URL) => url.pathname === "/api/reports";
    await page.route(posting, (route) =>
      route.request().method() === "POST" ? route.abort("internetdisconnected") : route.fallback(),
    );
    await page.context().setOffline(false);
    await page.goto(`${base}/laporan`);
    const waiting = page.locator("#outbox-items li.queued");
    await waiting.waitFor();
    expect(await waiting.textContent()).toContain("Menunggu koneksi");
    expect(await waiting.textContent()).toContain(formatPeriod("2026-03", "id"));
    expect((await reports()).filter((r) => r.period === "2026-03")).toHaveLength(0);

    // The connection returns: sent by itself, created once, and listed.
    await page.unroute(posting);
    await page.evaluate("window.dispatchEvent(new Event('online'))");
    await expect.poll(() => page.locator("#outbox-items").count(), WAIT).toBe(0);
    await expect.poll(() => page.locator("#report-items li").count(), WAIT).toBe(3);
    expect((await reports()).filter((r) => r.period === "2026-03")).toHaveLength(1);
  });

  it("goes through its chain: the kabupaten/kota official approves it on its page", async () => {
    const [report] = (await reports()).filter((r) => r.period === month);
    await t.settle();
    await as("kab.kutim", `/laporan/${report!.id}`);
    await expect.poll(() => text("#d-h"), WAIT).toBe(`Laporan ${formatPeriod(month, "id")}`);
    expect(await text("#report-counts")).toContain("Lanjut Usia Terlantar4");
    expect(await text("#report-counts")).toContain("Jumlah13");
    expect(await text("#report-facts")).toContain("Siti Rahmawati");
    await page.locator("#decide-approve").click();
    await page.locator("#decide-confirm").click();
    await expect.poll(() => text("#report-done"), WAIT).toBe("Keputusan tersimpan: Disetujui.");
    await t.settle();
    expect((await reports()).find((r) => r.id === report!.id)?.status).toBe("approved");

    await as(TKSK, `/laporan/${report!.id}`);
    await expect.poll(() => text(".report-head .badge"), WAIT).toBe("Disetujui");
    const decisions = await text("#report-decisions");
    expect(decisions).toContain("Kabupaten/kota: Disetujui");
    expect(decisions).toContain("Dewi Lestari");
    const timeline = await text("#report-timeline");
    expect(timeline).toContain("Diajukan");
    expect(timeline).toContain("Siti Rahmawati");
    expect(timeline).toMatch(/WITA/);
    expect(await page.locator("#decide-approve").count()).toBe(0);
    expect(await page.locator("#withdraw-btn").count()).toBe(0);
  });

  it("lets the TKSK correct a returned report beside the official's note and send it again", async () => {
    const { id } = await filed("2026-04", { LUT: 4, PD: 1 });
    await decide(id, "return", "Jumlah LUT keliru, seharusnya 5.");
    await as(TKSK, `/laporan/${id}`);
    const note = page.locator("#return-note");
    await note.waitFor(WAIT);
    expect(await note.textContent()).toContain("Jumlah LUT keliru, seharusnya 5.");
    expect(await note.textContent()).toContain("Dewi Lestari");
    const lut = page.locator("#edit-count-LUT");
    expect(await lut.inputValue()).toBe("4");
    expect(await page.locator("#edit-activities").inputValue()).toBe("Kunjungan rumah ke 12 keluarga.");
    await lut.fill("5");
    // The correction is kept as typed, too.
    await page.reload();
    await page.locator("#revise-restored").waitFor(WAIT);
    expect(await page.locator("#edit-count-LUT").inputValue()).toBe("5");
    await page.screenshot({ path: "/tmp/rujuk-report-revise.png", fullPage: true });
    await page.locator("#revise-send").click();
    await expect.poll(() => text("#report-done"), WAIT).toBe("Laporan dikirim ulang.");
    await expect.poll(() => text(".report-head .badge"), WAIT).toBe("Sedang diperiksa · Kabupaten/kota");
    expect(await page.locator("#revise-form").count()).toBe(0);
    await t.settle();
    const [again] = (await reports()).filter((r) => r.id === id);
    expect(again).toMatchObject({ status: "in_review", counts: { LUT: 5, PD: 1 } });
    await page.reload();
    await expect.poll(() => text("#report-timeline"), WAIT).toContain("Diajukan ulang");
    expect(await text("#report-timeline")).toContain("Diubah");

    await decide(id, "approve");
    expect((await reports()).find((r) => r.id === id)?.status).toBe("approved");
  });

  it("lets the TKSK withdraw a report still in review, after confirming", async () => {
    const { id } = await filed("2026-05");
    await page.goto(`${base}/laporan/${id}`);
    await page.locator("#withdraw-btn").click();
    await page.locator("#withdraw-confirm").click();
    await expect.poll(() => text("#report-done"), WAIT).toBe("Laporan ditarik.");
    await expect.poll(() => text(".report-head .badge"), WAIT).toBe("Ditarik");
    expect((await reports()).find((r) => r.id === id)?.status).toBe("withdrawn");
  });

  it("sets a report's history beside its facts on a laptop", async () => {
    const laptop = await phoneBrowser(t.app, WAIT.timeout, SCREENS.laptop);
    try {
      const [report] = await reports();
      await signInAs(laptop.page, laptop.base, TKSK, `/laporan/${report!.id}`);
      await laptop.page.locator("#report-timeline").waitFor();
      const main = await laptop.page.locator(".report-main").boundingBox();
      const side = await laptop.page.locator(".report-side").boundingBox();
      expect(main && side && side.x >= main.x + main.width).toBe(true);
      expect(main && side && Math.abs(side.y - main.y) < 2).toBe(true);
      await laptop.page.screenshot({ path: "/tmp/rujuk-report-laptop.png", fullPage: true });
      expect(laptop.problems).toEqual([]);
    } finally {
      await laptop.close();
    }
  });

  it("logs no error in the console", () => {
    expect(phone.problems).toEqual([]);
  });
});
