import { PAGES } from "@rujuk/core/pages";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { referralBody, testApp } from "./support/app.ts";
import { SCREENS, phoneBrowser, signInAs } from "./support/browser.ts";

// A returned referral corrected by its TKSK and approved, over the real approval chain: the kecamatan approves and
// the kabupaten returns it (through the API), the TKSK sees the note beside the prefilled form on a 360px phone,
// corrects it (the draft surviving a reload) and sends it back; the kabupaten approves it on its laptop with the
// decision panel, and the province through the API.
let t: Awaited<ReturnType<typeof testApp>>;
let phone: Awaited<ReturnType<typeof phoneBrowser>>;
let laptop: Awaited<ReturnType<typeof phoneBrowser>>;
let page: Page;
const WAIT = { timeout: 15_000 };
const NOTE = "Alamat kurang lengkap: tulis RT/RW dan nama dusun.";

let id: string;

beforeAll(async () => {
  t = await testApp({}, { chain: true });
  phone = await phoneBrowser(t.app, WAIT.timeout);
  laptop = await phoneBrowser(t.app, WAIT.timeout, SCREENS.laptop);
  page = phone.page;
  const filed = await t.call("POST", "/api/referrals", {
    token: await t.tokenFor("tksk.ancalong"),
    body: referralBody(),
  });
  expect(filed.status, filed.text).toBe(201);
  id = filed.json.id;
  await t.settle();
  await decide("kec.ancalong", { decision: "approve" });
  await decide("kab.kutim", { decision: "return", comment: NOTE });
});

afterAll(async () => {
  await phone?.close();
  await laptop?.close();
  await t?.close();
});

async function decide(username: string, body: { decision: string; comment?: string }) {
  const res = await t.call("POST", `/api/referrals/${id}/decisions`, { token: await t.tokenFor(username), body });
  expect(res.status, res.text).toBe(200);
  await t.settle();
}

async function stored() {
  const res = await t.call("GET", `/api/referrals/${id}`, { token: await t.tokenFor("tksk.ancalong") });
  expect(res.status).toBe(200);
  return res.json;
}

describe("web UI: a returned referral corrected and approved", () => {
  it("lists the returned referral with the official's note", async () => {
    expect((await stored()).status).toBe("returned");
    await signInAs(page, phone.base, "tksk.ancalong", `${PAGES.referrals}?status=returned`);
    const row = page.locator(`#items li[data-id="${id}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain("Dikembalikan");
    expect(await row.textContent()).toContain(`Catatan Kabupaten/kota: ${NOTE}`);
  });

  it("shows the note beside a form holding the referral's fields, and keeps the changes through a reload", async () => {
    await page.locator(`#items li[data-id="${id}"] a`).click();
    await page.waitForURL(`${phone.base}/rujukan/${id}`);
    await page.locator("#fix-form").waitFor();
    expect(await page.locator("#return-note").textContent()).toContain(NOTE);
    expect(await page.locator("#return-note").textContent()).toContain("Dewi Lestari");
    expect(await page.getByLabel("NIK").inputValue()).toBe("6408014507800001");
    expect(await page.getByLabel("Nama lengkap").inputValue()).toBe("Sarni");
    await expect.poll(() => page.getByLabel("Desa/kelurahan").inputValue(), WAIT).toBe("64.08.01.2001");
    await expect.poll(() => page.getByLabel("Kategori PPKS").inputValue(), WAIT).toBe("LUT");
    expect(await page.getByLabel("setuju untuk dirujuk").isChecked()).toBe(true);

    await page.getByLabel("Alamat").fill("RT 02 RW 01, Dusun Sido Makmur, Desa Senyiur");
    await page.reload();
    await page.locator("#fix-form").waitFor();
    await page.locator("#draft-note").waitFor();
    expect(await page.getByLabel("Alamat").inputValue()).toBe("RT 02 RW 01, Dusun Sido Makmur, Desa Senyiur");
    expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(360);
  });

  it("shows the API's field errors under their fields, and sends the corrected referral back", async () => {
    await page.getByLabel("Nama lengkap").fill("");
    await page.locator("#resubmit").click();
    await expect.poll(() => page.locator("#name-err").textContent(), WAIT).not.toBe("");
    expect(await page.getByLabel("Nama lengkap").getAttribute("aria-invalid")).toBe("true");
    expect((await stored()).status).toBe("returned");

    await page.getByLabel("Nama lengkap").fill("Sarni");
    await page.locator("#resubmit").click();
    await expect
      .poll(() => page.locator("#item-ok").textContent(), WAIT)
      .toBe("Rujukan diperbaiki dan dikirim ulang ke tingkat Kabupaten/kota.");
    await t.settle();
    const item = await stored();
    expect(item).toMatchObject({ status: "in_review", currentLevel: "kabupaten" });
    expect(item.subject.address).toBe("RT 02 RW 01, Dusun Sido Makmur, Desa Senyiur");
    await page.reload();
    await expect.poll(() => page.locator("#item-status").textContent(), WAIT).toBe("Sedang diperiksa · Kabupaten/kota");
    expect(await page.locator("#fix-form").count()).toBe(0);
    expect(await page.locator("#timeline").textContent()).toContain("Diajukan ulang");
    await page.screenshot({ path: "/tmp/rujuk-referral-resubmitted.png", fullPage: true });
  });

  it("lets the kabupaten official approve it on the item's page after a confirmation, and the province after", async () => {
    const official = laptop.page;
    await signInAs(official, laptop.base, "kab.kutim", `/rujukan/${id}`);
    await official.waitForURL(`${laptop.base}/rujukan/${id}`);
    await official.locator("#decide-approve").click();
    expect(await official.locator("#decide-q").textContent()).toContain("Setujui rujukan ini?");
    await official.locator("#decide-confirm").click();
    await expect.poll(() => official.locator("#item-ok").textContent(), WAIT).toBe("Keputusan tersimpan.");
    await t.settle();
    expect(await stored()).toMatchObject({ status: "in_review", currentLevel: "provinsi" });
    await decide("prov.kaltim", { decision: "approve" });
    expect((await stored()).status).toBe("approved");
    await official.screenshot({ path: "/tmp/rujuk-referral-laptop.png", fullPage: true });
  });

  it("shows the TKSK the approval, every decision with its official's name, and the timeline", async () => {
    await page.reload();
    await expect.poll(() => page.locator("#item-status").textContent(), WAIT).toBe("Disetujui");
    const decisions = await page.locator("#decisions li").allTextContents();
    expect(decisions).toHaveLength(4);
    expect(decisions[0]).toContain("Kecamatan: Disetujui");
    expect(decisions[0]).toContain("Budi Santoso");
    expect(decisions[1]).toContain("Kabupaten/kota: Dikembalikan untuk diperbaiki");
    expect(decisions[1]).toContain(NOTE);
    expect(decisions[2]).toContain("Dewi Lestari");
    expect(decisions[3]).toContain("Provinsi: Disetujui");
    expect(decisions[3]).toContain("Ratna Sari");
    const timeline = await page.locator("#timeline").textContent();
    for (const event of ["Diajukan", "Dikembalikan ke pengaju", "Diajukan ulang", "Disetujui"])
      expect(timeline).toContain(event);
    expect(await page.locator("#withdraw-btn").count()).toBe(0);
    await page.goto(`${phone.base}${PAGES.referrals}`);
    await expect.poll(() => page.locator(`#items li[data-id="${id}"]`).textContent(), WAIT).toContain("Disetujui");
  });

  it("logged no script errors", () => {
    expect(phone.problems).toEqual([]);
    expect(laptop.problems).toEqual([]);
  });
});
