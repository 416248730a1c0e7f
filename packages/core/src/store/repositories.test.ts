import { ConditionalCheckFailedException, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
} from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { firstBroken, sealEvent } from "../audit.ts";
import { LOGIN_POLICY, waitFor } from "../login-throttle.ts";
import { auditStore } from "./audit.ts";
import { rowsFor } from "./batch.ts";
import { loginStore } from "./logins.ts";
import { notificationStore } from "./notifications.ts";
import { userStore } from "./users.ts";

/**
 * Every repository parses the rows it reads: keys and index entries drop out, and a row of another shape throws
 * rather than travelling on. DynamoDB is mocked, so each test says exactly which row the table holds.
 */

const ddb = mockClient(DynamoDBDocumentClient);
afterEach(() => ddb.reset());
const db = DynamoDBDocumentClient.from(
  new DynamoDBClient({ region: "local", credentials: { accessKeyId: "x", secretAccessKey: "x" } }),
);
const TABLE = "rujuk-test";
const AT = "2026-11-24T00:00:00.000Z";

type Row = Record<string, unknown>;

/** The table holds exactly `rows`: Gets find them by key, BatchGets return those asked for. */
function holds(...rows: Row[]) {
  const find = (key: Row | undefined) => rows.find((r) => r.PK === key?.PK && r.SK === key?.SK);
  ddb.on(GetCommand).callsFake((input: { Key?: Row }) => ({ Item: find(input.Key) }));
  ddb.on(BatchGetCommand).callsFake((input: { RequestItems: Record<string, { Keys: Row[] }> }) => ({
    Responses: Object.fromEntries(
      Object.entries(input.RequestItems).map(([table, { Keys }]) => [table, Keys.flatMap((k) => find(k) ?? [])]),
    ),
  }));
}

/** Queries answer with the rows of the partition they ask for (`:pk`), in the order given. */
function queries(partitions: Record<string, Row[]>) {
  ddb.on(QueryCommand).callsFake((input: QueryCommandInput) => ({
    Items: partitions[String(input.ExpressionAttributeValues?.[":pk"])] ?? [],
  }));
}

describe("users", () => {
  const users = userStore(db, TABLE);
  const user = { id: "u1", username: "kec.ancalong", name: "Camat", role: "kecamatan", regionCode: "64.08.01" };
  const row = {
    PK: "USER#u1",
    SK: "USER",
    GSI1PK: "USERS",
    GSI1SK: "64.08.01#kec.ancalong",
    ...user,
    email: "",
    disabled: false,
    passwordHash: "hash",
    sessionVersion: 2,
  };
  const claim = { PK: "USERNAME#kec.ancalong", SK: "USERNAME", userId: "u1" };

  it("give the user without keys, hash or session version, and the session version beside it", async () => {
    holds(row, claim);
    expect(await users.session("u1")).toStrictEqual({ user, sessionVersion: 2 });
    expect(await users.credentials("kec.ancalong")).toStrictEqual({ user, sessionVersion: 2, passwordHash: "hash" });
  });

  it("carry mustChangePassword only while it is set", async () => {
    holds({ ...row, mustChangePassword: true }, claim);
    expect(await users.get("u1")).toStrictEqual({ ...user, mustChangePassword: true });
    holds({ ...row, mustChangePassword: false }, claim);
    expect(await users.get("u1")).toStrictEqual(user);
    holds({ ...row, mustChangePassword: "yes" }, claim);
    await expect(users.credentialsById("u1")).rejects.toThrow();
  });

  it("count an account never signed out as version 0", async () => {
    const { sessionVersion: _, ...never } = row;
    holds(never);
    expect((await users.session("u1"))?.sessionVersion).toBe(0);
  });

  it.each([
    ["a role that does not exist", { ...row, role: "root" }],
    ["no password hash", { ...row, passwordHash: undefined }],
    ["a session version that is not a number", { ...row, sessionVersion: "2" }],
  ])("throw on a stored account with %s", async (_, bad) => {
    holds(bad, claim);
    await expect(users.get("u1")).rejects.toThrow();
    await expect(users.credentials("kec.ancalong")).rejects.toThrow();
  });

  it("throw on a username claim that names no account id", async () => {
    holds(row, { ...claim, userId: 1 });
    await expect(users.credentials("kec.ancalong")).rejects.toThrow();
  });
});

describe("sign-in counters", () => {
  const logins = loginStore(db, TABLE);
  const key = { client: "10.0.0.1" };
  const row = { PK: "LOGIN#CLIENT#10.0.0.1", SK: "FAILURES", expiresAt: 1900 };

  it("read the counter without its keys or expiry", async () => {
    holds({ ...row, failures: 3, windowStart: 1000, lastFailure: 1010 });
    expect(await logins.get(key)).toStrictEqual({ failures: 3, windowStart: 1000, lastFailure: 1010 });
  });

  it("read a count without a window start as a window long closed", async () => {
    holds({ ...row, failures: 1, lastFailure: 1010 });
    const record = await logins.get(key);
    expect(record).toStrictEqual({ failures: 1, windowStart: 0, lastFailure: 1010 });
    expect(waitFor(LOGIN_POLICY.client, record, 1011)).toBe(0);
  });

  it.each([
    ["a count that is not a number", { failures: "3", windowStart: 1000, lastFailure: 1010 }],
    ["no last failure", { failures: 3, windowStart: 1000 }],
  ])("throw on a counter with %s", async (_, bad) => {
    holds({ ...row, ...bad });
    await expect(logins.get(key)).rejects.toThrow();
  });
});

describe("notifications", () => {
  const notifications = notificationStore(db, TABLE);
  const notification = {
    id: "n1",
    type: "level_opened",
    referralId: "r1",
    text: "Rujukan menunggu",
    textEn: "Referral waiting",
    createdAt: AT,
    read: false,
  } as const;
  const email = { to: ["kec@rujuk.test"], status: "sent", attempts: 1, at: AT } as const;
  const row = {
    PK: "NOTIFY#u1",
    SK: "ID#n1",
    GSI1PK: "NOTIFY#u1",
    GSI1SK: `${AT}#n1`,
    GSI2PK: "NOTIFIED#referral#r1",
    GSI2SK: `${AT}#n1`,
    ...notification,
    userId: "u1",
    email,
  };

  it("give the notification alone to its user, and its email delivery where it is asked for", async () => {
    holds(row);
    expect(await notifications.get("u1", "n1")).toStrictEqual(notification);
    expect(await notifications.emailFor("u1", "n1")).toStrictEqual(email);
  });

  it("tell a retried add what became of the email the first one sent", async () => {
    holds(row);
    ddb.on(PutCommand).rejects(new ConditionalCheckFailedException({ message: "exists", $metadata: {} }));
    expect(await notifications.add("u1", notification)).toStrictEqual({ created: false, email });
  });

  it("give an item's history each notification with its recipient and email", async () => {
    holds(row);
    queries({ "NOTIFIED#referral#r1": [{ PK: row.PK, SK: row.SK, GSI2PK: row.GSI2PK, GSI2SK: row.GSI2SK }] });
    expect(await notifications.forItem("referral", "r1")).toStrictEqual([{ ...notification, userId: "u1", email }]);
  });

  it.each([
    ["a type that does not exist", { ...row, type: "spam" }],
    ["an email status that does not exist", { ...row, email: { ...email, status: "bounced" } }],
    ["no recipient", { ...row, userId: undefined }],
    ["no read flag", { ...row, read: undefined }],
  ])("throw on a stored notification with %s", async (_, bad) => {
    holds(bad);
    queries({ "NOTIFIED#referral#r1": [{ PK: row.PK, SK: row.SK }] });
    await expect(notifications.get("u1", "n1")).rejects.toThrow();
    await expect(notifications.emailFor("u1", "n1")).rejects.toThrow();
    await expect(notifications.forItem("referral", "r1")).rejects.toThrow();
  });
});

describe("the audit trail", () => {
  const audit = auditStore(db, `${TABLE}-audit`);
  const actor = { id: "kec-1", name: "Camat", role: "kecamatan", regionCode: "64.08.01" };
  const event = sealEvent({ at: AT, type: "submitted", referralId: "r1", actor, region: "64.08.01" }, null);
  const eventRow = { PK: "REFERRAL#r1", SK: "EVENT#0000000001", ...event };

  it("gives events exactly as stored, without their keys", async () => {
    queries({ "REFERRAL#r1": [eventRow] });
    expect(await audit.events("REFERRAL#r1")).toStrictEqual([event]);
  });

  // The hash covers the stored event whole: an attribute the schema does not name must reach verification.
  it("keeps an attribute it does not know, at any depth, so that verification sees it", async () => {
    const added = { ...eventRow, approvedBy: "someone", actor: { ...actor, nip: "1987" } };
    queries({ "REFERRAL#r1": [added] });
    const [read] = await audit.events("REFERRAL#r1");
    expect(read).toMatchObject({ approvedBy: "someone", actor: { nip: "1987" } });
    expect(firstBroken([read!])).toBe(read);
  });

  it.each([
    ["a sequence number that is not a number", { seq: "1" }],
    ["a type that does not exist", { type: "deleted" }],
    ["no hash", { hash: undefined }],
    ["an actor without an id", { actor: { role: "kecamatan", regionCode: "64.08.01" } }],
  ])("throws on a stored event with %s", async (_, bad) => {
    queries({ "REFERRAL#r1": [{ ...eventRow, ...bad }] });
    await expect(audit.events("REFERRAL#r1")).rejects.toThrow();
  });

  const ledgerRow = (bucket: string, at: string, chain: string, region: string) => ({
    PK: `LEDGER#items#${bucket}`,
    SK: `${at}#${chain}#0000000001`,
    at,
    chain,
    seq: 1,
    hash: "a".repeat(64),
    region,
    type: "submitted",
    level: "kecamatan",
  });

  it("merges the ledger of every bucket in ledger order, each row with its sort key and without its keys", async () => {
    const first = ledgerRow("64.72", "2026-11-24T01:00:00.000Z", "REFERRAL#a", "64.72.01");
    const second = ledgerRow("64.08", "2026-11-24T02:00:00.000Z", "REFERRAL#b", "64.08.01");
    const third = ledgerRow("64.72", "2026-11-24T03:00:00.000Z", "REPORT#c", "64.72.02");
    queries({ "LEDGER#items#64.08": [second], "LEDGER#items#64.72": [first, third] });
    const rows = [];
    for await (const row of audit.ledger(["items"], "64")) rows.push(row);
    expect(rows).toStrictEqual([first, second, third].map(({ PK: _, SK, ...entry }) => ({ ...entry, sortKey: SK })));
  });

  it("throws on a stored ledger row of another shape", async () => {
    queries({ "LEDGER#items#64.08": [{ ...ledgerRow("64.08", AT, "REFERRAL#a", "64.08.01"), seq: "1" }] });
    const read = async () => {
      for await (const _ of audit.ledger(["items"], "64.08")) continue;
    };
    await expect(read()).rejects.toThrow();
  });

  it("throws on a ledger row read by key that lacks what searches filter on", async () => {
    const { type: _, ...untyped } = ledgerRow("64.08", AT, "REFERRAL#r1", "64.08.01");
    holds({ ...untyped, SK: `${AT}#REFERRAL#r1#0000000001` });
    await expect(audit.ledgerOf([event], "64.08.01")).rejects.toThrow();
  });
});

describe("rows behind index entries", () => {
  const a = { PK: "USER#a", SK: "USER", name: "A" };
  const b = { PK: "USER#b", SK: "USER", name: "B" };

  it("are read by key, in the entries' order, asking again for what DynamoDB left unprocessed", async () => {
    ddb
      .on(BatchGetCommand)
      .resolvesOnce({ Responses: { [TABLE]: [b] }, UnprocessedKeys: { [TABLE]: { Keys: [{ PK: a.PK, SK: a.SK }] } } })
      .resolves({ Responses: { [TABLE]: [a] } });
    expect(
      await rowsFor(db, TABLE, [
        { PK: a.PK, SK: a.SK, GSI1PK: "USERS" },
        { PK: b.PK, SK: b.SK },
      ]),
    ).toEqual([a, b]);
    expect(ddb.commandCalls(BatchGetCommand).map((c) => c.args[0].input.RequestItems?.[TABLE]?.Keys)).toEqual([
      [
        { PK: a.PK, SK: a.SK },
        { PK: b.PK, SK: b.SK },
      ],
      [{ PK: a.PK, SK: a.SK }],
    ]);
  });

  it("throw on an entry without a whole table key, before reading anything", async () => {
    holds(a);
    await expect(rowsFor(db, TABLE, [{ PK: a.PK }])).rejects.toThrow();
    expect(ddb.commandCalls(BatchGetCommand)).toEqual([]);
  });
});
