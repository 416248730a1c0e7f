import { TEXT } from "@rujuk/core";
import { verifyPassword } from "@rujuk/core/password";
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

  describe("throttling", () => {
    let now = Date.now();
    let clocked: Awaited<ReturnType<typeof testApp>>;
    beforeAll(async () => {
      clocked = await testApp({ clock: () => new Date(now) });
    });
    /** A sign-in from one client address, as the Node server reports its socket's peer. */
    const from = async (client: string, username: string, password: string) => {
      const res = await clocked.app.request(
        "/api/auth/login",
        {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ username, password }),
        },
        { incoming: { socket: { remoteAddress: client } } },
      );
      return { status: res.status, retryAfter: Number(res.headers.get("retry-after")) };
    };
    const wait = (seconds: number) => (now += seconds * 1000);

    it("slows whoever guesses one account's password, with growing waits, but never its owner elsewhere", async () => {
      for (let i = 0; i < 3; i++) expect((await from("10.0.0.1", "tksk.gerung", `wrong-${i}`)).status).toBe(401);
      // Past three, even the right password waits: 2 s, then 4, then 8.
      expect(await from("10.0.0.1", "tksk.gerung", "demo-tksk.gerung")).toEqual({ status: 429, retryAfter: 2 });
      wait(2);
      expect((await from("10.0.0.1", "tksk.gerung", "wrong-again")).status).toBe(401);
      expect(await from("10.0.0.1", "tksk.gerung", "wrong-again")).toEqual({ status: 429, retryAfter: 4 });
      // The owner, on their own phone, is not locked out by a stranger's failures.
      expect((await from("10.0.0.2", "tksk.gerung", "demo-tksk.gerung")).status).toBe(200);
      // Nor is another account from the guessing client.
      expect((await from("10.0.0.1", "kec.gerung", "demo-kec.gerung")).status).toBe(200);
      wait(4);
      expect((await from("10.0.0.1", "tksk.gerung", "demo-tksk.gerung")).status).toBe(200);
    });

    it("slows a client that tries many usernames once each (password spraying)", async () => {
      const users = ["tksk.ancalong", "kec.ancalong", "kab.kutim", "prov.kaltim", "auditor.kutim", "admin.kutim"];
      const names = [...users, "nobody.1", "nobody.2", "nobody.3", "nobody.4"];
      for (const username of names) expect((await from("10.0.0.9", username, "Password123!")).status).toBe(401);
      expect((await from("10.0.0.9", "kab.samarinda", "Password123!")).status).toBe(429);
      // Everyone else still signs in.
      expect((await from("10.0.0.10", "kab.kutim", "demo-kab.kutim")).status).toBe(200);
    });

    it("counts unknown usernames exactly like wrong passwords", async () => {
      for (const username of ["kab.lobar", "nobody.lobar"]) {
        const client = `10.1.0.${username.length}`;
        const answers = [];
        for (let i = 0; i < 4; i++) answers.push((await from(client, username, "wrong-password")).status);
        expect(answers, username).toEqual([401, 401, 401, 429]);
      }
    });

    it("counts a wrong current password as a failed sign-in, so changing it cannot be used to guess", async () => {
      // Its own app, its clock a minute behind: a token is refused while its issue time is still to come, and the
      // waits below would otherwise put every token issued after them there.
      let at = Date.now() - 60_000;
      const app = await testApp({ clock: () => new Date(at) });
      const peer = (client: string) => ({ incoming: { socket: { remoteAddress: client } } });
      const post = async (client: string, path: string, body: unknown, token?: string) => {
        const headers = { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) };
        const res = await app.app.request(path, { method: "POST", headers, body: JSON.stringify(body) }, peer(client));
        return { status: res.status, json: (await res.json()) as { token?: string; errors?: unknown[] } };
      };
      const signIn = (client: string, password: string) =>
        post(client, "/api/auth/login", { username: "prov.ntb", password });
      const change = (client: string, token: string, currentPassword: string) =>
        post(client, "/api/me/password", { currentPassword, newPassword: "a-new-password-1" }, token);

      const token = (await signIn("10.3.0.1", "demo-prov.ntb")).json.token!;
      const counters = await app.count("LOGIN#");
      for (let i = 0; i < 3; i++) {
        const wrong = await change("10.3.0.1", token, `guess-${i}`);
        expect(wrong.status).toBe(400);
        expect(wrong.json.errors).toEqual([
          { path: "currentPassword", message: TEXT.currentPasswordWrong.en, message_id: TEXT.currentPasswordWrong.id },
        ]);
      }
      // The sign-in counters: one for the account from this client, one for the client.
      expect(await app.count("LOGIN#")).toBe(counters + 2);
      // Past three the account waits from that client, for a change with the right password as for a sign-in.
      expect((await change("10.3.0.1", token, "demo-prov.ntb")).status).toBe(429);
      expect((await signIn("10.3.0.1", "demo-prov.ntb")).status).toBe(429);
      // Another client is not slowed.
      expect((await signIn("10.3.0.2", "demo-prov.ntb")).status).toBe(200);
      // Failures at sign-in count against a change just the same.
      at += 2000;
      expect((await signIn("10.3.0.1", "wrong-again")).status).toBe(401);
      expect((await change("10.3.0.1", token, "demo-prov.ntb")).status).toBe(429);
      at += 4000;
      expect((await change("10.3.0.1", token, "demo-prov.ntb")).status).toBe(200);
      // The right password cleared the account's count, as a sign-in does: three failures are free again.
      for (let i = 0; i < 3; i++) expect((await signIn("10.3.0.1", `wrong-${i}`)).status).toBe(401);
      expect((await signIn("10.3.0.1", "a-new-password-1")).status).toBe(429);
    });

    it("forgets a client's failures once the window has passed", async () => {
      for (let i = 0; i < 6; i++) await from("10.0.0.20", "kab.lobar", "wrong");
      expect((await from("10.0.0.20", "kab.lobar", "demo-kab.lobar")).status).toBe(429);
      wait(16 * 60);
      expect((await from("10.0.0.20", "kab.lobar", "demo-kab.lobar")).status).toBe(200);
    });
  });

  it("takes as long to refuse an unknown user as a wrong password: a password is checked either way", async () => {
    const time = async (username: string) => {
      const start = performance.now();
      expect((await login(username, "not-the-password")).status).toBe(401);
      return performance.now() - start;
    };
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const wrong: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 3; i++) {
      wrong.push(await time("auditor.samarinda"));
      unknown.push(await time(`nobody.${i}`));
    }
    // Without the decoy check an unknown user answers a hundred times faster; a factor of 2 either way is noise.
    const ratio = median(unknown) / median(wrong);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
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

describe("changing one's own password", () => {
  const change = (token: string, body: unknown, headers: Record<string, string> = {}) =>
    t.call("POST", "/api/me/password", { token, body, headers });

  it("stores the new one, ends every other session and answers a new one, as sign-in does", async () => {
    const first = await login("kec.gerung", "demo-kec.gerung");
    const second = await login("kec.gerung", "demo-kec.gerung");
    const res = await change(first.json.token, {
      currentPassword: "demo-kec.gerung",
      newPassword: "sandi-baru-gerung-1",
    });
    expect(res.status, res.text).toBe(200);
    expect(res.json.user).toMatchObject({ username: "kec.gerung", role: "kecamatan" });
    expect(res.json.user.mustChangePassword).toBeUndefined();
    expect(res.text).not.toMatch(/scrypt|passwordHash|sandi-baru/);
    expect(res.headers.get("set-cookie")).toMatch(/^rujuk_session=[\w-]+\.[\w-]+\.[\w-]+;.*HttpOnly/);
    expect(res.headers.get("cache-control")).toBe("no-store");

    for (const old of [first.json.token, second.json.token]) {
      expect((await t.call("GET", "/api/me", { token: old })).status).toBe(401);
    }
    expect((await t.call("GET", "/api/inbox", { token: res.json.token })).status).toBe(200);
    const cookie = res.headers.get("set-cookie")!.split(";")[0]!;
    expect((await t.call("GET", "/api/me", { headers: { cookie } })).status).toBe(200);
    expect((await login("kec.gerung", "demo-kec.gerung")).status).toBe(401);
    expect((await login("kec.gerung", "sandi-baru-gerung-1")).status).toBe(200);
  });

  it("works by cookie from our own pages, and not from another site", async () => {
    const signedIn = await login("kab.lobar", "demo-kab.lobar");
    const cookie = signedIn.headers.get("set-cookie")!.split(";")[0]!;
    const body = { currentPassword: "demo-kab.lobar", newPassword: "sandi-baru-lobar-1" };
    const cross = await t.call("POST", "/api/me/password", {
      body,
      headers: { cookie, "sec-fetch-site": "cross-site" },
    });
    expect(cross.status).toBe(403);
    const own = await t.call("POST", "/api/me/password", {
      body,
      headers: { cookie, "sec-fetch-site": "same-origin" },
    });
    expect(own.status, own.text).toBe(200);
    const renewed = own.headers.get("set-cookie")!.split(";")[0]!;
    expect(renewed).not.toBe(cookie);
    expect((await t.call("GET", "/api/me", { headers: { cookie } })).status).toBe(401);
    expect((await t.call("GET", "/api/me", { headers: { cookie: renewed } })).status).toBe(200);
  });

  it.each([
    ["a new password under 10 characters", { newPassword: "pendek" }, "newPassword", TEXT.passwordWeak],
    ["the current password again", { newPassword: "demo-tksk.gerung" }, "newPassword", TEXT.passwordUnchanged],
    ["the username (of 10 characters)", { newPassword: "TKSK.Gerung" }, "newPassword", TEXT.passwordIsUsername],
    ["no current password", { currentPassword: undefined }, "currentPassword", TEXT.required],
    ["an empty current password", { currentPassword: "" }, "currentPassword", TEXT.required],
    ["no new password", { newPassword: undefined }, "newPassword", TEXT.required],
    ["an unknown field", { confirm: "sandi-baru-1234" }, "confirm", TEXT.unknownField],
  ])("refuses %s with 400 naming the field in both languages, writing nothing", async (_, override, path, text) => {
    const token = (await login("tksk.gerung", "demo-tksk.gerung")).json.token;
    const before = await t.count("");
    const res = await change(token, {
      currentPassword: "demo-tksk.gerung",
      newPassword: "sandi-baru-1234",
      ...override,
    });
    expect(res.status).toBe(400);
    expect(res.json.errors).toContainEqual({ path, message: text.en, message_id: text.id });
    // Nothing at all: not the account, and not a failed attempt (the current password was never checked).
    expect(await t.count("")).toBe(before);
    expect((await t.call("GET", "/api/me", { token })).status).toBe(200);
    expect((await login("tksk.gerung", "demo-tksk.gerung")).status).toBe(200);
  });

  it("refuses a wrong current password with 400 on that field, counts it, and changes nothing else", async () => {
    const token = (await login("kec.palaran", "demo-kec.palaran")).json.token;
    const [stored, counters] = [(await t.count("")) - (await t.count("LOGIN#")), await t.count("LOGIN#")];
    const res = await change(token, { currentPassword: "not-the-password", newPassword: "sandi-baru-palaran" });
    expect(res.status).toBe(400);
    expect(res.json.errors).toEqual([
      { path: "currentPassword", message: TEXT.currentPasswordWrong.en, message_id: TEXT.currentPasswordWrong.id },
    ]);
    expect(await t.count("LOGIN#")).toBeGreaterThan(counters);
    expect((await t.count("")) - (await t.count("LOGIN#"))).toBe(stored);
    expect((await t.call("GET", "/api/me", { token })).status).toBe(200);
    // Read from the table: signing in to see would itself be slowed by this client's count of failures.
    const { passwordHash } = (await t.deps.store.users.credentials("kec.palaran"))!;
    expect(await verifyPassword("demo-kec.palaran", passwordHash)).toBe(true);
  });

  it("is for signed-in callers only", async () => {
    const res = await t.call("POST", "/api/me/password", {
      body: { currentPassword: "demo-kab.kutim", newPassword: "sandi-baru-kutim" },
    });
    expect(res.status).toBe(401);
  });
});
