import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "./support/app.ts";

let t: Awaited<ReturnType<typeof testApp>>;
let tksk: string;
beforeAll(async () => {
  t = await testApp();
  tksk = await t.tokenFor("tksk.ancalong");
});

const report = (overrides: Record<string, unknown> = {}) => ({
  period: "2026-10",
  activities: "Kunjungan rumah ke 12 keluarga; pendataan lansia terlantar di Desa Senyiur.",
  counts: { LUT: 4, PD: 2, FM: 9 },
  notes: "Dua lansia perlu tindak lanjut segera.",
  ...overrides,
});

describe("reports", () => {
  it("files a report with its audit event; its chain is kabupaten only", async () => {
    const res = await t.call("POST", "/api/reports", { token: tksk, body: report() });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      status: "in_review",
      chain: ["kabupaten"],
      currentLevel: "kabupaten",
      period: "2026-10",
      counts: { LUT: 4, PD: 2, FM: 9 },
      kecamatanCode: "64.08.01",
    });
    expect(res.json.number).toMatch(/^LAP-/);
    expect(res.json.possibleDuplicates).toBeUndefined();
    const withTimeline = await t.call("GET", `/api/reports/${res.json.id}?include=timeline`, { token: tksk });
    expect(withTimeline.json.timeline.map((e: { type: string }) => e.type)).toEqual(["submitted", "level_opened"]);
    expect(withTimeline.json.timeline[0].reportId).toBe(res.json.id);
  });

  it.each([
    ["a malformed period", report({ period: "2026-13" }), "period"],
    ["a future period", report({ period: "2999-01" }), "period"],
    ["a negative count", report({ counts: { LUT: -1 } }), "counts.LUT"],
    ["a fractional count", report({ counts: { LUT: 1.5 } }), "counts.LUT"],
    ["an unknown category in counts", report({ counts: { NOPE: 1 } }), "counts.NOPE"],
    ["no activities", report({ activities: "   " }), "activities"],
  ])("rejects %s with 400 naming the field, writing nothing", async (_, body, path) => {
    const before = await t.count("");
    const res = await t.call("POST", "/api/reports", { token: tksk, body });
    expect(res.status).toBe(400);
    expect(res.json.errors.map((e: { path: string }) => e.path)).toContain(path);
    expect(await t.count("")).toBe(before);
  });

  it("honours the Idempotency-Key separately from referrals", async () => {
    const before = await t.count("REPORT#");
    const headers = { "idempotency-key": "report-key" };
    const first = await t.call("POST", "/api/reports", { token: tksk, body: report(), headers });
    const second = await t.call("POST", "/api/reports", { token: tksk, body: report(), headers });
    expect(second.json.id).toBe(first.json.id);
    expect(await t.count("REPORT#")).toBe(before + 3);
  });

  it("shows reports to officials of the region and hides them elsewhere", async () => {
    const id = (await t.call("POST", "/api/reports", { token: tksk, body: report({ period: "2026-09" }) })).json.id;
    for (const username of ["kab.kutim", "auditor.kaltim"]) {
      expect((await t.call("GET", `/api/reports/${id}`, { token: await t.tokenFor(username) })).status).toBe(200);
    }
    for (const username of ["kab.samarinda", "tksk.palaran", "kab.lobar"]) {
      expect((await t.call("GET", `/api/reports/${id}`, { token: await t.tokenFor(username) })).status).toBe(404);
    }
    const list = await t.call("GET", "/api/reports?status=in_review", { token: await t.tokenFor("kab.kutim") });
    expect(list.json.items.map((r: { id: string }) => r.id)).toContain(id);
    expect(
      (await t.call("POST", "/api/reports", { token: await t.tokenFor("auditor.kutim"), body: report() })).status,
    ).toBe(403);
  });
});
