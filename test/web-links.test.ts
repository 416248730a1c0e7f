import { itemLink } from "@rujuk/core/notification";
import { PAGES } from "@rujuk/core/pages";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { referralBody, testApp } from "./support/app.ts";
import { phoneBrowser, signInAs } from "./support/browser.ts";

// Every referral page has its own address: an email's link survives the sign-in, Back returns to the list, a reload
// keeps the page; an item out of reach reads as not found. In Debian's Chromium on a 360px phone against the real
// app over HTTP and the real approval chain, which puts the referral at the kecamatan.
let t: Awaited<ReturnType<typeof testApp>>;
let closeBrowser: (() => Promise<void>) | undefined;
let page: Page;
let base: string;
let problems: string[] = [];
// scrypt sign-ins, DynamoDB Local writes and the workflow take a moment; actions and polls wait up to this long.
const WAIT = { timeout: 15_000 };

/** Three referrals filed in Muara Ancalong (64.08.01), two of one NIK; one in Gerung (out of the officials' reach). */
let referral: { id: string; number: string };
let other: { id: string; number: string };
let elsewhere: string;
let duplicate: string;

beforeAll(async () => {
  t = await testApp({}, { chain: true });
  ({ base, page, problems, close: closeBrowser } = await phoneBrowser(t.app, WAIT.timeout));
  const token = await t.tokenFor("tksk.ancalong");
  const filed = await t.call("POST", "/api/referrals", { token, body: referralBody() });
  expect(filed.status, filed.text).toBe(201);
  referral = filed.json;
  const second = await t.call("POST", "/api/referrals", {
    token,
    body: referralBody({}, { nik: "6408010101500002", name: "Darman", birthDate: "1950-01-01", sex: "L" }),
  });
  expect(second.status, second.text).toBe(201);
  other = second.json;
  // The same person again: officials see the two flagged as possible duplicates.
  const again = await t.call("POST", "/api/referrals", { token, body: referralBody({ urgency: "urgent" }) });
  expect(again.status, again.text).toBe(201);
  duplicate = again.json.id;
  const far = await t.call("POST", "/api/referrals", {
    token: await t.tokenFor("tksk.gerung"),
    body: referralBody({}, { nik: "5201014507800003", desaCode: "52.01.01.1001" }),
  });
  expect(far.status, far.text).toBe(201);
  elsewhere = far.json.id;
  await t.settle();
});

afterAll(async () => {
  await closeBrowser?.();
  await t?.close();
});

const path = () => new URL(page.url()).pathname;
const heading = () => page.locator("#item-h");

describe("web UI: the referral pages' addresses", () => {
  it("serves each referral page's own document, and only at the page paths", async () => {
    const scripts: Record<string, string> = {
      [PAGES.referrals]: "referrals",
      [PAGES.newReferral]: "referral-form",
      [`/rujukan/${referral.id}`]: "referral",
      "/rujukan/bukan-id": "referral",
    };
    for (const [at, script] of Object.entries(scripts)) {
      const res = await fetch(`${base}${at}`);
      expect(res.status, at).toBe(200);
      expect(res.headers.get("content-security-policy"), at).toContain("script-src 'self'");
      expect(await res.text(), at).toMatch(new RegExp(`src="/js/${script}\\.js\\?v=[\\w-]+"`));
    }
    // Every item's address is the same static document: what it shows is the API's answer to who asks.
    const one = await (await fetch(`${base}/rujukan/${referral.id}`)).text();
    expect(await (await fetch(`${base}/rujukan/${elsewhere}`)).text()).toBe(one);
    expect((await fetch(`${base}/rujukan/${referral.id}/lagi`)).status).toBe(404);
  });

  it("keeps an email's link through the sign-in form, then opens its item", async () => {
    const link = itemLink(base, "referral", referral.id);
    expect(new URL(link).pathname).toBe(`/rujukan/${referral.id}`);
    await page.goto(link);
    await page.waitForURL((url) => url.pathname === PAGES.signIn);
    expect(new URL(page.url()).searchParams.get("lanjut")).toBe(`/rujukan/${referral.id}`);
    await page.locator("#username").fill("kec.ancalong");
    await page.locator("#password").fill("demo-kec.ancalong");
    await page.locator("#login-btn").click();
    await page.waitForURL(link);
    await expect.poll(() => heading().textContent(), WAIT).toBe(`Rujukan ${referral.number}`);
    expect(await page.locator("#person").textContent()).toContain("Sarni");
    // The kecamatan official it waits for can decide on it here; the other open referral of the NIK is flagged.
    await page.locator("#decide-approve").waitFor();
    expect(await page.locator("#dupes").textContent()).toContain("1 rujukan terbuka lain dengan NIK yang sama");
    expect(await page.locator("#dupes a").getAttribute("href")).toBe(`/rujukan/${duplicate}`);

    // Nothing of the app below it in the history: its way back is the official's home.
    expect(await page.locator("#back").getAttribute("href")).toBe(PAGES.inbox);
  });

  it("returns to the list, its filter kept, on the phone's Back and on the page's own way back", async () => {
    await page.context().clearCookies();
    await signInAs(page, base, "tksk.ancalong", `${PAGES.referrals}?status=in_review`);
    await page.waitForURL(`${base}${PAGES.referrals}?status=in_review`);
    const row = page.locator(`#items li[data-id="${other.id}"] a`);
    await row.click();
    await page.waitForURL(`${base}/rujukan/${other.id}`);
    await expect.poll(() => heading().textContent(), WAIT).toBe(`Rujukan ${other.number}`);
    await page.goBack();
    await page.waitForURL(`${base}${PAGES.referrals}?status=in_review`);
    await row.waitFor();
    expect(await page.locator("#status").inputValue()).toBe("in_review");
    await page.goForward();
    await expect.poll(() => heading().textContent(), WAIT).toBe(`Rujukan ${other.number}`);
    await page.locator("#back").click();
    await page.waitForURL(`${base}${PAGES.referrals}?status=in_review`);
    await row.waitFor();
  });

  it("shows the item again after a reload on its address", async () => {
    await page.goto(`${base}/rujukan/${referral.id}`);
    await expect.poll(() => heading().textContent(), WAIT).toBe(`Rujukan ${referral.number}`);
    await page.reload();
    await expect.poll(() => heading().textContent(), WAIT).toBe(`Rujukan ${referral.number}`);
    expect(path()).toBe(`/rujukan/${referral.id}`);
    expect(await page.locator("#person").textContent()).toContain("Sarni");
    expect(await page.locator("#timeline li").count()).toBeGreaterThanOrEqual(2);
  });

  it("says that an item out of reach, or an id of no item, is not found, with a way back, in the chosen language", async () => {
    for (const id of [elsewhere, "bukan-id", "%E0%A4%A"]) {
      await page.goto(`${base}/rujukan/${id}`);
      await expect.poll(() => page.locator("#nf-h").textContent(), WAIT).toBe("Tidak ditemukan");
      expect(await page.locator("#nf-why").textContent()).toBe(
        "Berkas ini tidak ada, atau Anda tidak berhak membukanya.",
      );
      expect(await page.locator("#person").count()).toBe(0);
    }
    await page.getByRole("button", { name: "English" }).click();
    await expect.poll(() => page.locator("#nf-h").textContent(), WAIT).toBe("Not found");
    expect(await page.locator("#nf-why").textContent()).toBe("This item does not exist, or is not yours to open.");
    await page.getByRole("button", { name: "Bahasa Indonesia" }).click();
    await expect.poll(() => page.locator("#nf-h").textContent(), WAIT).toBe("Tidak ditemukan");
    // The way back is the list last open in this tab, with its filter.
    await page.locator("#back").click();
    await page.waitForURL(`${base}${PAGES.referrals}?status=in_review`);
  });

  it("gives a TKSK's new-referral form to the TKSK only", async () => {
    await page.context().clearCookies();
    await signInAs(page, base, "kec.ancalong", PAGES.newReferral);
    await page.waitForURL(`${base}${PAGES.newReferral}`);
    await page.getByText("Halaman ini bukan untuk peran Anda.").waitFor();
    expect(await page.locator("#ref-form").count()).toBe(0);
  });

  it("logged no script errors and no Content-Security-Policy refusals", () => {
    expect(problems).toEqual([]);
  });
});
