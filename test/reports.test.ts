import { beforeAll, describe, expect, it } from "vitest";
import type { ReportInput } from "@rujuk/core/report";
import type * as z from "zod";
import { testApp } from "./support/app.ts";
import { answered, clientFor } from "./support/client.ts";

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
});

/** The typed client as a demo account. */
const as = async (username: string) => clientFor(t.app, await t.tokenFor(username));

const report = (overrides: Partial<z.input<typeof ReportInput>> = {}): z.input<typeof ReportInput> => ({
  period: "2026-10",
  activities: "Kunjungan rumah ke 12 keluarga; pendataan lansia terlantar di Desa Senyiur.",
  counts: { LUT: 4, PD: 2, FM: 9 },
  notes: "Dua lansia perlu tindak lanjut segera.",
  ...overrides,
});

/** Files a report through the typed client, as the demo TKSK unless told otherwise. */
async function file(json = report(), username = "tksk.ancalong", key?: string) {
  const api = await as(username);
  return api.reports.$post({ json, header: key === undefined ? {} : { "Idempotency-Key": key } });
}

describe("reports", () => {
  it("files a report with its audit event; its chain is kabupaten only", async () => {
    const filed = await (await answered(file(), 201)).json();
    expect(filed).toMatchObject({
      status: "in_review",
      chain: ["kabupaten"],
      currentLevel: null,
      period: "2026-10",
      counts: { LUT: 4, PD: 2, FM: 9 },
      kecamatanCode: "64.08.01",
    });
    expect(filed.number).toMatch(/^LAP-/);
    expect(filed.possibleDuplicates).toBeUndefined();
    const api = await as("tksk.ancalong");
    const read = api.reports[":id"].$get({ param: { id: filed.id }, query: { include: "timeline" } });
    const { timeline = [], ...now } = await (await answered(read, 200)).json();
    expect(now.currentLevel).toBe("kabupaten");
    expect(timeline.map((e) => e.type)).toEqual(["submitted", "level_opened"]);
    expect(timeline[0]?.reportId).toBe(filed.id);
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
    const problem = await (await answered(file(body), 400)).json();
    expect(problem.errors?.map((e) => e.path)).toContain(path);
    expect(await t.count("")).toBe(before);
  });

  it("honours the Idempotency-Key separately from referrals", async () => {
    const before = await t.count("REPORT#");
    const first = await (await answered(file(report(), "tksk.ancalong", "report-key"), 201)).json();
    const second = await (await answered(file(report(), "tksk.ancalong", "report-key"), 201)).json();
    expect(second.id).toBe(first.id);
    expect(await t.count("REPORT#")).toBe(before + 3);
  });

  it("shows reports to officials of the region and hides them elsewhere", async () => {
    const { id } = await (await answered(file(report({ period: "2026-09" })), 201)).json();
    for (const username of ["kab.kutim", "auditor.kaltim"]) {
      await answered((await as(username)).reports[":id"].$get({ param: { id }, query: {} }), 200);
    }
    for (const username of ["kab.samarinda", "tksk.palaran", "kab.lobar"]) {
      await answered((await as(username)).reports[":id"].$get({ param: { id }, query: {} }), 404);
    }
    const kabupaten = await as("kab.kutim");
    const list = await (await answered(kabupaten.reports.$get({ query: { status: "in_review" } }), 200)).json();
    expect(list.items.map((r) => r.id)).toContain(id);
    await answered(file(report(), "auditor.kutim"), 403);
  });
});
