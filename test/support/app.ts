import { randomUUID } from "node:crypto";
import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { hashPassword } from "@rujuk/core/password";
import { freePort } from "@rujuk/dynamodb-local";
import { ManualClock } from "@rujuk/stepfunctions-local";
import { createApp } from "@rujuk/functions/app";
import type { AppDeps } from "@rujuk/functions/deps";
import { inject } from "vitest";
import { ensureAppTable, localAppDeps } from "../../packages/local/src/app-deps.ts";
import { withApprovalChain } from "../../packages/local/src/chain-stack.ts";
import { DEMO_ACCOUNTS } from "../../packages/local/src/demo-accounts.ts";
import { seedAccounts } from "../../packages/local/src/seed.ts";
import { startSesLocal } from "../../packages/local/src/ses-local.ts";
import { withRecordingWorkflow } from "../../packages/local/src/testing/recording-workflow.ts";

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** Sent as-is instead of JSON-encoding `body`. */
  raw?: string;
  headers?: Record<string, string>;
}

// scrypt is slow by design; each test file seeds a new table, so hash every demo password once per worker.
const hashes = new Map<string, Promise<string>>();
function hashOnce(password: string): Promise<string> {
  if (!hashes.has(password)) hashes.set(password, hashPassword(password));
  return hashes.get(password)!;
}

/**
 * A fresh table in the run's DynamoDB Local with the demo accounts, and the real app over it. Each test file gets
 * its own table, so files never see each other's data.
 */
export async function testApp(overrides: Partial<AppDeps> = {}, options: { chain?: boolean; email?: boolean } = {}) {
  const tableName = `rujuk-test-${randomUUID().slice(0, 8)}`;
  const endpoint = inject("dynamoEndpoint");
  await ensureAppTable(endpoint, tableName);
  // With the chain, the app and the Step Functions engine share one manual clock, so deadlines can be jumped to.
  const clock = new ManualClock(Date.now());
  const ses = options.email ? await startSesLocal({ port: await freePort() }) : undefined;
  // Without the chain, the recording workflow opens the first level, so intake can be tested alone.
  let deps: AppDeps = {
    ...withRecordingWorkflow(
      localAppDeps({
        dynamoEndpoint: endpoint,
        tableName,
        secrets: { sessionSecret: "test-session-secret", nikKey: "test-nik-key" },
        devAccounts: DEMO_ACCOUNTS,
        ...(options.chain ? { clock: () => new Date(clock.now()) } : {}),
        ...(ses ? { sesEndpoint: ses.endpoint, baseUrl: "http://rujuk.test" } : {}),
      }),
    ),
    ...overrides,
  };
  await seedAccounts(deps.store, DEMO_ACCOUNTS, hashOnce);
  const chain = options.chain
    ? await withApprovalChain(deps, {
        dynamoEndpoint: endpoint,
        port: await freePort(),
        tableName: `${tableName}-sfn`,
        engineClock: clock,
      })
    : undefined;
  if (chain) deps = chain.deps;
  const app = createApp(deps);

  /** Waits until the workflow engine has done everything it can without a decision or a deadline. */
  async function settle() {
    await chain?.endpoint.engine.settled();
  }

  async function call(method: string, path: string, options: CallOptions = {}) {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined = options.raw;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers["content-type"] ??= "application/json";
    }
    const response = await app.request(path, { method, headers, ...(body === undefined ? {} : { body }) });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, json: text ? JSON.parse(text) : undefined };
  }

  const tokens = new Map<string, string>();
  /** A bearer token for a demo account, signed in once per file. */
  async function tokenFor(username: string): Promise<string> {
    const cached = tokens.get(username);
    if (cached) return cached;
    const response = await call("POST", "/api/auth/login", { body: { username, password: `demo-${username}` } });
    if (response.status !== 200) throw new Error(`login of ${username} failed: ${response.text}`);
    tokens.set(username, response.json.token);
    return response.json.token;
  }

  /**
   * How many rows of the app's table and the audit table have a PK starting with `prefix`: proves what a request
   * did or did not write.
   */
  async function count(prefix: string): Promise<number> {
    let total = 0;
    for (const table of [tableName, deps.store.audit.table]) {
      let start: Record<string, unknown> | undefined;
      do {
        const page = await deps.store.db.send(
          new ScanCommand({
            TableName: table,
            FilterExpression: "begins_with(PK, :p)",
            ExpressionAttributeValues: { ":p": prefix },
            ExclusiveStartKey: start,
            ConsistentRead: true,
          }),
        );
        total += page.Count ?? 0;
        start = page.LastEvaluatedKey;
      } while (start);
    }
    return total;
  }

  return {
    app,
    deps,
    tableName,
    call,
    tokenFor,
    count,
    settle,
    clock,
    chain,
    ses,
    async close() {
      await chain?.endpoint.close();
      await ses?.stop();
    },
  };
}

/** A valid referral body for the demo TKSK of Muara Ancalong (64.08.01); override any part. */
export { demoReferral as referralBody } from "../../packages/local/src/demo-referral.ts";
