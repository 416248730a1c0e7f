import { randomUUID } from "node:crypto";
import { DeleteCommand, PutCommand, TransactWriteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { createDocumentClient } from "@rujuk/core/store/index";
import { describe, expect, inject, it } from "vitest";
import { ensureAppTable } from "./app-deps.ts";
import {
  type TableSchema,
  conditionCheckCost,
  indexEntry,
  indexWriteUnits,
  itemSize,
  numberSize,
  valueSize,
  writeCost,
  writeUnits,
} from "./capacity.ts";
import { meterCapacity, rowKind } from "./capacity-meter.ts";

/** An item of exactly `bytes` bytes: `PK` (2 bytes of name) and a string of the rest. */
const sized = (bytes: number, extra: Record<string, unknown> = {}) => {
  const rest = bytes - itemSize({ PK: "", ...extra });
  return { PK: "x".repeat(rest), ...extra };
};

describe("item size (DynamoDB item sizes and formats)", () => {
  it("counts strings in UTF-8 bytes, names included", () => {
    expect(valueSize("abc")).toBe(3);
    expect(valueSize("é")).toBe(2);
    expect(valueSize("日本")).toBe(6);
    expect(itemSize({ nama: "Sri" })).toBe(7);
    expect(itemSize({ née: "x" })).toBe(5);
  });

  it("counts numbers as 1 byte per two significant digits plus 1, zeroes trimmed", () => {
    expect(numberSize(0)).toBe(1);
    expect(numberSize(7)).toBe(2);
    expect(numberSize(123)).toBe(3);
    expect(numberSize(1234)).toBe(3);
    expect(numberSize(12345)).toBe(4);
    expect(numberSize(-0.05)).toBe(2);
    expect(numberSize(1780000000)).toBe(3);
    expect(numberSize(1e21)).toBe(2);
    expect(numberSize(1.5e-7)).toBe(2);
  });

  it("counts booleans and null as 1 byte, binary as its raw length", () => {
    expect(valueSize(true)).toBe(1);
    expect(valueSize(null)).toBe(1);
    expect(valueSize(new Uint8Array(10))).toBe(10);
  });

  it("counts lists and maps as 3 bytes, 1 per element, and the elements (a map's with their names)", () => {
    expect(valueSize([])).toBe(3);
    expect(valueSize({})).toBe(3);
    expect(valueSize([1, "ab"])).toBe(3 + (1 + 2) + (1 + 2));
    expect(valueSize({ a: "x", bb: true })).toBe(3 + (1 + 1 + 1) + (1 + 2 + 1));
    // PK: 2 + 10; n: 1 + 2; m: 1 + (3 + (1 + 1 + (3 + 1 + 1)))
    expect(itemSize({ PK: "REFERRAL#1", n: 42, m: { k: [true] } })).toBe(12 + 3 + 11);
  });

  it("leaves out attributes that are undefined (the client drops them)", () => {
    expect(itemSize({ a: undefined, b: "x" })).toBe(2);
    expect(valueSize({ a: undefined })).toBe(3);
  });
});

describe("write units (read and write operations, transactions)", () => {
  it("bills 1 unit per KB, rounded up, and 1 for a missing item", () => {
    expect(writeUnits(0)).toBe(1);
    expect(writeUnits(1)).toBe(1);
    expect(writeUnits(1024)).toBe(1);
    expect(writeUnits(1025)).toBe(2);
    // The BatchWriteItem example: a 500-byte item and a 3.5 KB one are 1 KB + 4 KB.
    expect(writeUnits(500) + writeUnits(3.5 * 1024)).toBe(5);
  });

  const plain: TableSchema = { name: "t", keys: ["PK"], indexes: [] };

  it("bills a Put or Update on the larger of the item before and after, a Delete on the deleted item", () => {
    const small = sized(300);
    const large = sized(1600);
    expect(writeCost(plain, undefined, small, "standard").table).toBe(1);
    expect(writeCost(plain, large, small, "standard").table).toBe(2);
    expect(writeCost(plain, small, large, "standard").table).toBe(2);
    expect(writeCost(plain, large, undefined, "standard").table).toBe(2);
    expect(writeCost(plain, sized(2048), undefined, "standard").table).toBe(2);
  });

  it("bills 2 units per KB per item of a transaction: three 500-byte items are 6 units", () => {
    const items = [1, 2, 3].map(() => sized(500));
    expect(items.map((i) => itemSize(i))).toEqual([500, 500, 500]);
    expect(items.reduce((sum, i) => sum + writeCost(plain, undefined, i, "transactional").table, 0)).toBe(6);
    expect(writeCost(plain, undefined, sized(2048), "transactional").table).toBe(4);
    expect(conditionCheckCost(undefined).table).toBe(2);
    expect(conditionCheckCost(sized(1500)).table).toBe(4);
  });
});

describe("index writes (provisioned throughput considerations for global secondary indexes)", () => {
  const table: TableSchema = {
    name: "app",
    keys: ["PK", "SK"],
    indexes: [
      { name: "GSI1", keys: ["GSI1PK", "GSI1SK"], projection: "KEYS_ONLY" },
      { name: "GSI4", keys: ["GSI4PK", "GSI4SK"], projection: "INCLUDE", attributes: ["dueAt", "overdueSince"] },
    ],
  };
  const [gsi1, gsi4] = table.indexes as [TableSchema["indexes"][0], TableSchema["indexes"][0]];
  const item = {
    PK: "REFERRAL#1",
    SK: "ITEM",
    status: "pending",
    GSI1PK: "SUBMITTER#u",
    GSI1SK: "2026#1",
    GSI4PK: "PENDING#kecamatan#64.08.01",
    GSI4SK: "1#2026#referral#1",
    dueAt: "2026-12-03",
  };

  it("holds the index keys, the table keys and the projected attributes; nothing without every index key", () => {
    expect(indexEntry(table, gsi1, item)).toEqual({
      PK: "REFERRAL#1",
      SK: "ITEM",
      GSI1PK: "SUBMITTER#u",
      GSI1SK: "2026#1",
    });
    expect(Object.keys(indexEntry(table, gsi4, item)!).sort()).toEqual(["GSI4PK", "GSI4SK", "PK", "SK", "dueAt"]);
    expect(indexEntry(table, gsi4, { ...item, GSI4SK: undefined })).toBeUndefined();
  });

  it("puts an item that enters the index, deletes one that leaves it", () => {
    expect(indexWriteUnits(table, gsi1, undefined, item)).toBe(1);
    expect(indexWriteUnits(table, gsi4, { ...item, GSI4PK: undefined }, item)).toBe(1);
    expect(indexWriteUnits(table, gsi4, item, { ...item, GSI4PK: undefined })).toBe(1);
    expect(indexWriteUnits(table, gsi1, item, undefined)).toBe(1);
    expect(indexWriteUnits(table, gsi1, { PK: "a", SK: "b" }, { PK: "a", SK: "b", x: 1 })).toBe(0);
  });

  it("deletes and puts when an index key changes; one write when only a projected attribute does; else none", () => {
    expect(indexWriteUnits(table, gsi4, item, { ...item, GSI4SK: "0#2026#referral#1" })).toBe(2);
    expect(indexWriteUnits(table, gsi4, item, { ...item, dueAt: "2026-12-04" })).toBe(1);
    expect(indexWriteUnits(table, gsi1, item, { ...item, dueAt: "2026-12-04" })).toBe(0);
    expect(indexWriteUnits(table, gsi4, item, { ...item, status: "approved", rev: 2 })).toBe(0);
  });

  it("bills index entries per KB of the entry, and does not double them in a transaction", () => {
    expect(indexWriteUnits(table, gsi4, undefined, { ...item, dueAt: "d".repeat(1100) })).toBe(2);
    expect(writeCost(table, undefined, item, "transactional")).toEqual({ table: 2, indexes: { GSI1: 1, GSI4: 1 } });
    expect(writeCost(table, item, { ...item, status: "approved" }, "standard")).toEqual({ table: 1, indexes: {} });
  });
});

describe("row kinds", () => {
  it("names a row by its key prefixes", () => {
    expect(rowKind({ PK: "REFERRAL#abc", SK: "ITEM" })).toBe("REFERRAL/ITEM");
    expect(rowKind({ PK: "REFERRAL#abc", SK: "EVENT#0000000001" })).toBe("REFERRAL/EVENT");
    expect(rowKind({ PK: "LEDGER#items#64.08", SK: "2026-12-01T00:00:00.000Z#REFERRAL#abc#0000000001" })).toBe(
      "LEDGER",
    );
  });
});

describe("meterCapacity on DynamoDB Local", () => {
  it("agrees with DynamoDB Local on standard writes and bills each item of a transaction twice", async () => {
    const endpoint = inject("dynamoEndpoint");
    const table = `rujuk-test-${randomUUID().slice(0, 8)}`;
    await ensureAppTable(endpoint, table);
    const db = createDocumentClient({ endpoint, region: "local" });
    const meter = meterCapacity(db, endpoint);
    const key = { PK: "REFERRAL#1", SK: "ITEM" };
    const body = { status: "pending", GSI1PK: "SUBMITTER#u", GSI1SK: "2026#1", note: "n".repeat(300) };

    await db.send(new PutCommand({ TableName: table, Item: { ...key, ...body } })); // 1 + GSI1 1
    await db.send(
      new UpdateCommand({
        TableName: table,
        Key: key,
        UpdateExpression: "SET GSI4PK = :pk, GSI4SK = :sk, dueAt = :due",
        ExpressionAttributeValues: { ":pk": "PENDING#x", ":sk": "1#a", ":due": "2026-12-03" },
      }),
    ); // 1 + GSI4 put 1
    await db.send(
      new UpdateCommand({
        TableName: table,
        Key: key,
        UpdateExpression: "SET GSI1SK = :sk, #s = :s",
        ExpressionAttributeNames: { "#s": "status" },
        ExpressionAttributeValues: { ":sk": "2026#2", ":s": "approved" },
      }),
    ); // 1 + GSI1 delete and put 2
    await db.send(new DeleteCommand({ TableName: table, Key: key })); // 1 + GSI1 1 + GSI4 1
    expect(meter.writeUnits()).toBe(2 + 2 + 3 + 3);
    expect(meter.writeUnits()).toBe(meter.reported.write);

    // Three ~300-byte items in one transaction: 2 units each. DynamoDB Local reports less.
    await db.send(
      new TransactWriteCommand({
        TransactItems: [1, 2, 3].map((i) => ({
          Put: { TableName: table, Item: { PK: `EVENT#${i}`, SK: "EVENT#1", note: "n".repeat(300) } },
        })),
      }),
    );
    expect(meter.writeUnits()).toBe(10 + 6);
    expect(meter.rows().find((r) => r.row === "EVENT/EVENT")).toMatchObject({
      writes: 3,
      transactional: 3,
      tableUnits: 6,
    });

    // A failed condition is billed on the stored item.
    await expect(
      db.send(
        new PutCommand({
          TableName: table,
          Item: { PK: "EVENT#1", SK: "EVENT#1" },
          ConditionExpression: "attribute_not_exists(PK)",
        }),
      ),
    ).rejects.toThrow();
    expect(meter.writeUnits()).toBe(16 + 1);
  });
});
