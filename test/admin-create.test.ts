import { execFile } from "node:child_process";
import { TEXT } from "@rujuk/core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { testApp } from "./support/app.ts";

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

/** What `sst shell` puts in the environment for a stage: every link as `SST_RESOURCE_<name>`, in JSON. */
function sstShell(stage = "uji"): Record<string, string> {
  return {
    SST_RESOURCE_App: `{"name": "rujuk", "stage": "${stage}" }`,
    SST_RESOURCE_Table: JSON.stringify({ name: t.tableName }),
    SST_RESOURCE_AuditTable: JSON.stringify({ name: t.deps.store.audit.table }),
  };
}

/**
 * Runs `npm run admin:create`'s script against this file's DynamoDB Local. The environment is built from nothing, so
 * neither the developer's shell nor an SST session can point it anywhere else.
 */
function adminCreate(env: Record<string, string>, ...args: string[]) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ["packages/local/src/admin-create.ts", ...args],
      { env: { PATH: process.env.PATH!, DYNAMODB_ENDPOINT: inject("dynamoEndpoint"), ...env } },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === "number" ? error.code : 2) : 0, stdout, stderr }),
    );
  });
}

async function signIn(username: string, password: string) {
  const login = await t.call("POST", "/api/auth/login", { body: { username, password } });
  expect(login.status).toBe(200);
  return login.json.token as string;
}

/** The printed password is for once: the admin replaces it, and the session that answers is the one to go on with. */
async function changeFirstPassword(token: string, printed: string): Promise<string> {
  const res = await t.call("POST", "/api/me/password", {
    token,
    body: { currentPassword: printed, newPassword: "pilihan-admin-sendiri" },
  });
  expect(res.status, res.text).toBe(200);
  return res.json.token as string;
}

describe("npm run admin:create", () => {
  it("creates an admin in the table sst shell links, whose printed password signs in to the app", async () => {
    // RUJUK_TABLE names a table that does not exist: under sst shell the linked table must win.
    const run = await adminCreate(
      { ...sstShell(), RUJUK_TABLE: "not-this-table" },
      "--username",
      "Admin.Kalsel",
      "--region",
      "63",
      "--name",
      "Admin Dinsos Kalsel",
      "--email",
      "admin.kalsel@rujuk.test",
      "--stage",
      "uji",
    );
    expect(run.stderr).toContain(`stage uji, table ${t.tableName}`);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("username:  admin.kalsel");
    expect(run.stdout).toContain("region:    63 ");
    expect(run.stdout).toContain(TEXT.oneTimePassword.en);
    expect(run.stdout).toContain(TEXT.oneTimePassword.id);
    expect(run.stdout + run.stderr).not.toMatch(/scrypt/);
    const password = run.stdout.match(/password: +(\S+)/)![1]!;
    expect(password).toMatch(/^[2-9a-hjkmnp-z]{4}(-[2-9a-hjkmnp-z]{4}){3}$/);

    const first = await signIn("admin.kalsel", password);
    const me = await t.call("GET", "/api/me", { token: first });
    expect(me.json).toMatchObject({
      username: "admin.kalsel",
      name: "Admin Dinsos Kalsel",
      role: "admin",
      regionCode: "63",
      email: "admin.kalsel@rujuk.test",
      mustChangePassword: true,
    });
    // Nothing but a new password until the printed one is replaced.
    expect((await t.call("GET", "/api/admin/users", { token: first })).status).toBe(403);
    const token = await changeFirstPassword(first, password);
    const accounts = await t.call("GET", "/api/admin/users", { token });
    expect(accounts.status).toBe(200);
    expect(accounts.json.items.map((u: { username: string }) => u.username)).toEqual(["admin.kalsel"]);
  });

  it("also writes to RUJUK_TABLE outside sst shell (npm start's stack), a national admin with --region ''", async () => {
    const run = await adminCreate({ RUJUK_TABLE: t.tableName }, "--username", "admin.nasional", "--region", "");
    expect(run.code).toBe(0);
    const printed = run.stdout.match(/password: +(\S+)/)![1]!;
    const token = await changeFirstPassword(await signIn("admin.nasional", printed), printed);
    const me = await t.call("GET", "/api/me", { token });
    expect(me.json).toMatchObject({ role: "admin", regionCode: "", name: "Administrator" });
    expect(me.json.mustChangePassword).toBeUndefined();
  });

  it.each([
    ["a region that does not exist", ["--username", "admin.x", "--region", "64.99"], "--region", TEXT.unknownRegion],
    ["a desa as the region", ["--username", "admin.x", "--region", "64.08.01.2001"], "--region", TEXT.regionWrongLevel],
    ["a missing region", ["--username", "admin.x"], "--region", TEXT.required],
    ["a bad username", ["--username", "admin x", "--region", "64"], "--username", TEXT.usernameFormat],
    ["a bad email", ["--username", "admin.x", "--region", "64", "--email", "nope"], "--email", TEXT.invalidValue],
  ])("refuses %s with exit 1, naming the option in both languages, writing nothing", async (_, args, flag, text) => {
    const before = await t.count("");
    const run = await adminCreate(sstShell(), ...args);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${flag}: ${text.id} / ${text.en}`);
    expect(run.stderr).toContain(`${TEXT.nothingCreated.id} / ${TEXT.nothingCreated.en}`);
    expect(run.stdout).toBe("");
    expect(await t.count("")).toBe(before);
  });

  it("refuses a taken username with exit 1, leaving the existing account as it was", async () => {
    const before = await t.count("");
    const run = await adminCreate(sstShell(), "--username", "admin.kutim", "--region", "64");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${TEXT.usernameTaken.id} / ${TEXT.usernameTaken.en}`);
    expect(run.stdout).toBe("");
    expect(await t.count("")).toBe(before);
    await signIn("admin.kutim", "demo-admin.kutim");
  });

  it("refuses to run (exit 2) in a stage other than --stage, or with no table at all", async () => {
    const before = await t.count("");
    const wrongStage = await adminCreate(
      sstShell("alice"),
      "--username",
      "admin.y",
      "--region",
      "64",
      "--stage",
      "uji",
    );
    expect(wrongStage.code).toBe(2);
    expect(wrongStage.stderr).toContain('sst shell is connected to stage "alice"');
    const noTable = await adminCreate({}, "--username", "admin.y", "--region", "64");
    expect(noTable.code).toBe(2);
    expect(noTable.stderr).toContain("No table");
    expect(await t.count("")).toBe(before);
  });
});
