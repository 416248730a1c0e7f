import { once } from "node:events";
import { serve } from "@hono/node-server";
import { freePort } from "@rujuk/dynamodb-local";
import { type Page, chromium } from "playwright-core";

/**
 * The app served over real HTTP on loopback and Debian's Chromium (headless, offline, no first-run traffic) on a
 * 360px-wide phone screen set to Indonesian. `problems` collects page errors and console errors other than the
 * "Failed to load resource" line a browser logs for every HTTP error the app answers on purpose.
 */
export async function phoneBrowser(
  app: { fetch: (request: Request) => Response | Promise<Response> },
  timeout: number,
) {
  const port = await freePort();
  const server = serve({ fetch: app.fetch, port, hostname: "127.0.0.1" });
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
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "id-ID" });
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
    close: async () => {
      await browser.close();
      await new Promise((done) => server.close(done));
    },
  };
}
