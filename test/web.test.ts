import { FORM_TEXT } from "@rujuk/core/form-text";
import { PAGES } from "@rujuk/core/pages";
import { TEXT } from "@rujuk/core/text";
import type { Page, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { referralBody, testApp } from "./support/app.ts";
import { phoneBrowser, signInAs } from "./support/browser.ts";

// A TKSK's referral journey on a 360px phone in Debian's Chromium, against the real app over HTTP: the list, the
// new-referral form (NIK checked as typed, desa and category by name, what happens next), a lost answer retried
// under the same Idempotency-Key, the API's field errors under their fields, the duplicate warning, a draft kept
// through a reload, the item page and a withdrawal.
let t: Awaited<ReturnType<typeof testApp>>;
let closeBrowser: (() => Promise<void>) | undefined;
let page: Page;
let base: string;
let problems: string[] = [];
// scrypt sign-ins and DynamoDB Local writes take a moment; actions and polls wait up to this long.
const WAIT = { timeout: 10_000 };
const referralPosts: Request[] = [];

beforeAll(async () => {
  // The real approval chain: a withdrawal is the workflow's to carry out.
  t = await testApp({}, { chain: true });
  ({ base, page, problems, close: closeBrowser } = await phoneBrowser(t.app, WAIT.timeout));
  page.on("request", (request) => {
    if (request.method() === "POST" && new URL(request.url()).pathname === "/api/referrals")
      referralPosts.push(request);
  });
});

afterAll(async () => {
  await closeBrowser?.();
  await t?.close();
});

async function ownReferrals() {
  const token = await t.tokenFor("tksk.ancalong");
  return (await t.call("GET", "/api/referrals", { token })).json.items as {
    id: string;
    number: string;
    status: string;
  }[];
}

async function fillReferral(nik: string) {
  await page.getByLabel("NIK").fill(nik);
  await page.getByLabel("Nama lengkap").fill("Sarni");
  await page.getByLabel("Tanggal lahir").fill("1980-07-05");
  await page.getByLabel("Perempuan").check();
  await page.getByLabel("Alamat").fill("RT 02, Desa Senyiur");
  await page.getByLabel("Desa/kelurahan").selectOption({ label: "Senyiur" });
  await page.getByLabel("Kategori PPKS").selectOption({ label: "Lanjut Usia Terlantar" });
  await page.getByLabel("Urgensi").selectOption("urgent");
  await page.getByLabel("Layanan yang dibutuhkan").fill("Pendampingan dan rujukan ke panti werdha");
  await page.getByLabel("Ringkasan kasus").fill("Lansia tinggal sendiri tanpa keluarga, kesulitan makan sehari-hari.");
  await page.getByLabel("setuju untuk dirujuk").check();
}

const sendButton = () => page.getByRole("button", { name: "Kirim rujukan" });
const path = () => new URL(page.url()).pathname;

/** Nothing wider than the phone: no sideways scrolling. */
async function fitsThePhone() {
  expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(360);
}

describe("web UI: a TKSK's referrals on a phone", () => {
  it("serves the form's page and its two assets from our own origin under a strict CSP, cached by version", async () => {
    const html = await fetch(`${base}${PAGES.newReferral}`);
    expect(html.status).toBe(200);
    expect(html.headers.get("content-type")).toMatch(/^text\/html/);
    const csp = html.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("default-src 'none'");
    const text = await html.text();
    expect(text).toContain('<html lang="id">');
    const js = text.match(/src="(\/js\/referral-form\.js\?v=[\w-]+)"/)?.[1];
    const css = text.match(/href="(\/app\.css\?v=[\w-]+)"/)?.[1];
    expect(js).toBeDefined();
    expect(css).toBeDefined();
    const script = await fetch(`${base}${js}`);
    expect(script.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect(script.headers.get("cache-control")).toContain("immutable");
    expect((await script.text()).length).toBeLessThanOrEqual(60 * 1024);
    const style = await fetch(`${base}${css}`);
    expect(style.headers.get("content-type")).toMatch(/^text\/css/);
    const again = await fetch(`${base}${PAGES.newReferral}`, {
      headers: { "if-none-match": html.headers.get("etag") ?? "" },
    });
    expect(again.status).toBe(304);
    for (const at of [js!, css!]) {
      const res = await t.app.request(at, { headers: { "accept-encoding": "gzip, deflate, br" } });
      expect(res.headers.get("content-encoding")).toBe("gzip");
    }
  });

  it("opens a TKSK's list after sign-in, empty, with the way to a new referral", async () => {
    await signInAs(page, base, "tksk.ancalong");
    await page.waitForURL(`${base}${PAGES.referrals}`);
    await page.locator("#empty").waitFor();
    expect(await page.locator("#list-h").textContent()).toBe("Rujukan saya");
    expect(await page.locator("#empty").textContent()).toBe("Anda belum mengirim rujukan.");
    expect(await page.locator("#outbox").count()).toBe(0);
    await page.locator("#new-link").click();
    await page.waitForURL(`${base}${PAGES.newReferral}`);
    await page.locator("#ref-form").waitFor();
    await fitsThePhone();
  });

  it("offers the desa of the TKSK's kecamatan and the categories by name, and says what happens next", async () => {
    const desa = page.locator('#desa option[value="64.08.01.2001"]');
    await desa.waitFor({ state: "attached" });
    expect(await desa.textContent()).toBe("Senyiur");
    const category = page.locator('#category option[value="LUT"]');
    await category.waitFor({ state: "attached" });
    expect(await category.textContent()).toBe("Lanjut Usia Terlantar");
    const next = page.locator("#next li");
    expect(await next.allTextContents()).toEqual([
      "Kecamatan · paling lama 3 hari",
      "Kabupaten/kota · paling lama 5 hari",
      "Provinsi · paling lama 7 hari",
    ]);
    // Urgent halves each level's time.
    await page.getByLabel("Urgensi").selectOption("urgent");
    await expect.poll(() => next.first().textContent(), WAIT).toBe("Kecamatan · paling lama 36 jam");
  });

  it("says as the officer types where the NIK disagrees with the birth date and sex, and takes it back", async () => {
    const sent = referralPosts.length;
    const birth = page.locator("#birth-err");
    const sex = page.locator("#sex-err");
    // 6408014507800001: born 05-07-1980, a woman (day + 40).
    await page.getByLabel("NIK").fill("6408014507800001");
    await page.getByLabel("Tanggal lahir").fill("1981-07-05");
    await page.getByLabel("Laki-laki").check();
    await expect.poll(() => birth.textContent(), WAIT).toBe(FORM_TEXT.nikBirthDateMismatch.id);
    expect(await sex.textContent()).toBe(FORM_TEXT.nikSexMismatch.id);
    expect(await page.getByLabel("Tanggal lahir").getAttribute("aria-invalid")).toBe("true");
    await page.getByLabel("Tanggal lahir").fill("1980-07-05");
    await expect.poll(() => birth.textContent(), WAIT).toBe("");
    expect(await sex.textContent()).toBe(FORM_TEXT.nikSexMismatch.id);
    await page.getByLabel("Perempuan").check();
    await expect.poll(() => sex.textContent(), WAIT).toBe("");
    expect(await page.locator("#sex").getAttribute("aria-invalid")).toBeNull();
    expect(referralPosts).toHaveLength(sent);
  });

  it("keeps the draft through a reload, says so, and can discard it", async () => {
    await page.getByLabel("Nama lengkap").fill("Sarni");
    await page.getByLabel("Alamat").fill("RT 02, Desa Senyiur");
    await page.reload();
    await page.locator("#draft-note").waitFor();
    expect(await page.locator("#draft-note").textContent()).toContain("Draf dipulihkan");
    expect(await page.getByLabel("NIK").inputValue()).toBe("6408014507800001");
    expect(await page.getByLabel("Nama lengkap").inputValue()).toBe("Sarni");
    expect(await page.getByLabel("Tanggal lahir").inputValue()).toBe("1980-07-05");
    expect(await page.getByLabel("Perempuan").isChecked()).toBe(true);
    expect(await page.getByLabel("Urgensi").inputValue()).toBe("urgent");
    await page.locator("#discard").click();
    await page.locator("#discard-yes").click();
    await expect.poll(() => page.getByLabel("NIK").inputValue(), WAIT).toBe("");
    expect(await page.locator("#draft-note").count()).toBe(0);
    await page.reload();
    await page.locator("#ref-form").waitFor();
    expect(await page.locator("#draft-note").count()).toBe(0);
    expect(await page.getByLabel("Nama lengkap").inputValue()).toBe("");
  });

  it("files a referral once even when the first answer is lost, then says its number and where it waits", async () => {
    await fillReferral("6408014507800001");
    // The request reaches the server, but the line drops before the answer arrives.
    let firstStatus = 0;
    await page.route("**/api/referrals", async (route) => {
      if (route.request().method() !== "POST") return route.continue();
      firstStatus = (await route.fetch()).status();
      await route.abort("connectionreset");
    });
    await sendButton().click();
    await page.locator("#waiting").waitFor();
    expect(await page.locator("#waiting").textContent()).toContain("Menunggu koneksi");
    expect(firstStatus).toBe(201);
    expect(await ownReferrals()).toHaveLength(1);
    await page.unroute("**/api/referrals");

    // The officer tries again: the same Idempotency-Key replays the first answer.
    await page.locator("#retry").click();
    await page.locator("#filed").waitFor();
    const number = (await page.locator("#filed-number").textContent())!;
    expect(number).toMatch(/^RJK-\d{6}-\w{6}$/);
    expect(await page.locator("#filed-ok").textContent()).toContain("Sekarang menunggu keputusan tingkat Kecamatan");
    expect(referralPosts).toHaveLength(2);
    const keys = referralPosts.map((r) => r.headers()["idempotency-key"]);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    expect((await ownReferrals()).map((r) => r.number)).toEqual([number]);
    expect(await page.locator("#filed-dupes").count()).toBe(0);
    await fitsThePhone();
    await page.screenshot({ path: "/tmp/rujuk-referral-filed.png", fullPage: true });

    // The draft went with it: the form starts empty.
    await page.getByRole("button", { name: "Rujukan baru lagi" }).click();
    await page.locator("#ref-form").waitFor();
    expect(await page.getByLabel("NIK").inputValue()).toBe("");
    await page.reload();
    await page.locator("#ref-form").waitFor();
    expect(await page.locator("#draft-note").count()).toBe(0);
  });

  it("shows the API's field errors under their fields, then warns of another open referral of the same NIK", async () => {
    await fillReferral("123");
    await sendButton().click();
    const error = page.locator("#nik-err");
    await expect.poll(() => error.textContent(), WAIT).toBe(TEXT.nikLength.id);
    expect(await page.getByLabel("NIK").getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByLabel("Nama lengkap").getAttribute("aria-invalid")).toBeNull();
    expect(await page.locator("#form-alert").textContent()).toContain("Periksa kembali");
    expect(await ownReferrals()).toHaveLength(1);

    // Corrected to the NIK already referred: filed, with a warning, under a key of its own.
    await page.getByLabel("NIK").fill("6408014507800001");
    expect(await error.textContent()).toBe("");
    await sendButton().click();
    await page.locator("#filed").waitFor();
    expect(await page.locator("#filed-dupes").textContent()).toContain("NIK yang sama");
    const keys = referralPosts.map((r) => r.headers()["idempotency-key"]);
    expect(keys).toHaveLength(4);
    expect(keys[3]).toBe(keys[2]);
    expect(keys[3]).not.toBe(keys[0]);
    expect(await ownReferrals()).toHaveLength(2);
  });

  it("lists the referrals with their status, level, person, category and local time, and filters by status", async () => {
    await page.getByRole("link", { name: "Rujukan saya" }).first().click();
    await page.waitForURL(`${base}${PAGES.referrals}`);
    const rows = page.locator("#items li");
    await expect.poll(() => rows.count(), WAIT).toBe(2);
    const row = await rows.first().textContent();
    expect(row).toContain("Sarni");
    expect(row).toContain("Lanjut Usia Terlantar");
    expect(row).toContain("Sedang diperiksa · Kecamatan");
    expect(row).toMatch(/Dibuat \d{1,2} \w{3} \d{4}, \d{2}\.\d{2} WITA/);
    await page.locator("#status").selectOption("withdrawn");
    await page.locator("#empty").waitFor();
    expect(new URL(page.url()).search).toBe("?status=withdrawn");
    await page.locator("#status").selectOption("");
    await expect.poll(() => rows.count(), WAIT).toBe(2);
    await fitsThePhone();
  });

  it("opens a referral's page from the list, with the person, names for codes, and its timeline", async () => {
    const [first] = await ownReferrals();
    await page.locator(`#items li[data-id="${first!.id}"] a`).click();
    await page.waitForURL(`${base}/rujukan/${first!.id}`);
    await expect.poll(() => page.locator("#item-h").textContent(), WAIT).toBe(`Rujukan ${first!.number}`);
    const person = page.locator("#person");
    await expect.poll(() => person.textContent(), WAIT).toContain("Senyiur");
    const text = await person.textContent();
    expect(text).toContain("Sarni");
    expect(text).toContain("6408014507800001");
    expect(text).toContain("5 Juli 1980");
    expect(text).toContain("Perempuan");
    expect(text).toContain("Muara Ancalong");
    expect(await page.locator("#details").textContent()).toContain("Lanjut Usia Terlantar");
    expect(await page.locator("#details").textContent()).toContain("Mendesak");
    expect(await page.locator("#timeline li").first().textContent()).toContain("Diajukan");
    expect(await page.locator("#timeline li").first().textContent()).toContain("Siti Rahmawati · TKSK");
    await fitsThePhone();
    await page.screenshot({ path: "/tmp/rujuk-referral.png", fullPage: true });
  });

  it("withdraws the referral after a second confirmation", async () => {
    await t.settle();
    const [first] = await ownReferrals();
    await page.locator("#withdraw-btn").click();
    expect(await page.locator("#withdraw-q").textContent()).toBe(`Tarik rujukan ${first!.number}?`);
    await page.locator("#withdraw-cancel").click();
    expect(await page.locator("#withdraw-q").count()).toBe(0);
    expect((await ownReferrals())[0]!.status).toBe("in_review");
    await page.locator("#withdraw-btn").click();
    await page.locator("#withdraw-confirm").click();
    await expect.poll(() => page.locator("#item-ok").textContent(), WAIT).toBe(`Rujukan ${first!.number} ditarik.`);
    await expect.poll(async () => (await ownReferrals())[0]!.status, WAIT).toBe("withdrawn");
    await expect.poll(() => page.locator("#item-status").textContent(), WAIT).toBe("Ditarik");
    expect(await page.locator("#withdraw-btn").count()).toBe(0);
    expect(await page.locator("#timeline").textContent()).toContain("Ditarik");
  });

  it("loads the next page of the list on 'Muat lagi'", async () => {
    const token = await t.tokenFor("tksk.ancalong");
    for (let i = 0; i < 20; i++) {
      const res = await t.call("POST", "/api/referrals", {
        token,
        body: referralBody({}, { nik: `640801450780${String(i + 10).padStart(4, "0")}`, name: `Warga ${i}` }),
      });
      expect(res.status, res.text).toBe(201);
    }
    await page.goto(`${base}${PAGES.referrals}`);
    const rows = page.locator("#items li");
    await expect.poll(() => rows.count(), WAIT).toBe(20);
    await page.locator("#more").click();
    await expect.poll(() => rows.count(), WAIT).toBe(22);
    expect(await page.locator("#more").count()).toBe(0);
    expect(
      new Set(await page.locator("#items li").evaluateAll((lis) => lis.map((li) => li.getAttribute("data-id")))).size,
    ).toBe(22);
  });

  it("sends a page whose session ended elsewhere to sign in, and back to the page after", async () => {
    const token = (
      await t.call("POST", "/api/auth/login", {
        body: { username: "tksk.ancalong", password: "demo-tksk.ancalong" },
      })
    ).json.token as string;
    // Signing out ends every session of the account, this page's too.
    expect((await t.call("POST", "/api/auth/logout", { token })).status).toBe(204);
    await page.goto(`${base}${PAGES.referrals}?status=withdrawn`);
    await page.waitForURL((url) => url.pathname === PAGES.signIn);
    expect(new URL(page.url()).searchParams.get("lanjut")).toBe(`${PAGES.referrals}?status=withdrawn`);
    await page.locator("#username").fill("tksk.ancalong");
    await page.locator("#password").fill("demo-tksk.ancalong");
    await page.locator("#login-btn").click();
    await page.waitForURL(`${base}${PAGES.referrals}?status=withdrawn`);
    await expect.poll(() => page.locator("#items li").count(), WAIT).toBe(1);
    expect(await page.locator("#status").inputValue()).toBe("withdrawn");
    expect(path()).toBe(PAGES.referrals);
  });

  it("logged no script errors and no Content-Security-Policy refusals", () => {
    expect(problems).toEqual([]);
  });
});
