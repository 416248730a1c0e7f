import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { referralBody, testApp } from "./support/app.ts";

/**
 * An auditor's own script, written from the README's "Verifying it yourself" and nothing else: it imports no code of
 * the app's. If the app and the README ever disagree, this test fails.
 */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

interface Exported {
  seq: number;
  at: string;
  type: string;
  hash: string;
  prevHash: string;
  region: string;
  referralId?: string;
  reportId?: string;
  actor: { id: string } | null;
  masked?: string[];
}

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp({}, { chain: true });
});
afterAll(() => t.close());

describe("recomputing the trail from exports, as the README specifies", () => {
  it("gives every event's hash and link, and the ledger digest that verify reports", async () => {
    const tksk = await t.tokenFor("tksk.ancalong");
    for (const nik of ["6408014507805001", "6408014507805002"]) {
      const res = await t.call("POST", "/api/referrals", { token: tksk, body: referralBody({}, { nik }) });
      expect(res.status).toBe(201);
    }
    await t.settle();
    const auditor = await t.tokenFor("auditor.kutim");
    const some = (await t.call("GET", "/api/referrals", { token: auditor })).json.items[0].id;
    expect(
      (
        await t.call("POST", `/api/audit/referrals/${some}/reveal`, {
          token: auditor,
          body: { reason: "Uji ulang jejak" },
        })
      ).status,
    ).toBe(200);

    const ndjson = async (path: string) =>
      (await (await t.app.request(path, { headers: { authorization: `Bearer ${auditor}` } })).text())
        .trimEnd()
        .split("\n")
        .map((line) => JSON.parse(line) as Exported);
    // The export is itself recorded in the log; the log is then read as a json page, which records nothing, so the
    // two together are the region's whole ledger.
    const itemEvents = await ndjson("/api/audit/events?format=ndjson");
    const log = (await t.call("GET", "/api/audit/log?limit=100", { token: auditor })).json.items as Exported[];
    expect(log.map((e) => e.type).sort()).toEqual(["exported", "pii_viewed"]);
    const events = [...itemEvents, ...log];
    expect(events.length).toBeGreaterThanOrEqual(5);

    const chainOf = (e: Exported) =>
      e.type === "pii_viewed" || e.type === "exported"
        ? `AUDITOR#${e.actor!.id}`
        : e.referralId
          ? `REFERRAL#${e.referralId}`
          : `REPORT#${e.reportId}`;
    const byChain = new Map<string, Exported[]>();
    for (const e of events) byChain.set(chainOf(e), [...(byChain.get(chainOf(e)) ?? []), e]);
    for (const chain of byChain.values()) {
      chain.sort((a, b) => a.seq - b.seq);
      chain.forEach((e, i) => {
        expect(e.seq).toBe(i + 1);
        expect(e.prevHash).toBe(i === 0 ? "0".repeat(64) : chain[i - 1]!.hash);
        const { hash, ...rest } = e;
        if (!e.masked) expect(sha256(canonical(rest))).toBe(hash);
      });
    }

    // The ledger lines, in ledger order, then the chained digest per UTC day.
    const order = (e: Exported) => `${e.at}#${chainOf(e)}#${String(e.seq).padStart(10, "0")}`;
    const lines = [...events]
      .sort((a, b) => (order(a) < order(b) ? -1 : 1))
      .map((e) => ({
        day: e.at.slice(0, 10),
        line: canonical({ at: e.at, chain: chainOf(e), hash: e.hash, region: e.region, seq: e.seq }),
      }));
    let digest = "0".repeat(64);
    for (const day of [...new Set(lines.map((l) => l.day))]) {
      const today = lines.filter((l) => l.day === day).map((l) => l.line);
      digest = sha256(`${digest}\n${today.join("\n")}`);
    }
    const verify = (await t.call("GET", "/api/audit/verify?region=64.08", { token: auditor })).json;
    expect(verify).toMatchObject({ ok: true, checked: events.length });
    expect(verify.digest.value).toBe(digest);
  });
});
