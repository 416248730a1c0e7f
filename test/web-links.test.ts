import { itemLink } from "@rujuk/core/notification";
import { PAGES } from "@rujuk/core/pages";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { referralBody, testApp } from "./support/app.ts";
import { phoneBrowser } from "./support/browser.ts";

// Every screen has its own address: an email's link, Back and Forward, and a reload, in a real browser (Debian's
// Chromium) on a 360px phone screen against the real app over HTTP and the real approval chain, which puts the items
// in the officials' inboxes.
let t: Awaited<ReturnType<typeof testApp>>;
let closeBrowser: (() => Promise<void>) | undefined;
let page: Page;
let base: string;
let problems: string[] = [];
// scrypt sign-ins, DynamoDB Local writes and the workflow take a moment; actions and polls wait up to this long.
const WAIT = { timeout: 15_000 };

/** A referral filed in Ancalong (64.08.01), one in Gerung (52, out of the Ancalong officials' reach), a report. */
let referral: { id: string; number: string };
let elsewhere: string;
let report: { id: string; number: string };

beforeAll(async () => {
  t = await testApp({}, { chain: true });
  ({ base, page, problems, close: closeBrowser } = await phoneBrowser(t.app, WAIT.timeout));
  const filed = await t.call("POST", "/api/referrals", {
    token: await t.tokenFor("tksk.ancalong"),
    body: referralBody(),
  });
  expect(filed.status, filed.text).toBe(201);
  referral = filed.json;
  const far = await t.call("POST", "/api/referrals", {
    token: await t.tokenFor("tksk.gerung"),
    body: referralBody({}, { nik: "5201014507800003", desaCode: "52.01.01.1001" }),
  });
  expect(far.status, far.text).toBe(201);
  elsewhere = far.json.id;
  const monthly = await t.call("POST", "/api/reports", {
    token: await t.tokenFor("tksk.ancalong"),
    body: { period: "2026-10", activities: "Kunjungan rumah ke 12 keluarga.", counts: { LUT: 1 } },
  });
  expect(monthly.status, monthly.text).toBe(201);
  report = monthly.json;
  await t.settle();
});

afterAll(async () => {
  await closeBrowser?.();
  await t?.close();
});

const path = () => new URL(page.url()).pathname;
const heading = () => page.locator("#d-h");

async function signIn(username: string) {
  await page.getByLabel("Nama pengguna").fill(username);
  await page.getByLabel("Kata sandi").fill(`demo-${username}`);
  await page.locator("#login-btn").click();
  await page.locator("#who").waitFor();
}

async function signOut() {
  await page.locator("#logout").click();
  await page.locator("#login").waitFor();
}

describe("web UI: every screen has its own address", () => {
  it("serves the page itself at every page path, the same document as at /", async () => {
    const home = await fetch(`${base}/`);
    const body = await home.text();
    const paths = ["/kotak-masuk", "/rujukan", "/rujukan/baru", `/rujukan/${referral.id}`, "/rujukan/bukan-id"];
    for (const at of [...paths, `/laporan/${report.id}`, `/laporan/${elsewhere}`]) {
      const res = await fetch(`${base}${at}`);
      expect(res.status, at).toBe(200);
      expect(await res.text(), at).toBe(body);
      for (const header of ["content-type", "content-security-policy", "cache-control", "etag"])
        expect(res.headers.get(header), `${at} ${header}`).toBe(home.headers.get(header));
    }
    // Only the page paths: anything else is still the API's 404.
    expect((await fetch(`${base}/rujukan/${referral.id}/lagi`)).status).toBe(404);
    expect((await fetch(`${base}/tidak-ada`)).status).toBe(404);
  });

  it("keeps an email's link through the sign-in form, then opens its item", async () => {
    const link = itemLink(base, "referral", referral.id);
    expect(new URL(link).pathname).toBe(`${PAGES.referrals}/${referral.id}`);
    await page.goto(link);
    await page.locator("#login").waitFor();
    expect(await page.locator("#detail").isHidden()).toBe(true);
    await signIn("kec.ancalong");
    await expect.poll(() => heading().textContent(), WAIT).toBe(`Rujukan ${referral.number}`);
    expect(path()).toBe(`/rujukan/${referral.id}`);
    expect(await page.locator("#d-fields").textContent()).toContain("Sarni");
    expect(await page.locator("#inbox").isHidden()).toBe(true);

    // Nothing below it in the app's history: back to the list puts the home (the inbox) in its place.
    await page.locator("#d-back").click();
    await page.locator("#inbox").waitFor();
    expect(path()).toBe("/kotak-masuk");
    expect(await page.locator("#detail").isHidden()).toBe(true);
  });

  it("returns to the inbox, with its address, on the phone's Back; Forward opens the item again", async () => {
    const row = page.locator("#inbox-items li", { hasText: referral.number });
    await row.locator("button").click();
    await expect.poll(() => heading().textContent(), WAIT).toBe(`Rujukan ${referral.number}`);
    expect(path()).toBe(`/rujukan/${referral.id}`);
    await page.goBack();
    await page.locator("#inbox").waitFor();
    expect(path()).toBe("/kotak-masuk");
    expect(await page.locator("#detail").isHidden()).toBe(true);
    expect(await row.isVisible()).toBe(true);
    await page.goForward();
    await page.locator("#detail").waitFor();
    await expect.poll(() => heading().textContent(), WAIT).toBe(`Rujukan ${referral.number}`);
    expect(await page.locator("#inbox").isHidden()).toBe(true);

    // The page's own back button, over the list below it, goes Back: Forward is the item again.
    await page.locator("#d-back").click();
    await page.locator("#inbox").waitFor();
    expect(path()).toBe("/kotak-masuk");
    await page.goForward();
    await expect.poll(() => heading().textContent(), WAIT).toBe(`Rujukan ${referral.number}`);
    expect(path()).toBe(`/rujukan/${referral.id}`);
  });

  it("shows the item again after a reload on its address", async () => {
    await page.goto(`${base}/rujukan/${referral.id}`);
    await expect.poll(() => heading().textContent(), WAIT).toBe(`Rujukan ${referral.number}`);
    await page.reload();
    await expect.poll(() => heading().textContent(), WAIT).toBe(`Rujukan ${referral.number}`);
    expect(path()).toBe(`/rujukan/${referral.id}`);
    expect(await page.locator("#login").isHidden()).toBe(true);
    expect(await page.locator("#d-fields").textContent()).toContain("Sarni");
  });

  it("says in both languages that an item out of reach, or an id of no item, is not found, with a way back", async () => {
    for (const id of [elsewhere, "bukan-id", "%E0%A4%A"]) {
      await page.goto(`${base}/rujukan/${id}`);
      await expect.poll(() => heading().textContent(), WAIT).toBe("Tidak ditemukan Not found");
      expect(await page.locator("#d-alert").textContent()).toBe(
        "Berkas ini tidak ada, atau Anda tidak berhak membukanya. This item does not exist, or is not yours to open.",
      );
      expect(await page.locator("#d-fields").textContent()).toBe("");
      expect(await page.locator("#dec-form").isHidden()).toBe(true);
    }
    await page.locator("#d-back").click();
    await page.locator("#inbox").waitFor();
    expect(path()).toBe("/kotak-masuk");
  });

  it("opens a report's link at the level it waits at", async () => {
    await signOut();
    await page.goto(itemLink(base, "report", report.id));
    await signIn("kab.kutim");
    await expect.poll(() => heading().textContent(), WAIT).toBe(`Laporan ${report.number}`);
    expect(path()).toBe(`/laporan/${report.id}`);
    expect(await page.locator("#d-fields").textContent()).toContain("Kunjungan rumah ke 12 keluarga.");
  });

  it("starts the next person on a shared phone at their own home, and gives a TKSK only the TKSK's screens", async () => {
    // Signing out forgets the address: the TKSK does not land on the report the official had open.
    await signOut();
    expect(path()).toBe("/");
    await signIn("tksk.ancalong");
    expect(path()).toBe("/rujukan");
    expect(await page.locator("#new").isVisible()).toBe(true);
    await page.locator("#items li", { hasText: referral.number }).waitFor();

    await page.goto(`${base}/kotak-masuk`);
    await page.locator("#list").waitFor();
    expect(path()).toBe("/rujukan");
    expect(await page.locator("#inbox").isHidden()).toBe(true);

    await page.goto(`${base}/rujukan/baru`);
    await page.locator("#new").waitFor();
    expect(path()).toBe("/rujukan/baru");
    expect(await page.locator("#list").isHidden()).toBe(true);
  });

  it("logged no script errors and no Content-Security-Policy refusals", () => {
    expect(problems).toEqual([]);
  });
});
