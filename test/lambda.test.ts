import { randomUUID } from "node:crypto";
import { gunzipSync } from "node:zlib";
import { describe, expect, it, inject } from "vitest";
import { ensureAppTable } from "../packages/local/src/app-deps.ts";
import { httpApiEvent as event } from "./support/lambda-event.ts";

describe("the API Lambda entry point", () => {
  it("refuses to start without its secrets", async () => {
    const { appDepsFromEnv } = await import("../packages/functions/src/lambda/env.ts");
    expect(() => appDepsFromEnv({ RUJUK_TABLE: "t", RUJUK_NIK_KEY: "k" })).toThrow(
      "Missing environment variable(s): RUJUK_AUDIT_TABLE, RUJUK_SESSION_SECRET, RUJUK_STATE_MACHINE_ARN",
    );
  });

  it("serves the app from its environment: health, sign-in failures, no dev accounts", async () => {
    const table = `rujuk-lambda-${randomUUID().slice(0, 8)}`;
    await ensureAppTable(inject("dynamoEndpoint"), table);
    Object.assign(process.env, {
      RUJUK_TABLE: table,
      RUJUK_AUDIT_TABLE: `${table}-audit`,
      RUJUK_SESSION_SECRET: "lambda-test-secret",
      RUJUK_NIK_KEY: "lambda-test-key",
      RUJUK_STATE_MACHINE_ARN: "arn:aws:states:us-east-1:123456789012:stateMachine:rujuk-approval-chain",
      RUJUK_APP_URL: "https://rujuk.example",
      DYNAMODB_ENDPOINT: inject("dynamoEndpoint"),
      AWS_REGION: "local",
      AWS_ACCESS_KEY_ID: "local",
      AWS_SECRET_ACCESS_KEY: "local",
    });
    const { handler } = await import("../packages/functions/src/lambda/api.ts");
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const invoke = (e: ReturnType<typeof event>) => handler(e as any, {} as any);

    const health = await invoke(event("GET", "/healthz"));
    expect(health.statusCode).toBe(200);
    expect(JSON.parse(health.body)).toEqual({ ok: true });

    const login = await invoke(event("POST", "/api/auth/login", { username: "nobody", password: "whatever-1" }));
    expect(login.statusCode).toBe(401);
    expect(login.headers?.["content-type"]).toContain("application/problem+json");

    expect((await invoke(event("GET", "/api/dev/accounts"))).statusCode).toBe(404);

    // A compressed answer leaves the function base64-encoded, as API Gateway requires of binary bodies.
    const page = await invoke(event("GET", "/", undefined, { "accept-encoding": "gzip" }));
    expect(page.statusCode).toBe(200);
    expect(page.headers?.["content-encoding"]).toBe("gzip");
    expect(page.isBase64Encoded).toBe(true);
    expect(gunzipSync(Buffer.from(page.body, "base64")).toString()).toContain('<html lang="id">');
  });
});
