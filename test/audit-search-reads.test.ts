import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { createStore } from "@rujuk/core/store/index";
import { faultyClient } from "@rujuk/dynamodb-local/testing/fault-injection";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { referralBody, testApp } from "./support/app.ts";

// A page of the audit search costs what it shows: each ledger bucket of the scope gives at most the page's rows and
// one more, however many it holds. (Measured at scale by `npm run bench:scale`.)
let t: Awaited<ReturnType<typeof testApp>>;
let watched: Awaited<ReturnType<typeof testApp>>;
/** The rows each ledger query of the watched app returned. */
const ledgerRows: number[] = [];
const FILED = 15;

beforeAll(async () => {
  t = await testApp();
  const tksk = await t.tokenFor("tksk.ancalong");
  for (let i = 0; i < FILED; i++) {
    const nik = `640801450780${String(i + 1).padStart(4, "0")}`;
    const filed = await t.call("POST", "/api/referrals", { token: tksk, body: referralBody({}, { nik }) });
    expect(filed.status).toBe(201);
  }
  const { client, real, mock } = faultyClient(inject("dynamoEndpoint"));
  mock.on(QueryCommand).callsFake(async (input) => {
    const answer = await real.send(new QueryCommand(input));
    if (String(input.ExpressionAttributeValues?.[":pk"]).startsWith("LEDGER#"))
      ledgerRows.push(answer.Items?.length ?? 0);
    return answer;
  });
  watched = await testApp({ store: createStore(client, t.tableName) });
});

describe("a page of the audit search", () => {
  it("reads no more than the page and one more from any ledger bucket of a province", async () => {
    const limit = 5;
    const token = await watched.tokenFor("auditor.kaltim");
    const page = await watched.call("GET", `/api/audit/events?region=64&limit=${limit}`, { token });
    expect(page.status).toBe(200);
    expect(page.json.items).toHaveLength(limit);
    expect(page.json.nextCursor).toEqual(expect.any(String));
    // Every referral wrote two events (submitted, level_opened) to the Kutai Timur bucket.
    expect(ledgerRows.length).toBeGreaterThan(0);
    expect(Math.max(...ledgerRows)).toBeLessThanOrEqual(limit + 1);

    // The next page goes on from the cursor, with the same bound.
    ledgerRows.length = 0;
    const cursor = encodeURIComponent(page.json.nextCursor as string);
    const next = await watched.call("GET", `/api/audit/events?region=64&limit=${limit}&cursor=${cursor}`, { token });
    expect(next.status).toBe(200);
    expect(next.json.items).toHaveLength(limit);
    expect(Math.max(...ledgerRows)).toBeLessThanOrEqual(limit + 1);
  });

  it("still finds a filter's rows past the first page's worth of a bucket", async () => {
    const token = await watched.tokenFor("auditor.kaltim");
    const page = await watched.call("GET", `/api/audit/events?region=64&type=level_opened&limit=${FILED}`, { token });
    expect(page.status).toBe(200);
    expect(page.json.items).toHaveLength(FILED);
    expect(page.json.items.every((e: { type: string }) => e.type === "level_opened")).toBe(true);
  });
});
