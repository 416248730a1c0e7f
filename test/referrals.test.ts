import { beforeAll, describe, expect, it } from "vitest";
import { referralBody, testApp } from "./support/app.ts";

let t: Awaited<ReturnType<typeof testApp>>;
let tksk: string;

beforeAll(async () => {
  t = await testApp();
  tksk = await t.tokenFor("tksk.ancalong");
});

async function submit(body: unknown, token = tksk, headers: Record<string, string> = {}) {
  return t.call("POST", "/api/referrals", { token, body, headers });
}

describe("filing a referral", () => {
  it("stores a valid referral with its submitted audit event, waiting at the first level", async () => {
    const before = await t.count("REFERRAL#");
    const res = await submit(referralBody());
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      status: "in_review",
      currentLevel: "kecamatan",
      chain: ["kecamatan", "kabupaten", "provinsi"],
      kecamatanCode: "64.08.01",
      submittedBy: { name: "Siti Rahmawati" },
      subject: { nik: "6408014507800001", desaCode: "64.08.01.2001" },
      category: "LUT",
      consent: true,
      decisions: [],
    });
    expect(res.json.number).toMatch(/^RJK-\d{6}-[0-9A-Z]{6}$/);
    // item + submitted + level_opened
    expect(await t.count("REFERRAL#")).toBe(before + 3);

    const stored = await t.call("GET", `/api/referrals/${res.json.id}?include=timeline`, { token: tksk });
    expect(stored.status).toBe(200);
    expect(stored.json.timeline.map((e: { type: string }) => e.type)).toEqual(["submitted", "level_opened"]);
    expect(stored.json.timeline[0]).toMatchObject({ seq: 1, referralId: res.json.id, actor: { role: "tksk" } });
    expect(stored.json.timeline[1].prevHash).toBe(stored.json.timeline[0].hash);
  });

  const bad: [string, unknown, string][] = [
    ["NIK of the wrong length", referralBody({}, { nik: "640801450780001" }), "subject.nik"],
    ["letters in the NIK", referralBody({}, { nik: "64080145078000A1" }), "subject.nik"],
    ["an impossible birth date in the NIK", referralBody({}, { nik: "6408013213800001" }), "subject.nik"],
    ["a desa outside the TKSK's kecamatan", referralBody({}, { desaCode: "64.08.02.2001" }), "subject.desaCode"],
    ["a desa that does not exist", referralBody({}, { desaCode: "64.08.01.9999" }), "subject.desaCode"],
    ["consent missing", { ...referralBody(), consent: undefined }, "consent"],
    ["consent false", referralBody({ consent: false }), "consent"],
    ["an unknown category", referralBody({ category: "XYZ" }), "category"],
    ["an unknown field", referralBody({ extra: 1 }), "extra"],
    ["a birth date in the future", referralBody({}, { birthDate: "2999-01-01" }), "subject.birthDate"],
  ];
  it.each(bad)("rejects %s with 400 naming the field, writing nothing", async (_, body, path) => {
    const before = await t.count("");
    const res = await submit(body);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(res.json.errors.map((e: { path: string }) => e.path)).toContain(path);
    const error = res.json.errors.find((e: { path: string }) => e.path === path);
    expect(error.message).toBeTruthy();
    expect(error.message_id).toBeTruthy();
    expect(error.message).not.toBe(error.message_id);
    expect(await t.count("")).toBe(before);
  });

  it("says a missing desa is required, not unknown", async () => {
    const res = await submit(referralBody({}, { desaCode: "" }));
    expect(res.status).toBe(400);
    expect(res.json.errors).toEqual([
      { path: "subject.desaCode", message: "This field is required.", message_id: "Kolom ini wajib diisi." },
    ]);
  });

  it("rejects malformed JSON with 400 and writes nothing", async () => {
    const before = await t.count("");
    const res = await t.call("POST", "/api/referrals", {
      token: tksk,
      raw: '{"subject": {',
      headers: { "content-type": "application/json" },
    });
    expect(res.status).toBe(400);
    expect(res.json.detail_id).toBe("Isi permintaan bukan JSON yang valid.");
    expect(await t.count("")).toBe(before);
  });

  it("rejects an oversize body with 413 and writes nothing", async () => {
    const before = await t.count("");
    const res = await submit(referralBody({ summary: "x".repeat(200_000) }));
    expect(res.status).toBe(413);
    expect(res.json.status).toBe(413);
    expect(await t.count("")).toBe(before);
  });

  it("rejects a body that is not JSON with 415", async () => {
    const res = await t.call("POST", "/api/referrals", {
      token: tksk,
      raw: "nik=1",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(res.status).toBe(415);
  });

  it("creates one referral for the same Idempotency-Key sent twice", async () => {
    const before = await t.count("REFERRAL#");
    const body = referralBody({}, { nik: "6408010101900002", sex: "L", birthDate: "1990-01-01" });
    const first = await submit(body, tksk, { "idempotency-key": "same-key-1" });
    const second = await submit(body, tksk, { "idempotency-key": "same-key-1" });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.json.id).toBe(first.json.id);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(await t.count("REFERRAL#")).toBe(before + 3);
    expect(await t.count("IDEMPOTENCY#")).toBeGreaterThanOrEqual(1);
  });

  it("rejects an Idempotency-Key with spaces or over 200 characters, naming the header", async () => {
    for (const key of ["has spaces", "k".repeat(201)]) {
      const res = await submit(referralBody(), tksk, { "idempotency-key": key });
      expect(res.status).toBe(400);
      expect(res.json.errors[0].path).toBe("Idempotency-Key");
    }
  });

  it("answers 409 for the same Idempotency-Key with a different body", async () => {
    const first = await submit(referralBody(), tksk, { "idempotency-key": "same-key-2" });
    expect(first.status).toBe(201);
    const before = await t.count("");
    const other = await submit(referralBody({ summary: "Berbeda" }), tksk, { "idempotency-key": "same-key-2" });
    expect(other.status).toBe(409);
    expect(await t.count("")).toBe(before);
  });

  it("warns of open referrals for the same NIK in the same kabupaten, by keyed hash", async () => {
    const nik = "6408015505750003";
    const subject = { nik, birthDate: "1975-05-15" };
    const first = await submit(referralBody({}, subject));
    const second = await submit(referralBody({}, subject));
    expect(first.json.possibleDuplicates).toEqual([]);
    // The submitter learns how many and where they stand, never which cases they are.
    expect(second.json.possibleDuplicates).toEqual([{ status: "in_review", currentLevel: expect.anything() }]);
    expect(JSON.stringify(second.json)).not.toContain(first.json.id);
    // Officials who may open both see the other's id beside the one they read.
    for (const official of ["kec.ancalong", "kab.kutim", "prov.kaltim"]) {
      const read = await t.call("GET", `/api/referrals/${second.json.id}`, { token: await t.tokenFor(official) });
      expect(read.json.possibleDuplicates).toEqual([expect.objectContaining({ id: first.json.id })]);
    }
    // A submitter reading their own referral gets no list at all.
    expect((await t.call("GET", `/api/referrals/${second.json.id}`, { token: tksk })).json).not.toHaveProperty(
      "possibleDuplicates",
    );
    // The index never holds the NIK itself.
    const { Items } = await t.deps.store.db.send(
      new (await import("@aws-sdk/lib-dynamodb")).ScanCommand({
        TableName: t.tableName,
        FilterExpression: "attribute_exists(GSI3PK)",
      }),
    );
    expect(Items!.length).toBeGreaterThan(0);
    for (const row of Items!) expect(JSON.stringify([row.GSI3PK, row.GSI3SK])).not.toContain(nik);
  });
});

describe("who may file and read", () => {
  let id: string;
  beforeAll(async () => {
    id = (await submit(referralBody({}, { nik: "6408011212120004", sex: "L", birthDate: "2012-12-12" }))).json.id;
  });

  it("answers 401 without a session, writing nothing", async () => {
    const before = await t.count("");
    expect((await t.call("GET", `/api/referrals/${id}`)).status).toBe(401);
    expect((await t.call("GET", "/api/referrals")).status).toBe(401);
    const res = await t.call("POST", "/api/referrals", { body: referralBody() });
    expect(res.status).toBe(401);
    expect(res.json.detail_id).toBeTruthy();
    expect(await t.count("")).toBe(before);
  });

  it("answers 401 for a forged token", async () => {
    const [head, payload] = tksk.split(".");
    expect((await t.call("GET", "/api/referrals", { token: `${head}.${payload}.forged` })).status).toBe(401);
  });

  it.each(["tksk.palaran", "kec.palaran", "kab.samarinda", "auditor.samarinda", "kec.gerung", "prov.ntb"])(
    "hides the referral from %s (outside the region) with 404",
    async (username) => {
      const token = await t.tokenFor(username);
      const res = await t.call("GET", `/api/referrals/${id}`, { token });
      expect(res.status).toBe(404);
      const list = await t.call("GET", "/api/referrals", { token });
      expect(list.status).toBe(200);
      expect(list.json.items.map((r: { id: string }) => r.id)).not.toContain(id);
    },
  );

  it.each(["kec.ancalong", "kab.kutim", "prov.kaltim"])(
    "shows the referral to %s (inside the region), the list hiding the NIK's birth date",
    async (username) => {
      const token = await t.tokenFor(username);
      const one = await t.call("GET", `/api/referrals/${id}`, { token });
      expect(one.status).toBe(200);
      expect(one.json.subject.nik).toBe("6408011212120004");
      const list = await t.call("GET", "/api/referrals?limit=100", { token });
      const row = list.json.items.find((r: { id: string }) => r.id === id);
      expect(row.subject.nik).toBe("640801******0004");
    },
  );

  it.each(["auditor.kutim", "auditor.kaltim", "auditor.nasional"])(
    "shows the referral to %s (inside the region) with only the NIK's last four digits, in the list too",
    async (username) => {
      const token = await t.tokenFor(username);
      const one = await t.call("GET", `/api/referrals/${id}`, { token });
      expect(one.status).toBe(200);
      expect(one.json.subject.nik).toBe("************0004");
      const list = await t.call("GET", "/api/referrals?limit=100", { token });
      const row = list.json.items.find((r: { id: string }) => r.id === id);
      expect(row.subject.nik).toBe("************0004");
    },
  );

  it("lets an auditor read but not write", async () => {
    const token = await t.tokenFor("auditor.kutim");
    expect((await t.call("GET", `/api/referrals/${id}?include=timeline`, { token })).status).toBe(200);
    const before = await t.count("");
    const res = await t.call("POST", "/api/referrals", { token, body: referralBody() });
    expect(res.status).toBe(403);
    expect(await t.count("")).toBe(before);
  });

  it("does not let officials file referrals, nor admins read them", async () => {
    expect((await submit(referralBody(), await t.tokenFor("kec.ancalong"))).status).toBe(403);
    const admin = await t.tokenFor("admin.kutim");
    expect((await t.call("GET", "/api/referrals", { token: admin })).status).toBe(403);
    expect((await t.call("GET", `/api/referrals/${id}`, { token: admin })).status).toBe(403);
  });

  it("lists a TKSK's own referrals only, newest first, a page at a time", async () => {
    const other = await t.tokenFor("tksk.palaran");
    const created = await submit(
      referralBody({}, { nik: "6472010101800005", sex: "L", birthDate: "1980-01-01", desaCode: "64.72.01.1001" }),
      other,
    );
    expect(created.status).toBe(201);
    const mine = await t.call("GET", "/api/referrals?limit=2", { token: tksk });
    expect(mine.json.items).toHaveLength(2);
    expect(mine.json.nextCursor).toEqual(expect.any(String));
    expect(mine.json.items[0].createdAt >= mine.json.items[1].createdAt).toBe(true);
    const next = await t.call("GET", `/api/referrals?limit=2&cursor=${mine.json.nextCursor}`, { token: tksk });
    expect(next.status).toBe(200);
    const ids = [...mine.json.items, ...next.json.items].map((r: { id: string }) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).not.toContain(created.json.id);
    expect((await t.call("GET", "/api/referrals?limit=500", { token: tksk })).status).toBe(400);
    expect((await t.call("GET", "/api/referrals?cursor=garbage", { token: tksk })).status).toBe(400);
    expect((await t.call("GET", "/api/referrals?status=open", { token: tksk })).status).toBe(400);
  });
});
