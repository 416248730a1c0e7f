import type { Notification } from "@rujuk/core/notification";
import { PAGES, PASSWORD_PAGE } from "@rujuk/core/pages";
import { PAGE_SCRIPTS } from "../packages/functions/src/web/generated/scripts.ts";
import { beforeAll, describe, expect, it } from "vitest";
import { referralBody, testApp } from "./support/app.ts";

/**
 * The access matrix: every route the app registers, called by every role and anonymously, on objects that lie in
 * the caller's own kecamatan (their own, and another officer's), in another kabupaten of the same province and in
 * another province, checked against the policy written out below. A route the app registers without a row here
 * fails the test, and so does a row for a route the app no longer has.
 *
 * The rule the table spells out: not signed in is 401; a role that may never do something is 403 before any object
 * is looked up, revealing nothing; an object outside the caller's reach is 404, as if it did not exist; a region
 * (public reference data) outside the caller's is 403. The web pages are public: one static document, the same for
 * an item anywhere or none, so a page path reveals nothing; the screen it shows asks the API, which decides.
 */

/** What a call must answer. `ok`: let through (2xx, or 409 where the object's state forbids it right now). */
type Outcome = "ok" | "400" | "401" | "403" | "404";
/** Where the object lies relative to the caller; `own` is the caller's own object. */
const WHERE = ["own", "region", "otherKab", "otherProv"] as const;
type Where = (typeof WHERE)[number];
/** What the route's object is: none, an item by path, a notification, a user, a region. */
type Target = "none" | "referral" | "report" | "notification" | "user" | "region";

const CALLERS = ["anonymous", "tksk", "kecamatan", "kabupaten", "provinsi", "auditor", "admin"] as const;
type Caller = (typeof CALLERS)[number];
const ACCOUNT: Record<Exclude<Caller, "anonymous">, string> = {
  tksk: "tksk.ancalong", // 64.08.01
  kecamatan: "kec.ancalong", // 64.08.01
  kabupaten: "kab.kutim", // 64.08
  provinsi: "prov.kaltim", // 64
  auditor: "auditor.kutim", // 64.08
  admin: "admin.kutim", // 64.08
};

/**
 * One row per route: its target, then for each caller the outcomes for [own, region, otherKab, otherProv] (`-`: not
 * exercised, as a role that files nothing has no item of its own); one outcome stands for all four. Changing one's
 * own password is called with a new one too short to take (400), since a change would end the caller's session.
 */
interface Row {
  target: Target;
  cells: Record<Caller, string>;
}
const row = (target: Target, ...cells: string[]): Row => ({
  target,
  cells: Object.fromEntries(CALLERS.map((caller, i) => [caller, cells[i]!])) as Record<Caller, string>,
});

// Every page and page script is public: a static document or script, which asks the API for what it shows.
const PUBLIC_PAGE = (target: Target) => row(target, "ok", "ok", "ok", "ok", "ok", "ok", "ok");
const PAGE_PATHS = [...Object.values(PAGES), PASSWORD_PAGE];
const PAGE_ROWS: Record<string, Row> = Object.fromEntries([
  ...PAGE_PATHS.map((path) => [
    `GET ${path}`,
    PUBLIC_PAGE(path === PAGES.referral ? "referral" : path === PAGES.report ? "report" : "none"),
  ]),
  ...Object.keys(PAGE_SCRIPTS).map((name) => [`GET /js/${name}.js`, PUBLIC_PAGE("none")]),
  ["GET /sw.js", PUBLIC_PAGE("none")],
]);

// prettier-ignore
const POLICY: Record<string, Row> = {
  //                                                   anonymous  tksk               kecamatan         kabupaten         provinsi          auditor           admin
  ...PAGE_ROWS,
  "GET /app.css":                            row("none",   "ok",  "ok",              "ok",             "ok",             "ok",             "ok",             "ok"),
  "GET /healthz":                            row("none",   "ok",  "ok",              "ok",             "ok",             "ok",             "ok",             "ok"),
  "GET /api/openapi.json":                   row("none",   "ok",  "ok",              "ok",             "ok",             "ok",             "ok",             "ok"),
  "GET /api/dev/accounts":                   row("none",   "ok",  "ok",              "ok",             "ok",             "ok",             "ok",             "ok"),
  "POST /api/auth/login":                    row("none",   "ok",  "ok",              "ok",             "ok",             "ok",             "ok",             "ok"),
  "POST /api/auth/logout":                   row("none",   "401", "ok",              "ok",             "ok",             "ok",             "ok",             "ok"),
  "GET /api/me":                             row("none",   "401", "ok",              "ok",             "ok",             "ok",             "ok",             "ok"),
  "POST /api/me/password":                   row("none",   "401", "400",             "400",            "400",            "400",            "400",            "400"),
  "GET /api/regions":                        row("region", "401", "- ok ok ok",      "- ok ok ok",     "- ok ok ok",     "- ok ok ok",     "- ok ok ok",     "- ok ok ok"),
  "GET /api/categories":                     row("none",   "401", "ok",              "ok",             "ok",             "ok",             "ok",             "ok"),
  "GET /api/admin/users":                    row("none",   "401", "403",             "403",            "403",            "403",            "403",            "ok"),
  "POST /api/admin/users":                   row("region", "401", "403",             "403",            "403",            "403",            "403",            "- ok 403 403"),
  "POST /api/admin/users/:id/disable":       row("user",   "401", "403",             "403",            "403",            "403",            "403",            "ok ok 404 404"),
  "POST /api/admin/users/:id/reset-password": row("user",  "401", "403",             "403",            "403",            "403",            "403",            "ok ok 404 404"),
  "POST /api/referrals":                     row("region", "401", "- ok 400 400",    "403",            "403",            "403",            "403",            "403"),
  "GET /api/referrals":                      row("none",   "401", "ok",              "ok",             "ok",             "ok",             "ok",             "403"),
  "GET /api/referrals/:id":                  row("referral", "401", "ok 404 404 404", "- ok 404 404", "- ok 404 404",   "- ok ok 404",    "- ok 404 404",   "403"),
  "PUT /api/referrals/:id":                  row("referral", "401", "ok 404 404 404", "403",          "403",            "403",            "403",            "403"),
  "POST /api/referrals/:id/decisions":       row("referral", "401", "403",           "- ok 404 404",   "- ok 404 404",   "- ok ok 404",    "403",            "403"),
  "POST /api/referrals/:id/resubmit":        row("referral", "401", "ok 404 404 404", "403",          "403",            "403",            "403",            "403"),
  "POST /api/referrals/:id/withdraw":        row("referral", "401", "ok 404 404 404", "403",          "403",            "403",            "403",            "403"),
  "POST /api/reports":                       row("none",   "401", "ok",              "403",            "403",            "403",            "403",            "403"),
  "GET /api/reports":                        row("none",   "401", "ok",              "ok",             "ok",             "ok",             "ok",             "403"),
  "GET /api/reports/:id":                    row("report", "401", "ok 404 404 404",  "- ok 404 404",   "- ok 404 404",   "- ok ok 404",    "- ok 404 404",   "403"),
  "PUT /api/reports/:id":                    row("report", "401", "ok 404 404 404",  "403",            "403",            "403",            "403",            "403"),
  "POST /api/reports/:id/decisions":         row("report", "401", "403",             "- ok 404 404",   "- ok 404 404",   "- ok ok 404",    "403",            "403"),
  "POST /api/reports/:id/resubmit":          row("report", "401", "ok 404 404 404",  "403",            "403",            "403",            "403",            "403"),
  "POST /api/reports/:id/withdraw":          row("report", "401", "ok 404 404 404",  "403",            "403",            "403",            "403",            "403"),
  "GET /api/inbox":                          row("none",   "401", "403",             "ok",             "ok",             "ok",             "403",            "403"),
  "GET /api/inbox/counts":                   row("none",   "401", "403",             "ok",             "ok",             "ok",             "403",            "403"),
  "GET /api/notifications":                  row("none",   "401", "ok",              "ok",             "ok",             "ok",             "ok",             "ok"),
  "POST /api/notifications/:id/read":        row("notification", "401", "ok 404 404 404", "ok 404 404 404", "ok 404 404 404", "ok 404 404 404", "ok 404 404 404", "ok 404 404 404"),
  "POST /api/notifications/read-all":        row("none",   "401", "ok",              "ok",             "ok",             "ok",             "ok",             "ok"),
  "GET /api/audit/referrals/:id/history":   row("referral", "401", "403",           "403",            "403",            "403",            "- ok 404 404",   "- ok 404 404"),
  "GET /api/audit/reports/:id/history":     row("report", "401", "403",             "403",            "403",            "403",            "- ok 404 404",   "- ok 404 404"),
  "POST /api/audit/referrals/:id/reveal":    row("referral", "401", "403",           "403",            "403",            "403",            "- ok 404 404",   "403"),
  "GET /api/audit/events":                   row("region", "401", "403",             "403",            "403",            "403",            "- ok 403 403",   "- ok 403 403"),
  "GET /api/audit/log":                      row("region", "401", "403",             "403",            "403",            "403",            "- ok 403 403",   "- ok 403 403"),
  "GET /api/audit/verify":                   row("region", "401", "403",             "403",            "403",            "403",            "- ok 403 403",   "- ok 403 403"),
};

/** The outcome a cell names for one place; `-` is not exercised. */
function expected(cell: string, where: Where): Outcome | undefined {
  const parts = cell.split(/\s+/);
  const value = parts.length === 1 ? parts[0]! : parts[WHERE.indexOf(where)]!;
  return value === "-" ? undefined : (value as Outcome);
}

function outcomeOf(status: number): string {
  if ((status >= 200 && status < 300) || status === 409) return "ok";
  return String(status);
}

let t: Awaited<ReturnType<typeof testApp>>;
const token: Partial<Record<Caller, string>> = {};
/** The objects of each target, by where they lie; for `own`, per caller. */
const items: Record<"referral" | "report", Record<Where, string>> = {
  referral: {} as Record<Where, string>,
  report: {} as Record<Where, string>,
};
/** Notification ids by owner (a caller, or where the owner works), and user ids likewise. */
const notifications: Record<string, string> = {};
const users: Record<string, string> = {};
let serial = 1000;

/** Region codes (and a desa in each) for `region`, `otherKab` and `otherProv`. */
const PLACES = {
  region: { region: "64.08.01", desa: "64.08.01.2001" },
  otherKab: { region: "64.72.01", desa: "64.72.01.1001" },
  otherProv: { region: "52.01.01", desa: "52.01.01.1001" },
} as const;

const referralIn = (desa: string) =>
  referralBody({}, { nik: `${desa.replaceAll(".", "").slice(0, 6)}450780${serial++}`, desaCode: desa });
const report = () => ({ period: "2026-10", activities: "Kunjungan rumah ke 12 keluarga.", counts: { LUT: 1 } });

beforeAll(async () => {
  t = await testApp();
  for (const caller of CALLERS) if (caller !== "anonymous") token[caller] = await t.tokenFor(ACCOUNT[caller]);
  // Another TKSK in the same kecamatan, whose items the first one must not reach; and an account to disable and
  // reset. The TKSK files, so first replaces the password the admin set with the demo one (`tokenFor` signs in so).
  const created = async (username: string) => {
    const res = await t.call("POST", "/api/admin/users", {
      token: token.admin!,
      body: { username, name: username, role: "tksk", regionCode: "64.08.01", password: `set-by-admin-${username}` },
    });
    expect(res.status, res.text).toBe(201);
    return res.json.id as string;
  };
  const colleague = await created("tksk.ancalong.dua");
  const first = await t.call("POST", "/api/auth/login", {
    body: { username: "tksk.ancalong.dua", password: "set-by-admin-tksk.ancalong.dua" },
  });
  const changed = await t.call("POST", "/api/me/password", {
    token: first.json.token,
    body: { currentPassword: "set-by-admin-tksk.ancalong.dua", newPassword: "demo-tksk.ancalong.dua" },
  });
  expect(changed.status, changed.text).toBe(200);
  users.region = await created("matrix.target");

  const filer: Record<Where, string> = {
    own: "tksk.ancalong",
    region: "tksk.ancalong.dua",
    otherKab: "tksk.palaran",
    otherProv: "tksk.gerung",
  };
  for (const where of WHERE) {
    const by = await t.tokenFor(filer[where]);
    const desa = PLACES[where === "own" ? "region" : where].desa;
    const referral = await t.call("POST", "/api/referrals", { token: by, body: referralIn(desa) });
    expect(referral.status, referral.text).toBe(201);
    items.referral[where] = referral.json.id;
    const filed = await t.call("POST", "/api/reports", { token: by, body: report() });
    expect(filed.status, filed.text).toBe(201);
    items.report[where] = filed.json.id;
  }

  const idOf = async (username: string) =>
    (await t.call("GET", "/api/me", { token: await t.tokenFor(username) })).json.id as string;
  users.otherKab = await idOf("tksk.palaran");
  users.otherProv = await idOf("tksk.gerung");
  for (const caller of CALLERS) if (caller !== "anonymous") users[caller] = await idOf(ACCOUNT[caller]);
  const owners = { ...users, region: colleague };
  for (const [owner, userId] of Object.entries(owners)) {
    notifications[owner] = `${(serial++).toString(16).padStart(32, "0")}`;
    const note: Notification = {
      id: notifications[owner],
      type: "level_opened",
      referralId: items.referral.own,
      text: "teks",
      textEn: "text",
      createdAt: new Date().toISOString(),
      read: false,
    };
    await t.deps.store.notifications.add(userId, note);
  }
});

const login = (username: string) => ({ username, password: `demo-${username}` });

/** The request for a route, a caller and a place. */
function request(route: string, target: Target, caller: Caller, where: Where) {
  const [method, pattern] = route.split(" ") as [string, string];
  const place = where === "own" ? undefined : PLACES[where];
  let path = pattern;
  let body: unknown;
  const id = (() => {
    switch (target) {
      case "referral":
      case "report":
        return items[target][where];
      case "notification":
        return notifications[where === "own" ? caller : where];
      case "user":
        return users[where === "own" && caller !== "anonymous" ? caller : where];
      default:
        return undefined;
    }
  })();
  if (id !== undefined) path = path.replace(":id", id);
  if (target === "region" && place) {
    if (route === "POST /api/referrals") body = referralIn(place.desa);
    else if (route === "POST /api/admin/users") {
      const username = `matrix.${serial++}`;
      body = { username, name: username, role: "tksk", regionCode: place.region, password: "rahasia-matrix-1" };
    } else
      path += `${path.includes("?") ? "&" : "?"}${route.endsWith("regions") ? "parent" : "region"}=${place.region}`;
  }
  if (route === "POST /api/auth/login") body = login("tksk.palaran");
  if (route === "POST /api/me/password" && caller !== "anonymous") {
    body = { currentPassword: login(ACCOUNT[caller]).password, newPassword: "short" };
  }
  if (route === "POST /api/reports") body = report();
  if (route.startsWith("PUT /api/referrals/")) body = referralIn(PLACES.region.desa);
  if (route.startsWith("PUT /api/reports/")) body = report();
  if (route.endsWith("/decisions")) body = { decision: "approve" };
  if (route.endsWith("/reveal")) body = { reason: "Pemeriksaan data untuk audit tahunan" };
  return { method, path, body };
}

describe("the access matrix", () => {
  it("has a policy row for exactly the routes the app registers", () => {
    const registered = new Set(t.app.routes.filter((r) => r.method !== "ALL").map((r) => `${r.method} ${r.path}`));
    expect([...registered].sort()).toEqual(Object.keys(POLICY).sort());
  });

  it("finds every API route in the OpenAPI document, but the document itself and local-only routes", async () => {
    const { paths } = (await t.call("GET", "/api/openapi.json")).json as { paths: Record<string, object> };
    const documented = Object.entries(paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const undocumented = [
      ...Object.keys(PAGE_ROWS),
      "GET /app.css",
      "GET /api/openapi.json",
      "GET /api/dev/accounts",
    ];
    const expected = Object.keys(POLICY)
      .filter((route) => !undocumented.includes(route))
      .map((route) => route.replace(/:(\w+)/g, "{$1}"));
    expect(documented.sort()).toEqual(expected.sort());
  });

  it("lists to each caller exactly the items the policy lets it open", async () => {
    for (const kind of ["referral", "report"] as const) {
      const route = `GET /api/${kind}s/:id`;
      for (const caller of CALLERS) {
        if (expected(POLICY[`GET /api/${kind}s`]!.cells[caller], "region") !== "ok") continue;
        const listed = new Set<string>();
        let cursor: string | null = null;
        do {
          const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
          const page = await t.call("GET", `/api/${kind}s?limit=100${query}`, { token: token[caller]! });
          for (const item of page.json.items as { id: string }[]) listed.add(item.id);
          cursor = page.json.nextCursor;
        } while (cursor);
        // To a role that files nothing, the first TKSK's item is just another item in its region.
        const column = (where: Where): Where => (where === "own" && caller !== "tksk" ? "region" : where);
        const readable = WHERE.filter((where) => expected(POLICY[route]!.cells[caller], column(where)) === "ok");
        expect(
          WHERE.filter((where) => listed.has(items[kind][where])),
          `${kind}s listed to ${caller}`,
        ).toEqual(readable);
      }
    }
  });

  it("refuses another kecamatan's TKSK an edit as unknown, whatever the body (not a 400 about its fields)", async () => {
    const palaran = await t.tokenFor("tksk.palaran");
    for (const desa of [PLACES.region.desa, PLACES.otherKab.desa]) {
      const res = await t.call("PUT", `/api/referrals/${items.referral.own}`, {
        token: palaran,
        body: referralIn(desa),
      });
      expect(res.status).toBe(404);
    }
    expect((await t.call("PUT", `/api/reports/${items.report.own}`, { token: palaran, body: {} })).status).toBe(404);
  });

  it("answers every route, role and place as the policy says", async () => {
    const mismatches: string[] = [];
    let checked = 0;
    // Signing out ends the caller's sessions: it goes last.
    const routes = Object.keys(POLICY).sort((a, b) => Number(a.endsWith("logout")) - Number(b.endsWith("logout")));
    for (const route of routes) {
      const { target, cells } = POLICY[route]!;
      for (const caller of CALLERS) {
        for (const where of target === "none" ? (["region"] as const) : WHERE) {
          const want = expected(cells[caller], where);
          if (want === undefined) continue;
          const { method, path, body } = request(route, target, caller, where);
          const res = await t.app.request(path, {
            method,
            headers: {
              ...(token[caller] ? { authorization: `Bearer ${token[caller]}` } : {}),
              ...(body === undefined ? {} : { "content-type": "application/json" }),
            },
            ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          });
          checked++;
          const got = outcomeOf(res.status);
          if (got !== want) mismatches.push(`${route} as ${caller} on ${where}: ${got}, policy ${want}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBeGreaterThan(300);
  });
});
