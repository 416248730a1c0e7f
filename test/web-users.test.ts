import { LEVEL_LABELS, ROLE_LABELS } from "@rujuk/core/labels";
import { PAGES, PASSWORD_PAGE } from "@rujuk/core/pages";
import { ROLES, placeableIn } from "@rujuk/core/role";
import { TEXT } from "@rujuk/core/text";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "./support/app.ts";
import { SCREENS, fitsWidth, phoneBrowser, signInAs } from "./support/browser.ts";

// The admin's accounts page (/admin/pengguna) in Debian's Chromium, on a 360px phone and a 1280px laptop: admin.kutim
// (64.08) lists, creates, disables and resets accounts of Kutai Timur, and each change is tried by signing in as the
// account in a browser of its own.
let t: Awaited<ReturnType<typeof testApp>>;
let names: Map<string, string>;
// scrypt sign-ins and DynamoDB Local writes take a moment; actions and polls wait up to this long.
const WAIT = { timeout: 15_000 };

beforeAll(async () => {
  t = await testApp();
  const token = await t.tokenFor("admin.kutim");
  const listed = await Promise.all(
    ["", "64", "64.08"].map((parent) => t.call("GET", `/api/regions${parent ? `?parent=${parent}` : ""}`, { token })),
  );
  names = new Map(
    listed.flatMap((r) => r.json.map((region: { code: string; name: string }) => [region.code, region.name])),
  );
});

afterAll(async () => {
  await t?.close();
});

describe.each([
  ["phone", SCREENS.phone],
  ["laptop", SCREENS.laptop],
] as const)("the accounts page on a %s", (screenName, screen) => {
  let page: Page;
  let base: string;
  let problems: string[] = [];
  let close: (() => Promise<void>) | undefined;
  const others: BrowserContext[] = [];
  // Each screen makes its own accounts and resets its own demo account: both run over one table.
  const created = `tksk.baru-${screenName}`;
  const initial = `awal-${screenName}-12345`;
  const resetOf = screenName === "phone" ? "tksk.ancalong" : "kec.ancalong";

  beforeAll(async () => {
    ({ base, page, problems, close } = await phoneBrowser(t.app, WAIT.timeout, screen));
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: base });
    await signInAs(page, base, "admin.kutim");
    await page.waitForURL(`${base}${PAGES.users}`);
  });

  afterAll(async () => {
    for (const context of others) await context.close();
    await close?.();
  });

  const row = (username: string) => page.locator(`#accounts li[data-username="${username}"]`);

  /** Signs in as `username` in a browser context of its own (no cookie, no storage of the admin's), on /masuk. */
  async function freshSignIn(username: string, password: string): Promise<Page> {
    const context = await page.context().browser()!.newContext({ viewport: screen, locale: "id-ID" });
    others.push(context);
    const other = await context.newPage();
    other.setDefaultTimeout(WAIT.timeout);
    other.on("pageerror", (error) => problems.push(`pageerror (${username}): ${error.message}`));
    other.on("console", (message) => {
      if (message.type() === "error" && !message.text().startsWith("Failed to load resource"))
        problems.push(`console (${username}): ${message.text()}`);
    });
    await other.goto(`${base}${PAGES.signIn}`);
    await other.locator("#username").fill(username);
    await other.locator("#password").fill(password);
    await other.locator("#login-btn").click();
    return other;
  }

  async function refused(other: Page) {
    await expect.poll(() => other.locator("#login-alert").textContent(), WAIT).not.toBe("");
    expect(new URL(other.url()).pathname).toBe(PAGES.signIn);
  }

  it("lists the accounts of the admin's region: name, username, role, region by name, state", async () => {
    await row("kab.kutim").waitFor();
    const kab = row("kab.kutim");
    expect(await kab.locator("strong").textContent()).toBe("Dewi Lestari");
    expect(await kab.locator(".username").textContent()).toBe("kab.kutim");
    expect(await kab.locator(".role").textContent()).toBe(ROLE_LABELS.kabupaten.id);
    await expect.poll(() => kab.locator(".where").textContent(), WAIT).toContain(names.get("64.08"));
    await expect
      .poll(() => row("tksk.ancalong").locator(".where").textContent(), WAIT)
      .toContain(names.get("64.08.01"));
    const usernames = await page
      .locator("#accounts li")
      .evaluateAll((items) => items.map((li) => li.getAttribute("data-username")));
    expect(usernames).toEqual(expect.arrayContaining(["kab.kutim", "kec.ancalong", "auditor.kutim", "admin.kutim"]));
    for (const outside of ["kab.samarinda", "tksk.palaran", "prov.kaltim", "admin.kaltim"])
      expect(usernames).not.toContain(outside);
    // The admin's own account: marked, and nothing to do to it here.
    expect(await row("admin.kutim").locator(".badge").first().textContent()).toContain("Anda");
    expect(await row("admin.kutim").locator("button").count()).toBe(0);
    expect(await row("kab.kutim").locator(".disabled, .must-change").count()).toBe(0);
  });

  it("offers only the roles and regions inside the admin's region, by name; the API refuses one outside", async () => {
    const roles = await page.locator("#role option").evaluateAll((options) => options.map((o) => o.textContent));
    expect(roles).toEqual(ROLES.filter((role) => placeableIn(role, "64.08")).map((role) => ROLE_LABELS[role].id));
    expect(roles).not.toContain(ROLE_LABELS.provinsi.id);

    // A TKSK sits in a kecamatan: the picker lists Kutai Timur's, by name, and nothing else.
    const kecamatan = page.locator("#region-kecamatan");
    await expect.poll(() => kecamatan.isEnabled(), WAIT).toBe(true);
    expect(await page.locator("label[for=region-kecamatan]").textContent()).toBe(LEVEL_LABELS.kecamatan.id);
    const offered = await kecamatan
      .locator("option")
      .evaluateAll((options) => options.map((o) => [o.getAttribute("value"), o.textContent]));
    expect(offered[0]![0]).toBe("");
    expect(offered.length).toBeGreaterThan(5);
    for (const [code, name] of offered.slice(1)) {
      expect(code!.startsWith("64.08.")).toBe(true);
      expect(name).toBe(names.get(code));
    }

    // A kabupaten official can only sit in the admin's own kabupaten; an auditor may cover all of it.
    await page.locator("#role").selectOption("kabupaten");
    await expect.poll(() => page.locator("#region-fixed").textContent(), WAIT).toBe(names.get("64.08"));
    expect(await page.locator(".region-picker select").count()).toBe(0);
    await page.locator("#role").selectOption("auditor");
    await expect
      .poll(() => page.locator("#region-kecamatan option").first().textContent(), WAIT)
      .toBe(`Seluruh ${names.get("64.08")}`);
    await page.locator("#role").selectOption("tksk");

    // Asked directly with the admin's session, the API refuses a region outside 64.08.
    const status = await page.evaluate(async () => {
      const res = await fetch("/api/admin/users", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          username: "tksk.luar",
          name: "Di Luar",
          role: "tksk",
          regionCode: "64.72.01",
          password: "cukup-panjang-123",
        }),
      });
      return res.status;
    });
    expect(status).toBe(403);
  });

  it("shows the API's field errors under their fields", async () => {
    await page.locator("#username").fill("Bukan Valid!");
    await page.locator("#name").fill("Petugas Salah");
    await page.locator("#password").fill(initial);
    await page.locator("#account-create").click();
    await expect.poll(() => page.locator("#username-err").textContent(), WAIT).toBe(TEXT.usernameFormat.id);
    expect(await page.locator("#username").getAttribute("aria-invalid")).toBe("true");
    // No kecamatan chosen: the region is the kabupaten, the wrong level for a TKSK.
    expect(await page.locator("#region-err").textContent()).toBe(TEXT.regionWrongLevel.id);
    expect(await page.locator("#name-err").textContent()).toBe("");
    expect(await page.locator("#account-notice").textContent()).toContain("Periksa kembali");
    // The first marked field has the focus (`:focus` matches only it), so a phone scrolls to it.
    expect(await page.locator("#account-form [aria-invalid=true]").first().getAttribute("id")).toBe(
      await page.locator(":focus").getAttribute("id"),
    );
    expect(await row("bukan valid!").count()).toBe(0);
  });

  it("creates a TKSK in a kecamatan of 64.08, who signs in to choose their own password first", async () => {
    await page.locator("#username").fill(created);
    await page.locator("#name").fill(`Petugas Baru ${screenName}`);
    await page.locator("#region-kecamatan").selectOption({ label: names.get("64.08.02")! });
    await page.locator("#email").fill(`${created}@rujuk.test`);
    await page.locator("#password").fill(initial);
    await page.locator("#account-create").click();
    const notice = page.locator("#account-notice");
    await expect.poll(() => notice.textContent(), WAIT).toContain(`Akun ${created}`);
    expect(await notice.textContent()).toContain("harus memilih kata sandinya sendiri");
    expect(await notice.getAttribute("class")).toBe("ok");
    expect(await page.locator("#username-err").textContent()).toBe("");
    expect(await page.locator("#username").inputValue()).toBe("");
    // The new account heads the list: a TKSK of Wahau, who must still change the password.
    await row(created).waitFor();
    expect(await page.locator("#accounts li").first().getAttribute("data-username")).toBe(created);
    expect(await row(created).locator(".role").textContent()).toBe(ROLE_LABELS.tksk.id);
    await expect.poll(() => row(created).locator(".where").textContent(), WAIT).toContain(names.get("64.08.02"));
    expect(await row(created).locator(".must-change").textContent()).toBe("Harus mengganti kata sandi");

    const other = await freshSignIn(created, initial);
    await other.waitForURL(`${base}${PASSWORD_PAGE}`);
  });

  it("disables an account only once asked twice; its sign-in is then refused", async () => {
    const account = row(created);
    await account.locator("button.disable").click();
    expect(await account.locator(".confirm").textContent()).toContain(`Nonaktifkan akun ${created}?`);
    await account.locator("button.no").click();
    expect(await account.locator(".confirm").count()).toBe(0);
    expect(await account.locator(".disabled").count()).toBe(0);

    await account.locator("button.disable").click();
    await account.screenshot({ path: `/tmp/rujuk-users-${screenName}-confirm.png` });
    await account.locator("button.yes").click();
    await expect.poll(() => account.locator(".disabled").textContent(), WAIT).toBe("Nonaktif");
    expect(await account.locator("button").count()).toBe(0);
    await refused(await freshSignIn(created, initial));
    // The list agrees after a reload: the server has it disabled.
    await page.reload();
    await expect.poll(() => row(created).locator(".disabled").count(), WAIT).toBe(1);
  });

  it("resets a password: the one-time password is shown once, copies, and signs in once", async () => {
    const account = row(resetOf);
    await account.locator("button.reset").click();
    expect(await account.locator(".confirm").textContent()).toContain(resetOf);
    await account.locator("button.yes").click();
    const code = account.locator(".otp code");
    await code.waitFor();
    const oneTime = (await code.textContent())!;
    expect(oneTime).toMatch(/^[2-9a-hjkmnp-z]{4}(-[2-9a-hjkmnp-z]{4}){3}$/);
    expect(await account.locator(".otp-box").textContent()).toContain("harus menggantinya saat masuk berikutnya");
    expect(await account.locator(".must-change").count()).toBe(1);
    await account.locator("button.copy").click();
    await expect.poll(() => account.locator(".otp-box .ok").textContent(), WAIT).toBe("Tersalin.");
    expect(await page.evaluate("navigator.clipboard.readText()")).toBe(oneTime);
    await account.screenshot({ path: `/tmp/rujuk-users-${screenName}-one-time.png` });

    // The old password is over; the one-time one leads to choosing a new one, and then is over too.
    await refused(await freshSignIn(resetOf, `demo-${resetOf}`));
    const owner = await freshSignIn(resetOf, oneTime);
    await owner.waitForURL(`${base}${PASSWORD_PAGE}`);
    await owner.locator("#pw-current").fill(oneTime);
    await owner.locator("#pw-new").fill(`pilihan-sendiri-${screenName}`);
    await owner.locator("#pw-again").fill(`pilihan-sendiri-${screenName}`);
    await owner.locator("#pw-send").click();
    await expect.poll(() => owner.locator("#pw-ok").textContent(), WAIT).toContain("Kata sandi sudah diganti");
    await refused(await freshSignIn(resetOf, oneTime));

    // Closed, it is gone from the page, and a reload does not bring it back.
    await account.locator("button.done").click();
    expect(await page.locator("#accounts").textContent()).not.toContain(oneTime);
    await page.reload();
    await row(resetOf).waitFor();
    expect(await page.content()).not.toContain(oneTime);
  });

  it(`fits the ${screenName}: nothing wider than the screen; on a laptop the form sits beside the list`, async () => {
    expect(await fitsWidth(page)).toBe(true);
    const list = (await page.locator(".users-list").boundingBox())!;
    const form = (await page.locator(".users-new").boundingBox())!;
    if (screenName === "laptop") {
      expect(form.x).toBeGreaterThan(list.x + list.width - 1);
      expect(Math.abs(form.y - list.y)).toBeLessThan(2);
    } else {
      expect(form.y).toBeGreaterThan(list.y + list.height - 1);
    }
    await page.screenshot({ path: `/tmp/rujuk-users-${screenName}.png`, fullPage: true });
  });

  it("speaks English when chosen, and only English", async () => {
    await page.getByRole("button", { name: "English" }).click();
    await expect.poll(() => page.locator("#account-new-h").textContent(), WAIT).toBe("New account");
    const roles = await page.locator("#role option").evaluateAll((options) => options.map((o) => o.textContent));
    expect(roles).toEqual(ROLES.filter((role) => placeableIn(role, "64.08")).map((role) => ROLE_LABELS[role].en));
    await expect.poll(() => row(created).locator(".disabled").textContent(), WAIT).toBe("Disabled");
    expect(await page.locator("#username").getAttribute("aria-describedby")).toBe("username-err");
    expect(await page.locator(".users").textContent()).not.toMatch(/Akun|Nonaktif|kata sandi/);
    await page.getByRole("button", { name: "Bahasa Indonesia" }).click();
    await expect.poll(() => page.locator("#account-new-h").textContent(), WAIT).toBe("Akun baru");
  });

  it("logs no error in the console", () => {
    expect(problems).toEqual([]);
  });
});
