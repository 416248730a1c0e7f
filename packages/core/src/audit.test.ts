import { describe, expect, it } from "vitest";
import { type AuditEvent, type EventBody, GENESIS_HASH, canonicalJson, firstBroken, sealEvent } from "./audit.ts";

const actor = { id: "u1", role: "kecamatan", regionCode: "64.08.01" };
const bodies: EventBody[] = [
  { at: "2026-03-01T08:00:00.000Z", type: "submitted", referralId: "r1", actor },
  { at: "2026-03-01T08:00:01.000Z", type: "level_opened", referralId: "r1", actor: null, level: "kecamatan" },
  { at: "2026-03-02T09:30:00.000Z", type: "decided", referralId: "r1", actor, decision: "approve", comment: "OK" },
];

function chainOf(list: EventBody[]): AuditEvent[] {
  const events: AuditEvent[] = [];
  for (const body of list) events.push(sealEvent(body, events.at(-1) ?? null));
  return events;
}

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
