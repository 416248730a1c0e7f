import { ProvisionedThroughputExceededException, TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { GetCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { firstBroken } from "@rujuk/core/audit";
import { createStore } from "@rujuk/core/store/index";
import { afterEach, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { referralBody, testApp } from "./support/app.ts";
import { faultyClient } from "@rujuk/dynamodb-local/testing/fault-injection";

/** The app's store over a client whose faults the test injects. */
function faultyStore(table: string) {
  const { client, real, mock } = faultyClient(inject("dynamoEndpoint"));
  return { mock, real, store: createStore(client, table) };
}

let t: Awaited<ReturnType<typeof testApp>>;
let tksk: string;
beforeAll(async () => {
  t = await testApp();
  tksk = await t.tokenFor("tksk.ancalong");
});
afterEach(() => vi.restoreAllMocks());

describe("faults", () => {
  it("answers 503 with Retry-After when DynamoDB throttles the create, and writes nothing", async () => {
    const { mock, store } = faultyStore(t.tableName);
    mock
      .on(TransactWriteCommand)
      .rejects(new ProvisionedThroughputExceededException({ message: "slow down", $metadata: {} }));
    const app = await testApp({ store });
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const before = await t.count("");
    const res = await app.call("POST", "/api/referrals", {
      token: await app.tokenFor("tksk.ancalong"),
      body: referralBody(),
    });
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("2");
    expect(res.json.detail_id).toMatch(/sibuk/);
    expect(await t.count("")).toBe(before);
  });

  it("answers a retry with the same Idempotency-Key as the first request, looking the key up only once it is held", async () => {
    const headers = { "idempotency-key": "raced-key" };
    const body = referralBody({}, { nik: "6408010303030006", sex: "L", birthDate: "2003-03-03" });
    // Every call passes through to DynamoDB Local; the test only watches which keys are read.
    const { mock, real, store } = faultyStore(t.tableName);
    const looked: string[] = [];
    mock.on(GetCommand).callsFake((input) => {
      looked.push(String(input.Key.PK));
      return real.send(new GetCommand(input));
    });
    const app = await testApp({ store });

    const first = await app.call("POST", "/api/referrals", { token: tksk, body, headers });
    expect(first.status).toBe(201);
    // A new key costs the transaction alone: nothing was looked up first.
    expect(looked.filter((pk) => pk.startsWith("IDEMPOTENCY#"))).toEqual([]);

    const before = await t.count("REFERRAL#");
    const again = await app.call("POST", "/api/referrals", { token: tksk, body, headers });
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.json.id).toBe(first.json.id);
    expect(looked.filter((pk) => pk.startsWith("IDEMPOTENCY#"))).toHaveLength(1);
    expect(await t.count("REFERRAL#")).toBe(before);
  });

  it("files one referral when two requests with the same Idempotency-Key race, and answers both with it", async () => {
    const headers = { "idempotency-key": "twin-key" };
    const body = referralBody({}, { nik: "6408010404040007", sex: "L", birthDate: "2004-04-04" });
    const before = await t.count("REFERRAL#");
    const answers = await Promise.all(
      [1, 2, 3].map(() => t.call("POST", "/api/referrals", { token: tksk, body, headers })),
    );
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((a) => a.json.id)).size).toBe(1);
    // One item with its two events (submitted, level_opened).
    expect(await t.count("REFERRAL#")).toBe(before + 3);
  });

  it("keeps the referral when the workflow fails to start", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const app = await testApp({
      workflow: {
        start: () => Promise.reject(new Error("Step Functions unreachable")),
        signal: () => Promise.resolve("delivered" as const),
      },
    });
    const token = await app.tokenFor("tksk.ancalong");
    const res = await app.call("POST", "/api/referrals", { token, body: referralBody() });
    expect(res.status).toBe(201);
    expect(res.json.currentLevel).toBeNull();
    expect((await app.call("GET", `/api/referrals/${res.json.id}`, { token })).json.status).toBe("in_review");
  });

  it("re-plans a change that loses a race (conditional failure), applying it once", async () => {
    const { mock, real, store } = faultyStore(t.tableName);
    const { id } = (await t.call("POST", "/api/referrals", { token: tksk, body: referralBody() })).json;
    let raced = false;
    mock.on(TransactWriteCommand).callsFake(async (input) => {
      if (!raced) {
        raced = true;
        // Someone else changed the item first: this write's revision condition fails.
        await real.send(new TransactWriteCommand(input));
        throw new TransactionCanceledException({
          message: "Transaction cancelled",
          $metadata: {},
          CancellationReasons: [{ Code: "ConditionalCheckFailed" }, { Code: "None" }],
        });
      }
      return real.send(new TransactWriteCommand(input));
    });
    const result = await store.items.change("referral", id, (row) =>
      row.remindedFor === "x"
        ? undefined
        : {
            events: [{ type: "notified", at: new Date().toISOString(), referralId: id, actor: null }],
            set: { remindedFor: "x" },
          },
    );
    // The first attempt did commit (the race was with itself); the re-plan sees that and does nothing more.
    expect(raced).toBe(true);
    expect(result.changed).toBe(false);
    const types = (await t.deps.store.items.events("referral", id)).map((e) => e.type);
    expect(types.filter((x) => x === "notified")).toHaveLength(1);
  });

  it("keeps one unbroken audit chain when events are appended concurrently", async () => {
    const { id } = (await t.call("POST", "/api/referrals", { token: tksk, body: referralBody() })).json;
    const appends = Array.from({ length: 6 }, (_, i) =>
      t.deps.store.items.change(
        "referral",
        id,
        () => ({
          events: [{ type: "notified", at: new Date().toISOString(), referralId: id, actor: null, comment: `n${i}` }],
        }),
        20,
      ),
    );
    const events = (await Promise.all(appends)).map((result) => result.events[0]!);
    expect(new Set(events.map((e) => e.seq)).size).toBe(6);
    const chain = await t.deps.store.items.events("referral", id);
    expect(chain.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(firstBroken(chain)).toBeNull();
  });
});
