import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { referralBody, testApp } from "./support/app.ts";

/**
 * Filters on lists and the inbox: a page is filled from as far down the index as it takes, so a client never gets
 * a short or empty page that still has matches behind it. Against DynamoDB Local and the real approval chain.
 */
let t: Awaited<ReturnType<typeof testApp>>;
let tksk: string;
let kec: string;
const DAY = 24 * 60 * 60 * 1000;
/** The referrals filed, oldest first. */
const filed: { id: string; number: string }[] = [];

async function file(n: number, urgency = "normal") {
  const res = await t.call("POST", "/api/referrals", {
    token: tksk,
    body: referralBody({ urgency }, { nik: `64080145078000${String(n).padStart(2, "0")}` }),
  });
  expect(res.status).toBe(201);
  filed.push({ id: res.json.id, number: res.json.number });
  await t.settle();
  // The shared clock stands still unless moved: a minute apart, the referrals have one order by age.
  t.clock.advance(60_000);
}

/** Every page of a listing, following its cursors. */
async function walk(path: string, token: string) {
  const pages: string[][] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes("?") ? "&" : "?";
    const res = await t.call("GET", `${path}${cursor ? `${sep}cursor=${cursor}` : ""}`, { token });
    expect(res.status).toBe(200);
    pages.push(res.json.items.map((i: { id: string }) => i.id));
    cursor = res.json.nextCursor;
  } while (cursor && pages.length < 20);
  return pages;
}

beforeAll(async () => {
  t = await testApp({}, { chain: true });
  tksk = await t.tokenFor("tksk.ancalong");
  kec = await t.tokenFor("kec.ancalong");
  // Two normal referrals, then, two days on, two urgent ones: the urgent ones head the inbox, and a day
  // and a quarter later only the normal ones are past their three-day deadline.
  await file(1);
  await file(2);
  t.clock.advance(2 * DAY);
  await file(3, "urgent");
  await file(4, "urgent");
  // The newest and the oldest are withdrawn: a status filter must look past the rest to fill its page.
  for (const { id } of [filed[3]!, filed[0]!])
    expect((await t.call("POST", `/api/referrals/${id}/withdraw`, { token: tksk })).status).toBe(200);
  await t.settle();
});
afterAll(() => t.close());

describe("pages under a filter", () => {
  it("fills a page of a status filter from past the entries it skips", async () => {
    const withdrawn = await t.call("GET", "/api/referrals?status=withdrawn&limit=2", { token: tksk });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.json.items.map((i: { id: string }) => i.id)).toEqual([filed[3]!.id, filed[0]!.id]);
    // DynamoDB cannot tell that nothing follows the last entry it read, so at most an empty page follows.
    expect((await walk(`/api/referrals?status=withdrawn&limit=2`, tksk)).flat()).toEqual([filed[3]!.id, filed[0]!.id]);

    expect(await walk("/api/referrals?status=in_review&limit=1", tksk)).toEqual([[filed[2]!.id], [filed[1]!.id], []]);
  });

  it("walks every referral once, page by page, newest first", async () => {
    const pages = await walk("/api/referrals?limit=3", tksk);
    expect(pages.flat()).toEqual(filed.map((f) => f.id).reverse());
    expect(pages[0]).toHaveLength(3);
  });

  it("finds the overdue item behind the urgent ones on the first page of the inbox", async () => {
    t.clock.advance(DAY + DAY / 4);
    await t.settle();
    const all = await walk("/api/inbox?limit=10", kec);
    expect(all).toEqual([[filed[2]!.id, filed[1]!.id]]);
    const overdue = await t.call("GET", "/api/inbox?overdue=true&limit=1", { token: kec });
    expect(overdue.status).toBe(200);
    expect(overdue.json.items.map((i: { id: string; overdue: boolean }) => [i.id, i.overdue])).toEqual([
      [filed[1]!.id, true],
    ]);
  });

  it("refuses a cursor issued for another caller's listing with 400, not a server error", async () => {
    const mine = await t.call("GET", "/api/referrals?limit=1", { token: tksk });
    const other = await t.call("GET", `/api/referrals?cursor=${mine.json.nextCursor}`, { token: kec });
    expect(other.status).toBe(400);
    expect(other.json.errors[0].path).toBe("cursor");
  });
});
