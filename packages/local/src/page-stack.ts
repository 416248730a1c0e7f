import type { ServerType } from "@hono/node-server";
import { freePort } from "@rujuk/dynamodb-local";
import { createApp } from "@rujuk/functions/app";
import { ACCOUNT_KEY } from "@rujuk/web/lib/account-key";
import type { LocalEndpoint } from "@rujuk/stepfunctions-local";
import { type Browser, type BrowserContext, chromium } from "playwright-core";
import { startBenchStack } from "./bench-stack.ts";
import { withApprovalChain } from "./chain-stack.ts";
import { DEMO_ACCOUNTS } from "./demo-accounts.ts";
import { listen } from "./listen.ts";
import { serveApp } from "./serve-app.ts";

/**
 * What the page benchmark (bench-pages.ts) and the README's screenshots (screenshots.ts) both open pages in: the real
 * app as `npm start` serves it, with the real approval chain, over HTTP on a loopback port of its own (its own
 * in-memory DynamoDB Local, so a running `npm start` is never touched), and Debian's Chromium.
 */

/** The screens the pages are made for: a small phone, and an official's laptop. */
export const SCREENS = {
  phone: { width: 360, height: 740 },
  laptop: { width: 1280, height: 800 },
} as const;

export interface PageStack {
  base: string;
  /** The local Step Functions endpoint: `chain.engine.settled()` waits until every execution waits for someone. */
  chain: LocalEndpoint;
  close: () => Promise<void>;
}

export async function startPageStack(tableName: string): Promise<PageStack> {
  const { dynamo, deps } = await startBenchStack(tableName);
  let chain: LocalEndpoint | undefined;
  let server: ServerType | undefined;
  const close = async () => {
    const closing = server;
    if (closing) await new Promise<void>((done) => closing.close(() => done()));
    await chain?.close();
    await dynamo.stop();
  };
  try {
    const wired = await withApprovalChain(deps, { dynamoEndpoint: dynamo.endpoint, port: await freePort() });
    chain = wired.endpoint;
    const port = await freePort();
    server = serveApp(createApp(wired.deps), { port, hostname: "127.0.0.1" });
    await listen(server);
    return { base: `http://127.0.0.1:${port}`, chain, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Headless and quiet: no first-run or background traffic beside the page's own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
  });
}

/** A signed-in account's cookies and what the sign-in page keeps in the browser, for a fresh context. */
export type Session = Awaited<ReturnType<BrowserContext["storageState"]>>;

/**
 * Each demo account signed in once, as its browser would then be: the session cookie, and the account the sign-in
 * page remembers (which `/` opens the home page of). A fresh context starts with it.
 */
export async function sessions(browser: Browser, base: string, accounts: string[]): Promise<Map<string, Session>> {
  const states = new Map<string, Session>();
  for (const username of new Set(accounts)) {
    const context = await browser.newContext();
    const res = await context.request.post(`${base}/api/auth/login`, {
      data: { username, password: demoAccount(username).password },
    });
    if (!res.ok()) throw new Error(`sign-in of ${username}: ${res.status()} ${await res.text()}`);
    const { user } = (await res.json()) as { user: unknown };
    const remembered = { origin: base, localStorage: [{ name: ACCOUNT_KEY, value: JSON.stringify(user) }] };
    states.set(username, { ...(await context.storageState()), origins: [remembered] });
    await context.close();
  }
  return states;
}

function demoAccount(username: string) {
  const account = DEMO_ACCOUNTS.find((a) => a.username === username);
  if (!account) throw new Error(`${username} is not a demo account`);
  return account;
}

/** A call to the API as one account; its JSON answer (an empty object for a 204). */
export type ApiAs = (method: "GET" | "POST" | "PUT", path: string, body?: unknown) => Promise<Record<string, unknown>>;

/**
 * The API as a demo account, as an integration calls it (a bearer token), for filing and deciding the data a page
 * shows. Any answer but a success throws, naming the call: data that did not go in would only show as a wrong page.
 */
export async function apiAs(base: string, username: string): Promise<ApiAs> {
  const call = async (method: string, path: string, body: unknown, token?: string) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`${username}: ${method} ${path} answered ${res.status} ${await res.text()}`);
    return res.status === 204 ? {} : ((await res.json()) as Record<string, unknown>);
  };
  const { token } = await call("POST", "/api/auth/login", {
    username,
    password: demoAccount(username).password,
  });
  if (typeof token !== "string") throw new Error(`sign-in of ${username} gave no token`);
  return (method, path, body) => call(method, path, body, token);
}
