import { HOME_PAGE } from "@rujuk/core/pages";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "./support/app.ts";
import { phoneBrowser, signInAs } from "./support/browser.ts";

// The sign-in page (/masuk) and the header every typed page shares, in Debian's Chromium on a 360px phone.
let t: Awaited<ReturnType<typeof testApp>>;
let close: (() => Promise<void>) | undefined;
let page: Page;
let base: string;
let problems: string[] = [];

beforeAll(async () => {
  t = await testApp();
  ({ base, page, problems, close } = await phoneBrowser(t.app, 10_000));
});

afterAll(async () => {
  await close?.();
  await t?.close();
});

describe("signing in", () => {
  it("says what is missing, then what the API answered, and keeps the user on the form", async () => {
    await page.goto(`${base}/masuk`);
    await page.locator("#login-btn").click();
    await expect.poll(() => page.locator("#login-alert").textContent()).toBe("Isi nama pengguna dan kata sandi.");
    await page.locator("#username").fill("tksk.ancalong");
    await page.locator("#password").fill("salah-sandi-nya");
    await page.locator("#login-btn").click();
    await expect.poll(() => page.locator("#login-alert").textContent()).toContain("salah");
    expect(new URL(page.url()).pathname).toBe("/masuk");
    expect(await page.locator("#password").inputValue()).toBe("");
  });

  it("opens the page that sent the user here, and only a page of this site", async () => {
    await signInAs(page, base, "auditor.kutim", "/pemberitahuan?x=1");
    await page.waitForURL(`${base}/pemberitahuan?x=1`);
    await signInAs(page, base, "auditor.kutim", "//evil.example/");
    await page.waitForURL(`${base}${HOME_PAGE.auditor}`);
  });

  it("sends someone already signed in on at once, from /masuk and from / on a browser that forgot whose it is", async () => {
    await signInAs(page, base, "kec.ancalong");
    await page.waitForURL(`${base}${HOME_PAGE.kecamatan}`);
    await page.goto(`${base}/masuk`);
    await page.waitForURL(`${base}${HOME_PAGE.kecamatan}`);
    await page.evaluate("localStorage.clear()");
    await page.goto(`${base}/`);
    await page.waitForURL(`${base}${HOME_PAGE.kecamatan}`);
    // An account kept by an older release (or by hand) that names no role: not trusted, and still home.
    await page.evaluate(`localStorage.setItem("rujuk.me", '{"id":"x","role":"ghost"}')`);
    await page.goto(`${base}/`);
    await page.waitForURL(`${base}${HOME_PAGE.kecamatan}`);
  });

  it("remembers English when chosen, on this page and the next", async () => {
    // Off the signed-in page first, so its script, finding the session gone, does not navigate at the same time.
    await page.goto("about:blank");
    await page.context().clearCookies();
    await page.goto(`${base}/masuk`);
    await page.getByRole("button", { name: "English" }).click();
    await expect.poll(() => page.locator("#login-h").textContent()).toBe("Sign in");
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await page.reload();
    await expect.poll(() => page.locator("#login-btn").textContent()).toBe("Sign in");
    await page.getByRole("button", { name: "Bahasa Indonesia" }).click();
    await expect.poll(() => page.locator("#login-h").textContent()).toBe("Masuk");
  });

  it("logs no error in the console", () => {
    expect(problems).toEqual([]);
  });
});
