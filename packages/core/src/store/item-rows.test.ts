import { describe, expect, it } from "vitest";
import type { StoredOf } from "../item-state.ts";
import { referralView } from "../testing/referral-fixture.ts";
import { queueOf } from "./item-keys.ts";
import { attributesOf, storedOf, viewOf } from "./item-rows.ts";

const AT = "2026-11-24T00:00:00.000Z";
const BOOKKEEPING = { updatedAt: AT, auditSeq: 4, auditHash: "b".repeat(64) };

const row = {
  PK: "REFERRAL#R1",
  SK: "ITEM",
  GSI1PK: "SUBMITTER#tksk-1#referral",
  GSI1SK: `${AT}#R1`,
  GSI4PK: "RECONCILE",
  GSI4SK: `${AT}#referral#R1`,
  ...referralView(AT),
  urgency: "urgent",
  rev: 3,
  auditSeq: 3,
  auditHash: "a".repeat(64),
  nikIndex: "NIK#64.08#abc",
  taskToken: "token-1",
  waitingFor: "decision",
};

describe("rows as item state", () => {
  it("gives readers the item without keys or the chain's state", () => {
    const view = viewOf("referral", row);
    expect(Object.keys(view).filter((k) => /^(PK|SK|GSI)|^(rev|audit|nikIndex|taskToken|waitingFor)/.test(k))).toEqual(
      [],
    );
    expect(view).toMatchObject({ id: "R1", subject: { name: "Siti" } });
  });

  it("reads the chain's state and the queue the row is listed in", () => {
    expect(storedOf("referral", row)).toMatchObject({ taskToken: "token-1", rev: 3, queue: "reconcile" });
    expect(queueOf({ GSI4PK: "PENDING#kecamatan#64.08.01" })).toBe("inbox");
    expect(queueOf({ GSI4PK: "RETURNED#kecamatan#64.08.01" })).toBe("returned");
    expect(queueOf({})).toBeNull();
  });

  it("refuses a row of another shape instead of passing it on", () => {
    expect(() => storedOf("referral", { ...row, status: "pending" })).toThrow();
    expect(() => storedOf("referral", { ...row, auditSeq: undefined })).toThrow();
  });
});

describe("a change's attributes", () => {
  const item: StoredOf<"referral"> = storedOf("referral", row);

  it("puts an item into its level's inbox, most urgent first, and takes it off a queue", () => {
    const { set, remove } = attributesOf(
      "referral",
      item,
      { queue: { name: "inbox", level: "kabupaten", since: AT } },
      BOOKKEEPING,
    );
    expect(set).toMatchObject({
      GSI4PK: "PENDING#kabupaten#64.08",
      GSI4SK: `1#${AT}#referral#R1`,
      rev: 4,
      auditSeq: 4,
    });
    expect(remove).toEqual([]);
    expect(attributesOf("referral", item, { queue: null }, BOOKKEEPING).remove).toEqual(["GSI4PK", "GSI4SK"]);
  });

  it("lists a returned item for the level that returned it, in that level's region, by when", () => {
    const { set } = attributesOf(
      "referral",
      item,
      { queue: { name: "returned", level: "kabupaten", since: AT } },
      BOOKKEEPING,
    );
    expect(set).toMatchObject({ GSI4PK: "RETURNED#kabupaten#64.08", GSI4SK: `${AT}#referral#R1` });
  });

  it("lists an item for duplicate detection under its new NIK index, and drops it", () => {
    const moved = attributesOf("referral", item, { set: { nikIndex: "NIK#64.08#def" }, duplicates: true }, BOOKKEEPING);
    expect(moved.set).toMatchObject({ nikIndex: "NIK#64.08#def", GSI3PK: "NIK#64.08#def", GSI3SK: `${AT}#R1` });
    expect(attributesOf("referral", item, { duplicates: false }, BOOKKEEPING).remove).toEqual(["GSI3PK", "GSI3SK"]);
  });

  it("leaves a field given as undefined alone and removes only what it is told", () => {
    const { set, remove } = attributesOf(
      "referral",
      item,
      { set: { summary: undefined, status: "returned" }, remove: ["taskToken"] },
      BOOKKEEPING,
    );
    expect(set).not.toHaveProperty("summary");
    expect(set).toMatchObject({ status: "returned", updatedAt: AT });
    expect(remove).toEqual(["taskToken"]);
  });
});
