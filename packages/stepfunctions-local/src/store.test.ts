import { randomUUID } from "node:crypto";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import { localEndpoint } from "@rujuk/core/aws-local";
import { ensureTable } from "@rujuk/dynamodb-local";
import { beforeAll, describe, expect, inject, it } from "vitest";
import type { ExecutionRecord, HistoryEvent } from "./records.ts";
import { engineStore } from "./store.ts";
import { engineTableDefinition } from "./table.ts";

/**
 * The store parses every row it reads: what the engine wrote comes back as it was, and a row of another shape throws
 * instead of reaching a step. The rows are written straight into the run's DynamoDB Local.
 */

const table = `sfn-store-${randomUUID().slice(0, 8)}`;
const db = DynamoDBDocumentClient.from(
  new DynamoDBClient({ ...localEndpoint(inject("dynamoEndpoint")), region: "local" }),
  { marshallOptions: { removeUndefinedValues: true } },
);
const store = engineStore(db, table);
const T0 = Date.UTC(2026, 10, 24);

beforeAll(async () => {
  await ensureTable(inject("dynamoEndpoint"), engineTableDefinition(table));
});

const put = (item: Record<string, unknown>) => db.send(new PutCommand({ TableName: table, Item: item }));

function execution(arn: string): ExecutionRecord {
  return {
    executionArn: arn,
    stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:m",
    name: arn.split(":").at(-1)!,
    input: '{"id":"r1"}',
    definition: '{"StartAt":"Open","States":{}}',
    status: "RUNNING",
    startDate: T0,
    version: 1,
    eventCount: 1,
    // A task given no Payload has none: the position's JSON text leaves it out.
    position: {
      kind: "task",
      state: "Open",
      input: { id: "r1", nested: [1, { deep: null }] },
      token: "t".repeat(43),
      invoked: false,
      payload: undefined,
      functionName: "open",
      timeoutAt: T0 + 60_000,
    },
    variables: { decided: false, reviewers: ["a", "b"] },
    retries: { "Open#0": 2 },
    enteredAt: T0,
    secret: "s3cret",
  };
}

const started: HistoryEvent = {
  id: 1,
  previousEventId: 0,
  timestamp: T0,
  type: "ExecutionStarted",
  details: ["executionStartedEventDetails", { input: '{"id":"r1"}', inputDetails: { truncated: false } }],
};

/** The row the store writes for `record`, as DynamoDB would hold it, with `change` applied. */
function executionRow(record: ExecutionRecord, change: Record<string, unknown>) {
  return {
    PK: `EXEC#${record.executionArn}`,
    SK: "EXEC",
    ...record,
    position: JSON.stringify(record.position),
    variables: JSON.stringify(record.variables),
    retries: JSON.stringify(record.retries),
    ...change,
  };
}

describe("engine store", () => {
  it("reads back what the engine wrote, without the table's keys", async () => {
    const record = execution(`arn:aws:states:us-east-1:123456789012:execution:m:${randomUUID()}`);
    await store.createExecution(record, [started], T0);
    const read = await store.getExecution(record.executionArn);
    expect(read).toEqual(record);
    expect(Object.keys(read!)).not.toContain("GSI2SK");
    const { events } = await store.history(record.executionArn, { reverse: false, limit: 10 });
    expect(events).toEqual([started]);
    await expect(store.due(T0)).resolves.toContain(record.executionArn);
  });

  it.each([
    ["a status that is none", { status: "PAUSED" }],
    ["a position of no known kind", { position: '{"kind":"sleep","state":"Open"}' }],
    ["a task position without its token", { position: '{"kind":"task","state":"Open","invoked":true}' }],
    ["a position that is not JSON text", { position: "{kind:" }],
    ["variables that are not an object", { variables: "[1,2]" }],
    ["a retry count that is not a number", { retries: '{"Open#0":"2"}' }],
    ["JSON columns stored as values", { variables: {} }],
    ["no version", { version: undefined }],
  ])("throws on an execution row with %s", async (_, change) => {
    const record = execution(`arn:aws:states:us-east-1:123456789012:execution:m:${randomUUID()}`);
    await put(executionRow(record, change));
    await expect(store.getExecution(record.executionArn)).rejects.toThrow();
  });

  it("throws on a history event, token or state machine row of the wrong shape", async () => {
    const arn = `arn:aws:states:us-east-1:123456789012:execution:m:${randomUUID()}`;
    await put({ PK: `EXEC#${arn}`, SK: "EVENT#0000000001", ...started, details: '{"input":"{}"}' });
    await expect(store.history(arn, { reverse: false, limit: 10 })).rejects.toThrow();

    const token = randomUUID();
    await put({ PK: `TOKEN#${token}`, SK: "TOKEN", token, executionArn: arn, state: "Open", status: "pending" });
    await expect(store.getToken(token)).rejects.toThrow();

    const machine = `arn:aws:states:us-east-1:123456789012:stateMachine:${randomUUID()}`;
    await put({
      PK: "STATEMACHINES",
      SK: machine,
      stateMachineArn: machine,
      name: "m",
      definition: "{}",
      roleArn: "arn:aws:iam::123456789012:role/local",
      type: "EXPRESS",
      creationDate: T0,
      updateDate: T0,
    });
    await expect(store.getStateMachine(machine)).rejects.toThrow();
  });
});
