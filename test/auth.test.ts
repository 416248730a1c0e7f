import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "./support/app.ts";

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
});

const login = (username: string, password: string, headers: Record<string, string> = {}) =>
  t.call("POST", "/api/auth/login", { body: { username, password }, headers });

describe("sign-in", () => {
  it("returns a token and the user, and sets an HttpOnly SameSite=Lax session cookie", async () => {
    const res = await login("kab.kutim", "demo-kab.kutim");
    expect(res.status).toBe(200);
    expect(res.json.user).toEqual({
      id: expect.any(String),
      username: "kab.kutim",
      name: "Dewi Lestari",
      role: "kabupaten",
      regionCode: "64.08",
      email: "kab.kutim@rujuk.test",
    });
    expect(res.json.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^rujuk_session=/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(res.text).not.toMatch(/scrypt|passwordHash/);
  });

  it("signs in case-insensitively by username", async () => {
    expect((await login("  KAB.Kutim ", "demo-kab.kutim")).status).toBe(200);
  });

  it("answers 401 with the same message for a wrong password and an unknown user", async () => {
    const wrong = await login("kec.ancalong", "not-the-password");
    const unknown = await login("nobody.here", "not-the-password");
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.json.detail).toBe(unknown.json.detail);
    expect(wrong.json.detail_id).toBe("Nama pengguna atau kata sandi salah.");
  });

  it("locks a username for a while after five failures, even for the right password", async () => {
    for (let i = 0; i < 5; i++) expect((await login("tksk.gerung", `wrong-${i}`)).status).toBe(401);
    const locked = await login("tksk.gerung", "demo-tksk.gerung");
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another username is unaffected.
    expect((await login("kec.gerung", "demo-kec.gerung")).status).toBe(200);
  });

  it("unlocks once the window has passed (injected clock)", async () => {
    let now = Date.now();
    const clocked = await testApp({ clock: () => new Date(now) });
    const attempt = (password: string) =>
      clocked.call("POST", "/api/auth/login", { body: { username: "kab.lobar", password } });
    for (let i = 0; i < 5; i++) await attempt("wrong");
    expect((await attempt("demo-kab.lobar")).status).toBe(429);
    now += 16 * 60 * 1000;
    expect((await attempt("demo-kab.lobar")).status).toBe(200);
  });

  it("rejects a login body that is not a JSON object with the fields", async () => {
    expect((await t.call("POST", "/api/auth/login", { body: { username: "x" } })).status).toBe(400);
    expect(
      (await t.call("POST", "/api/auth/login", { raw: "{", headers: { "content-type": "application/json" } })).status,
    ).toBe(400);
  });
});

describe("sessions", () => {
  it("GET /api/me answers with the user by bearer token and by cookie", async () => {
    const res = await login("prov.kaltim", "demo-prov.kaltim");
    const byBearer = await t.call("GET", "/api/me", { token: res.json.token });
    expect(byBearer.json).toMatchObject({ username: "prov.kaltim", role: "provinsi", regionCode: "64" });
    const cookie = res.headers.get("set-cookie")!.split(";")[0]!;
    const byCookie = await t.call("GET", "/api/me", { headers: { cookie } });
    expect(byCookie.status).toBe(200);
    expect(byCookie.json.username).toBe("prov.kaltim");
    expect(byCookie.text).not.toMatch(/scrypt|passwordHash/);
  });

  it("answers 401 without a session and for a token signed with another key", async () => {
    expect((await t.call("GET", "/api/me")).status).toBe(401);
    const other = await testApp({ sessionSecret: "another-secret" });
    const foreign = (
      await other.call("POST", "/api/auth/login", {
        body: { username: "kab.kutim", password: "demo-kab.kutim" },
      })
    ).json.token;
    expect((await t.call("GET", "/api/me", { token: foreign })).status).toBe(401);
  });

  it("refuses a cross-site state-changing request that relies on the cookie", async () => {
    const res = await login("tksk.palaran", "demo-tksk.palaran");
    const cookie = res.headers.get("set-cookie")!.split(";")[0]!;
    const cross = await t.call("POST", "/api/auth/logout", { headers: { cookie, "sec-fetch-site": "cross-site" } });
    expect(cross.status).toBe(403);
    const foreignOrigin = await t.call("POST", "/api/auth/logout", {
      headers: { cookie, origin: "https://evil.example" },
    });
    expect(foreignOrigin.status).toBe(403);
    // Neither Fetch Metadata nor Origin: a foreign Referer proves nothing, and no Referer at all proves nothing either.
    const unattested: Record<string, string>[] = [{ cookie, referer: "https://evil.example/page" }, { cookie }];
    for (const headers of unattested) {
      expect((await t.call("POST", "/api/auth/logout", { headers })).status).toBe(403);
    }
    const ourOrigin = await t.call("POST", "/api/auth/logout", { headers: { cookie, origin: "http://localhost" } });
    expect(ourOrigin.status).toBe(204);
    const again = (await login("tksk.palaran", "demo-tksk.palaran")).headers.get("set-cookie")!.split(";")[0]!;
    const same = await t.call("POST", "/api/auth/logout", {
      headers: { cookie: again, "sec-fetch-site": "same-origin" },
    });
    expect(same.status).toBe(204);
    expect(same.headers.get("set-cookie")).toMatch(/rujuk_session=;/);
  });

  it("marks the session cookie Secure when the app is served over HTTPS, even in local mode", async () => {
    const over = (url: string) =>
      t.app.request(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: "kec.palaran", password: "demo-kec.palaran" }),
      });
    expect((await over("https://rujuk.example/api/auth/login")).headers.get("set-cookie")).toMatch(/; Secure/);
    expect((await over("http://localhost/api/auth/login")).headers.get("set-cookie")).not.toMatch(/; Secure/);
  });

  it("ends the account's sessions on sign-out, so a copied token stops working", async () => {
    const first = await login("auditor.ntb", "demo-auditor.ntb");
    const second = await login("auditor.ntb", "demo-auditor.ntb");
    expect((await t.call("POST", "/api/auth/logout", { token: first.json.token })).status).toBe(204);
    expect((await t.call("GET", "/api/me", { token: first.json.token })).status).toBe(401);
    expect((await t.call("GET", "/api/me", { token: second.json.token })).status).toBe(401);
    const fresh = await login("auditor.ntb", "demo-auditor.ntb");
    expect((await t.call("GET", "/api/me", { token: fresh.json.token })).status).toBe(200);
  });
});
