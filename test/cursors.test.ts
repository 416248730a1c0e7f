import { beforeAll, expect, it } from "vitest";
import { referralBody, testApp } from "./support/app.ts";

// Page cursors are sealed for one listing and one caller (issue 9: forged or borrowed cursors answered 500).
let t: Awaited<ReturnType<typeof testApp>>;
const as = async (user: string) => t.tokenFor(user);
const page = async (user: string, path: string) => t.call("GET", path, { token: await as(user) });

beforeAll(async () => {
  t = await testApp();
  for (let i = 0; i < 3; i++) {
    const res = await t.call("POST", "/api/referrals", { token: await as("tksk.ancalong"), body: referralBody() });
    expect(res.status).toBe(201);
  }
});

it("pages a listing through to its end with its own cursors", async () => {
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const res = await page("kab.kutim", `/api/referrals?limit=1${cursor ? `&cursor=${cursor}` : ""}`);
    expect(res.status).toBe(200);
    seen.push(...res.json.items.map((r: { id: string }) => r.id));
    cursor = res.json.nextCursor;
  } while (cursor);
  expect(new Set(seen).size).toBe(3);
});

it("shows no key names, user ids or positions inside a cursor", async () => {
  const me = (await page("admin.kutim", "/api/me")).json.id;
  const cursor = (await page("admin.kutim", "/api/admin/users?limit=1")).json.nextCursor as string;
  const inside = Buffer.from(cursor, "base64url").toString("latin1");
  for (const secret of ["PK", "GSI", "USER", "USERS", me, "64.08"]) expect(inside).not.toContain(secret);
});

it.each([
  ["another region's official", "kab.kutim", "/api/referrals?limit=1", "kab.samarinda", "/api/referrals"],
  ["another admin", "admin.kutim", "/api/admin/users?limit=1", "admin.samarinda", "/api/admin/users"],
  ["another listing", "kab.kutim", "/api/referrals?limit=1", "kab.kutim", "/api/reports"],
  ["another filter", "kab.kutim", "/api/referrals?limit=1", "kab.kutim", "/api/referrals?status=returned"],
])("refuses a cursor borrowed from %s with 400 naming it", async (_, owner, from, user, to) => {
  const cursor = (await page(owner, from)).json.nextCursor as string | null;
  expect(cursor).toEqual(expect.any(String));
  const res = await page(user, `${to}${to.includes("?") ? "&" : "?"}cursor=${cursor}`);
  expect(res.status).toBe(400);
  expect(res.json.errors.map((e: { path: string }) => e.path)).toEqual(["cursor"]);
});

it.each([
  ["a hand-built table key", Buffer.from(JSON.stringify({ PK: "REFERRAL#x", SK: "ITEM" })).toString("base64url")],
  ["a cut cursor", "AAAA"],
  ["noise", "x".repeat(300)],
])("refuses %s with 400", async (_, cursor) => {
  for (const path of ["/api/referrals", "/api/notifications", "/api/inbox"]) {
    const res = await page("kab.kutim", `${path}?cursor=${cursor}`);
    expect(res.status, path).toBe(400);
  }
  expect((await page("admin.kutim", `/api/admin/users?cursor=${cursor}`)).status).toBe(400);
  expect((await page("auditor.kutim", `/api/audit/events?cursor=${cursor}`)).status).toBe(400);
});
