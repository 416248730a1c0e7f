import { once } from "node:events";
import { serve } from "@hono/node-server";
import { freePort } from "@rujuk/dynamodb-local";
import { type Page, chromium } from "playwright-core";

/** Stops listening and drops the connections a browser keeps open, so nothing answers it any more. */
async function stop(server: ReturnType<typeof serve>): Promise<void> {
  const closed = new Promise((done) => server.close(done));
  if ("closeAllConnections" in server) server.closeAllConnections();
  await closed;
}

/** The screens the pages are tried on: a small phone, and an official's laptop. */
export const SCREENS = {
  phone: { width: 360, height: 740 },
  laptop: { width: 1280, height: 800 },
} as const;

/**
 * The app served over real HTTP on loopback and Debian's Chromium (headless, offline, no first-run traffic) on a
 * 360px-wide phone screen (or `screen`) set to Indonesian. `problems` collects page errors and console errors other than the
 * "Failed to load resource" line a browser logs for every HTTP error the app answers on purpose.
 */
export async function phoneBrowser(
  app: { fetch: (request: Request) => Response | Promise<Response> },
  timeout: number,
  screen: { width: number; height: number } = SCREENS.phone,
) {
  const port = await freePort();
  let server = serve({ fetch: app.fetch, port, hostname: "127.0.0.1" });
  await once(server, "listening");
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const context = await browser.newContext({ viewport: screen, locale: "id-ID" });
  const page: Page = await context.newPage();
  page.setDefaultTimeout(timeout);
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource"))
      problems.push(`console: ${message.text()}`);
  });
  return {
    base: `http://127.0.0.1:${port}`,
    page,
    problems,
    /**
     * The server goes away, as a phone's connection does: the browser's requests (its service worker's too, which
     * the browser's own offline switch does not reach) find nothing listening.
     */
    serverDown: () => stop(server),
    /** The server back on the same port. */
    serverUp: async () => {
      server = serve({ fetch: app.fetch, port, hostname: "127.0.0.1" });
      await once(server, "listening");
    },
    close: async () => {
      await browser.close();
      if (server.listening) await stop(server);
    },
  };
}

/** Signs in afresh on the sign-in page as a demo account (password `demo-<username>`), from wherever the page is. */
export async function signInAs(page: Page, base: string, username: string, next?: string) {
  // Whoever was signed in is not any more: sign-in sends a signed-in browser straight on. Off the page first, so
  // its script, finding the session gone, does not navigate to sign-in at the same time as this does.
  await page.goto("about:blank");
  await page.context().clearCookies();
  await page.goto(`${base}/masuk${next ? `?lanjut=${encodeURIComponent(next)}` : ""}`);
  await page.locator("#username").fill(username);
  await page.locator("#password").fill(`demo-${username}`);
  await page.locator("#login-btn").click();
}

/** The page fits its screen's width: nothing to scroll sideways. */
export async function fitsWidth(page: Page) {
  // A string, evaluated as the page's own code: the tests' TypeScript has no DOM.
  const scroll = await page.evaluate<number>("document.documentElement.scrollWidth");
  const width = page.viewportSize()?.width ?? Infinity;
  return scroll <= width;
}
