import { describe, expect, it } from "vitest";
import {
  type AuditEvent,
  type EventBody,
  GENESIS_HASH,
  canonicalJson,
  fieldChanges,
  firstBroken,
  maskNiksIn,
  maskedEvent,
  sealEvent,
  sealEvents,
  versionAt,
} from "./audit.ts";

const actor = { id: "u1", role: "kecamatan", regionCode: "64.08.01" };
const bodies: EventBody[] = [
  { at: "2026-03-01T08:00:00.000Z", type: "submitted", referralId: "r1", actor },
  { at: "2026-03-01T08:00:01.000Z", type: "level_opened", referralId: "r1", actor: null, level: "kecamatan" },
  { at: "2026-03-02T09:30:00.000Z", type: "decided", referralId: "r1", actor, decision: "approve", comment: "OK" },
];

const chainOf = (list: EventBody[]): AuditEvent[] => sealEvents(list, null);

describe("sealEvent", () => {
  it("starts a chain at seq 1 after the genesis hash", () => {
    const first = sealEvent(bodies[0]!, null);
    expect(first).toMatchObject({ ...bodies[0], seq: 1, prevHash: GENESIS_HASH });
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("links each event to the one before", () => {
    const [a, b, c] = chainOf(bodies);
    expect([b!.seq, c!.seq]).toEqual([2, 3]);
    expect(b!.prevHash).toBe(a!.hash);
    expect(c!.prevHash).toBe(b!.hash);
  });

  it("gives the same body a different hash at a different place in the chain", () => {
    const first = sealEvent(bodies[0]!, null);
    expect(sealEvent(bodies[0]!, first).hash).not.toBe(first.hash);
  });
});

describe("firstBroken", () => {
  it("is null for an intact chain and for an empty one", () => {
    expect(firstBroken(chainOf(bodies))).toBeNull();
    expect(firstBroken([])).toBeNull();
  });

  it.each<[string, (events: AuditEvent[]) => AuditEvent[], number]>([
    ["a comment is edited", ([a, b, c]) => [a!, b!, { ...c!, comment: "Not OK" }], 2],
    ["a decision is edited", ([a, b, c]) => [a!, b!, { ...c!, decision: "reject" }], 2],
    ["a hash is replaced", ([a, b, c]) => [a!, { ...b!, hash: GENESIS_HASH }, c!], 1],
    ["the first event is removed", ([, b, c]) => [b!, c!], 0],
    ["a middle event is removed", ([a, , c]) => [a!, c!], 1],
    ["events are reordered", ([a, b, c]) => [a!, c!, b!], 1],
    ["seq numbers are swapped", ([a, b, c]) => [a!, { ...b!, seq: 3 }, { ...c!, seq: 2 }], 1],
  ])("returns the tampered event when %s", (_, tamper, brokenAt) => {
    const events = tamper(chainOf(bodies));
    expect(firstBroken(events)).toBe(events[brokenAt]);
  });

  it("catches an edit even when the edited event is re-hashed, at the next event", () => {
    const [a, , c] = chainOf(bodies);
    const edited = sealEvent({ ...bodies[1]!, level: "provinsi" }, a!);
    expect(firstBroken([a!, edited, c!])).toBe(c);
  });
});

describe("canonicalJson", () => {
  it("does not depend on key order, at any depth", () => {
    const one = { b: 1, a: { d: [{ y: 2, x: 1 }], c: "z" } };
    const two = { a: { c: "z", d: [{ x: 1, y: 2 }] }, b: 1 };
    expect(canonicalJson(one)).toBe('{"a":{"c":"z","d":[{"x":1,"y":2}]},"b":1}');
    expect(canonicalJson(two)).toBe(canonicalJson(one));
  });

  it("keeps array order and drops undefined fields", () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
    expect(canonicalJson({ a: 1, b: undefined, c: null })).toBe('{"a":1,"c":null}');
  });
});

describe("fieldChanges", () => {
  it("lists the changed leaves of nested records by dotted path, sorted, and leaves out unchanged fields", () => {
    const before = { urgency: "normal", subject: { nik: "6408014107850001", name: "Siti", sex: "P" }, service: "A" };
    const after = { urgency: "urgent", subject: { nik: "6408014107850002", name: "Siti", sex: "P" }, service: "A" };
    expect(fieldChanges(before, after)).toEqual([
      { field: "subject.nik", before: "6408014107850001", after: "6408014107850002" },
      { field: "urgency", before: "normal", after: "urgent" },
    ]);
  });

  it("sorts fields at every depth, whatever order the keys come in", () => {
    const changes = fieldChanges({ b: 1, a: { y: 1, x: 1 }, c: 1 }, { c: 2, a: { x: 2, y: 2 }, b: 2 });
    expect(changes.map((c) => c.field)).toEqual(["a.x", "a.y", "b", "c"]);
  });

  it("is empty when nothing changed, even with keys in another order", () => {
    expect(fieldChanges({ a: 1, s: { x: 1, y: [1, 2] } }, { s: { y: [1, 2], x: 1 }, a: 1 })).toEqual([]);
  });

  it("shows a field absent on one side as null there", () => {
    expect(fieldChanges({ notes: "old", subject: { name: "A" } }, { subject: { name: "A", phone: "0812" } })).toEqual([
      { field: "notes", before: "old", after: null },
      { field: "subject.phone", before: null, after: "0812" },
    ]);
    expect(fieldChanges({ notes: undefined }, { notes: "new" })).toEqual([
      { field: "notes", before: null, after: "new" },
    ]);
  });

  it("compares arrays as a whole, not element by element", () => {
    expect(fieldChanges({ tags: ["a", "b"] }, { tags: ["a", "c"] })).toEqual([
      { field: "tags", before: ["a", "b"], after: ["a", "c"] },
    ]);
    expect(fieldChanges({ tags: ["a", "b"] }, { tags: ["b", "a"] })).toHaveLength(1);
  });

  it("records a record replaced by a plain value (or the reverse) as one change of the whole field", () => {
    expect(fieldChanges({ counts: { a: 1 } }, { counts: 3 })).toEqual([
      { field: "counts", before: { a: 1 }, after: 3 },
    ]);
  });
});

describe("versionAt", () => {
  const first = { service: "Bantuan", notes: "awal", subject: { nik: "6408014107850001", name: "Siti" } };
  const second = { service: "Bantuan pangan", subject: { nik: "6408014107850001", name: "Siti Aminah" } };
  const third = { service: "Bantuan pangan", subject: { nik: "6408014107850002", name: "Siti Aminah", phone: "0812" } };
  const edit = (from: Record<string, unknown>, to: Record<string, unknown>, at: string): EventBody => ({
    at,
    type: "edited",
    referralId: "r1",
    actor,
    changes: fieldChanges(from, to),
  });
  const trail = chainOf([
    bodies[0]!,
    bodies[1]!,
    { ...bodies[2]!, decision: "return" },
    edit(first, second, "2026-03-03T08:00:00.000Z"),
    { at: "2026-03-03T08:00:01.000Z", type: "resubmitted", referralId: "r1", actor },
    edit(second, third, "2026-03-04T08:00:00.000Z"),
  ]);

  it("rebuilds every earlier version from the current one", () => {
    expect(versionAt(third, trail, 6)).toEqual(third);
    expect(versionAt(third, trail, 5)).toEqual(second);
    expect(versionAt(third, trail, 4)).toEqual(second);
    expect(versionAt(third, trail, 3)).toEqual(first);
  });

  it("gives the item as first submitted for seq 0", () => {
    expect(versionAt(third, trail, 0)).toEqual(first);
  });

  it("removes a field whose value before the edit was null, and restores one the edit cleared", () => {
    const version = versionAt(third, trail, 3);
    expect(version.subject).not.toHaveProperty("phone");
    expect(version).toHaveProperty("notes", "awal");
  });

  it("undoes the newest edit first when several edits changed the same field", () => {
    const events = chainOf([
      edit({ urgency: "normal" }, { urgency: "urgent" }, "2026-03-01T00:00:00.000Z"),
      edit({ urgency: "urgent" }, { urgency: "emergency" }, "2026-03-02T00:00:00.000Z"),
    ]);
    expect(versionAt({ urgency: "emergency" }, events, 0)).toEqual({ urgency: "normal" });
    expect(versionAt({ urgency: "emergency" }, events, 1)).toEqual({ urgency: "urgent" });
  });

  it("ignores changes carried by events that are not edits", () => {
    const [submitted] = chainOf([{ ...bodies[0]!, changes: [{ field: "service", before: "x", after: "y" }] }]);
    expect(versionAt({ service: "y" }, [submitted!], 0)).toEqual({ service: "y" });
  });

  it("does not change the item or the events it is given", () => {
    const current = structuredClone(third);
    const events = structuredClone(trail);
    versionAt(current, events, 0);
    expect(current).toEqual(third);
    expect(events).toEqual(trail);
  });
});

describe("maskNiksIn", () => {
  it.each([
    ["a bare NIK", "NIK 6408014107850001.", "NIK ************0001."],
    ["a NIK grouped by spaces", "NIK 6408 0141 0785 0001 salah", "NIK ************0001 salah"],
    ["a NIK grouped by dots", "6408.0141.0785.0002", "************0002"],
    ["a NIK grouped by dashes", "(6408-01-410785-0003)", "(************0003)"],
    ["two NIKs", "6408014107850001 dan 6408014107850002", "************0001 dan ************0002"],
  ])("keeps only the last four digits of %s", (_, text, masked) => {
    expect(maskNiksIn(text)).toBe(masked);
  });

  it.each([
    ["a 15-digit run", "No. 640801410785000"],
    ["a 17-digit run", "Rek. 64080141078500011"],
    ["a phone number", "HP 0812-3456-7890"],
    ["a date and time", "2026-03-01 08:00"],
    ["text without digits", "Sudah sesuai"],
  ])("leaves %s alone", (_, text) => {
    expect(maskNiksIn(text)).toBe(text);
  });
});

describe("maskedEvent", () => {
  const [, edited] = chainOf([
    bodies[0]!,
    {
      at: "2026-03-03T08:00:00.000Z",
      type: "edited",
      referralId: "r1",
      actor,
      comment: "NIK lama 6408 0141 0785 0001 salah ketik",
      changes: [
        { field: "subject.nik", before: "6408014107850001", after: "6408014107851234" },
        { field: "summary", before: "Warga dengan NIK 6408014107850001", after: "Warga" },
        { field: "urgency", before: "normal", after: "urgent" },
        { field: "counts.total", before: 6408014107850001, after: 1 },
      ],
    },
  ]);
  const event = edited!;

  it("masks the NIK field of an edit to its last four digits", () => {
    expect(maskedEvent(event).changes![0]).toEqual({
      field: "subject.nik",
      before: "************0001",
      after: "************1234",
    });
  });

  it("masks NIK-shaped text in the comment and in other changes' text, and leaves other values alone", () => {
    const masked = maskedEvent(event);
    expect(masked.comment).toBe("NIK lama ************0001 salah ketik");
    expect(masked.changes!.slice(1)).toEqual([
      { field: "summary", before: "Warga dengan NIK ************0001", after: "Warga" },
      { field: "urgency", before: "normal", after: "urgent" },
      { field: "counts.total", before: 6408014107850001, after: 1 },
    ]);
  });

  it("masks NIK-shaped text in a reveal's reason", () => {
    const [reveal] = chainOf([
      { at: "2026-03-05T08:00:00.000Z", type: "pii_viewed", referralId: "r1", actor, reason: "Cek 6408014107850001" },
    ]);
    expect(maskedEvent(reveal!).reason).toBe("Cek ************0001");
  });

  it("keeps the hashes of the stored event, so a masked event no longer matches them", () => {
    const masked = maskedEvent(event);
    expect([masked.hash, masked.prevHash, masked.seq]).toEqual([event.hash, event.prevHash, event.seq]);
    expect(firstBroken([chainOf([bodies[0]!])[0]!, masked])).toBe(masked);
  });

  it("does not change the stored event", () => {
    const copy = structuredClone(event);
    maskedEvent(event);
    expect(event).toEqual(copy);
    expect(firstBroken([chainOf([bodies[0]!])[0]!, event])).toBeNull();
  });

  it("returns an event without NIKs unchanged", () => {
    const [a, b, c] = chainOf(bodies);
    expect([a, b, c].map((e) => maskedEvent(e!))).toEqual([a, b, c]);
  });
});
