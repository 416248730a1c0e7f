import type { Notification } from "@rujuk/core/notification";
import { notifier } from "@rujuk/core/notify";
import { withCursors } from "@rujuk/functions/cursor";
import type { Env } from "@rujuk/functions/deps";
import { problem } from "@rujuk/functions/problem";
import { notificationRoutes } from "@rujuk/functions/routes/notifications";
import { Hono } from "hono";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "./support/app.ts";

let t: Awaited<ReturnType<typeof testApp>>;
let api: Hono<Env>;
let kec: string;
let kab: string;
let kecId: string;

/** The notification routes mounted as app.ts will mount them, over the test app's real dependencies. */
async function call(method: string, path: string, token?: string, headers: Record<string, string> = {}) {
  const response = await api.request(path, {
    method,
    headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}

beforeAll(async () => {
  t = await testApp();
  api = new Hono<Env>().use(withCursors(t.deps.sessionSecret)).route("/api", notificationRoutes(t.deps));
  api.onError((error, c) => problem(c, error));
  kec = await t.tokenFor("kec.ancalong");
  kab = await t.tokenFor("kab.kutim");
  kecId = (await t.deps.store.users.credentials("kec.ancalong"))!.user.id;

  // Three events for the kecamatan official, written the way the workflow will write them.
  for (const m of [0, 1, 2]) {
    const at = new Date(Date.UTC(2025, 2, 4, 1, m));
    const notify = notifier({
      store: t.deps.store.notifications,
      users: t.deps.store.users,
      email: undefined,
      baseUrl: "http://localhost:3000",
      clock: () => at,
    });
    const summary = await notify.notify([{ id: kecId }, { id: "no-such-user" }], {
      key: `exec-${m}#kecamatan#level_opened`,
      type: "level_opened",
      kind: "referral",
      itemId: `REF-${m}`,
      facts: { kind: "referral", number: `RJK-250304-00000${m}`, level: "kecamatan", regionCode: "64.08.01" },
    });
    expect(summary).toEqual({ notified: 1, emailed: 0, emailFailed: 0, skipped: 1 });
  }
});

describe("GET /api/notifications", () => {
  it("answers 401 without a session", async () => {
    expect((await call("GET", "/api/notifications")).status).toBe(401);
    expect((await call("POST", "/api/notifications/whatever/read")).status).toBe(401);
  });

  it("lists the caller's own notifications, newest first, paginated", async () => {
    const first = await call("GET", "/api/notifications?limit=2", kec);
    expect(first.status).toBe(200);
    expect(first.json.items.map((n: Notification) => n.referralId)).toEqual(["REF-2", "REF-1"]);
    expect(first.json.items[0]).toMatchObject({
      type: "level_opened",
      text: expect.stringContaining("Rujukan RJK-250304-000002 menunggu keputusan Anda"),
      textEn: expect.stringContaining("Referral RJK-250304-000002 is waiting"),
      createdAt: "2025-03-04T01:02:00.000Z",
      read: false,
    });
    expect(first.json.nextCursor).toEqual(expect.any(String));
    const second = await call("GET", `/api/notifications?limit=2&cursor=${first.json.nextCursor}`, kec);
    expect(second.json.items.map((n: Notification) => n.referralId)).toEqual(["REF-0"]);
    expect(second.json.nextCursor).toBeNull();
  });

  it("shows another user none of them, and refuses their cursor", async () => {
    expect((await call("GET", "/api/notifications", kab)).json).toEqual({ items: [], nextCursor: null });
    const page = await call("GET", "/api/notifications?limit=1", kec);
    const res = await call("GET", `/api/notifications?cursor=${page.json.nextCursor}`, kab);
    expect(res.status).toBe(400);
  });

  it("rejects a bad limit with 400", async () => {
    expect((await call("GET", "/api/notifications?limit=1000", kec)).status).toBe(400);
  });
});

describe("POST /api/notifications/:id/read", () => {
  it("marks the caller's own notification read", async () => {
    const [latest] = (await call("GET", "/api/notifications?limit=1", kec)).json.items as Notification[];
    const res = await call("POST", `/api/notifications/${latest!.id}/read`, kec);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id: latest!.id, read: true });
    expect((await call("GET", "/api/notifications?limit=1", kec)).json.items[0].read).toBe(true);
  });

  it("answers 404 for someone else's notification, and leaves it unread", async () => {
    const items = (await call("GET", "/api/notifications", kec)).json.items as Notification[];
    const unread = items.find((n) => !n.read)!;
    const res = await call("POST", `/api/notifications/${unread.id}/read`, kab);
    expect(res.status).toBe(404);
    expect(res.json.detail_id).toBeDefined();
    expect(
      ((await call("GET", "/api/notifications", kec)).json.items as Notification[]).find((n) => n.id === unread.id)!
        .read,
    ).toBe(false);
    expect((await call("POST", "/api/notifications/unknown/read", kec)).status).toBe(404);
    expect((await call("POST", `/api/notifications/${"x".repeat(2000)}/read`, kec)).status).toBe(404);
  });
});

describe("POST /api/notifications/read-all", () => {
  /** The read flags of a user's notifications, newest first. */
  const flags = async (token: string) =>
    ((await call("GET", "/api/notifications?limit=100", token)).json.items as Notification[]).map((n) => n.read);

  it("answers 401 without a session", async () => {
    expect((await call("POST", "/api/notifications/read-all")).status).toBe(401);
  });

  it("marks every one of the caller's notifications read, and no one else's, again changing nothing", async () => {
    // More than one round of updates for the provincial official, and two unread for the kabupaten's.
    const prov = await t.tokenFor("prov.kaltim");
    const provId = (await t.deps.store.users.credentials("prov.kaltim"))!.user.id;
    const kabId = (await t.deps.store.users.credentials("kab.kutim"))!.user.id;
    const note = (id: string, minute: number): Notification => ({
      id,
      type: "escalation",
      referralId: `REF-${id}`,
      text: `teks ${id}`,
      textEn: `text ${id}`,
      createdAt: new Date(Date.UTC(2025, 2, 5, 1, minute)).toISOString(),
      read: false,
    });
    for (let m = 0; m < 23; m++) await t.deps.store.notifications.add(provId, note(`prov-${m}`, m));
    for (let m = 0; m < 2; m++) await t.deps.store.notifications.add(kabId, note(`kab-${m}`, m));
    expect(await flags(kec)).toContain(false);

    const res = await call("POST", "/api/notifications/read-all", prov);
    expect(res).toEqual({ status: 204, json: undefined });
    expect(await flags(prov)).toEqual(Array<boolean>(23).fill(true));
    // The others' stay as they were.
    expect(await flags(kab)).toEqual([false, false]);
    expect(await flags(kec)).toContain(false);

    expect((await call("POST", "/api/notifications/read-all", prov)).status).toBe(204);
    expect(await flags(prov)).toEqual(Array<boolean>(23).fill(true));
    expect(await t.deps.store.notifications.markAllRead(provId)).toBe(0);

    // One that comes after is unread, as it should be, until the next call.
    await t.deps.store.notifications.add(provId, note("prov-late", 59));
    expect((await flags(prov))[0]).toBe(false);
    expect(await t.deps.store.notifications.markAllRead(provId)).toBe(1);
    expect(await flags(prov)).toEqual(Array<boolean>(24).fill(true));
  });

  it("marks the kecamatan official's own, partly read already, all read", async () => {
    expect(await flags(kec)).toEqual([true, false, false]);
    expect((await call("POST", "/api/notifications/read-all", kec)).status).toBe(204);
    expect(await flags(kec)).toEqual([true, true, true]);
    expect(await flags(kab)).toEqual([false, false]);
  });
});
