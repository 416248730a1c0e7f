import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "./support/app.ts";
import { phoneBrowser } from "./support/browser.ts";

// The service worker (/sw.js) in Debian's Chromium on a phone: once a page has been opened, the app opens again with
// the server gone, as on a kecamatan's dead signal, and comes back to the network when it returns.
let t: Awaited<ReturnType<typeof testApp>>;
let browser: Awaited<ReturnType<typeof phoneBrowser>>;
let page: Page;

beforeAll(async () => {
  t = await testApp();
  browser = await phoneBrowser(t.app, 10_000);
  page = browser.page;
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** What these tests use of the page's globals (their own TypeScript has no DOM). */
interface Browser {
  navigator: { serviceWorker: { controller: object | null } };
  caches: { keys(): Promise<string[]>; open(name: string): Promise<{ keys(): Promise<{ url: string }[]> }> };
}

/** Waits until the page is controlled by the active service worker (it claims its pages when it activates). */
async function controlled(page: Page) {
  await page.waitForFunction(() => (globalThis as unknown as Browser).navigator.serviceWorker.controller !== null);
}

describe("the app without a connection", () => {
  it("installs its worker on the first page and takes the page over", async () => {
    await page.goto(`${browser.base}/masuk`);
    await controlled(page);
    const cached = await page.evaluate(async () => {
      const { caches } = globalThis as unknown as Browser;
      const release = (await caches.keys()).find((key) => key !== "rujuk-reference")!;
      return (await (await caches.open(release)).keys()).map((request) => new URL(request.url).pathname);
    });
    expect(cached).toEqual(expect.arrayContaining(["/masuk", "/app.css", "/js/sign-in.js"]));
  });

  it("opens a page again from its cache with the server gone, and from the network once it is back", async () => {
    await browser.serverDown();
    await page.reload();
    await expect.poll(() => page.locator("#login-h").textContent()).toBe("Masuk");
    expect(await page.locator("#login-btn").isEnabled()).toBe(true);
    // Signing in needs the server: the page says the connection failed, in the page's language.
    await page.locator("#username").fill("tksk.ancalong");
    await page.locator("#password").fill("demo-tksk.ancalong");
    await page.locator("#login-btn").click();
    await expect.poll(() => page.locator("#login-alert").textContent()).toContain("Koneksi gagal");
    await browser.serverUp();
    await page.locator("#password").fill("demo-tksk.ancalong");
    await page.locator("#login-btn").click();
    await page.waitForURL(`${browser.base}/rujukan`);
  });

  it("serves the worker with the release's pages and never caches it for good", async () => {
    const answer = await t.app.request("/sw.js");
    expect(answer.headers.get("cache-control")).toBe("no-cache");
    const text = await answer.text();
    expect(text).toMatch(/^var RUJUK_MANIFEST = \{/);
    expect(text).toContain('"/masuk"');
  });

  it("logs no error in the console", () => {
    expect(browser.problems).toEqual([]);
  });
});
