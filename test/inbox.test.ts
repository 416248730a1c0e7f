import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { referralBody, testApp } from "./support/app.ts";
import { answered, clientFor } from "./support/client.ts";
import { seedAccounts } from "../packages/local/src/seed.ts";

/**
 * The officials' inbox over HTTP, on the real approval chain: its counts, its filters, search by id, number and
 * name, and the duplicate flag, each checked against what this file's own submissions and decisions imply; and an
 * official of another kabupaten sees none of it.
 */
let t: Awaited<ReturnType<typeof testApp>>;
const DAY = 86_400_000;
const DESA = { senyiur: "64.08.01.2001", kelinjau: "64.08.01.2002" };

interface Filed {
  id: string;
  number: string;
  nik?: string;
}
/** The referrals filed in Muara Ancalong (64.08.01), by name, and the reports at the kabupaten. */
const r: Record<string, Filed> = {};
const reports: Record<string, Filed> = {};

const inboxOf = async (username: string) => clientFor(t.app, await t.tokenFor(username)).inbox;
type InboxQuery = Parameters<Awaited<ReturnType<typeof inboxOf>>["$get"]>[0]["query"];

/** One page of an official's inbox under a query. */
async function page(username: string, query: InboxQuery = {}) {
  return (await answered((await inboxOf(username)).$get({ query }), 200)).json();
}

/** The ids of an official's whole inbox under a query, page after page. */
async function ids(username: string, query: InboxQuery = {}): Promise<string[]> {
  const found: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 20; pages++) {
    const { items, nextCursor } = await page(username, { ...query, ...(cursor ? { cursor } : {}) });
    found.push(...items.map((item) => item.id));
    if (!nextCursor) return found;
    cursor = nextCursor;
  }
  throw new Error("the inbox never ended");
}

const counts = async (username: string) => (await answered((await inboxOf(username)).counts.$get(), 200)).json();

let nikSerial = 1000;
/** Files a referral as the demo TKSK; a minute apart, so that the inbox has one order by age. */
async function file(name: string, fields: Record<string, unknown>, subject: Record<string, unknown> = {}) {
  const body = referralBody(fields, { name, nik: `640801450780${nikSerial++}`, ...subject });
  const res = await t.call("POST", "/api/referrals", { token: await t.tokenFor("tksk.ancalong"), body });
  expect(res.status, res.text).toBe(201);
  r[name] = { id: res.json.id, number: res.json.number, nik: body.subject.nik };
  await t.settle();
  t.clock.advance(60_000);
}

async function fileReport(key: string, username: string) {
  const res = await t.call("POST", "/api/reports", {
    token: await t.tokenFor(username),
    body: { period: "2026-10", activities: "Kunjungan rumah ke 12 keluarga.", counts: { LUT: 1 } },
  });
  expect(res.status, res.text).toBe(201);
  reports[key] = { id: res.json.id, number: res.json.number };
  await t.settle();
  t.clock.advance(60_000);
}

async function act(path: string, username: string, body?: unknown) {
  const res = await t.call("POST", path, { token: await t.tokenFor(username), ...(body ? { body } : {}) });
  expect(res.status, res.text).toBe(200);
  await t.settle();
}

beforeAll(async () => {
  t = await testApp({}, { chain: true });
  // A TKSK in Muara Wahau (64.08.02), another kecamatan of the same kabupaten, seeded as the demo accounts are.
  const username = "tksk.wahau";
  const wahau = { username, password: `demo-${username}`, role: "tksk" as const, regionCode: "64.08.02" };
  await seedAccounts(t.deps.store, [{ ...wahau, name: "Rahmat Hidayat", email: `${username}@rujuk.test` }]);
  // Signed in before the test's clock moves on: a token issued by a clock ahead of the real one is not yet valid.
  for (const name of [
    "tksk.ancalong",
    username,
    "kec.ancalong",
    "kab.kutim",
    "prov.kaltim",
    "kab.samarinda",
    "kec.palaran",
  ])
    await t.tokenFor(name);
});
afterAll(() => t.close());

describe("the inbox's counts", () => {
  it("count what waits, what is overdue and what was returned, after submissions and decisions", async () => {
    await file("Siti Aminah", { urgency: "urgent", category: "LUT" }, { desaCode: DESA.senyiur });
    await file("Sarni", { urgency: "normal", category: "FM" }, { desaCode: DESA.kelinjau });
    await file("Budi", { urgency: "emergency", category: "AT" }, { desaCode: DESA.senyiur });
    await file("Joko", {});
    await file("Wati", {});
    await file("Ani", {});
    await fileReport("ancalong", "tksk.ancalong");
    await fileReport("wahau", "tksk.wahau");
    expect(await counts("kec.ancalong")).toEqual({ waiting: 6, overdue: 0, returned: 0 });
    expect(await counts("kab.kutim")).toEqual({ waiting: 2, overdue: 0, returned: 0 });

    await act(`/api/referrals/${r.Joko!.id}/decisions`, "kec.ancalong", { decision: "approve" });
    expect(await counts("kec.ancalong")).toEqual({ waiting: 5, overdue: 0, returned: 0 });
    expect(await counts("kab.kutim")).toEqual({ waiting: 3, overdue: 0, returned: 0 });

    await act(`/api/referrals/${r.Wati!.id}/decisions`, "kec.ancalong", {
      decision: "return",
      comment: "Lengkapi alamat",
    });
    expect(await counts("kec.ancalong")).toEqual({ waiting: 4, overdue: 0, returned: 1 });

    await act(`/api/referrals/${r.Ani!.id}/withdraw`, "tksk.ancalong");
    expect(await counts("kec.ancalong")).toEqual({ waiting: 3, overdue: 0, returned: 1 });

    // A day and a quarter on, only the emergency (a day at every level) is past its deadline.
    t.clock.advance(DAY + DAY / 4);
    await t.settle();
    expect(await counts("kec.ancalong")).toEqual({ waiting: 3, overdue: 1, returned: 1 });
    expect(await counts("kab.kutim")).toEqual({ waiting: 3, overdue: 0, returned: 0 });
    expect(await counts("prov.kaltim")).toEqual({ waiting: 0, overdue: 0, returned: 0 });
  });

  it("stop counting a returned item once its submitter resubmits it", async () => {
    await act(`/api/referrals/${r.Wati!.id}/resubmit`, "tksk.ancalong");
    expect(await counts("kec.ancalong")).toEqual({ waiting: 4, overdue: 1, returned: 0 });
    // Returned again, it counts again.
    await act(`/api/referrals/${r.Wati!.id}/decisions`, "kec.ancalong", { decision: "return", comment: "Lagi" });
    expect(await counts("kec.ancalong")).toEqual({ waiting: 3, overdue: 1, returned: 1 });
  });
});

describe("the inbox's filters", () => {
  it("lists the whole inbox, most urgent then oldest first, each item with its kind and overdue flag", async () => {
    expect(await ids("kec.ancalong")).toEqual([r.Budi!.id, r["Siti Aminah"]!.id, r.Sarni!.id]);
    const { items } = await page("kec.ancalong");
    expect(items.map((i) => [i.kind, i.overdue])).toEqual([
      ["referral", true],
      ["referral", false],
      ["referral", false],
    ]);
    // The kabupaten's level opened for the referral when the kecamatan approved it, after the reports were filed.
    expect(await ids("kab.kutim")).toEqual([reports.ancalong!.id, reports.wahau!.id, r.Joko!.id]);
  });

  it("filters by urgency, referrals alone having one", async () => {
    expect(await ids("kec.ancalong", { urgency: "emergency" })).toEqual([r.Budi!.id]);
    expect(await ids("kec.ancalong", { urgency: "urgent" })).toEqual([r["Siti Aminah"]!.id]);
    expect(await ids("kec.ancalong", { urgency: "normal" })).toEqual([r.Sarni!.id]);
    // The kabupaten's reports rank as normal in the inbox's order, but have no urgency to match.
    expect(await ids("kab.kutim", { urgency: "normal" })).toEqual([r.Joko!.id]);
  });

  it("filters by category", async () => {
    expect(await ids("kec.ancalong", { category: "FM" })).toEqual([r.Sarni!.id]);
    expect(await ids("kec.ancalong", { category: "KAT" })).toEqual([]);
    expect(await ids("kab.kutim", { category: "LUT" })).toEqual([r.Joko!.id]);
  });

  it("filters by kecamatan and by desa, inside the caller's region", async () => {
    expect(await ids("kab.kutim", { kecamatan: "64.08.02" })).toEqual([reports.wahau!.id]);
    expect(await ids("kab.kutim", { kecamatan: "64.08.01" })).toEqual([reports.ancalong!.id, r.Joko!.id]);
    expect(await ids("prov.kaltim", { kecamatan: "64.08.01" })).toEqual([]);
    expect(await ids("kec.ancalong", { desa: DESA.senyiur })).toEqual([r.Budi!.id, r["Siti Aminah"]!.id]);
    expect(await ids("kec.ancalong", { desa: DESA.kelinjau })).toEqual([r.Sarni!.id]);
    expect(await ids("kec.ancalong", { desa: DESA.kelinjau, urgency: "emergency" })).toEqual([]);
  });

  it("refuses a region outside the caller's as 403, and a code of the wrong level as 400", async () => {
    const kab = await inboxOf("kab.kutim");
    await answered(kab.$get({ query: { kecamatan: "64.72.01" } }), 403);
    await answered(kab.$get({ query: { desa: "64.72.01.1001" } }), 403);
    await answered((await inboxOf("kec.ancalong")).$get({ query: { kecamatan: "64.08.02" } }), 403);
    await answered(kab.$get({ query: { kecamatan: "64.08" } }), 400);
    await answered(kab.$get({ query: { desa: "64.08.01" } }), 400);
    // Enums from core: an urgency or category the system does not have is a 400, with the field named.
    const token = await t.tokenFor("kab.kutim");
    for (const query of ["urgency=whenever", "category=XYZ", "kind=letter"]) {
      const res = await t.call("GET", `/api/inbox?${query}`, { token });
      expect(res.status, query).toBe(400);
      expect(JSON.stringify(res.json), query).toContain(query.split("=")[0]);
    }
  });

  it("filters by kind and by overdue", async () => {
    expect(await ids("kab.kutim", { kind: "report" })).toEqual([reports.ancalong!.id, reports.wahau!.id]);
    expect(await ids("kab.kutim", { kind: "referral" })).toEqual([r.Joko!.id]);
    expect(await ids("kec.ancalong", { overdue: "true" })).toEqual([r.Budi!.id]);
    expect(await ids("kab.kutim", { overdue: "true" })).toEqual([]);
  });
});

describe("search in the inbox", () => {
  it("finds an item by its id or its number, exactly", async () => {
    const siti = r["Siti Aminah"]!;
    expect(await ids("kec.ancalong", { q: siti.id })).toEqual([siti.id]);
    expect(await ids("kec.ancalong", { q: siti.number })).toEqual([siti.id]);
    expect(await ids("kec.ancalong", { q: siti.number.toLowerCase() })).toEqual([siti.id]);
    expect(await ids("kab.kutim", { q: reports.wahau!.number })).toEqual([reports.wahau!.id]);
    // Part of a number is not a number.
    expect(await ids("kec.ancalong", { q: siti.number.slice(0, -1) })).toEqual([]);
  });

  it("finds a referral by part of the person's name, whatever its case and accents", async () => {
    expect(await ids("kec.ancalong", { q: "Sítí" })).toEqual([r["Siti Aminah"]!.id]);
    expect(await ids("kec.ancalong", { q: "AMINAH" })).toEqual([r["Siti Aminah"]!.id]);
    // Decomposed (NFD) as some keyboards send it, the accent still matches nothing but the letter.
    expect(await ids("kec.ancalong", { q: "Sa\u0301rni" })).toEqual([r.Sarni!.id]);
    expect(await ids("kec.ancalong", { q: "bu" })).toEqual([r.Budi!.id]);
    expect(await ids("kec.ancalong", { q: "Joko" })).toEqual([]);
    expect(await ids("kab.kutim", { q: "Joko" })).toEqual([r.Joko!.id]);
    // A blank search box searches for nothing.
    expect(await ids("kec.ancalong", { q: "  " })).toHaveLength(3);
  });

  it("pages through matches, a page at a time", async () => {
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const found = await page("kec.ancalong", { q: "i", limit: "1", ...(cursor ? { cursor } : {}) });
      pages.push(found.items.map((i) => i.id));
      cursor = found.nextCursor ?? undefined;
    } while (cursor && pages.length < 10);
    // "Budi" and "Siti Aminah" have an i; "Sarni" too.
    expect(pages.flat()).toEqual([r.Budi!.id, r["Siti Aminah"]!.id, r.Sarni!.id]);
    expect(pages[0]).toHaveLength(1);
  });
});

describe("the duplicate flag", () => {
  it("says how many other open referrals name the same person, and forgets a withdrawn one", async () => {
    const shared = { nik: "6408014507809999" };
    await file("Lina", {}, shared);
    await file("Lina Marlina", {}, shared);
    const duplicates = async () =>
      Object.fromEntries(
        (await page("kec.ancalong")).items.map((i) => [i.id, i.kind === "referral" ? i.duplicates : undefined]),
      );
    expect(await duplicates()).toEqual({
      [r.Budi!.id]: 0,
      [r["Siti Aminah"]!.id]: 0,
      [r.Sarni!.id]: 0,
      [r.Lina!.id]: 1,
      [r["Lina Marlina"]!.id]: 1,
    });
    // The returned one is still open: it counts, though it waits for its submitter, not in this inbox.
    await file("Wati Lagi", {}, { nik: r.Wati!.nik });
    expect((await duplicates())[r["Wati Lagi"]!.id]).toBe(1);

    await act(`/api/referrals/${r["Lina Marlina"]!.id}/withdraw`, "tksk.ancalong");
    await act(`/api/referrals/${r["Wati Lagi"]!.id}/withdraw`, "tksk.ancalong");
    const after = await duplicates();
    expect(after[r.Lina!.id]).toBe(0);
    expect(after).not.toHaveProperty(r["Lina Marlina"]!.id);
  });
});

describe("another kabupaten's officials", () => {
  it("see none of it: no items, no counts, no search hits", async () => {
    for (const official of ["kab.samarinda", "kec.palaran"]) {
      expect(await ids(official)).toEqual([]);
      expect(await counts(official)).toEqual({ waiting: 0, overdue: 0, returned: 0 });
      for (const item of [r["Siti Aminah"]!, r.Joko!, reports.wahau!]) {
        expect(await ids(official, { q: item.id })).toEqual([]);
        expect(await ids(official, { q: item.number })).toEqual([]);
      }
      expect(await ids(official, { q: "Siti" })).toEqual([]);
    }
    await answered((await inboxOf("kab.samarinda")).$get({ query: { kecamatan: "64.08.01" } }), 403);
  });
});
