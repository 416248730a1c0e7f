import { TEXT } from "@rujuk/core";
import { newId } from "@rujuk/core/ids";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "./support/app.ts";

let t: Awaited<ReturnType<typeof testApp>>;
let admin: string;
beforeAll(async () => {
  t = await testApp();
  admin = await t.tokenFor("admin.kutim");
});

const newUser = (overrides: Record<string, unknown> = {}) => ({
  username: "tksk.wahau",
  name: "Petugas Wahau",
  role: "tksk",
  regionCode: "64.08.02",
  email: "wahau@rujuk.test",
  password: "a-long-enough-password",
  ...overrides,
});

describe("account management", () => {
  it("creates an account inside the admin's region, which can then sign in, to choose its own password", async () => {
    const res = await t.call("POST", "/api/admin/users", { token: admin, body: newUser() });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ username: "tksk.wahau", role: "tksk", regionCode: "64.08.02" });
    expect(res.text).not.toMatch(/"password"/i);
    const login = await t.call("POST", "/api/auth/login", {
      body: { username: "tksk.wahau", password: "a-long-enough-password" },
    });
    expect(login.status).toBe(200);
    // The admin typed that password: it is the owner's to replace before anything else.
    expect(login.json.user.mustChangePassword).toBe(true);
    expect((await t.call("GET", "/api/referrals", { token: login.json.token })).status).toBe(403);
  });

  it("refuses a taken username with 409", async () => {
    const before = await t.count("USER");
    const res = await t.call("POST", "/api/admin/users", { token: admin, body: newUser({ username: "kab.kutim" }) });
    expect(res.status).toBe(409);
    expect(await t.count("USER")).toBe(before);
  });

  it.each([
    ["an account outside the admin's region", newUser({ username: "tksk.x", regionCode: "64.72.01" })],
    ["an admin above the admin's own region", newUser({ username: "admin.x", role: "admin", regionCode: "64" })],
    ["a national auditor", newUser({ username: "auditor.x", role: "auditor", regionCode: "" })],
  ])("refuses %s with 403, writing nothing", async (_, body) => {
    const before = await t.count("");
    const res = await t.call("POST", "/api/admin/users", { token: admin, body });
    expect(res.status).toBe(403);
    expect(await t.count("")).toBe(before);
  });

  it.each([
    ["a region that does not match the role's level", newUser({ username: "kab.x", role: "kabupaten" }), "regionCode"],
    ["a region that does not exist", newUser({ username: "tksk.y", regionCode: "64.08.99" }), "regionCode"],
    ["a short password", newUser({ username: "tksk.z", password: "short" }), "password"],
    ["a bad username", newUser({ username: "no spaces!" }), "username"],
    ["an unknown role", newUser({ username: "tksk.q", role: "superuser" }), "role"],
  ])("refuses %s with 400 naming the field", async (_, body, path) => {
    const res = await t.call("POST", "/api/admin/users", { token: admin, body });
    expect(res.status).toBe(400);
    expect(res.json.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it("lists only accounts inside the admin's region", async () => {
    const res = await t.call("GET", "/api/admin/users?limit=100", { token: admin });
    expect(res.status).toBe(200);
    const regions = res.json.items.map((u: { regionCode: string }) => u.regionCode);
    expect(regions.length).toBeGreaterThan(3);
    for (const code of regions) expect(code === "64.08" || code.startsWith("64.08.")).toBe(true);
    expect(res.text).not.toMatch(/scrypt|passwordHash/);
    const national = await t.call("GET", "/api/admin/users?limit=100", { token: await t.tokenFor("admin.kaltim") });
    const usernames = national.json.items.map((u: { username: string }) => u.username);
    expect(usernames).toContain("kab.samarinda");
    expect(usernames).not.toContain("kab.lobar");
  });

  it("disables an account inside the region; its sessions stop working at once", async () => {
    const victim = await t.tokenFor("kec.ancalong");
    const me = await t.call("GET", "/api/me", { token: victim });
    const res = await t.call("POST", `/api/admin/users/${me.json.id}/disable`, { token: admin });
    expect(res.status).toBe(200);
    expect(res.json.disabled).toBe(true);
    expect((await t.call("GET", "/api/me", { token: victim })).status).toBe(401);
    const login = await t.call("POST", "/api/auth/login", {
      body: { username: "kec.ancalong", password: "demo-kec.ancalong" },
    });
    expect(login.status).toBe(401);
  });

  it("answers 404 when disabling an account outside the region, 409 for oneself", async () => {
    const outside = await t.call("GET", "/api/me", { token: await t.tokenFor("kab.samarinda") });
    expect((await t.call("POST", `/api/admin/users/${outside.json.id}/disable`, { token: admin })).status).toBe(404);
    const self = await t.call("GET", "/api/me", { token: admin });
    expect((await t.call("POST", `/api/admin/users/${self.json.id}/disable`, { token: admin })).status).toBe(409);
  });

  it.each(["tksk.ancalong", "kab.kutim", "auditor.kutim"])("is for admins only: %s gets 403", async (username) => {
    const token = await t.tokenFor(username);
    expect((await t.call("GET", "/api/admin/users", { token })).status).toBe(403);
    expect((await t.call("POST", "/api/admin/users", { token, body: newUser({ username: "zz.zz" }) })).status).toBe(
      403,
    );
  });
});

/** An account the admin creates in 64.08.01, already through its first password change: id and password. */
async function account(username: string): Promise<{ id: string; password: string }> {
  const created = await t.call("POST", "/api/admin/users", {
    token: admin,
    body: newUser({ username, regionCode: "64.08.01", password: `set-by-admin-${username}` }),
  });
  expect(created.status, created.text).toBe(201);
  const first = await signIn(username, `set-by-admin-${username}`);
  const password = `own-password-${username}`;
  const changed = await t.call("POST", "/api/me/password", {
    token: first.token,
    body: { currentPassword: `set-by-admin-${username}`, newPassword: password },
  });
  expect(changed.status, changed.text).toBe(200);
  return { id: created.json.id, password };
}

async function signIn(username: string, password: string) {
  const res = await t.call("POST", "/api/auth/login", { body: { username, password } });
  expect(res.status, res.text).toBe(200);
  return res.json as { token: string; user: { mustChangePassword?: boolean } };
}

const reset = (id: string, token = admin) => t.call("POST", `/api/admin/users/${id}/reset-password`, { token });

describe("resetting a password", () => {
  it("gives a one-time password, shown once, that signs in only to choose a new one; the old sessions end", async () => {
    const { id, password } = await account("tksk.lupa");
    const before = await signIn("tksk.lupa", password);
    expect(before.user.mustChangePassword).toBeUndefined();
    expect((await t.call("GET", "/api/referrals", { token: before.token })).status).toBe(200);

    const res = await reset(id);
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.json.user).toMatchObject({ id, username: "tksk.lupa", mustChangePassword: true });
    const temporary = res.json.temporaryPassword as string;
    expect(temporary).toMatch(/^[2-9a-hjkmnp-z]{4}(-[2-9a-hjkmnp-z]{4}){3}$/);
    expect(res.text).not.toMatch(/scrypt|passwordHash/);

    // The session from before the reset is over, and the old password no longer signs in.
    expect((await t.call("GET", "/api/me", { token: before.token })).status).toBe(401);
    const old = await t.call("POST", "/api/auth/login", { body: { username: "tksk.lupa", password } });
    expect(old.status).toBe(401);

    const once = await signIn("tksk.lupa", temporary);
    expect(once.user.mustChangePassword).toBe(true);
    const me = await t.call("GET", "/api/me", { token: once.token });
    expect(me.status).toBe(200);
    expect(me.json.mustChangePassword).toBe(true);
    const refused = await t.call("GET", "/api/referrals", { token: once.token });
    expect(refused.status).toBe(403);
    expect(refused.json).toMatchObject({
      detail: TEXT.changePasswordFirst.en,
      detail_id: TEXT.changePasswordFirst.id,
    });
    expect(refused.json.detail_id).toMatch(/^Ganti kata sandi Anda dulu/);
    expect(refused.json.detail).toMatch(/^Change your password first/);

    const changed = await t.call("POST", "/api/me/password", {
      token: once.token,
      body: { currentPassword: temporary, newPassword: "my-own-choice-2026" },
    });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.json.user.mustChangePassword).toBeUndefined();
    expect((await t.call("GET", "/api/referrals", { token: changed.json.token })).status).toBe(200);
    // The one-time password was for once only; the session it opened ended with the change.
    expect((await t.call("GET", "/api/me", { token: once.token })).status).toBe(401);
    const again = await t.call("POST", "/api/auth/login", { body: { username: "tksk.lupa", password: temporary } });
    expect(again.status).toBe(401);
    expect((await signIn("tksk.lupa", "my-own-choice-2026")).user.mustChangePassword).toBeUndefined();
  });

  it("makes a new one-time password each time", async () => {
    const { id } = await account("tksk.dua.kali");
    const first = (await reset(id)).json.temporaryPassword;
    const second = (await reset(id)).json.temporaryPassword;
    expect(second).not.toBe(first);
    expect(
      (await t.call("POST", "/api/auth/login", { body: { username: "tksk.dua.kali", password: first } })).status,
    ).toBe(401);
    await signIn("tksk.dua.kali", second);
  });

  it("refuses another region's account as unknown (404), one's own with 409, writing nothing", async () => {
    const other = (await t.call("GET", "/api/me", { token: await t.tokenFor("kab.samarinda") })).json.id;
    const self = (await t.call("GET", "/api/me", { token: admin })).json.id;
    for (const [id, status] of [
      [other, 404],
      [self, 409],
      [newId(), 404],
      ["not-an-id", 404],
    ] as const) {
      const before = await t.count("");
      const res = await reset(id);
      expect(res.status, id).toBe(status);
      expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect(await t.count(""), id).toBe(before);
    }
    expect((await reset(self)).json.detail).toBe(TEXT.cannotResetOwnPassword.en);
    // Neither password changed: both still sign in, without being asked to change.
    expect((await signIn("kab.samarinda", "demo-kab.samarinda")).user.mustChangePassword).toBeUndefined();
    expect((await signIn("admin.kutim", "demo-admin.kutim")).user.mustChangePassword).toBeUndefined();
  });

  it.each(["tksk.ancalong", "kab.kutim", "auditor.kutim"])("is for admins only: %s gets 403", async (username) => {
    const { id, password } = await account(`korban.${username}`);
    const before = await t.count("");
    expect((await reset(id, await t.tokenFor(username))).status).toBe(403);
    expect(await t.count("")).toBe(before);
    await signIn(`korban.${username}`, password);
  });

  it("a national admin resets anywhere; a province admin not in another province", async () => {
    const { id } = await account("tksk.nasional.reset");
    const kaltim = await t.tokenFor("admin.kaltim");
    expect((await reset(id, kaltim)).status).toBe(200);
    expect((await reset(id, await t.tokenFor("admin.ntb"))).status).toBe(404);
  });
});

describe("while a password must be changed", () => {
  it("every route but GET /api/me, POST /api/me/password and POST /api/auth/logout answers 403", async () => {
    const { id } = await account("tksk.terkunci");
    const temporary = (await reset(id)).json.temporaryPassword as string;
    const { token } = await signIn("tksk.terkunci", temporary);

    const open = ["GET /api/me", "POST /api/me/password", "POST /api/auth/logout"];
    const api = t.app.routes.filter((r) => r.method !== "ALL" && r.path.startsWith("/api/"));
    const routes = [...new Set(api.map((r) => `${r.method} ${r.path}`))];
    const refused: string[] = [];
    const letThrough: string[] = [];
    for (const route of routes) {
      if (route === "POST /api/auth/logout") continue; // it would end the session the loop uses
      const [method, pattern] = route.split(" ") as [string, string];
      const path = pattern.replace(":id", newId());
      // Only routes that want a session: sign-in and the document answer anyone.
      if ((await t.call(method, path)).status !== 401) continue;
      const res = await t.call(method, path, { token, ...(method === "GET" ? {} : { body: {} }) });
      if (res.status === 403 && res.json.detail_id === TEXT.changePasswordFirst.id) refused.push(route);
      else letThrough.push(route);
    }
    expect(letThrough.sort()).toEqual(open.filter((r) => !r.endsWith("logout")).sort());
    expect(refused.length).toBeGreaterThan(25);
    expect(refused).toContain("POST /api/admin/users/:id/reset-password");
    expect((await t.call("POST", "/api/auth/logout", { token })).status).toBe(204);
  });

  it("refuses a cookie session just the same", async () => {
    const { id } = await account("tksk.kuki");
    const temporary = (await reset(id)).json.temporaryPassword as string;
    const login = await t.call("POST", "/api/auth/login", { body: { username: "tksk.kuki", password: temporary } });
    const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
    expect((await t.call("GET", "/api/notifications", { headers: { cookie } })).status).toBe(403);
    expect((await t.call("GET", "/api/me", { headers: { cookie } })).status).toBe(200);
  });

  it("a change proved against a password reset meanwhile writes nothing: the reset stands", async () => {
    const { id, password } = await account("tksk.balapan");
    const proved = (await t.deps.store.users.credentialsById(id))!;
    const temporary = (await reset(id)).json.temporaryPassword as string;
    const before = await t.count("");
    expect(await t.deps.store.users.changePassword(id, proved.passwordHash, "hash-of-a-new-one")).toBeUndefined();
    expect(await t.count("")).toBe(before);
    expect((await t.call("POST", "/api/auth/login", { body: { username: "tksk.balapan", password } })).status).toBe(
      401,
    );
    expect((await signIn("tksk.balapan", temporary)).user.mustChangePassword).toBe(true);
  });
});
