import type { Page, Route } from "playwright-core";
import { TEXT } from "@rujuk/core/text";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "./support/app.ts";
import { phoneBrowser } from "./support/browser.ts";

// A one-time password in a real browser (Debian's Chromium) on a 360px-wide phone: an account an admin creates can
// only choose its own password first, on /kata-sandi, and then works as any other.
let t: Awaited<ReturnType<typeof testApp>>;
let closeBrowser: (() => Promise<void>) | undefined;
let page: Page;
let base: string;
let problems: string[] = [];
// scrypt sign-ins and DynamoDB Local writes take a moment; actions and polls wait up to this long.
const WAIT = { timeout: 10_000 };
const ONE_TIME = "dibuat-oleh-admin";
const CHOSEN = "pilihan-saya-sendiri";
/** Every page the browser loaded, by path, in order. */
const visited: string[] = [];
let changes = 0;
/** API calls other than the few a one-time password allows: the page should not make them before the change. */
const BEFORE_CHANGE = new Set(["/api/auth/login", "/api/auth/logout", "/api/me", "/api/me/password"]);
const refused: string[] = [];

beforeAll(async () => {
  t = await testApp();
  ({ base, page, problems, close: closeBrowser } = await phoneBrowser(t.app, WAIT.timeout));
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) visited.push(new URL(frame.url()).pathname);
  });
  page.on("request", (request) => {
    const path = new URL(request.url()).pathname;
    if (request.method() === "POST" && path === "/api/me/password") changes++;
    if (path.startsWith("/api/") && !BEFORE_CHANGE.has(path)) refused.push(path);
  });
  const admin = await t.tokenFor("admin.kutim");
  const created = await t.call("POST", "/api/admin/users", {
    token: admin,
    body: {
      username: "tksk.wahau",
      name: "Petugas Wahau",
      role: "tksk",
      regionCode: "64.08.02",
      email: "wahau@rujuk.test",
      password: ONE_TIME,
    },
  });
  expect(created.status).toBe(201);
});

afterAll(async () => {
  await closeBrowser?.();
  await t?.close();
});

async function signIn(password: string) {
  await page.getByLabel("Nama pengguna").fill("tksk.wahau");
  await page.getByLabel("Kata sandi").fill(password);
  await page.locator("#login-btn").click();
}

/** The id of the element that has the focus (only `:focus` matches it). */
async function focused() {
  return page.locator(":focus").getAttribute("id");
}

async function onPasswordPage() {
  await page.waitForURL(`${base}/kata-sandi`);
  await page.locator("#pw").waitFor();
}

describe("a password someone else set, in the browser", () => {
  it("sends the new account from sign-in to /kata-sandi, saying why", async () => {
    await page.goto(base);
    await signIn(ONE_TIME);
    await onPasswordPage();
    expect(await page.locator("#pw-once").isVisible()).toBe(true);
    expect(await page.locator("#pw-back").isHidden()).toBe(true);
    expect(await page.locator("#pw-username").inputValue()).toBe("tksk.wahau");
    await expect.poll(() => focused(), WAIT).toBe("pw-current");
    expect(refused).toEqual([]);
  });

  it("goes there again from the home page while the password is unchanged", async () => {
    await page.goto(base);
    await onPasswordPage();
    expect(visited.slice(-2)).toEqual(["/", "/kata-sandi"]);
    expect(refused).toEqual([]);
  });

  it("goes there on the API's 403 too, when neither sign-in nor the page's first look said so", async () => {
    await page.locator("#pw-logout").click();
    await page.waitForURL(`${base}/masuk`);
    await page.locator("#login-form").waitFor();
    // Answers without the flag: the page finds out from the first route the API refuses, and asks again.
    let firstLook = true;
    const unflagged = async (route: Route) => {
      const response = await route.fetch();
      const body = await response.json();
      const isMe = new URL(route.request().url()).pathname === "/api/me";
      if (isMe && !firstLook) return route.fulfill({ response });
      if (isMe) firstLook = false;
      delete (isMe ? body : body.user).mustChangePassword;
      await route.fulfill({ response, json: body });
    };
    await page.route("**/api/auth/login", unflagged);
    await page.route("**/api/me", unflagged);
    await signIn(ONE_TIME);
    await onPasswordPage();
    await page.unroute("**/api/auth/login");
    await page.unroute("**/api/me");
    expect(refused.length).toBeGreaterThan(0);
  });

  it("says next to the field when the two new entries differ, without asking the API", async () => {
    await page.locator("#pw-current").fill(ONE_TIME);
    await page.locator("#pw-new").fill(CHOSEN);
    await page.locator("#pw-again").fill(`${CHOSEN}!`);
    await page.locator("#pw-send").click();
    const error = page.locator("#pw-again-err");
    await expect.poll(() => error.textContent(), WAIT).toBe("Kedua kata sandi baru tidak sama. Ketik ulang.");
    expect(await page.locator("#pw-again").getAttribute("aria-invalid")).toBe("true");
    expect(await focused()).toBe("pw-again");
    expect(changes).toBe(0);
  });

  it("shows core's length rule under the new password when it is too short", async () => {
    await page.locator("#pw-new").fill("pendek");
    await page.locator("#pw-again").fill("pendek");
    await page.locator("#pw-send").click();
    const error = page.locator("#pw-new-err");
    await expect.poll(() => error.textContent(), WAIT).toBe(TEXT.passwordWeak.id);
    expect(await page.locator("#pw-new").getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator("#pw-again").getAttribute("aria-invalid")).toBeNull();
    expect(await page.locator("#pw-again-err").textContent()).toBe("");
    expect(await page.locator("#pw-alert").textContent()).toContain("Periksa kembali");
    expect(changes).toBe(1);
    await page.screenshot({ path: "/tmp/rujuk-password.png", fullPage: true });
  });

  it("takes a good one, says so, and opens the TKSK's home", async () => {
    await page.locator("#pw-new").fill(CHOSEN);
    await page.locator("#pw-again").fill(CHOSEN);
    await page.locator("#pw-send").click();
    await expect.poll(() => page.locator("#pw-ok").textContent(), WAIT).toContain("Kata sandi sudah diganti");
    await page.waitForURL(`${base}/rujukan`);
    await expect.poll(() => page.locator("#who strong").textContent(), WAIT).toBe("Petugas Wahau");
    await expect.poll(() => page.locator("#empty").isVisible(), WAIT).toBe(true);
    expect(await page.locator("#new-link").isVisible()).toBe(true);
    expect(await page.locator("#list-alert").textContent()).toBe("");
    expect(changes).toBe(2);
  });

  it("signs in with the new password straight to the home page", async () => {
    await page.locator("#logout").click();
    await page.locator("#login-form").waitFor();
    const before = visited.length;
    await signIn(CHOSEN);
    await page.waitForURL(`${base}/rujukan`);
    await expect.poll(() => page.locator("#empty").isVisible(), WAIT).toBe(true);
    expect(visited.slice(before)).not.toContain("/kata-sandi");
    expect(new URL(page.url()).pathname).not.toBe("/kata-sandi");
  });

  it("logged nothing to the console", () => {
    expect(problems).toEqual([]);
  });
});
