import { Agent, request } from "node:http";
import type { AddressInfo } from "node:net";
import type { ServerType } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../packages/functions/src/app.ts";
import { serveApp } from "../packages/local/src/serve-app.ts";
import { testApp } from "./support/app.ts";

let t: Awaited<ReturnType<typeof testApp>>;
let kec: string;
beforeAll(async () => {
  t = await testApp();
  kec = await t.tokenFor("kec.ancalong");
});
afterAll(() => t.close());

describe("Cache-Control on the API", () => {
  it.each([
    ["GET", "/api/me", true],
    ["GET", "/api/referrals", true],
    ["GET", "/api/inbox", true],
    ["GET", "/api/notifications", true],
    ["GET", "/api/referrals/01J0000000000000000000000A", true],
    ["GET", "/api/me", false],
    ["POST", "/api/auth/login", false],
    ["GET", "/api/no-such-route", true],
  ] as const)("%s %s (signed in: %s) may be kept by no one", async (method, path, signedIn) => {
    const res = await t.call(method, path, {
      ...(signedIn ? { token: kec } : {}),
      ...(method === "POST" ? { body: {} } : {}),
    });
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("leaves reference data cacheable by the browser that asked", async () => {
    const res = await t.call("GET", "/api/regions?parent=64", { token: kec });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("private, max-age=86400");
  });
});

describe("outside local mode", () => {
  it.each(["/api/dev/accounts", "/api/dev/anything", "/api/dev"])("%s does not exist", async (path) => {
    const app = createApp({
      ...t.deps,
      local: false,
      devAccounts: [{ username: "x", password: "y", role: "tksk", regionCode: "64", name: "X" }],
    });
    for (const method of ["GET", "POST"]) {
      const res = await app.request(path, { method });
      expect(res.status).toBe(404);
    }
  });
});

describe("the local server's own refusals", () => {
  let server: ServerType;
  let port: number;
  beforeAll(async () => {
    server = serveApp(t.app, { port: 0, hostname: "127.0.0.1" });
    await new Promise((ready) => server.once("listening", ready));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((done) => server.close(done)));

  it("answers headers over Node's limit with 431 problem+json in both languages, and closes", async () => {
    const res = await new Promise<{ status: number; type: string; connection: string; body: string }>((done, fail) => {
      const req = request(
        { port, host: "127.0.0.1", path: "/api/me", headers: { cookie: `rujuk=${"x".repeat(20_000)}` } },
        (r) => {
          let body = "";
          r.on("data", (chunk: Buffer) => (body += chunk.toString()));
          r.on("end", () =>
            done({ status: r.statusCode!, type: r.headers["content-type"]!, connection: r.headers.connection!, body }),
          );
        },
      );
      req.on("error", fail);
      req.end();
    });
    expect(res).toMatchObject({ status: 431, type: "application/problem+json", connection: "close" });
    expect(JSON.parse(res.body)).toMatchObject({
      status: 431,
      detail: expect.stringContaining("headers are too large"),
      detail_id: expect.stringContaining("terlalu besar"),
    });
  });

  /** One request on `agent`'s single socket: the status the client saw, or the network error it got instead. */
  function send(agent: Agent, method: string, path: string, body?: Buffer) {
    return new Promise<number | string>((done) => {
      const req = request(
        {
          port,
          host: "127.0.0.1",
          path,
          method,
          agent,
          headers: body ? { "content-type": "application/json", "content-length": body.length } : {},
        },
        (res) => {
          res.resume();
          res.on("end", () => done(res.statusCode!));
        },
      );
      req.on("error", (error: NodeJS.ErrnoException) => done(error.code ?? error.message));
      req.end(body);
    });
  }

  it("answers an oversized body with 413 every time, and the same connection then answers the next request", async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const seen: (number | string)[] = [];
    for (const size of [500 * 1024, 800 * 1024, 5 * 1024 * 1024, 500 * 1024, 800 * 1024]) {
      seen.push(await send(agent, "POST", "/api/referrals", Buffer.alloc(size, 32)));
      seen.push(await send(agent, "GET", "/healthz"));
    }
    agent.destroy();
    expect(seen).toEqual([413, 200, 413, 200, 413, 200, 413, 200, 413, 200]);
  });
});
