import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { createStore } from "@rujuk/core/store/index";
import { ACCOUNT_CACHE_MS } from "@rujuk/core/store/users";
import { ManualClock } from "@rujuk/stepfunctions-local";
import { faultyClient } from "@rujuk/dynamodb-local/testing/fault-injection";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { testApp } from "./support/app.ts";

// Authorising a request reads the caller's account at most ACCOUNT_CACHE_MS ago on the same instance. Two apps over
// one table stand for two Lambda instances: what one changes, the other sees within that time; the one that made
// the change sees it at once.
let t: Awaited<ReturnType<typeof testApp>>;
let other: Awaited<ReturnType<typeof testApp>>;
const otherClock = new ManualClock(Date.now());
// The other instance's reads of accounts, watched through a client that passes every call to DynamoDB Local.
const accountReads: string[] = [];

beforeAll(async () => {
  t = await testApp();
  const { client, real, mock } = faultyClient(inject("dynamoEndpoint"));
  mock.on(GetCommand).callsFake((input) => {
    if (String(input.Key.PK).startsWith("USER#")) accountReads.push(String(input.Key.PK));
    return real.send(new GetCommand(input));
  });
  other = await testApp({ store: createStore(client, t.tableName, () => new Date(otherClock.now())) });
});

const me = (app: typeof t, token: string) => app.call("GET", "/api/me", { token });

describe(`the account a request is authorised by (kept up to ${ACCOUNT_CACHE_MS / 1000} s on an instance)`, () => {
  it("stops a disabled account on another instance once its read is older than the limit, not before", async () => {
    const token = await t.tokenFor("tksk.palaran");
    const id = (await me(t, token)).json.id as string;
    expect((await me(other, token)).status).toBe(200);

    const admin = await t.tokenFor("admin.samarinda");
    expect((await t.call("POST", `/api/admin/users/${id}/disable`, { token: admin })).status).toBe(200);
    // The instance that disabled it refuses at once.
    expect((await me(t, token)).status).toBe(401);
    // The other one still has its read of a moment ago...
    otherClock.advance(ACCOUNT_CACHE_MS - 1);
    expect((await me(other, token)).status).toBe(200);
    // ...and reads the account again once that read is as old as the limit.
    otherClock.advance(1);
    expect((await me(other, token)).status).toBe(401);
  });

  it("ends a signed-out session on the instance that signed it out at once, and on another within the limit", async () => {
    const token = await t.tokenFor("tksk.gerung");
    expect((await me(other, token)).status).toBe(200);
    expect((await t.call("POST", "/api/auth/logout", { token })).status).toBeLessThan(300);
    expect((await me(t, token)).status).toBe(401);
    otherClock.advance(ACCOUNT_CACHE_MS);
    expect((await me(other, token)).status).toBe(401);
  });

  it("reads the account once for a burst of requests on one instance", async () => {
    const token = await t.tokenFor("kec.gerung");
    accountReads.length = 0;
    // The inbox reads no account itself (GET /api/me reads the account it answers with).
    const answers = await Promise.all(Array.from({ length: 10 }, () => other.call("GET", "/api/inbox", { token })));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(accountReads).toHaveLength(1);
  });
});
