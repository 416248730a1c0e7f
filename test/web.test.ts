import type { Page, Request } from "playwright-core";
import { TEXT } from "@rujuk/core/text";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "./support/app.ts";
import { phoneBrowser } from "./support/browser.ts";

// The web UI in a real browser (Debian's Chromium) against the real app over HTTP, on a 360px-wide phone screen.
let t: Awaited<ReturnType<typeof testApp>>;
let closeBrowser: (() => Promise<void>) | undefined;
let page: Page;
let base: string;
let problems: string[] = [];
// scrypt sign-ins and DynamoDB Local writes take a moment; actions and polls wait up to this long.
const WAIT = { timeout: 10_000 };
const referralPosts: Request[] = [];

beforeAll(async () => {
  t = await testApp();
  ({ base, page, problems, close: closeBrowser } = await phoneBrowser(t.app, WAIT.timeout));
  page.on("request", (request) => {
    if (request.method() === "POST" && new URL(request.url()).pathname === "/api/referrals")
      referralPosts.push(request);
  });
});

afterAll(async () => {
  await closeBrowser?.();
});

async function ownReferrals() {
  const token = await t.tokenFor("tksk.ancalong");
  return (await t.call("GET", "/api/referrals", { token })).json.items as { number: string }[];
}

async function fillReferral(nik: string) {
  await page.getByLabel("NIK").fill(nik);
  await page.getByLabel("Nama lengkap").fill("Sarni");
  await page.getByLabel("Tanggal lahir").fill("1980-07-05");
  await page.getByLabel("Perempuan (P)").check();
  await page.getByLabel("Alamat").fill("RT 02, Desa Senyiur");
  await page.getByLabel("Desa/kelurahan").selectOption("64.08.01.2001");
  await page.getByLabel("Kategori PPKS").selectOption("LUT");
  await page.getByLabel("Urgensi").selectOption("urgent");
  await page.getByLabel("Layanan yang dibutuhkan").fill("Pendampingan dan rujukan ke panti werdha");
  await page.getByLabel("Ringkasan kasus").fill("Lansia tinggal sendiri tanpa keluarga, kesulitan makan sehari-hari.");
  await page.getByLabel("setuju untuk dirujuk").check();
}

async function signIn(username: string) {
  await page.getByLabel("Nama pengguna").fill(username);
  await page.getByLabel("Kata sandi").fill(`demo-${username}`);
  await page.locator("#login-btn").click();
  await page.locator("#who").waitFor();
}

describe("web UI", () => {
  it("serves the page and its two assets from our own origin under a strict CSP", async () => {
    const html = await fetch(`${base}/`);
    expect(html.status).toBe(200);
    expect(html.headers.get("content-type")).toMatch(/^text\/html/);
    const csp = html.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("default-src 'none'");
    const text = await html.text();
    expect(text).toContain('<html lang="id">');
    const js = text.match(/src="(\/app\.js\?v=[\w-]+)"/)?.[1];
    const css = text.match(/href="(\/app\.css\?v=[\w-]+)"/)?.[1];
    expect(js).toBeDefined();
    expect(css).toBeDefined();
    const script = await fetch(`${base}${js}`);
    expect(script.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect(script.headers.get("cache-control")).toContain("immutable");
    const style = await fetch(`${base}${css}`);
    expect(style.headers.get("content-type")).toMatch(/^text\/css/);
    const size = text.length + (await script.text()).length + (await style.text()).length;
    expect(size).toBeLessThan(40_000);
    const again = await fetch(`${base}/`, { headers: { "if-none-match": html.headers.get("etag") ?? "" } });
    expect(again.status).toBe(304);

    // On the wire, gzip-compressed: what a phone on slow mobile data downloads the first time.
    let wire = 0;
    for (const path of ["/", js!, css!]) {
      const res = await t.app.request(path, { headers: { "accept-encoding": "gzip, deflate, br" } });
      expect(res.headers.get("content-encoding")).toBe("gzip");
      expect(res.headers.get("vary")).toContain("Accept-Encoding");
      wire += (await res.arrayBuffer()).byteLength;
    }
    expect(wire).toBeLessThan(size / 2.5);
  });

  it("shows the Indonesian error for a wrong password, with the button busy while it waits", async () => {
    await page.goto(base);
    await page.getByLabel("Nama pengguna").fill("tksk.ancalong");
    await page.getByLabel("Kata sandi").fill("bukan-kata-sandinya");
    // A slow line: hold the answer back long enough to see the button's waiting state.
    await page.route("**/api/auth/login", async (route) => {
      await new Promise((wait) => setTimeout(wait, 500));
      await route.continue();
    });
    const button = page.locator("#login-btn");
    await button.click();
    expect(await button.textContent()).toBe("Memproses…");
    expect(await button.isDisabled()).toBe(true);
    const alert = page.locator("#login-alert");
    await expect.poll(() => alert.textContent(), WAIT).toBe("Nama pengguna atau kata sandi salah.");
    expect(await alert.getAttribute("role")).toBe("alert");
    expect(await button.textContent()).toBe("Masuk");
    expect(await button.isDisabled()).toBe(false);
    await page.unroute("**/api/auth/login");
  });

  it("signs in and shows who is signed in", async () => {
    await page.getByLabel("Kata sandi").fill("demo-tksk.ancalong");
    await page.locator("#login-btn").click();
    await page.locator("#who").waitFor();
    expect(await page.locator("#who-name").textContent()).toBe("Siti Rahmawati");
    expect(await page.locator("#who-role").textContent()).toBe("TKSK");
    expect(await page.locator("#who-region").textContent()).toContain("64.08.01");
    expect(await page.locator("#login").isHidden()).toBe(true);
    await page.locator('#desa option[value="64.08.01.2001"]').waitFor({ state: "attached" });
    expect(await page.locator('#desa option[value="64.08.01.2001"]').textContent()).toContain("Senyiur");
    await page.locator('#category option[value="LUT"]').waitFor({ state: "attached" });
    await expect.poll(() => page.locator("#empty").isVisible(), WAIT).toBe(true);
  });

  it("files a referral once even when the first answer is lost, then lists it", async () => {
    await fillReferral("6408014507800001");
    // The request reaches the server, but the line drops before the answer arrives.
    let firstStatus = 0;
    await page.route("**/api/referrals", async (route) => {
      if (route.request().method() !== "POST") return route.continue();
      firstStatus = (await route.fetch()).status();
      await route.abort("connectionreset");
    });
    await page.getByRole("button", { name: "Kirim rujukan" }).click();
    const alert = page.locator("#form-alert");
    await expect.poll(() => alert.textContent(), WAIT).toContain("Koneksi gagal");
    expect(firstStatus).toBe(201);
    expect(await ownReferrals()).toHaveLength(1);
    await page.unroute("**/api/referrals");

    // The officer presses Kirim again: the same Idempotency-Key replays the first result.
    await page.getByRole("button", { name: "Kirim rujukan" }).click();
    const ok = page.locator("#form-ok");
    await expect.poll(() => ok.textContent(), WAIT).toMatch(/^Rujukan terkirim\. Nomor RJK-\S+, status: /);
    const number = (await ok.textContent())!.match(/RJK-[^,\s]+/)![0];
    expect(referralPosts).toHaveLength(2);
    const keys = referralPosts.map((r) => r.headers()["idempotency-key"]);
    expect(keys[0]).toMatch(/^[0-9a-f-]{32,36}$/);
    expect(keys[1]).toBe(keys[0]);
    const stored = await ownReferrals();
    expect(stored.map((r) => r.number)).toEqual([number]);
    expect(await page.locator("#form-warn").textContent()).toBe("");
    expect(await alert.textContent()).toBe("");
    expect(await page.getByLabel("NIK").inputValue()).toBe("");

    const item = page.locator("#items li", { hasText: number });
    await item.waitFor();
    const row = await item.textContent();
    expect(row).toContain("Sarni");
    expect(row).toContain("LUT – Lanjut Usia Terlantar");
    expect(row).toMatch(/Sedang diperiksa|Disetujui/);
    expect(await page.locator("#empty").isHidden()).toBe(true);
    await page.screenshot({ path: "/tmp/rujuk-ui.png", fullPage: true });
  });

  it("shows the NIK error next to the field, then warns about a possible duplicate", async () => {
    await fillReferral("123");
    await page.getByRole("button", { name: "Kirim rujukan" }).click();
    const error = page.locator("#nik-err");
    await expect.poll(() => error.textContent(), WAIT).toBe("NIK harus terdiri dari tepat 16 digit.");
    expect(await page.getByLabel("NIK").getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByLabel("Nama lengkap").getAttribute("aria-invalid")).toBeNull();
    expect(await page.locator("#form-alert").textContent()).toContain("Periksa kembali");
    expect(await ownReferrals()).toHaveLength(1);

    // Corrected with the NIK already referred: filed, with a warning, under a new key.
    await page.getByLabel("NIK").fill("6408014507800001");
    await page.getByRole("button", { name: "Kirim rujukan" }).click();
    await expect.poll(() => page.locator("#form-ok").textContent(), WAIT).toContain("Rujukan terkirim");
    expect(await error.textContent()).toBe("");
    expect(await page.locator("#form-warn").textContent()).toContain("NIK yang sama");
    expect(referralPosts).toHaveLength(4);
    expect(referralPosts[3]!.headers()["idempotency-key"]).not.toBe(referralPosts[0]!.headers()["idempotency-key"]);
    expect(await ownReferrals()).toHaveLength(2);
    await expect.poll(() => page.locator("#items li").count(), WAIT).toBe(2);
  });

  it("says as the officer types where the NIK disagrees with the birth date and sex, and takes it back", async () => {
    const sent = referralPosts.length;
    const birth = page.locator("#birth-err");
    const sex = page.locator("#sex-err");
    // 6408014507800001: born 05-07-1980, a woman (day + 40).
    await page.getByLabel("NIK").fill("6408014507800001");
    await page.getByLabel("Tanggal lahir").fill("1981-07-05");
    await page.getByLabel("Laki-laki (L)").check();
    await expect.poll(() => birth.textContent(), WAIT).toBe(TEXT.nikBirthDateMismatch.id);
    expect(await sex.textContent()).toBe(TEXT.nikSexMismatch.id);
    expect(await page.getByLabel("Tanggal lahir").getAttribute("aria-invalid")).toBe("true");
    await page.getByLabel("Tanggal lahir").fill("1980-07-05");
    await expect.poll(() => birth.textContent(), WAIT).toBe("");
    expect(await sex.textContent()).toBe(TEXT.nikSexMismatch.id);
    await page.getByLabel("Perempuan (P)").check();
    await expect.poll(() => sex.textContent(), WAIT).toBe("");
    expect(await page.locator("#sex").getAttribute("aria-invalid")).toBeNull();
    expect(referralPosts).toHaveLength(sent);
  });

  it("signs out, and stays signed out after a reload", async () => {
    await page.getByRole("button", { name: "Keluar" }).click();
    await page.locator("#login").waitFor();
    expect(await page.locator("#who").isHidden()).toBe(true);
    expect(await page.locator("#items li").count()).toBe(0);
    await page.reload();
    await page.locator("#login").waitFor();
    expect(await page.locator("#new").isHidden()).toBe(true);
  });

  it("keeps the next account signed in when a late answer to the last one's request says 401", async () => {
    await signIn("tksk.ancalong");
    // The list request of the first account is held until that account has signed out and another signed in; then
    // it gets the app's answer to the cookie it was sent with.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let held: Request | undefined;
    const isList = (url: URL) => url.pathname === "/api/referrals";
    const answers: number[] = [];
    await page.route(isList, async (route) => {
      if (held) return route.continue();
      held = route.request();
      const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
      await released;
      const answer = await t.app.request(route.request().url(), { headers: { cookie } });
      answers.push(answer.status);
      await route.fulfill({
        status: answer.status,
        headers: { "content-type": "application/json" },
        body: await answer.text(),
      });
    });
    await page.locator("#reload").click();
    await expect.poll(() => held !== undefined, WAIT).toBe(true);
    await page.getByRole("button", { name: "Keluar" }).click();
    await page.locator("#login").waitFor();
    await signIn("kec.ancalong");
    // The next account's own list requests pass meanwhile; only the held one's end is waited for.
    const finished = page.waitForEvent("requestfinished", (request) => request === held);
    release();
    await finished;
    await page.unroute(isList);
    expect(answers).toEqual([401]);
    expect(await held!.response().then((response) => response?.status())).toBe(401);
    // One more round trip through the page, after the answer has been handled.
    await page.evaluate(() => new Promise((done) => setTimeout(done, 0)));
    expect(await page.locator("#who").isVisible()).toBe(true);
    expect(await page.locator("#who-name").textContent()).not.toBe("Siti Rahmawati");
    expect(await page.locator("#login-alert").textContent()).toBe("");

    // Sessions ended elsewhere do sign this one out, with a message.
    const kec = await t.call("POST", "/api/auth/login", {
      body: { username: "kec.ancalong", password: "demo-kec.ancalong" },
    });
    expect((await t.call("POST", "/api/auth/logout", { token: kec.json.token })).status).toBe(204);
    await page.locator("#reload").click();
    await expect
      .poll(() => page.locator("#login-alert").textContent(), WAIT)
      .toBe("Sesi Anda berakhir. Silakan masuk lagi.");
    expect(await page.locator("#who").isHidden()).toBe(true);
  });

  it("logged no script errors and no Content-Security-Policy refusals", () => {
    expect(problems).toEqual([]);
  });
});
