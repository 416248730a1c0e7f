import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { type AuditEvent, type EventBody, GENESIS_HASH, sealEvents } from "./audit.ts";
import {
  type LedgerEntry,
  type LedgerHeads,
  bucketOf,
  bucketsWithin,
  chainKey,
  chainOfEvent,
  checkChain,
  digestAccumulator,
  familyOf,
  ledgerEntry,
  ledgerLine,
  ledgerSortKey,
  parseChainKey,
} from "./ledger.ts";

const actor = { id: "u1", role: "kecamatan", regionCode: "64.08.01" };
const auditor = { id: "aud-7", role: "auditor", regionCode: "64" };
const bodies: EventBody[] = [
  { at: "2026-03-01T08:00:00.000Z", type: "submitted", referralId: "r1", actor, region: "64.08.01" },
  { at: "2026-03-01T08:00:01.000Z", type: "level_opened", referralId: "r1", actor: null, level: "kecamatan" },
  { at: "2026-03-02T09:30:00.000Z", type: "decided", referralId: "r1", actor, decision: "approve", comment: "OK" },
];

const chainOf = (list: EventBody[]): AuditEvent[] => sealEvents(list, null);

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

describe("chainKey and parseChainKey", () => {
  it.each([
    ["referral", "01JQ7Z8K2M3N4P5Q6R7S8T9V0W", "REFERRAL#01JQ7Z8K2M3N4P5Q6R7S8T9V0W"],
    ["report", "01JQ7Z8K2M3N4P5Q6R7S8T9V0X", "REPORT#01JQ7Z8K2M3N4P5Q6R7S8T9V0X"],
    ["auditor", "aud-7", "AUDITOR#aud-7"],
  ] as const)("writes a %s chain with its prefix and reads it back", (kind, id, key) => {
    expect(chainKey(kind, id)).toBe(key);
    expect(parseChainKey(key)).toEqual({ kind, id });
  });

  it("keeps everything after the first # as the id", () => {
    expect(parseChainKey(chainKey("auditor", "a#b"))).toEqual({ kind: "auditor", id: "a#b" });
  });

  it.each([
    ["an unknown prefix", "ITEM#r1"],
    ["a prefix in lower case", "referral#r1"],
    ["no prefix", "#r1"],
    ["a bare prefix without #", "REPORT"],
    ["a word without # that starts with a prefix", "REFERRALX"],
    ["the empty string", ""],
  ])("rejects %s", (_, key) => {
    expect(() => parseChainKey(key)).toThrow(/Not a chain key/);
  });

  it("puts auditors' chains in the access ledger and items' chains in the items ledger", () => {
    expect(familyOf("AUDITOR#aud-7")).toBe("access");
    expect(familyOf("REFERRAL#r1")).toBe("items");
    expect(familyOf("REPORT#p1")).toBe("items");
  });
});

describe("chainOfEvent", () => {
  it.each(["pii_viewed", "exported"] as const)("writes %s to the acting auditor's own chain", (type) => {
    // A reveal names the referral whose NIK was shown, but it is the auditor's action, not the referral's.
    expect(chainOfEvent({ type, actor: auditor, referralId: "r1" })).toBe("AUDITOR#aud-7");
  });

  it("writes an item's events to the item's chain", () => {
    expect(chainOfEvent({ type: "decided", actor, referralId: "r1" })).toBe("REFERRAL#r1");
    expect(chainOfEvent({ type: "submitted", actor, reportId: "p1" })).toBe("REPORT#p1");
    expect(chainOfEvent({ type: "level_opened", actor: null, reportId: "p1" })).toBe("REPORT#p1");
  });

  it("names the chain a ledger entry commits to", () => {
    const [event] = chainOf(bodies);
    expect(ledgerEntry(event!, "64.08.01")).toEqual({
      at: event!.at,
      chain: "REFERRAL#r1",
      seq: 1,
      hash: event!.hash,
      region: "64.08.01",
    });
  });
});

describe("bucketOf", () => {
  it.each([
    ["a desa", "64.08.01.2001", "64.08"],
    ["a kecamatan", "64.08.01", "64.08"],
    ["a kabupaten", "64.08", "64.08"],
    ["a province", "64", "64"],
    ["the nation", "", ""],
  ])("puts %s in the right bucket", (_, region, bucket) => {
    expect(bucketOf(region)).toBe(bucket);
  });
});

describe("bucketsWithin", () => {
  it("is the one kabupaten/kota bucket for a scope at or below it", async () => {
    expect(await bucketsWithin("64.08.01")).toEqual(["64.08"]);
    expect(await bucketsWithin("64.08.01.2001")).toEqual(["64.08"]);
    expect(await bucketsWithin("64.08")).toEqual(["64.08"]);
  });

  it("is the province and each of its kabupaten/kota for a province", async () => {
    const buckets = await bucketsWithin("64");
    expect(buckets[0]).toBe("64");
    expect(buckets).toContain("64.08");
    expect(buckets.length).toBeGreaterThan(2);
    for (const bucket of buckets.slice(1)) expect(bucket).toMatch(/^64\.\d{2}$/);
    expect(new Set(buckets).size).toBe(buckets.length);
  });

  it("is the nation, every province and every kabupaten/kota nationally", async () => {
    const buckets = await bucketsWithin("");
    expect(buckets[0]).toBe("");
    expect(buckets).toContain("64");
    expect(buckets).toContain("64.08");
    expect(buckets).toContain("11.01");
    for (const bucket of await bucketsWithin("64")) expect(buckets).toContain(bucket);
    expect(buckets.some((b) => b.split(".").length > 2)).toBe(false);
  });
});

describe("ledgerSortKey", () => {
  it("joins time, chain and a sequence number zero-padded to 10 digits", () => {
    expect(ledgerSortKey({ at: "2026-03-01T08:00:00.000Z", chain: "REFERRAL#r1", seq: 7 })).toBe(
      "2026-03-01T08:00:00.000Z#REFERRAL#r1#0000000007",
    );
    expect(ledgerSortKey({ at: "2026-03-01T08:00:00.000Z", chain: "REPORT#p1", seq: 1234567890 })).toMatch(
      /#1234567890$/,
    );
  });

  it("orders by time, then chain, then sequence number (10 after 9)", () => {
    const entries = [
      { at: "2026-03-02T00:00:00.000Z", chain: "AUDITOR#a", seq: 1 },
      { at: "2026-03-01T00:00:00.000Z", chain: "REPORT#p1", seq: 1 },
      { at: "2026-03-01T00:00:00.000Z", chain: "REFERRAL#r1", seq: 10 },
      { at: "2026-03-01T00:00:00.000Z", chain: "REFERRAL#r1", seq: 9 },
      { at: "2026-03-01T00:00:00.000Z", chain: "REFERRAL#r2", seq: 2 },
    ];
    const sorted = [...entries].sort((a, b) => (ledgerSortKey(a) < ledgerSortKey(b) ? -1 : 1));
    expect(sorted).toEqual([entries[3], entries[2], entries[4], entries[1], entries[0]]);
  });
});

describe("ledgerLine", () => {
  const entry: LedgerEntry = {
    at: "2026-03-01T08:00:00.000Z",
    chain: "REFERRAL#r1",
    seq: 1,
    hash: "ab".repeat(32),
    region: "64.08.01",
  };

  it("is the entry's five fields as JSON with sorted keys", () => {
    expect(ledgerLine(entry)).toBe(
      `{"at":"2026-03-01T08:00:00.000Z","chain":"REFERRAL#r1","hash":"${"ab".repeat(32)}","region":"64.08.01","seq":1}`,
    );
  });

  it("does not depend on key order and leaves out any other field", () => {
    const reordered: LedgerEntry = {
      seq: 1,
      region: "64.08.01",
      hash: "ab".repeat(32),
      chain: "REFERRAL#r1",
      at: "2026-03-01T08:00:00.000Z",
    };
    const row = { ...entry, PK: "LEDGER#items#64.08", SK: ledgerSortKey(entry), family: "items" };
    expect(ledgerLine(reordered)).toBe(ledgerLine(entry));
    expect(ledgerLine(row)).toBe(ledgerLine(entry));
  });
});

describe("digestAccumulator", () => {
  const entry = (at: string, seq: number, chain = "REFERRAL#r1"): LedgerEntry => ({
    at,
    chain,
    seq,
    hash: sha256(`${chain}/${seq}`),
    region: "64.08.01",
  });
  const entries = [
    entry("2026-03-01T08:00:00.000Z", 1),
    entry("2026-03-01T23:59:59.999Z", 2),
    entry("2026-03-02T00:00:00.000Z", 1, "REPORT#p1"),
    entry("2026-03-04T10:00:00.000Z", 3),
    entry("2026-03-04T11:00:00.000Z", 2, "REPORT#p1"),
  ];
  const digestsOf = (list: readonly LedgerEntry[]) => {
    const acc = digestAccumulator();
    for (const e of list) acc.add(e);
    return acc.finish();
  };

  it("gives one digest per UTC day that has entries, with the number of entries", () => {
    expect(digestsOf(entries).map(({ day, entries }) => [day, entries])).toEqual([
      ["2026-03-01", 2],
      ["2026-03-02", 1],
      ["2026-03-04", 2],
    ]);
    expect(digestsOf([])).toEqual([]);
  });

  it("hashes the previous digest, a newline and the day's lines joined by newlines, from the genesis hash", () => {
    const line = (e: LedgerEntry) =>
      `{"at":"${e.at}","chain":"${e.chain}","hash":"${e.hash}","region":"${e.region}","seq":${e.seq}}`;
    const day1 = sha256(`${"0".repeat(64)}\n${line(entries[0]!)}\n${line(entries[1]!)}`);
    const day2 = sha256(`${day1}\n${line(entries[2]!)}`);
    const days = digestsOf(entries);
    expect(days[0]!.digest).toBe(day1);
    expect(days[1]!.digest).toBe(day2);
    expect(days[2]!.digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it("chains the days: a later day's digest depends on the earlier days", () => {
    const alone = digestsOf(entries.slice(2, 3));
    expect(alone[0]!.day).toBe("2026-03-02");
    expect(alone[0]!.digest).not.toBe(digestsOf(entries)[1]!.digest);
  });

  it.each<[string, (list: LedgerEntry[]) => LedgerEntry[]]>([
    ["an entry's hash is changed", ([a, ...rest]) => [{ ...a!, hash: GENESIS_HASH }, ...rest]],
    ["an entry's region is changed", ([a, ...rest]) => [{ ...a!, region: "64.08.02" }, ...rest]],
    ["an entry's seq is changed", ([a, b, ...rest]) => [a!, { ...b!, seq: 3 }, ...rest]],
    ["an entry is removed", ([a, , ...rest]) => [a!, ...rest]],
    ["an entry is added", ([a, ...rest]) => [a!, entry("2026-03-01T09:00:00.000Z", 9, "REPORT#p9"), ...rest]],
  ])("changes every later digest when on an earlier day %s", (_, tamper) => {
    const honest = digestsOf(entries);
    const tampered = digestsOf(tamper([...entries]));
    expect(tampered.map((d) => d.day)).toEqual(honest.map((d) => d.day));
    for (const [i, day] of tampered.entries()) expect(day.digest).not.toBe(honest[i]!.digest);
  });

  it("leaves the digests of earlier days alone when a later day changes", () => {
    const honest = digestsOf(entries);
    const tampered = digestsOf([...entries.slice(0, 4), { ...entries[4]!, hash: GENESIS_HASH }]);
    expect(tampered.slice(0, 2)).toEqual(honest.slice(0, 2));
    expect(tampered[2]!.digest).not.toBe(honest[2]!.digest);
  });
});

describe("checkChain", () => {
  const chain = "REFERRAL#r1";
  const events = chainOf(bodies);
  const last = events.at(-1)!;
  const ledgerOf = (list: readonly AuditEvent[]): LedgerHeads => new Map(list.map((e) => [e.seq, e.hash]));
  const head = { seq: last.seq, hash: last.hash };

  it("finds nothing wrong with an intact chain, its ledger and its record", () => {
    expect(checkChain(chain, events, ledgerOf(events), head)).toBeNull();
  });

  it("accepts a chain without a record of its own (an auditor's log)", () => {
    const log = chainOf([
      { at: "2026-03-05T08:00:00.000Z", type: "pii_viewed", referralId: "r1", actor: auditor, reason: "Verifikasi" },
      { at: "2026-03-05T09:00:00.000Z", type: "exported", actor: auditor, filter: { region: "64" }, rows: 12 },
    ]);
    expect(checkChain("AUDITOR#aud-7", log, ledgerOf(log), undefined)).toBeNull();
  });

  it("reports an edited event as event_changed at its seq", () => {
    const tampered = [events[0]!, { ...events[1]!, level: "provinsi" }, events[2]!];
    expect(checkChain(chain, tampered, ledgerOf(events), head)).toEqual({ chain, seq: 2, problem: "event_changed" });
  });

  it("reports a deleted middle event as event_changed at the event after the gap", () => {
    const gap = [events[0]!, events[2]!];
    expect(checkChain(chain, gap, ledgerOf(events), head)).toEqual({ chain, seq: 3, problem: "event_changed" });
  });

  it("reports an event the ledger names beyond the end of the chain as event_missing", () => {
    const truncated = events.slice(0, 2);
    expect(checkChain(chain, truncated, ledgerOf(events), undefined)).toEqual({
      chain,
      seq: 3,
      problem: "event_missing",
    });
  });

  it("reports item_missing when the ledger names events but the chain has none", () => {
    expect(checkChain(chain, [], ledgerOf(events), null)).toEqual({ chain, seq: 1, problem: "item_missing" });
  });

  it("reports an event without a ledger entry as not_in_ledger", () => {
    const ledger = ledgerOf(events);
    ledger.delete(2);
    expect(checkChain(chain, events, ledger, head)).toEqual({ chain, seq: 2, problem: "not_in_ledger" });
  });

  it("reports a ledger hash that differs from the event's as ledger_mismatch", () => {
    const ledger = ledgerOf(events).set(3, GENESIS_HASH);
    expect(checkChain(chain, events, ledger, head)).toEqual({ chain, seq: 3, problem: "ledger_mismatch" });
  });

  it("reports item_missing, without a seq, when the item's record is gone", () => {
    expect(checkChain(chain, events, ledgerOf(events), null)).toEqual({ chain, problem: "item_missing" });
  });

  it("reports event_missing when the record names a later event than the chain's last", () => {
    // Read by key, the ledger only holds entries for the events that are left, so only the record shows the loss.
    const truncated = events.slice(0, 2);
    expect(checkChain(chain, truncated, ledgerOf(truncated), head)).toEqual({
      chain,
      seq: 3,
      problem: "event_missing",
    });
  });

  it("reports event_missing when the record names events but every event and its entries are gone", () => {
    expect(checkChain(chain, [], new Map(), head)).toEqual({ chain, seq: 3, problem: "event_missing" });
  });

  it("reports head_mismatch when the record names the last seq with another hash, or an earlier seq", () => {
    expect(checkChain(chain, events, ledgerOf(events), { seq: 3, hash: GENESIS_HASH })).toEqual({
      chain,
      seq: 3,
      problem: "head_mismatch",
    });
    expect(checkChain(chain, events, ledgerOf(events), { seq: 2, hash: events[1]!.hash })).toEqual({
      chain,
      seq: 2,
      problem: "head_mismatch",
    });
  });

  it("is fine with an empty chain that neither the ledger nor a record names", () => {
    expect(checkChain(chain, [], new Map(), undefined)).toBeNull();
  });
});
