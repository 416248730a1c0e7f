import type { Page, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { referralBody, testApp } from "./support/app.ts";
import { phoneBrowser } from "./support/browser.ts";

// The officials' inbox and the submitter's follow-up in a real browser (Debian's Chromium) on a 360px phone screen,
// against the real app and the real approval chain on the local Step Functions endpoint.
let t: Awaited<ReturnType<typeof testApp>>;
let closeBrowser: (() => Promise<void>) | undefined;
let page: Page;
let base: string;
let problems: string[] = [];
const decisionPosts: string[] = [];
// scrypt sign-ins, DynamoDB Local writes and the workflow take a moment; actions and polls wait up to this long.
const WAIT = { timeout: 15_000 };

/** The referral the test follows from the kecamatan to the kabupaten, back to the TKSK and back again. */
let id: string;
let number: string;

beforeAll(async () => {
  t = await testApp({}, { chain: true });
  ({ base, page, problems, close: closeBrowser } = await phoneBrowser(t.app, WAIT.timeout));
  page.on("request", (request) => {
    if (request.method() === "POST" && new URL(request.url()).pathname.endsWith("/decisions"))
      decisionPosts.push(request.postData() ?? "");
  });
});

afterAll(async () => {
  await closeBrowser?.();
  await t?.close();
});

/** A new bearer token: signing out in the browser ends every session of that user, so none is kept. */
async function token(username: string) {
  const res = await t.call("POST", "/api/auth/login", { body: { username, password: `demo-${username}` } });
  expect(res.status).toBe(200);
  return res.json.token as string;
}

async function get(path: string, username = "tksk.ancalong") {
  const res = await t.call("GET", path, { token: await token(username) });
  expect(res.status).toBe(200);
  return res.json;
}

async function signIn(username: string) {
  if (await page.locator("#who").isVisible()) {
    await page.locator("#logout").click();
    await page.locator("#login").waitFor();
  }
  await page.getByLabel("Nama pengguna").fill(username);
  await page.getByLabel("Kata sandi").fill(`demo-${username}`);
  await page.locator("#login-btn").click();
  await page.locator("#who").waitFor();
}

const inboxRow = () => page.locator("#inbox-items li", { hasText: number });
const listRow = (text = number) => page.locator("#items li", { hasText: text });
const isDecision = (url: URL) => url.pathname.endsWith("/decisions");

describe("web UI: inbox, decisions and follow-up", () => {
  it("lists a new referral in the kecamatan official's inbox", async () => {
    const filed = await t.call("POST", "/api/referrals", {
      token: await token("tksk.ancalong"),
      body: referralBody(),
    });
    expect(filed.status).toBe(201);
    ({ id, number } = filed.json);
    await t.settle();

    await page.goto(base);
    await signIn("kec.ancalong");
    expect(await page.locator("#who-role").textContent()).toBe("Petugas kecamatan");
    expect(await page.locator("#new").isHidden()).toBe(true);
    await inboxRow().waitFor();
    const text = await inboxRow().textContent();
    expect(text).toContain("Rujukan");
    expect(text).toContain("Sarni");
    expect(text).toContain("LUT – Lanjut Usia Terlantar");
    expect(text).toContain("Biasa");
    expect(text).toContain("Tenggat");
    expect(text).not.toContain("Terlambat");
    expect(await page.locator("#inbox-items li").count()).toBe(1);
    await page.screenshot({ path: "/tmp/rujuk-inbox.png", fullPage: true });
  });

  it("filters to overdue items only, and shows the Terlambat badge the API flags", async () => {
    // Nothing is overdue yet: the filter asks the API for overdue items only and says there are none.
    const overdue = page.getByLabel("Hanya yang terlambat");
    await overdue.check();
    const empty = page.locator("#inbox-empty");
    await expect.poll(() => empty.textContent(), WAIT).toBe("Tidak ada berkas yang terlambat.");
    expect(await empty.isVisible()).toBe(true);
    expect(await page.locator("#inbox-items li").count()).toBe(0);
    await overdue.uncheck();
    await inboxRow().waitFor();

    // The badge is drawn from the API's `overdue` flag. The workflow reopens a level with a fresh deadline the
    // moment it passes, so the flag is set here on the real answer rather than by moving the clock.
    const isInbox = (url: URL) => url.pathname === "/api/inbox";
    const asked: string[] = [];
    await page.route(isInbox, async (route) => {
      asked.push(new URL(route.request().url()).search);
      const response = await route.fetch();
      const json = await response.json();
      json.items = json.items.map((item: Record<string, unknown>) => ({ ...item, overdue: true }));
      await route.fulfill({ response, json });
    });
    await page.locator("#inbox-reload").click();
    await expect.poll(() => inboxRow().textContent(), WAIT).toContain("Terlambat");
    expect(asked).toEqual(["?limit=20"]);
    await page.unroute(isInbox);
    await page.locator("#inbox-reload").click();
    await page.getByLabel("Hanya yang terlambat").uncheck();
    await expect.poll(() => inboxRow().textContent(), WAIT).not.toContain("Terlambat");
  });

  it("opens the referral with its timeline and approves it, the buttons busy while it goes", async () => {
    await inboxRow().locator("button").click();
    const heading = page.locator("#d-h");
    await expect.poll(() => heading.textContent(), WAIT).toBe(`Rujukan ${number}`);
    expect(await page.locator("#inbox").isHidden()).toBe(true);
    const fields = await page.locator("#d-fields").textContent();
    expect(fields).toContain("Sarni");
    expect(fields).toContain("6408014507800001");
    expect(fields).toContain("Sedang diperiksa di tingkat kecamatan");
    expect(fields).toContain("Pendampingan dan rujukan ke panti werdha");
    expect(await page.locator("#d-decisions").textContent()).toBe("Belum ada keputusan.");
    const timeline = page.locator("#d-timeline li");
    expect(await timeline.count()).toBe(2);
    expect(await timeline.nth(0).textContent()).toContain("Diajukan");
    expect(await timeline.nth(1).textContent()).toContain("Menunggu keputusan · tingkat kecamatan");

    await page.route(isDecision, async (route) => {
      await new Promise((wait) => setTimeout(wait, 500));
      await route.continue();
    });
    await page.locator("#dec-approve").click();
    expect(await page.locator("#dec-approve").textContent()).toBe("Memproses…");
    for (const button of ["#dec-approve", "#dec-reject", "#dec-return"])
      expect(await page.locator(button).isDisabled()).toBe(true);
    const ok = page.locator("#inbox-ok");
    await expect.poll(() => ok.textContent(), WAIT).toBe(`Keputusan tersimpan: ${number} disetujui.`);
    await page.unroute(isDecision);
    expect(await page.locator("#detail").isHidden()).toBe(true);
    expect(await inboxRow().count()).toBe(0);
    expect(await page.locator("#inbox-empty").isVisible()).toBe(true);
    expect(JSON.parse(decisionPosts.at(-1)!)).toEqual({ decision: "approve" });

    await t.settle();
    const item = await get(`/api/referrals/${id}`);
    expect(item).toMatchObject({ status: "in_review", currentLevel: "kabupaten" });
    expect(item.decisions.map((d: { level: string; decision: string }) => `${d.level}:${d.decision}`)).toEqual([
      "kecamatan:approve",
    ]);
    expect((await get("/api/inbox", "kab.kutim")).items.map((i: { id: string }) => i.id)).toContain(id);
  });

  it("shows the kabupaten official the unread notifications count, and marks one read", async () => {
    await signIn("kab.kutim");
    const unread = (await get("/api/notifications", "kab.kutim")).items.filter((n: { read: boolean }) => !n.read);
    expect(unread.length).toBeGreaterThan(0);
    const count = page.locator("#notif-count");
    await expect.poll(() => count.textContent(), WAIT).toBe(String(unread.length));
    expect(await count.isVisible()).toBe(true);

    // Opening the panel reloads the list. Its answer, taken before the notification is marked read, arrives only
    // after: the panel must not show the notification unread again.
    const isList = (url: URL) => url.pathname === "/api/notifications";
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let held: Request | undefined;
    let answered = false;
    await page.route(isList, async (route) => {
      if (held) return route.continue();
      held = route.request();
      const response = await route.fetch();
      answered = true;
      await released;
      await route.fulfill({ response });
    });
    await page.locator("#notif-btn").click();
    expect(await page.locator("#notif-btn").getAttribute("aria-expanded")).toBe("true");
    await expect.poll(() => answered, WAIT).toBe(true);
    const first = page.locator("#notif-items li").first();
    await first.waitFor();
    expect(await first.textContent()).toContain(`${number} menunggu keputusan Anda`);
    await first.getByRole("button", { name: "Tandai dibaca", exact: true }).click();
    await expect.poll(() => first.getAttribute("class"), WAIT).toBe("read");
    const late = page.waitForEvent("requestfinished", (request) => request === held);
    release();
    await late;
    await page.unroute(isList);
    await page.evaluate(() => new Promise((done) => setTimeout(done, 0)));
    expect(await first.getAttribute("class")).toBe("read");
    expect(await first.getByRole("button", { name: "Tandai dibaca", exact: true }).count()).toBe(0);
    const left = unread.length - 1;
    await expect.poll(() => count.textContent(), WAIT).toBe(left ? String(left) : "");
    const notes = (await get("/api/notifications", "kab.kutim")).items;
    expect(notes.filter((n: { read: boolean }) => !n.read)).toHaveLength(left);
    await page.locator("#notif-close").click();
    expect(await page.locator("#notif").isHidden()).toBe(true);
  });

  it("asks for a comment before a rejection, shows the server's field error, then returns it", async () => {
    await inboxRow().waitFor();
    await inboxRow().locator("button").click();
    await expect.poll(() => page.locator("#d-h").textContent(), WAIT).toBe(`Rujukan ${number}`);
    expect(await page.locator("#d-decisions").textContent()).toContain("Tingkat kecamatan: Disetujui");
    const posted = decisionPosts.length;

    await page.locator("#dec-reject").click();
    const error = page.locator("#comment-err");
    expect(await error.textContent()).toBe("Catatan wajib diisi untuk menolak atau mengembalikan berkas.");
    expect(await page.getByLabel("Catatan").getAttribute("aria-invalid")).toBe("true");
    expect(decisionPosts).toHaveLength(posted);

    // Past the textarea's maxlength (set by script): the server refuses it, by field.
    await page
      .getByLabel("Catatan")
      .evaluate((area, text) => void Object.assign(area, { value: text }), "x".repeat(2001));
    await page.locator("#dec-return").click();
    await expect.poll(() => error.textContent(), WAIT).toBe("Nilai ini terlalu panjang.");
    expect(decisionPosts).toHaveLength(posted + 1);
    expect((await get(`/api/referrals/${id}`)).decisions).toHaveLength(1);

    await page.getByLabel("Catatan").fill("Lengkapi alamat RT/RW");
    await page.locator("#dec-return").click();
    await expect
      .poll(() => page.locator("#inbox-ok").textContent(), WAIT)
      .toBe(`Keputusan tersimpan: ${number} dikembalikan ke pengaju.`);
    expect(await error.textContent()).toBe("");
    await t.settle();
    const item = await get(`/api/referrals/${id}`);
    expect(item.status).toBe("returned");
    expect(item.decisions.at(-1)).toMatchObject({
      level: "kabupaten",
      decision: "return",
      comment: "Lengkapi alamat RT/RW",
    });
  });

  it("shows the TKSK the returned referral with its comment, and resubmits it", async () => {
    await signIn("tksk.ancalong");
    expect(await page.locator("#inbox").isHidden()).toBe(true);
    await listRow().waitFor();
    const row = listRow();
    const text = await row.textContent();
    expect(text).toContain("Dikembalikan");
    expect(text).toContain("Catatan dari tingkat kabupaten/kota: Lengkapi alamat RT/RW");
    expect(await row.getByRole("button", { name: "Tarik", exact: true }).isVisible()).toBe(true);
    await row.getByRole("button", { name: "Kirim ulang", exact: true }).click();
    await expect
      .poll(() => page.locator("#list-ok").textContent(), WAIT)
      .toBe(`Rujukan ${number} dikirim ulang ke tingkat kabupaten/kota.`);
    await t.settle();
    expect(await get(`/api/referrals/${id}`)).toMatchObject({ status: "in_review", currentLevel: "kabupaten" });
    expect((await get("/api/inbox", "kab.kutim")).items.map((i: { id: string }) => i.id)).toContain(id);
    await page.locator("#reload").click();
    await expect.poll(() => listRow().textContent(), WAIT).toContain("Sedang diperiksa di tingkat kabupaten/kota");
    expect(await listRow().getByRole("button", { name: "Kirim ulang", exact: true }).count()).toBe(0);
  });

  it("lets the TKSK withdraw a referral in review, only after confirming", async () => {
    const filed = await t.call("POST", "/api/referrals", {
      token: await token("tksk.ancalong"),
      body: referralBody({}, { nik: "6408014507800002", name: "Darmi" }),
    });
    expect(filed.status).toBe(201);
    await t.settle();
    await page.locator("#reload").click();
    const row = listRow(filed.json.number);
    await row.waitFor();
    const messages: string[] = [];
    page.once("dialog", (dialog) => {
      messages.push(dialog.message());
      void dialog.dismiss();
    });
    await row.getByRole("button", { name: "Tarik", exact: true }).click();
    await expect.poll(() => messages.length, WAIT).toBe(1);
    expect(messages[0]).toContain(`Tarik rujukan ${filed.json.number}?`);
    expect((await get(`/api/referrals/${filed.json.id}`)).status).toBe("in_review");

    page.once("dialog", (dialog) => void dialog.accept());
    await row.getByRole("button", { name: "Tarik", exact: true }).click();
    await expect.poll(() => page.locator("#list-ok").textContent(), WAIT).toBe(`Rujukan ${filed.json.number} ditarik.`);
    await t.settle();
    expect((await get(`/api/referrals/${filed.json.id}`)).status).toBe("withdrawn");
    await expect.poll(() => listRow(filed.json.number).textContent(), WAIT).toContain("Ditarik");
  });

  it("tells the official in Indonesian when someone else decided first, and refreshes the inbox", async () => {
    await signIn("kab.kutim");
    await inboxRow().waitFor();
    await inboxRow().locator("button").click();
    await page.locator("#dec-form").waitFor();
    // Meanwhile the decision is taken elsewhere (another device of the kabupaten office).
    const other = await t.call("POST", `/api/referrals/${id}/decisions`, {
      token: await token("kab.kutim"),
      body: { decision: "approve" },
    });
    expect(other.status).toBe(200);
    await t.settle();
    await page.locator("#dec-approve").click();
    await expect
      .poll(() => page.locator("#d-alert").textContent(), WAIT)
      .toBe(
        "Berkas ini tidak sedang menunggu keputusan di tingkat Anda (mungkin sudah diputuskan). " +
          "Kotak masuk sudah diperbarui.",
      );
    expect(await page.locator("#d-fields").textContent()).toContain("Sedang diperiksa di tingkat provinsi");
    expect(await page.locator("#dec-form").isHidden()).toBe(true);
    await page.locator("#d-back").click();
    await expect.poll(() => inboxRow().count(), WAIT).toBe(0);
    expect((await get(`/api/referrals/${id}`)).decisions).toHaveLength(3);
  });

  it("logged no script errors and no Content-Security-Policy refusals", () => {
    expect(problems).toEqual([]);
  });
});
