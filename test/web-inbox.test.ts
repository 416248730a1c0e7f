import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { referralBody, testApp } from "./support/app.ts";
import { SCREENS, fitsWidth, phoneBrowser, signInAs } from "./support/browser.ts";

// The officials' inbox (/kotak-masuk) and the notifications page (/pemberitahuan) in Debian's Chromium, on a 360px
// phone and a 1280px laptop, against the real app and the real approval chain on the local Step Functions endpoint.
let t: Awaited<ReturnType<typeof testApp>>;
type Browser = Awaited<ReturnType<typeof phoneBrowser>>;
let phone: Browser;
let laptop: Browser;
// scrypt sign-ins, DynamoDB Local writes and the workflow take a moment; actions and polls wait up to this long.
const WAIT = { timeout: 15_000 };

interface Filed {
  id: string;
  number: string;
}
/** The referrals filed in Muara Ancalong (64.08.01), by the person's name; Darmi twice, with one NIK. */
const r: Record<string, Filed> = {};
const decisionPosts: string[] = [];

async function file(key: string, fields: Record<string, unknown>, subject: Record<string, unknown>) {
  const res = await t.call("POST", "/api/referrals", {
    token: await t.tokenFor("tksk.ancalong"),
    body: referralBody(fields, subject),
  });
  expect(res.status, res.text).toBe(201);
  r[key] = { id: res.json.id, number: res.json.number };
  await t.settle();
  // A second apart, so that the inbox has one order by age. The manual clock falls behind the real one as the test
  // runs, so the sessions it signs stay valid.
  t.clock.advance(1000);
}

async function api(method: string, path: string, username: string, body?: unknown) {
  const res = await t.call(method, path, { token: await t.tokenFor(username), ...(body ? { body } : {}) });
  expect(res.status, res.text).toBeLessThan(300);
  return res.json;
}

beforeAll(async () => {
  t = await testApp({}, { chain: true });
  phone = await phoneBrowser(t.app, WAIT.timeout);
  laptop = await phoneBrowser(t.app, WAIT.timeout, SCREENS.laptop);
  for (const b of [phone, laptop])
    b.page.on("request", (request) => {
      if (request.method() === "POST" && new URL(request.url()).pathname.endsWith("/decisions"))
        decisionPosts.push(request.postData() ?? "");
    });
  await file("siti", { urgency: "urgent", category: "LUT" }, { name: "Siti Aminah", nik: "6408014507800011" });
  await file(
    "sarni",
    { category: "FM" },
    { name: "Sarni", nik: "6408014507800012", desaCode: "64.08.01.2002", address: "RT 01, Kelinjau Ilir" },
  );
  await file("darmi1", {}, { name: "Darmi", nik: "6408014507800013" });
  await file("darmi2", { service: "Bantuan sembako" }, { name: "Darmi", nik: "6408014507800013" });
}, 120_000);

// Any script error or Content-Security-Policy refusal fails the test it happened in.
afterEach(() => {
  expect(phone.problems).toEqual([]);
  expect(laptop.problems).toEqual([]);
});

afterAll(async () => {
  await phone?.close();
  await laptop?.close();
  await t?.close();
});

/** Signs `page` in as `username` and waits for the inbox, the officials' home page. */
async function openInbox(b: Browser, username: string) {
  await signInAs(b.page, b.base, username);
  await b.page.waitForURL(`${b.base}/kotak-masuk`);
  await b.page.locator("#inbox-items").waitFor();
}

const rows = (page: Page) => page.locator("#inbox-items > li");
const row = (page: Page, filed: Filed) => page.locator(`#inbox-items > li[data-id="${filed.id}"]`);
const listed = async (page: Page) => rows(page).evaluateAll((lis) => lis.map((li) => li.getAttribute("data-id")));
const counts = (page: Page) =>
  Promise.all(["waiting", "overdue", "returned"].map((c) => page.locator(`#count-${c} .n`).textContent()));


describe("the inbox on a 360px phone", () => {
  it("shows the counts and the waiting referrals with names, not codes, and the duplicate flag", async () => {
    await openInbox(phone, "kec.ancalong");
    const { page } = phone;
    await expect.poll(() => counts(page), WAIT).toEqual(["4", "0", "0"]);
    // Most urgent first, then oldest.
    await expect.poll(() => listed(page), WAIT).toEqual([r.siti!.id, r.sarni!.id, r.darmi1!.id, r.darmi2!.id]);
    const siti = row(page, r.siti!);
    await expect.poll(() => siti.textContent(), WAIT).toContain("Muara Ancalong");
    const text = await siti.textContent();
    expect(text).toContain(`Rujukan ${r.siti!.number}`);
    expect(text).toContain("Siti Aminah");
    expect(text).toContain("LUT – Lanjut Usia Terlantar");
    expect(text).toContain("Mendesak");
    expect(text).toContain("Senyiur");
    expect(text).toContain("WITA");
    expect(text).not.toContain("64.08");
    expect(text).not.toContain("Terlambat");
    await expect.poll(() => row(page, r.sarni!).textContent(), WAIT).toContain("Kelinjau Ilir");
    expect(await row(page, r.sarni!).textContent()).toContain("FM – Fakir Miskin");

    // The two open referrals of one NIK flag each other; the others have no flag.
    for (const darmi of [r.darmi1!, r.darmi2!])
      expect(await row(page, darmi).locator(".dupe-flag").textContent()).toBe("NIK sama dengan 1 rujukan terbuka lain");
    expect(await siti.locator(".dupe-flag").count()).toBe(0);
    expect(await fitsWidth(page)).toBe(true);
    await page.screenshot({ path: "/tmp/rujuk-inbox-phone.png", fullPage: true });
  });

  it("filters by urgency and by desa (by name), keeping the filters in the address", async () => {
    const { page } = phone;
    await page.locator("summary").click();
    await page.getByLabel("Urgensi").selectOption({ label: "Mendesak" });
    await expect.poll(() => listed(page), WAIT).toEqual([r.siti!.id]);
    expect(new URL(page.url()).searchParams.get("urgensi")).toBe("urgent");

    await page.getByLabel("Urgensi").selectOption({ label: "Semua" });
    await page.getByLabel("Desa/kelurahan").selectOption({ label: "Kelinjau Ilir" });
    await expect.poll(() => listed(page), WAIT).toEqual([r.sarni!.id]);
    expect(new URL(page.url()).searchParams.get("desa")).toBe("64.08.01.2002");

    // A reload keeps the filter.
    await page.reload();
    await expect.poll(() => listed(page), WAIT).toEqual([r.sarni!.id]);
    expect(await page.getByLabel("Desa/kelurahan").inputValue()).toBe("64.08.01.2002");

    await page.getByLabel("Urgensi").selectOption({ label: "Darurat" });
    await expect
      .poll(() => page.locator("#inbox-empty").textContent(), WAIT)
      .toBe("Tidak ada berkas yang cocok dengan pencarian atau filter ini.");
    await page.locator("#f-clear").click();
    await expect.poll(() => listed(page), WAIT).toHaveLength(4);
    expect(new URL(page.url()).search).toBe("");
  });

  it("finds a referral by part of the person's name, and by its number", async () => {
    const { page } = phone;
    await page.getByLabel("Cari", { exact: true }).fill("aminah");
    await page.locator("#f-search").click();
    await expect.poll(() => listed(page), WAIT).toEqual([r.siti!.id]);
    await page.getByLabel("Cari", { exact: true }).fill(r.darmi2!.number);
    await page.locator("#f-search").click();
    await expect.poll(() => listed(page), WAIT).toEqual([r.darmi2!.id]);
    expect(new URL(page.url()).searchParams.get("cari")).toBe(r.darmi2!.number);
    await page.getByLabel("Cari", { exact: true }).fill("");
    await page.locator("#f-search").click();
    await expect.poll(() => listed(page), WAIT).toHaveLength(4);
  });

  it("opens an item's own page from the list", async () => {
    const { page, base } = phone;
    const link = row(page, r.sarni!).locator("a.open");
    expect(await link.getAttribute("href")).toBe(`/rujukan/${r.sarni!.id}`);
    await link.click();
    await page.waitForURL(`${base}/rujukan/${r.sarni!.id}`);
    // The phone has no detail pane: the address opened nothing beside a list.
    expect(await page.locator("#detail").count()).toBe(0);
  });

  it("is not a TKSK's page", async () => {
    const { page, base } = phone;
    await signInAs(page, base, "tksk.ancalong", "/kotak-masuk");
    await page.waitForURL(`${base}/kotak-masuk`);
    await expect
      .poll(() => page.locator("main .alert").textContent(), WAIT)
      .toBe("Halaman ini bukan untuk peran Anda.");
    expect(await page.locator("#inbox-items").count()).toBe(0);
  });
});

describe("the inbox on a 1280px laptop", () => {
  it("opens the selected item beside the list, in the address, through a reload and Back", async () => {
    await openInbox(laptop, "kec.ancalong");
    const { page } = laptop;
    await expect.poll(() => listed(page), WAIT).toHaveLength(4);
    expect(await page.locator("#detail-none").textContent()).toContain("Pilih berkas");

    await row(page, r.darmi1!).locator("a.open").click();
    await expect.poll(() => page.locator("#d-h").textContent(), WAIT).toBe(`Rujukan ${r.darmi1!.number}`);
    expect(new URL(page.url()).searchParams.get("buka")).toBe(`referral:${r.darmi1!.id}`);
    const [list, detail] = await Promise.all([
      page.locator(".inbox-main").boundingBox(),
      page.locator("#detail").boundingBox(),
    ]);
    expect(detail!.x).toBeGreaterThan(list!.x + list!.width - 1);
    expect(await row(page, r.darmi1!).getAttribute("class")).toContain("selected");
    // The item read whole: the full NIK, the other open referral of it, names of places.
    await expect.poll(() => page.locator("#d-fields").textContent(), WAIT).toContain("Senyiur");
    expect(await page.locator("#d-fields").textContent()).toContain("6408014507800013");
    expect(await page.locator("#d-dupes").textContent()).toContain("1 rujukan terbuka lain dengan NIK yang sama");
    expect(await page.locator("#d-dupes a").getAttribute("href")).toBe(`/rujukan/${r.darmi2!.id}`);

    await row(page, r.siti!).locator("a.open").click();
    await expect.poll(() => page.locator("#d-h").textContent(), WAIT).toBe(`Rujukan ${r.siti!.number}`);
    expect(await page.locator("#d-dupes").count()).toBe(0);
    await page.reload();
    await expect.poll(() => page.locator("#d-h").textContent(), WAIT).toBe(`Rujukan ${r.siti!.number}`);
    await page.goBack();
    await expect.poll(() => page.locator("#d-h").textContent(), WAIT).toBe(`Rujukan ${r.darmi1!.number}`);
    await page.goForward();
    await expect.poll(() => page.locator("#d-h").textContent(), WAIT).toBe(`Rujukan ${r.siti!.number}`);
    expect(await fitsWidth(page)).toBe(true);
    await page.screenshot({ path: "/tmp/rujuk-inbox-laptop.png", fullPage: true });

    // The item's own page leads back to the inbox as it was: the same item open.
    const here = page.url();
    await page.locator("#d-page").click();
    await page.waitForURL(`${laptop.base}/rujukan/${r.siti!.id}`);
    await page.locator("a.back").click();
    await page.waitForURL(here);
    await expect.poll(() => page.locator("#d-h").textContent(), WAIT).toBe(`Rujukan ${r.siti!.number}`);
  });

  it("asks for a comment before a rejection, and confirms before it sends a decision", async () => {
    const { page } = laptop;
    const posted = decisionPosts.length;
    await page.locator("#decide-reject").click();
    expect(await page.locator("#decide-comment-err").textContent()).toBe(
      "Catatan wajib diisi untuk menolak atau mengembalikan berkas.",
    );
    expect(await page.getByLabel("Catatan").getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator("#decide-confirm").count()).toBe(0);

    await page.locator("#decide-approve").click();
    expect(await page.locator("#decide-q").textContent()).toBe(`Setujui rujukan ini? ${r.siti!.number}`);
    await page.locator("#decide-cancel").click();
    expect(await page.locator("#decide-confirm").count()).toBe(0);
    expect(decisionPosts).toHaveLength(posted);
    expect((await api("GET", `/api/referrals/${r.siti!.id}`, "kec.ancalong")).decisions).toEqual([]);
  });

  it("records an approval after its confirmation: the item leaves the list and the counts, for the next level", async () => {
    const { page } = laptop;
    await page.route(
      (url) => url.pathname.endsWith("/decisions"),
      async (route) => {
        await new Promise((wait) => setTimeout(wait, 400));
        await route.continue();
      },
    );
    await page.locator("#decide-approve").click();
    await page.locator("#decide-confirm").click();
    await expect.poll(() => page.locator("#decide-confirm").textContent(), WAIT).toBe("Menyimpan…");
    expect(await page.locator("#decide-cancel").isDisabled()).toBe(true);
    await expect
      .poll(() => page.locator("#inbox-ok").textContent(), WAIT)
      .toBe(`Keputusan tersimpan: ${r.siti!.number} disetujui.`);
    await page.unroute((url) => url.pathname.endsWith("/decisions"));
    expect(JSON.parse(decisionPosts.at(-1)!)).toEqual({ decision: "approve" });
    expect(await row(page, r.siti!).count()).toBe(0);
    expect(new URL(page.url()).searchParams.get("buka")).toBeNull();
    await expect.poll(() => counts(page), WAIT).toEqual(["3", "0", "0"]);

    await t.settle();
    expect(await api("GET", `/api/referrals/${r.siti!.id}`, "kab.kutim")).toMatchObject({
      status: "in_review",
      currentLevel: "kabupaten",
    });
    await openInbox(laptop, "kab.kutim");
    await expect.poll(() => listed(page), WAIT).toEqual([r.siti!.id]);
    await expect.poll(() => counts(page), WAIT).toEqual(["1", "0", "0"]);
  });

  it("says clearly when someone else decided first", async () => {
    const { page } = laptop;
    await row(page, r.siti!).locator("a.open").click();
    await page.locator("#decide-approve").waitFor();
    // Meanwhile another officer of the kabupaten returns it, from another device.
    await api("POST", `/api/referrals/${r.siti!.id}/decisions`, "kab.kutim", {
      decision: "return",
      comment: "Lengkapi alamat RT/RW",
    });
    await t.settle();
    await page.locator("#decide-approve").click();
    await page.locator("#decide-confirm").click();
    await expect
      .poll(() => page.locator("#decide-stale").textContent(), WAIT)
      .toBe(
        "Berkas ini sudah diputuskan orang lain atau tidak lagi menunggu di tingkat Anda. Keputusan Anda tidak disimpan.",
      );
    // The list and the item are asked again: it is no longer here, and it reads as returned.
    await expect.poll(() => listed(page), WAIT).toEqual([]);
    await expect.poll(() => page.locator("#detail .badge").first().textContent(), WAIT).toBe("Dikembalikan");
    await expect.poll(() => counts(page), WAIT).toEqual(["0", "0", "1"]);
    const item = await api("GET", `/api/referrals/${r.siti!.id}`, "kab.kutim");
    expect(item.decisions.map((d: { decision: string }) => d.decision)).toEqual(["approve", "return"]);
  });
});

describe("the notifications page", () => {
  it("lists the caller's notifications newest first, marks one read, then all of them", async () => {
    const { page, base } = phone;
    // A monthly report reaches the kabupaten too: two notifications, the report's the newer.
    t.clock.advance(1000);
    const report = await api("POST", "/api/reports", "tksk.ancalong", {
      period: "2026-10",
      activities: "Kunjungan rumah ke 12 keluarga.",
      counts: { LUT: 1 },
    });
    await t.settle();
    await signInAs(page, base, "kab.kutim", "/pemberitahuan");
    await page.waitForURL(`${base}/pemberitahuan`);
    const items = page.locator("#notif-items > li");
    const all = (await api("GET", "/api/notifications", "kab.kutim")).items as { id: string; read: boolean }[];
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((n) => !n.read)).toBe(true);
    await expect.poll(() => items.count(), WAIT).toBe(all.length);
    expect(await items.evaluateAll((lis) => lis.map((li) => li.getAttribute("data-id")))).toEqual(all.map((n) => n.id));
    const first = items.first();
    expect(await first.textContent()).toContain(`Laporan ${report.number} menunggu keputusan Anda`);
    expect(await first.locator("a").getAttribute("href")).toBe(`/laporan/${report.id}`);
    const siti = items.filter({ hasText: `Rujukan ${r.siti!.number} menunggu keputusan Anda` });
    expect(await siti.locator("a").getAttribute("href")).toBe(`/rujukan/${r.siti!.id}`);
    expect(await first.getAttribute("class")).toBe("unread");
    expect(await first.textContent()).toContain("Baru");
    expect(await first.locator("time").textContent()).toContain("WITA");
    await expect.poll(() => page.locator("#notif-link .count").textContent(), WAIT).toBe(` ${all.length}`);

    await first.getByRole("button", { name: "Tandai dibaca", exact: true }).click();
    await expect.poll(() => first.getAttribute("class"), WAIT).toBe("read");
    expect(await first.getByRole("button", { name: "Tandai dibaca" }).count()).toBe(0);
    const left = all.length - 1;
    const after = (await api("GET", "/api/notifications", "kab.kutim")).items as { id: string; read: boolean }[];
    expect(after.filter((n) => !n.read)).toHaveLength(left);

    await page.locator("#notif-read-all").click();
    await expect
      .poll(() => page.locator("#notif-ok").textContent(), WAIT)
      .toBe("Semua pemberitahuan sudah ditandai dibaca.");
    expect(await items.evaluateAll((lis) => lis.map((li) => li.className))).toEqual(all.map(() => "read"));
    const read = (await api("GET", "/api/notifications", "kab.kutim")).items as { read: boolean }[];
    expect(read.every((n) => n.read)).toBe(true);
    // The header's count follows, and the other officials' notifications are as they were.
    await expect.poll(() => page.locator("#notif-link .count").count(), WAIT).toBe(0);
    const kec = (await api("GET", "/api/notifications", "kec.ancalong")).items as { read: boolean }[];
    expect(kec.some((n) => !n.read)).toBe(true);
    expect(await fitsWidth(page)).toBe(true);
    await page.screenshot({ path: "/tmp/rujuk-notifications-phone.png", fullPage: true });
  });

  it("opens a notification's item on a laptop too", async () => {
    const { page, base } = laptop;
    await page.goto(`${base}/pemberitahuan`);
    await page.locator("#notif-items > li").first().waitFor();
    const siti = page.locator("#notif-items > li", { hasText: r.siti!.number });
    await siti.locator("a").click();
    await page.waitForURL(`${base}/rujukan/${r.siti!.id}`);
  });

  it("logged no script errors and no Content-Security-Policy refusals", () => {
    expect(phone.problems).toEqual([]);
    expect(laptop.problems).toEqual([]);
  });
});
