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
  it("creates an account inside the admin's region, which can then sign in", async () => {
    const res = await t.call("POST", "/api/admin/users", { token: admin, body: newUser() });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ username: "tksk.wahau", role: "tksk", regionCode: "64.08.02" });
    expect(res.text).not.toMatch(/password/i);
    const login = await t.call("POST", "/api/auth/login", {
      body: { username: "tksk.wahau", password: "a-long-enough-password" },
    });
    expect(login.status).toBe(200);
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
