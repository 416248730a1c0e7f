import { execFile } from "node:child_process";
import { PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { referralBody, testApp } from "./support/app.ts";

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

/** Runs `npm run audit:verify`'s script against this file's tables, as the IT staff would. */
function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const base = ["packages/local/src/audit-verify.ts", "--endpoint", inject("dynamoEndpoint"), "--table", t.tableName];
  return new Promise((resolve) => {
    execFile(process.execPath, [...base, ...args], (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 2) : 0, stdout, stderr }),
    );
  });
}

describe("npm run audit:verify", () => {
  it("says OK with the digest to keep, then exits 1 naming the item once an event is changed", async () => {
    const token = await t.tokenFor("tksk.ancalong");
    const res = await t.call("POST", "/api/referrals", { token, body: referralBody({}, { nik: "6408014507804001" }) });
    const id = res.json.id as string;

    const ok = await cli("--region", "64.08");
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain("OK: every chain is whole");
    expect(ok.stderr).toMatch(/Checked 1 of 1 chains/);
    const digest = ok.stdout.match(/Ledger digest through (\S+): ([0-9a-f]{64})/)!;
    expect(digest).not.toBeNull();
    expect((await cli("--region", "64.08", "--through", digest[1]!, "--digest", digest[2]!)).code).toBe(0);

    const { Items } = await t.deps.store.db.send(
      new QueryCommand({
        TableName: t.deps.store.audit.table,
        KeyConditionExpression: "PK = :pk",
        ExpressionAttributeValues: { ":pk": `REFERRAL#${id}` },
      }),
    );
    await t.deps.store.db.send(
      new PutCommand({ TableName: t.deps.store.audit.table, Item: { ...Items![0], at: "2020-01-01T00:00:00.000Z" } }),
    );
    const broken = await cli("--region", "64.08");
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(`BROKEN (1 problem(s)). First: referral ${id}, event 1: event_changed`);
    const json = await cli("--referral", id, "--json");
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).firstBroken).toMatchObject({ item: id, seq: 1, problem: "event_changed" });
  });

  it("exits 2 with the usage on bad arguments", async () => {
    const bad = await cli("--region", "64.xx");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Not a region code: "64.xx"');
    expect((await cli()).stderr).toContain("Name exactly one of");
  });
});
