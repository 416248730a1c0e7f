import { beforeAll, describe, expect, it } from "vitest";
import type { ApiClient } from "@rujuk/functions/client";
import { referralBody, testApp } from "./support/app.ts";
import { answered, clientFor, referralInput } from "./support/client.ts";

let t: Awaited<ReturnType<typeof testApp>>;
let tksk: string;

beforeAll(async () => {
  t = await testApp();
  tksk = await t.tokenFor("tksk.ancalong");
});

/** The typed client as a demo account. */
const as = async (username: string) => clientFor(t.app, await t.tokenFor(username));

/** A body the API refuses, sent as-is: the typed client would not compile it. */
async function submit(body: unknown, token = tksk, headers: Record<string, string> = {}) {
  return t.call("POST", "/api/referrals", { token, body, headers });
}

/** Files a valid referral through the typed client, as the demo TKSK unless told otherwise. */
async function file(json = referralInput(), username = "tksk.ancalong", key?: string) {
  const api = await as(username);
  return api.referrals.$post({ json, header: key === undefined ? {} : { "Idempotency-Key": key } });
}

describe("filing a referral", () => {
  it("stores a valid referral with its submitted audit event, waiting at the first level", async () => {
    const before = await t.count("REFERRAL#");
    const filed = await (await answered(file(), 201)).json();
    // Answered as written: the workflow opens its first level after the answer (read below, once it has).
    expect(filed).toMatchObject({
      status: "in_review",
      currentLevel: null,
      chain: ["kecamatan", "kabupaten", "provinsi"],
      kecamatanCode: "64.08.01",
      submittedBy: { name: "Siti Rahmawati" },
      subject: { nik: "6408014507800001", desaCode: "64.08.01.2001" },
      category: "LUT",
      consent: true,
      decisions: [],
    });
    expect(filed.number).toMatch(/^RJK-\d{6}-[0-9A-Z]{6}$/);
    // item + submitted + level_opened
    expect(await t.count("REFERRAL#")).toBe(before + 3);

    const api = await as("tksk.ancalong");
    const read = api.referrals[":id"].$get({ param: { id: filed.id }, query: { include: "timeline" } });
    const { timeline = [], ...now } = await (await answered(read, 200)).json();
    expect(now.currentLevel).toBe("kecamatan");
    expect(timeline.map((e) => e.type)).toEqual(["submitted", "level_opened"]);
    expect(timeline[0]).toMatchObject({ seq: 1, referralId: filed.id, actor: { role: "tksk" } });
    expect(timeline[1]?.prevHash).toBe(timeline[0]?.hash);
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

  it("tells a field of the wrong type from a missing one, in both languages", async () => {
    const { summary: _, ...withoutSummary } = referralBody({ service: 5 });
    const res = await submit(withoutSummary);
    expect(res.status).toBe(400);
    expect(res.json.errors).toEqual(
      expect.arrayContaining([
        { path: "service", message: "This value has the wrong type.", message_id: "Jenis nilai ini salah." },
        { path: "summary", message: "This field is required.", message_id: "Kolom ini wajib diisi." },
      ]),
    );
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

  it("answers a JSON media type the body validator does not take with a 415 problem, writing nothing", async () => {
    const before = await t.count("");
    const res = await submit(referralBody(), tksk, { "content-type": "application/json;" });
    expect(res.status).toBe(415);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(res.json.detail_id).toBeTruthy();
    expect(await t.count("")).toBe(before);
  });

  it("creates one referral for the same Idempotency-Key sent twice", async () => {
    const before = await t.count("REFERRAL#");
    const body = referralInput({}, { nik: "6408010101900002", sex: "L", birthDate: "1990-01-01" });
    const first = await answered(file(body, "tksk.ancalong", "same-key-1"), 201);
    const second = await answered(file(body, "tksk.ancalong", "same-key-1"), 201);
    expect((await second.json()).id).toBe((await first.json()).id);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(await t.count("REFERRAL#")).toBe(before + 3);
    expect(await t.count("IDEMPOTENCY#")).toBeGreaterThanOrEqual(1);
  });

  it("rejects an Idempotency-Key with spaces or over 200 characters, naming the header", async () => {
    for (const key of ["has spaces", "k".repeat(201)]) {
      const problem = await (await answered(file(referralInput(), "tksk.ancalong", key), 400)).json();
      expect(problem.errors?.[0]?.path).toBe("Idempotency-Key");
    }
  });

  it("answers 409 for the same Idempotency-Key with a different body", async () => {
    await answered(file(referralInput(), "tksk.ancalong", "same-key-2"), 201);
    const before = await t.count("");
    await answered(file(referralInput({ summary: "Berbeda" }), "tksk.ancalong", "same-key-2"), 409);
    expect(await t.count("")).toBe(before);
  });

  it("warns of open referrals for the same NIK in the same kabupaten, by keyed hash", async () => {
    const nik = "6408015505750003";
    const subject = { nik, birthDate: "1975-05-15" };
    const first = await (await answered(file(referralInput({}, subject)), 201)).json();
    const second = await (await answered(file(referralInput({}, subject)), 201)).json();
    expect(first.possibleDuplicates).toEqual([]);
    // The submitter learns how many and where they stand, never which cases they are.
    expect(second.possibleDuplicates).toEqual([{ status: "in_review", currentLevel: expect.anything() }]);
    expect(JSON.stringify(second)).not.toContain(first.id);
    const readAs = async (api: ApiClient["api"]) =>
      (await answered(api.referrals[":id"].$get({ param: { id: second.id }, query: {} }), 200)).json();
    // Officials who may open both see the other's id beside the one they read.
    for (const official of ["kec.ancalong", "kab.kutim", "prov.kaltim"]) {
      const read = await readAs(await as(official));
      expect(read.possibleDuplicates).toEqual([expect.objectContaining({ id: first.id })]);
    }
    // A submitter reading their own referral gets no list at all.
    expect(await readAs(await as("tksk.ancalong"))).not.toHaveProperty("possibleDuplicates");
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
    const input = referralInput({}, { nik: "6408011212120004", sex: "L", birthDate: "2012-12-12" });
    id = (await (await answered(file(input), 201)).json()).id;
  });

  it("answers 401 without a session, writing nothing", async () => {
    const before = await t.count("");
    const anonymous = clientFor(t.app);
    await answered(anonymous.referrals[":id"].$get({ param: { id }, query: {} }), 401);
    await answered(anonymous.referrals.$get({ query: {} }), 401);
    const filed = anonymous.referrals.$post({ json: referralInput(), header: {} });
    expect((await (await answered(filed, 401)).json()).detail_id).toBeTruthy();
    expect(await t.count("")).toBe(before);
  });

  it("answers 401 for a forged token", async () => {
    const [head, payload] = tksk.split(".");
    expect((await t.call("GET", "/api/referrals", { token: `${head}.${payload}.forged` })).status).toBe(401);
  });

  it.each(["tksk.palaran", "kec.palaran", "kab.samarinda", "auditor.samarinda", "kec.gerung", "prov.ntb"])(
    "hides the referral from %s (outside the region) with 404",
    async (username) => {
      const api = await as(username);
      await answered(api.referrals[":id"].$get({ param: { id }, query: {} }), 404);
      const list = await (await answered(api.referrals.$get({ query: {} }), 200)).json();
      expect(list.items.map((r) => r.id)).not.toContain(id);
    },
  );

  it.each(["kec.ancalong", "kab.kutim", "prov.kaltim"])(
    "shows the referral to %s (inside the region), the list hiding the NIK's birth date",
    async (username) => {
      const api = await as(username);
      const one = await (await answered(api.referrals[":id"].$get({ param: { id }, query: {} }), 200)).json();
      expect(one.subject.nik).toBe("6408011212120004");
      const list = await (await answered(api.referrals.$get({ query: { limit: "100" } }), 200)).json();
      expect(list.items.find((r) => r.id === id)?.subject.nik).toBe("640801******0004");
    },
  );

  it.each(["auditor.kutim", "auditor.kaltim", "auditor.nasional"])(
    "shows the referral to %s (inside the region) with only the NIK's last four digits, in the list too",
    async (username) => {
      const api = await as(username);
      const one = await (await answered(api.referrals[":id"].$get({ param: { id }, query: {} }), 200)).json();
      expect(one.subject.nik).toBe("************0004");
      const list = await (await answered(api.referrals.$get({ query: { limit: "100" } }), 200)).json();
      expect(list.items.find((r) => r.id === id)?.subject.nik).toBe("************0004");
    },
  );

  it("lets an auditor read but not write", async () => {
    const api = await as("auditor.kutim");
    await answered(api.referrals[":id"].$get({ param: { id }, query: { include: "timeline" } }), 200);
    const before = await t.count("");
    await answered(file(referralInput(), "auditor.kutim"), 403);
    expect(await t.count("")).toBe(before);
  });

  it("does not let officials file referrals, nor admins read them", async () => {
    await answered(file(referralInput(), "kec.ancalong"), 403);
    const admin = await as("admin.kutim");
    await answered(admin.referrals.$get({ query: {} }), 403);
    await answered(admin.referrals[":id"].$get({ param: { id }, query: {} }), 403);
  });

  it("lists a TKSK's own referrals only, newest first, a page at a time", async () => {
    const subject = { nik: "6472010101800005", sex: "L", birthDate: "1980-01-01", desaCode: "64.72.01.1001" } as const;
    const created = await (await answered(file(referralInput({}, subject), "tksk.palaran"), 201)).json();
    const api = await as("tksk.ancalong");
    const mine = await (await answered(api.referrals.$get({ query: { limit: "2" } }), 200)).json();
    expect(mine.items).toHaveLength(2);
    expect(mine.nextCursor).toEqual(expect.any(String));
    expect(mine.items[0]!.createdAt >= mine.items[1]!.createdAt).toBe(true);
    const cursor = mine.nextCursor ?? undefined;
    const next = await (await answered(api.referrals.$get({ query: { limit: "2", cursor } }), 200)).json();
    const ids = [...mine.items, ...next.items].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).not.toContain(created.id);
    await answered(api.referrals.$get({ query: { limit: "500" } }), 400);
    await answered(api.referrals.$get({ query: { cursor: "garbage" } }), 400);
    expect((await t.call("GET", "/api/referrals?status=open", { token: tksk })).status).toBe(400);
  });
});

/**
 * Compiled, never run: the typed client refuses what the API would (`npm run typecheck` fails on any line below
 * that compiles, as its directive is then unused).
 */
function _refusedAtCompileTime(api: ApiClient["api"]) {
  // @ts-expect-error a referral without the person it is about
  void api.referrals.$post({ json: { category: "LUT", service: "s", summary: "s", consent: true }, header: {} });
  // @ts-expect-error consent must be given
  void api.referrals.$post({ json: { ...referralInput(), consent: false }, header: {} });
  // @ts-expect-error a status the list does not take
  void api.referrals.$get({ query: { status: "open" } });
  // @ts-expect-error a decision the API does not know
  void api.referrals[":id"].decisions.$post({ param: { id: "x" }, json: { decision: "maybe" } });
  // @ts-expect-error a misspelt path
  void api.referals.$get({ query: {} });
}
