import { readFile } from "node:fs/promises";
import { parse as parseCsv } from "csv-parse/sync";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { referralBody, testApp } from "./support/app.ts";
import { SCREENS, phoneBrowser, signInAs } from "./support/browser.ts";

// The auditors' page (/audit) in Debian's Chromium on a 360px phone and a 1280px laptop, over the real app and the
// real approval chain: search with filters, an item's history with names, revealing a NIK, the CSV export, verify.
let t: Awaited<ReturnType<typeof testApp>>;
const browsers: Awaited<ReturnType<typeof phoneBrowser>>[] = [];
let page: Page;
let base: string;
const WAIT = { timeout: 15_000 };

/** The referral returned, edited and resubmitted (a rich history), and one rejected at the kecamatan. */
let edited: string;
let rejected: string;
const NIK = "6408014507803141";
const RETURN_NOTE = "Lengkapi alamat, RT/RW, dan nomor KK.";

async function act(username: string, method: string, path: string, body?: unknown) {
  const res = await t.call(method, path, { token: await t.tokenFor(username), body });
  expect(res.status, `${username} ${method} ${path}: ${res.text}`).toBeLessThan(300);
  await t.settle();
  return res.json;
}
const decide = (id: string, username: string, decision: string, comment?: string) =>
  act(username, "POST", `/api/referrals/${id}/decisions`, { decision, ...(comment ? { comment } : {}) });

/** Today in Kutai Timur (WITA), as a date input holds it. */
const today = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Makassar" }).format(new Date());

beforeAll(async () => {
  t = await testApp({}, { chain: true });
  const body = referralBody({}, { nik: NIK });
  edited = (await act("tksk.ancalong", "POST", "/api/referrals", body)).id;
  await decide(edited, "kec.ancalong", "approve");
  await decide(edited, "kab.kutim", "return", RETURN_NOTE);
  await act("tksk.ancalong", "PUT", `/api/referrals/${edited}`, {
    ...body,
    subject: { ...body.subject, name: "Sarni binti Ahmad" },
  });
  await act("tksk.ancalong", "POST", `/api/referrals/${edited}/resubmit`);
  rejected = (await act("tksk.ancalong", "POST", "/api/referrals", referralBody({}, { nik: "6408014507803142" }))).id;
  await decide(rejected, "kec.ancalong", "reject", "Bukan warga kecamatan ini.");

  browsers.push(await phoneBrowser(t.app, WAIT.timeout));
  ({ page, base } = browsers[0]!);
});

afterAll(async () => {
  for (const b of browsers) await b.close();
  await t?.close();
});

const rows = () => page.locator("#results > li");
const query = () => new URL(page.url()).searchParams;

async function signIn(username: string, next = "/audit") {
  await page.context().clearCookies();
  await signInAs(page, base, username, next);
  await page.waitForURL((url) => url.pathname === "/audit", WAIT);
}

/** Waits for the results of the search now shown, and answers each row's type. */
async function resultTypes(): Promise<string[]> {
  await page.locator("#results, #results-none").first().waitFor(WAIT);
  return rows().evaluateAll((items) => items.map((li) => li.getAttribute("data-type") ?? ""));
}

describe("an auditor on a phone", () => {
  it("sees the region's events, oldest first, with what happened, who did it and to which item", async () => {
    await signIn("auditor.kutim");
    await rows().first().waitFor(WAIT);
    const types = await resultTypes();
    expect(types.slice(0, 3)).toEqual(["submitted", "level_opened", "decided"]);
    const first = await rows().first().textContent();
    expect(first).toContain("Diajukan");
    expect(first).toContain("Siti Rahmawati");
    expect(first).toContain("TKSK");
    expect(first).toContain("WITA");
    expect(first).toMatch(/Rujukan …\w{6}$/);
    const all = await page.locator("#results").textContent();
    for (const id of [edited, rejected]) expect(all).toContain(`Rujukan …${id.slice(-6)}`);
    expect(all).toContain("Dewi Lestari");
  });

  it("filters by type and level, keeping the search in the URL", async () => {
    await page.getByLabel("Jenis peristiwa").selectOption({ label: "Diputuskan" });
    await page.getByLabel("Tingkat", { exact: true }).selectOption({ label: "Kabupaten/kota" });
    await page.locator("#search-btn").click();
    await expect.poll(() => query().get("type")).toBe("decided");
    expect(query().get("level")).toBe("kabupaten");
    await expect.poll(async () => (await resultTypes()).join()).toBe("decided");
    expect(await rows().first().textContent()).toContain("Dikembalikan untuk diperbaiki");
    await page.reload();
    await expect.poll(async () => (await resultTypes()).join()).toBe("decided");
    expect(await page.getByLabel("Jenis peristiwa").inputValue()).toBe("decided");
  });

  it("narrows to one person by a name in the results, and to a kecamatan chosen by name", async () => {
    await page.getByRole("button", { name: "Hapus filter" }).click();
    await rows().first().waitFor(WAIT);
    await page.locator("#results button.actor", { hasText: "Budi Santoso" }).first().click();
    await expect.poll(() => query().get("actor")).toBeTruthy();
    await expect.poll(() => page.locator("#actor-filter").textContent()).toContain("Budi Santoso");
    await expect
      .poll(async () => {
        const actors = await page.locator("#results button.actor").allTextContents();
        return actors.length > 0 && actors.every((name) => name === "Budi Santoso");
      })
      .toBe(true);
    await page.getByRole("button", { name: "Semua pelaku" }).click();

    const kecamatan = (await t.call("GET", "/api/regions?parent=64.08", { token: await t.tokenFor("auditor.kutim") }))
      .json as { code: string; name: string }[];
    const home = kecamatan.find((r) => r.code === "64.08.01")!;
    const elsewhere = kecamatan.find((r) => r.code !== "64.08.01")!;
    await page.getByLabel("Kecamatan").selectOption({ label: elsewhere.name });
    await page.locator("#search-btn").click();
    await expect.poll(() => query().get("region")).toBe(elsewhere.code);
    await page.locator("#results-none").waitFor(WAIT);
    await page.getByLabel("Kecamatan").selectOption({ label: home.name });
    await page.locator("#search-btn").click();
    await expect.poll(() => query().get("region")).toBe("64.08.01");
    await rows().first().waitFor(WAIT);
  });

  it("searches a range of days in local time, and says when the range is the wrong way round", async () => {
    const asked: string[] = [];
    page.on("request", (r) => {
      if (new URL(r.url()).pathname === "/api/audit/events") asked.push(r.url());
    });
    await page.getByLabel("Dari tanggal").fill(today());
    await page.getByLabel("Sampai tanggal").fill(today());
    await page.locator("#search-btn").click();
    await expect.poll(() => asked.length).toBeGreaterThan(0);
    const sent = new URL(asked.at(-1)!).searchParams;
    expect(sent.get("from")).toBe(`${today()}T00:00:00+08:00`);
    expect(sent.get("to")).toMatch(/T00:00:00\+08:00$/);
    await rows().first().waitFor(WAIT);

    await page.getByLabel("Dari tanggal").fill("2020-02-01");
    await page.getByLabel("Sampai tanggal").fill("2020-01-01");
    await page.locator("#search-btn").click();
    await expect.poll(() => page.locator("#from-err").textContent()).not.toBe("");
    expect(await page.locator("#from").getAttribute("aria-invalid")).toBe("true");

    await page.getByLabel("Sampai tanggal").fill("2020-03-01");
    await page.locator("#search-btn").click();
    await page.locator("#results-none").waitFor(WAIT);
    await page.getByRole("button", { name: "Hapus filter" }).click();
    await rows().first().waitFor(WAIT);
  });

  it("opens an item's whole history with names, decisions, the note and the edit's before and after", async () => {
    await page.locator(`#results a.item-link[href*="${edited}"]`).first().click();
    await expect.poll(() => query().get("item")).toBe(`referral:${edited}`);
    const events = page.locator("#history-events > li");
    await events.nth(8).waitFor(WAIT);
    expect(await events.evaluateAll((li) => li.map((e) => e.getAttribute("data-type")))).toEqual([
      "submitted",
      "level_opened",
      "decided",
      "level_opened",
      "decided",
      "returned",
      "edited",
      "resubmitted",
      "level_opened",
    ]);
    const text = (await page.locator("#history").textContent()) ?? "";
    for (const name of ["Siti Rahmawati", "Budi Santoso", "Dewi Lestari"]) expect(text).toContain(name);
    expect(text).toContain("Petugas kecamatan");
    expect(text).toContain(RETURN_NOTE);
    expect(text).toContain("Sistem (alur persetujuan)");
    const edit = page.locator('#history-events > li[data-type="edited"] table.changes');
    expect(await edit.locator("tbody tr").first().locator("td").allTextContents()).toEqual([
      "Sarni",
      "Sarni binti Ahmad",
    ]);
    // The item's own record: its number, and the person with the NIK masked.
    await expect.poll(() => page.locator("#history-h").textContent()).toMatch(/RJK-\d{6}-/);
    expect(await page.locator("#person-name").textContent()).toBe("Sarni binti Ahmad");
    expect(await page.locator("#nik-masked").textContent()).toBe(`************${NIK.slice(-4)}`);
    // On a phone the item has the screen to itself.
    expect(await page.locator(".audit-results").isVisible()).toBe(false);
  });

  it("keeps the item over a reload, and Back returns to the results", async () => {
    await page.reload();
    await page.locator("#history-events > li").first().waitFor(WAIT);
    await page.goBack();
    await expect.poll(() => query().get("item")).toBeNull();
    await page.locator("#history").waitFor({ state: "detached", ...WAIT });
    await rows().first().waitFor(WAIT);
    await page.goForward();
    await page.locator("#history-events > li").first().waitFor(WAIT);
  });

  it("shows the full NIK only for a reason, and says it is recorded", async () => {
    await page.locator("#reveal-btn").click();
    await page.locator("#reveal-submit").click();
    await expect.poll(() => page.locator("#reveal-reason-err").textContent()).not.toBe("");
    expect(await page.locator("#nik-full").count()).toBe(0);
    await page.getByLabel("Alasan melihat NIK lengkap").fill("Pencocokan data dengan Disdukcapil");
    await page.locator("#reveal-submit").click();
    await expect.poll(() => page.locator("#nik-full").textContent()).toBe(NIK);
    expect(await page.locator("#reveal-recorded").textContent()).toContain("tercatat");
    const log = await t.call("GET", "/api/audit/log?type=pii_viewed", { token: await t.tokenFor("auditor.kutim") });
    expect(log.json.items).toEqual([
      expect.objectContaining({ referralId: edited, reason: "Pencocokan data dengan Disdukcapil" }),
    ]);
  });

  it("checks the item's chain and the region's, and says they are intact", async () => {
    await page.locator("#verify-item").click();
    await expect.poll(() => page.locator("#verify-item-result").textContent()).toMatch(/^Utuh: 9 peristiwa/);
    await page.locator("#history a.close").click();
    await expect.poll(() => query().get("item")).toBeNull();
    await page.locator("#verify-region").click();
    await expect.poll(() => page.locator("#verify-region-result").textContent()).toMatch(/^Utuh: \d+ peristiwa/);
  });

  it("downloads the search as CSV with every row, and as NDJSON", async () => {
    await page.getByLabel("Jenis peristiwa").selectOption({ label: "Diputuskan" });
    await page.locator("#search-btn").click();
    await expect.poll(async () => (await resultTypes()).join()).toMatch(/^decided(,decided)*$/);
    const shown = await rows().count();
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#download-csv").click()]);
    expect(download.suggestedFilename()).toMatch(/^rujuk-audit-64\.08-.*\.csv$/);
    const csv: Record<string, string>[] = parseCsv(await readFile(await download.path(), "utf8"), {
      bom: true,
      columns: true,
    });
    expect(csv.length).toBe(shown);
    expect(csv.every((row) => row.type === "decided")).toBe(true);
    expect(csv.map((row) => row.item_id)).toEqual(expect.arrayContaining([edited, rejected]));
    expect(csv.find((row) => row.decision === "return")).toMatchObject({
      actor_name: "Dewi Lestari",
      comment: RETURN_NOTE,
    });

    const href = (await page.locator("#download-ndjson").getAttribute("href"))!;
    expect(href).toContain("type=decided");
    const lines = await page.evaluate(async (url) => (await (await fetch(url)).text()).trim().split("\n"), href);
    expect(lines.map((line) => JSON.parse(line).type)).toEqual(Array(shown).fill("decided"));
  });

  it("lets an admin read the trail but not reveal a NIK", async () => {
    await signIn("admin.kutim", `/audit?item=referral:${edited}`);
    await page.locator("#history-events > li").first().waitFor(WAIT);
    expect(await page.locator("#history").textContent()).toContain("Dewi Lestari");
    expect(await page.locator("#reveal-btn").count()).toBe(0);
  });

  it("shows an auditor of another province none of it", async () => {
    await signIn("auditor.ntb", `/audit?item=referral:${edited}`);
    await expect.poll(() => page.locator("#history-alert").textContent(), WAIT).not.toBe("");
    expect(await page.locator("#history-events").count()).toBe(0);
    expect(await page.locator("#history").textContent()).not.toContain("Sarni");
    // Their search finds nothing either.
    await page.locator("#history a.close").click();
    await page.locator("#results-none").waitFor(WAIT);
    expect(await page.locator("#results > li").count()).toBe(0);
    // Their region's check covers none of Kalimantan Timur's events.
    await page.locator("#verify-region").click();
    await expect.poll(() => page.locator("#verify-region-result").textContent()).toMatch(/^Utuh: 0 peristiwa/);
  });

  it("reads on a page at a time", async () => {
    // Seven more referrals, two events each: more than one page of the search.
    for (let i = 0; i < 7; i++) {
      await act("tksk.ancalong", "POST", "/api/referrals", referralBody({}, { nik: `640801450780315${i}` }));
    }
    const all = await t.call("GET", "/api/audit/events?limit=100", { token: await t.tokenFor("auditor.kutim") });
    expect(all.json.items.length).toBeGreaterThan(25);
    await signIn("auditor.kutim");
    await expect.poll(() => rows().count(), WAIT).toBe(25);
    await page.getByRole("button", { name: "Muat lebih banyak" }).click();
    await expect.poll(() => rows().count(), WAIT).toBe(all.json.items.length);
    expect(await page.getByRole("button", { name: "Muat lebih banyak" }).count()).toBe(0);
    const times = await rows()
      .locator("time")
      .evaluateAll((els) => els.map((e) => e.getAttribute("datetime") ?? ""));
    expect(times).toEqual(all.json.items.map((e: { at: string }) => e.at));
  });

  it("logs no error in the console", () => {
    expect(browsers[0]!.problems).toEqual([]);
  });
});

describe("an auditor on a laptop", () => {
  it("has the search and results beside the open item", async () => {
    const laptop = await phoneBrowser(t.app, WAIT.timeout, SCREENS.laptop);
    browsers.push(laptop);
    page = laptop.page;
    base = laptop.base;
    await signIn("auditor.kutim", `/audit?item=referral:${rejected}`);
    await page.locator("#history-events > li").first().waitFor(WAIT);
    await rows().first().waitFor(WAIT);
    const results = (await page.locator(".audit-results").boundingBox())!;
    const history = (await page.locator("#history").boundingBox())!;
    expect(history.x).toBeGreaterThan(results.x + results.width - 1);
    expect(await page.locator("#history").textContent()).toContain("Bukan warga kecamatan ini.");
    // Opening another item replaces the one beside the list, without leaving the page.
    await page.locator(`#results a.item-link[href*="${edited}"]`).first().click();
    await expect.poll(() => page.locator("#history").textContent()).toContain(RETURN_NOTE);
    expect(laptop.problems).toEqual([]);
  });
});
