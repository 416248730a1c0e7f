import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { referralBody, testApp } from "./support/app.ts";

let t: Awaited<ReturnType<typeof testApp>>;
let tksk: string;
const DAY = 86_400_000;

beforeAll(async () => {
  t = await testApp({}, { chain: true });
  tksk = await t.tokenFor("tksk.ancalong");
});
afterAll(() => t.close());

let nikSerial = 1000;
/** Files a referral (a new person each time) and waits for the workflow to open its first level. */
async function file(overrides: Record<string, unknown> = {}) {
  const res = await t.call("POST", "/api/referrals", {
    token: tksk,
    body: referralBody(overrides, { nik: `640801450780${nikSerial++}` }),
  });
  expect(res.status).toBe(201);
  await t.settle();
  return res.json.id as string;
}

async function decide(id: string, username: string, decision: string, comment?: string) {
  const res = await t.call("POST", `/api/referrals/${id}/decisions`, {
    token: await t.tokenFor(username),
    body: { decision, ...(comment ? { comment } : {}) },
  });
  await t.settle();
  return res;
}

const get = async (id: string) => (await t.call("GET", `/api/referrals/${id}?include=timeline`, { token: tksk })).json;
const inboxIds = async (username: string) =>
  (await t.call("GET", "/api/inbox", { token: await t.tokenFor(username) })).json.items.map(
    (i: { id: string }) => i.id,
  );

describe("the approval chain over HTTP, on the local Step Functions endpoint", () => {
  it("approves at all three levels: approved, three decisions, in each level's inbox in turn", async () => {
    const id = await file();
    expect((await get(id)).currentLevel).toBe("kecamatan");
    expect(await inboxIds("kec.ancalong")).toContain(id);
    expect((await decide(id, "kec.ancalong", "approve")).status).toBe(200);
    expect(await inboxIds("kec.ancalong")).not.toContain(id);
    expect((await get(id)).currentLevel).toBe("kabupaten");
    expect(await inboxIds("kab.kutim")).toContain(id);
    expect((await decide(id, "kab.kutim", "approve")).status).toBe(200);
    expect((await get(id)).currentLevel).toBe("provinsi");
    expect((await decide(id, "prov.kaltim", "approve", "Disetujui")).status).toBe(200);
    const done = await get(id);
    expect(done.status).toBe("approved");
    expect(done.currentLevel).toBeNull();
    expect(done.decisions.map((d: { level: string; decision: string }) => `${d.level}:${d.decision}`)).toEqual([
      "kecamatan:approve",
      "kabupaten:approve",
      "provinsi:approve",
    ]);
    expect(done.timeline.map((e: { type: string }) => e.type)).toEqual([
      "submitted",
      "level_opened",
      "decided",
      "level_opened",
      "decided",
      "level_opened",
      "decided",
      "approved",
    ]);
    expect(await inboxIds("prov.kaltim")).not.toContain(id);
  });

  it.each([
    ["kecamatan", ["kec.ancalong"]],
    ["kabupaten", ["kec.ancalong", "kab.kutim"]],
    ["provinsi", ["kec.ancalong", "kab.kutim", "prov.kaltim"]],
  ])("rejects at the %s level", async (_, officials) => {
    const id = await file();
    for (const official of officials.slice(0, -1)) await decide(id, official, "approve");
    expect((await decide(id, officials.at(-1)!, "reject", "Bukan PPKS")).status).toBe(200);
    const done = await get(id);
    expect(done.status).toBe("rejected");
    expect(done.timeline.at(-1).type).toBe("rejected");
  });

  it("returns at kabupaten, the TKSK edits and resubmits, it comes back to kabupaten and is approved", async () => {
    const id = await file();
    await decide(id, "kec.ancalong", "approve");
    expect((await decide(id, "kab.kutim", "return", "Lengkapi alamat")).status).toBe(200);
    expect((await get(id)).status).toBe("returned");
    const edited = await t.call("PUT", `/api/referrals/${id}`, {
      token: tksk,
      body: referralBody(
        { summary: "Alamat dilengkapi" },
        { nik: "6408014507809999", address: "RT 02 RW 01, Senyiur" },
      ),
    });
    expect(edited.status).toBe(200);
    expect(edited.json.subject.address).toBe("RT 02 RW 01, Senyiur");
    // The corrected NIK is what duplicate detection now matches.
    const same = await t.call("POST", "/api/referrals", {
      token: tksk,
      body: referralBody({}, { nik: "6408014507809999" }),
    });
    expect(same.json.possibleDuplicates).toHaveLength(1);
    const official = await t.call("GET", `/api/referrals/${same.json.id}`, { token: await t.tokenFor("kec.ancalong") });
    expect(official.json.possibleDuplicates).toEqual([expect.objectContaining({ id })]);
    await t.settle();
    expect((await t.call("POST", `/api/referrals/${id}/resubmit`, { token: tksk })).status).toBe(200);
    await t.settle();
    const back = await get(id);
    expect(back).toMatchObject({ status: "in_review", currentLevel: "kabupaten" });
    await decide(id, "kab.kutim", "approve");
    await decide(id, "prov.kaltim", "approve");
    const done = await get(id);
    expect(done.status).toBe("approved");
    expect(done.timeline.map((e: { type: string }) => e.type)).toContain("resubmitted");
  });

  it("withdraws: the submitter ends it before a final decision", async () => {
    const id = await file();
    expect((await t.call("POST", `/api/referrals/${id}/withdraw`, { token: tksk })).status).toBe(200);
    await t.settle();
    const done = await get(id);
    expect(done.status).toBe("withdrawn");
    expect(await inboxIds("kec.ancalong")).not.toContain(id);
    expect((await decide(id, "kec.ancalong", "approve")).status).toBe(409);
  });

  it("lets exactly one of 10 concurrent approvals at one level through", async () => {
    const id = await file();
    const token = await t.tokenFor("kec.ancalong");
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.call("POST", `/api/referrals/${id}/decisions`, { token, body: { decision: "approve" } }),
      ),
    );
    await t.settle();
    expect(results.map((r) => r.status).sort()).toEqual([200, ...Array(9).fill(409)]);
    const item = await get(id);
    expect(item.decisions).toHaveLength(1);
    expect(item.currentLevel).toBe("kabupaten");
  });

  it("refuses officials of the wrong level or region, and the submitter", async () => {
    const id = await file();
    expect((await decide(id, "kab.kutim", "approve")).status).toBe(409);
    expect((await decide(id, "kec.palaran", "approve")).status).toBe(404);
    expect((await decide(id, "kab.samarinda", "approve")).status).toBe(404);
    expect((await decide(id, "auditor.kutim", "approve")).status).toBe(403);
    expect((await decide(id, "tksk.ancalong", "approve")).status).toBe(403);
    expect((await decide(id, "kec.ancalong", "reject")).status).toBe(400);
    expect((await get(id)).decisions).toEqual([]);
  });

  it("reminds and escalates once when a deadline passes, and keeps the item open at its level", async () => {
    const id = await file({ urgency: "emergency" });
    expect(
      (await t.call("GET", "/api/inbox?overdue=true", { token: await t.tokenFor("kec.ancalong") })).json.items,
    ).toEqual([]);
    t.clock.advance(DAY + 1000);
    await t.settle();
    const item = await get(id);
    const types = item.timeline.map((e: { type: string }) => e.type);
    expect(types.filter((x: string) => x === "reminded")).toHaveLength(1);
    expect(types.filter((x: string) => x === "escalated")).toHaveLength(1);
    expect(item).toMatchObject({ status: "in_review", currentLevel: "kecamatan" });
    // Reopened with a fresh deadline, it stays flagged as overdue in the level's inbox.
    const overdue = await t.call("GET", "/api/inbox?overdue=true", { token: await t.tokenFor("kec.ancalong") });
    const flagged = overdue.json.items.find((i: { id: string }) => i.id === id);
    expect(flagged).toMatchObject({ overdue: true });
    expect(flagged.subject.nik).toMatch(/^\d{6}\*{6}\d{4}$/);
    // Reopened with a fresh deadline: decidable again.
    expect((await decide(id, "kec.ancalong", "approve")).status).toBe(200);
    expect((await get(id)).currentLevel).toBe("kabupaten");
  });

  it("puts the most urgent first, then the oldest, and flags the overdue", async () => {
    const normal = await file();
    const urgent = await file({ urgency: "urgent" });
    const ids = await inboxIds("kec.ancalong");
    expect(ids.indexOf(urgent)).toBeLessThan(ids.indexOf(normal));
    t.clock.advance(2 * DAY);
    const overdue = await t.call("GET", "/api/inbox?overdue=true", { token: await t.tokenFor("kec.ancalong") });
    const flagged = overdue.json.items.find((i: { id: string }) => i.id === urgent);
    expect(flagged).toMatchObject({ kind: "referral", overdue: true });
    expect(overdue.json.items.map((i: { id: string }) => i.id)).not.toContain(normal);
  });

  it("takes a report through its one-level chain: kabupaten approves", async () => {
    const body = { period: "2026-10", activities: "Kunjungan rumah", counts: { LUT: 2 } };
    const { id } = (await t.call("POST", "/api/reports", { token: tksk, body })).json;
    await t.settle();
    const inbox = await t.call("GET", "/api/inbox?kind=report", { token: await t.tokenFor("kab.kutim") });
    expect(inbox.json.items.map((i: { id: string; kind: string }) => `${i.kind}:${i.id}`)).toContain(`report:${id}`);
    expect(await inboxIds("kec.ancalong")).not.toContain(id);
    const decided = await t.call("POST", `/api/reports/${id}/decisions`, {
      token: await t.tokenFor("kab.kutim"),
      body: { decision: "approve" },
    });
    expect(decided.status).toBe(200);
    await t.settle();
    const report = (await t.call("GET", `/api/reports/${id}`, { token: tksk })).json;
    expect(report).toMatchObject({ status: "approved", currentLevel: null, chain: ["kabupaten"] });
  });

  it("returns a report; its submitter replaces it, leaving out the notes, which are then gone", async () => {
    const body = { period: "2026-09", activities: "Kunjungan rumah", counts: { LUT: 1 }, notes: "Data belum lengkap" };
    const { id } = (await t.call("POST", "/api/reports", { token: tksk, body })).json;
    await t.settle();
    const kab = await t.tokenFor("kab.kutim");
    const returned = await t.call("POST", `/api/reports/${id}/decisions`, {
      token: kab,
      body: { decision: "return", comment: "Perbaiki jumlah" },
    });
    expect(returned.status).toBe(200);
    await t.settle();
    const { notes: _dropped, ...rest } = body;
    const edited = await t.call("PUT", `/api/reports/${id}`, { token: tksk, body: { ...rest, counts: { LUT: 3 } } });
    expect(edited.status).toBe(200);
    expect(edited.json.counts).toEqual({ LUT: 3 });
    expect(edited.json).not.toHaveProperty("notes");
    expect((await t.call("GET", `/api/reports/${id}`, { token: tksk })).json).not.toHaveProperty("notes");
  });
});
