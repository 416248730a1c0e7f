import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { versionAt } from "@rujuk/core/audit";
import { parse as parseCsv } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { referralBody, testApp } from "./support/app.ts";

let t: Awaited<ReturnType<typeof testApp>>;
let tksk: string;
let auditor: string;

beforeAll(async () => {
  t = await testApp({}, { chain: true });
  tksk = await t.tokenFor("tksk.ancalong");
  auditor = await t.tokenFor("auditor.kutim");
});
afterAll(() => t.close());

let nikSerial = 2000;
async function file(overrides: Record<string, unknown> = {}, subject: Record<string, unknown> = {}) {
  const body = referralBody(overrides, { nik: `640801450780${nikSerial++}`, ...subject });
  const res = await t.call("POST", "/api/referrals", { token: tksk, body });
  expect(res.status).toBe(201);
  await t.settle();
  return { id: res.json.id as string, body };
}

async function decide(id: string, username: string, decision: string, comment?: string) {
  const res = await t.call("POST", `/api/referrals/${id}/decisions`, {
    token: await t.tokenFor(username),
    body: { decision, ...(comment ? { comment } : {}) },
  });
  expect(res.status).toBe(200);
  await t.settle();
}

const history = (id: string, token = auditor) => t.call("GET", `/api/audit/referrals/${id}/history`, { token });
const verify = (query: string, token = auditor) => t.call("GET", `/api/audit/verify?${query}`, { token });

/** The raw rows of an item's events in the audit table, for tampering the way someone with table access could. */
async function eventRows(id: string) {
  const result = await t.deps.store.db.send(
    new QueryCommand({
      TableName: t.deps.store.audit.table,
      KeyConditionExpression: "PK = :pk",
      ExpressionAttributeValues: { ":pk": `REFERRAL#${id}` },
      ConsistentRead: true,
    }),
  );
  return result.Items ?? [];
}
const putRow = (table: string, Item: Record<string, unknown>) =>
  t.deps.store.db.send(new PutCommand({ TableName: table, Item }));
const deleteRow = (table: string, row: Record<string, unknown>) =>
  t.deps.store.db.send(new DeleteCommand({ TableName: table, Key: { PK: row.PK, SK: row.SK } }));

// A comment that starts a formula, with commas, quotes and a line break: what a CSV must carry as plain text.
const RETURN_COMMENT = '=HYPERLINK("http://x.test","klik"), lengkapi "alamat"\nRT/RW, dan nomor KK';

let returned: { id: string; body: ReturnType<typeof referralBody> };

describe("an item's history", () => {
  it("reads back in order, with who acted as they were, decisions, comments and the notifications", async () => {
    returned = await file();
    const { id, body } = returned;
    await decide(id, "kec.ancalong", "approve");
    await decide(id, "kab.kutim", "return", RETURN_COMMENT);
    const edit = {
      ...body,
      subject: { ...body.subject, name: "Sarni binti Ahmad", nik: "6408014507809999" },
      summary: "Ringkasan yang diperbaiki.",
    };
    expect((await t.call("PUT", `/api/referrals/${id}`, { token: tksk, body: edit })).status).toBe(200);
    expect((await t.call("POST", `/api/referrals/${id}/resubmit`, { token: tksk })).status).toBe(200);
    await t.settle();
    await decide(id, "kab.kutim", "approve");
    await decide(id, "prov.kaltim", "approve", "Disetujui, segera ditindaklanjuti");

    const res = await history(id);
    expect(res.status).toBe(200);
    const events = res.json.items;
    expect(events.map((e: { type: string }) => e.type)).toEqual([
      "submitted",
      "level_opened",
      "decided",
      "level_opened",
      "decided",
      "returned",
      "edited",
      "resubmitted",
      "level_opened",
      "decided",
      "level_opened",
      "decided",
      "approved",
    ]);
    expect(events.map((e: { seq: number }) => e.seq)).toEqual(events.map((_: unknown, i: number) => i + 1));
    expect(events[0].actor).toEqual({
      id: expect.any(String),
      name: "Siti Rahmawati",
      role: "tksk",
      regionCode: "64.08.01",
    });
    expect(events[2]).toMatchObject({ level: "kecamatan", decision: "approve", actor: { name: "Budi Santoso" } });
    expect(events[4]).toMatchObject({
      level: "kabupaten",
      decision: "return",
      comment: RETURN_COMMENT,
      actor: { name: "Dewi Lestari", role: "kabupaten", regionCode: "64.08" },
    });
    expect(events[11]).toMatchObject({ decision: "approve", comment: "Disetujui, segera ditindaklanjuti" });
    expect(events[1].actor).toBeNull();
    for (const [i, e] of events.entries()) if (i > 0) expect(e.prevHash).toBe(events[i - 1].hash);

    // Each level's officials were told in the app; the submitter of the return and of the approval.
    const sent = res.json.notifications;
    const summary = sent.map((n: { type: string; recipient: { name: string } }) => `${n.type}:${n.recipient.name}`);
    expect(summary).toEqual(
      expect.arrayContaining([
        "level_opened:Budi Santoso",
        "level_opened:Dewi Lestari",
        "level_opened:Ratna Sari",
        "returned:Siti Rahmawati",
        "approved:Siti Rahmawati",
      ]),
    );
    expect(sent[0].channels[0]).toMatchObject({ channel: "in_app", status: "delivered" });
  });

  it("keeps what an edit changed, before and after, so the earlier version can be rebuilt", async () => {
    const { id, body } = returned;
    const edited = (await history(id)).json.items.find((e: { type: string }) => e.type === "edited");
    expect(edited.changes).toEqual([
      { field: "subject.name", before: "Sarni", after: "Sarni binti Ahmad" },
      // NIKs are masked for auditors, in edits as everywhere else.
      { field: "subject.nik", before: `************${body.subject.nik.slice(-4)}`, after: "************9999" },
      { field: "summary", before: body.summary, after: "Ringkasan yang diperbaiki." },
    ]);
    // It says so, since a masked event no longer re-hashes to its hash.
    expect(edited.masked).toEqual(["changes"]);
    // The submitter sees the item itself; rebuilding from the trail gives back what was first filed.
    const current = (await t.call("GET", `/api/referrals/${id}?include=timeline`, { token: tksk })).json;
    const original = versionAt(current, current.timeline, 0);
    expect(original.subject).toEqual(body.subject);
    expect(original.summary).toBe(body.summary);
    expect(original.category).toBe(body.category);
  });

  it("masks the NIK wherever an auditor reads the item outside the trail too", async () => {
    const { id } = returned;
    const item = (await t.call("GET", `/api/referrals/${id}`, { token: auditor })).json;
    expect(item.subject.nik).toBe("************9999");
    const list = (await t.call("GET", "/api/referrals", { token: auditor })).json.items;
    expect(list.find((r: { id: string }) => r.id === id).subject.nik).toBe("************9999");
  });
});

describe("who may read the trail", () => {
  it("answers 403 to TKSK and officials on every audit route, and 401 without a session", async () => {
    const { id } = returned;
    const routes: [string, string, unknown?][] = [
      ["GET", `/api/audit/referrals/${id}/history`],
      ["GET", "/api/audit/events"],
      ["GET", "/api/audit/events?format=csv"],
      ["GET", "/api/audit/verify"],
      ["GET", "/api/audit/log"],
      ["POST", `/api/audit/referrals/${id}/reveal`, { reason: "Pemeriksaan berkas bulanan" }],
    ];
    for (const username of ["tksk.ancalong", "kec.ancalong", "kab.kutim", "prov.kaltim"]) {
      const token = await t.tokenFor(username);
      for (const [method, path, body] of routes) {
        expect((await t.call(method, path, { token, body })).status, `${username} ${method} ${path}`).toBe(403);
      }
    }
    for (const [method, path, body] of routes) expect((await t.call(method, path, { body })).status).toBe(401);
  });

  it("shows an auditor of another province nothing of this one", async () => {
    const { id } = returned;
    const other = await t.tokenFor("auditor.ntb");
    expect((await history(id, other)).status).toBe(404);
    expect((await verify(`referral=${id}`, other)).status).toBe(404);
    expect((await t.call("GET", "/api/audit/events?region=64.08", { token: other })).status).toBe(403);
    const own = await t.call("GET", "/api/audit/events?limit=100", { token: other });
    expect(own.status).toBe(200);
    expect(own.json.items).toEqual([]);
    expect(
      (await t.call("POST", `/api/audit/referrals/${id}/reveal`, { token: other, body: { reason: "Ingin tahu saja" } }))
        .status,
    ).toBe(404);
  });

  it("lets the province's auditor and the national auditor in, and an admin of the region", async () => {
    const { id } = returned;
    for (const username of ["auditor.kaltim", "auditor.nasional", "admin.kutim"]) {
      expect((await history(id, await t.tokenFor(username))).status, username).toBe(200);
    }
    expect((await history(id, await t.tokenFor("auditor.samarinda"))).status).toBe(404);
    // An admin may read the trail, masked, but not reveal a NIK.
    const reveal = await t.call("POST", `/api/audit/referrals/${id}/reveal`, {
      token: await t.tokenFor("admin.kutim"),
      body: { reason: "Pemeriksaan akun pengguna" },
    });
    expect(reveal.status).toBe(403);
  });
});

describe("searching and exporting the trail", () => {
  it("pages events of the region in time order, filtered by type, level and actor", async () => {
    const all: { at: string; type: string; level?: string }[] = [];
    let cursor: string | null = null;
    do {
      const res = await t.call("GET", `/api/audit/events?limit=5${cursor ? `&cursor=${cursor}` : ""}`, {
        token: auditor,
      });
      expect(res.status).toBe(200);
      all.push(...res.json.items);
      cursor = res.json.nextCursor;
    } while (cursor);
    expect(all.length).toBeGreaterThanOrEqual(13);
    expect(all.map((e) => e.at)).toEqual([...all.map((e) => e.at)].sort());

    const decided = await t.call("GET", "/api/audit/events?type=decided&level=kabupaten&limit=100", { token: auditor });
    expect(decided.json.items.length).toBeGreaterThanOrEqual(2);
    expect(
      decided.json.items.every((e: { type: string; level: string }) => e.type === "decided" && e.level === "kabupaten"),
    ).toBe(true);

    const kab = (await t.call("GET", "/api/me", { token: await t.tokenFor("kab.kutim") })).json.id;
    const byActor = await t.call("GET", `/api/audit/events?actor=${kab}&limit=100`, { token: auditor });
    expect(byActor.json.items.length).toBeGreaterThan(0);
    expect(byActor.json.items.every((e: { actor: { id: string } }) => e.actor.id === kab)).toBe(true);

    const future = await t.call("GET", "/api/audit/events?from=2099-01-01", { token: auditor });
    expect(future.json.items).toEqual([]);

    // A cursor belongs to the search that made it: taken to a narrower range it is refused, not read from.
    const first = await t.call("GET", "/api/audit/events?limit=2", { token: auditor });
    const narrower = `to=${encodeURIComponent(all[0]!.at)}&cursor=${first.json.nextCursor}`;
    const past = await t.call("GET", `/api/audit/events?${narrower}`, { token: auditor });
    expect(past.status).toBe(400);
    expect(past.json.errors.map((e: { path: string }) => e.path)).toEqual(["cursor"]);
  });

  it("refuses bad filters with a 400 naming the field", async () => {
    for (const [query, field] of [
      ["from=yesterday", "from"],
      ["from=2026-02-01&to=2026-01-01", "from"],
      ["type=deleted", "type"],
      ["format=xlsx", "format"],
      ["cursor=bm90LWEtY3Vyc29y", "cursor"],
      ["region=64.99.99.99.99", "region"],
    ]) {
      const res = await t.call("GET", `/api/audit/events?${query}`, { token: auditor });
      expect(res.status, query).toBe(400);
      expect(res.json.errors.map((e: { path: string }) => e.path)).toContain(field);
    }
  });

  it("exports CSV that opens as the right rows: quoted commas, quotes and line breaks, no formula", async () => {
    const { id } = returned;
    const res = await t.app.request(`/api/audit/events?format=csv&kind=referral`, {
      headers: { authorization: `Bearer ${auditor}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    const rows: Record<string, string>[] = parseCsv(text, { bom: true, columns: true });
    const json = (await t.call("GET", "/api/audit/events?kind=referral&limit=100", { token: auditor })).json.items;
    expect(rows.length).toBe(json.length);
    const returnRow = rows.find((r) => r.item_id === id && r.decision === "return")!;
    expect(returnRow.comment).toBe(`'${RETURN_COMMENT}`);
    expect(returnRow.comment?.startsWith("=")).toBe(false);
    expect(returnRow).toMatchObject({
      kind: "referral",
      type: "decided",
      level: "kabupaten",
      actor_name: "Dewi Lestari",
    });
    expect(rows.map((r) => r.hash)).toEqual(json.map((e: { hash: string }) => e.hash));
  });

  it("exports NDJSON, one event a line, the same events as the json pages", async () => {
    const res = await t.app.request(`/api/audit/events?format=ndjson`, {
      headers: { authorization: `Bearer ${auditor}`, "accept-encoding": "gzip" },
    });
    expect(res.headers.get("content-type")).toContain("application/x-ndjson");
    // Compressed on the wire, like CSV: exports are large and connections in the field slow.
    expect(res.headers.get("content-encoding")).toBe("gzip");
    const text = await new Response(res.body!.pipeThrough(new DecompressionStream("gzip"))).text();
    const lines = text
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    const json = (await t.call("GET", "/api/audit/events?limit=100", { token: auditor })).json.items;
    expect(lines).toEqual(json);
  });
});

describe("personal data and the auditors' own log", () => {
  it("reveals a NIK only with a reason, and records who, which item and why", async () => {
    const { id } = returned;
    const before = await t.count("");
    const bad = await t.call("POST", `/api/audit/referrals/${id}/reveal`, {
      token: auditor,
      body: { reason: "lihat" },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0]).toMatchObject({ path: "reason" });
    expect(await t.count("")).toBe(before);

    const res = await t.call("POST", `/api/audit/referrals/${id}/reveal`, {
      token: auditor,
      body: { reason: "Pencocokan data dengan Disdukcapil" },
    });
    expect(res.status).toBe(200);
    expect(res.json.nik).toBe("6408014507809999");
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("keeps an auditor's own chain whole when they act several times at once", async () => {
    const { id } = returned;
    const token = await t.tokenFor("auditor.kaltim");
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        t.call("POST", `/api/audit/referrals/${id}/reveal`, { token, body: { reason: `Pemeriksaan serentak ${i}` } }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(6).fill(200));
    const me = (await t.call("GET", "/api/me", { token })).json.id;
    const chain = await t.deps.store.audit.events(`AUDITOR#${me}`);
    expect(chain.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(new Set(chain.map((e) => e.reason)).size).toBe(6);
    expect((await verify("region=64", token)).json).toMatchObject({ ok: true });
  });

  it("lists pii_viewed and exported in the auditors' log, searchable by type", async () => {
    const { id } = returned;
    const log = await t.call("GET", "/api/audit/log?limit=100", { token: auditor });
    expect(log.status).toBe(200);
    const viewed = log.json.items.find((e: { type: string }) => e.type === "pii_viewed");
    expect(viewed).toMatchObject({
      referralId: id,
      reason: "Pencocokan data dengan Disdukcapil",
      actor: { name: "Agus Salim", role: "auditor" },
    });
    const exported = log.json.items.filter((e: { type: string }) => e.type === "exported");
    expect(exported.length).toBeGreaterThanOrEqual(2);
    expect(exported[0].filter).toMatchObject({ format: "csv", kind: "referral", region: "64.08" });
    expect(exported[0].rows).toBeGreaterThan(0);
    const onlyViews = await t.call("GET", "/api/audit/log?type=pii_viewed", { token: auditor });
    expect(onlyViews.json.items.every((e: { type: string }) => e.type === "pii_viewed")).toBe(true);
    // Another province's auditor does not see these actions.
    const other = await t.call("GET", "/api/audit/log", { token: await t.tokenFor("auditor.ntb") });
    expect(other.json.items).toEqual([]);
  });
});

describe("verification", () => {
  it("is ok on untouched data, and gives a digest to keep", async () => {
    const res = await verify("region=64.08");
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ ok: true, broken: 0 });
    expect(res.json.checked).toBeGreaterThanOrEqual(13);
    expect(res.json.digest.value).toMatch(/^[0-9a-f]{64}$/);
    expect((await verify(`referral=${returned.id}`)).json).toMatchObject({ ok: true, checked: 13 });
    const kept = `digest=${res.json.digest.value}&through=${res.json.digest.through}`;
    expect((await verify(`region=64.08&${kept}`)).json.ok).toBe(true);
  });

  it("names the item and the event when an event is edited in the table", async () => {
    const { id } = await file();
    const rows = await eventRows(id);
    const first = rows[0]!;
    await putRow(t.deps.store.audit.table, { ...first, actor: { ...first.actor, name: "Orang Lain" } });
    for (const res of [await verify("region=64.08"), await verify(`referral=${id}`)]) {
      expect(res.json.ok).toBe(false);
      expect(res.json.firstBroken).toMatchObject({ item: id, kind: "referral", seq: 1, problem: "event_changed" });
      expect(res.json.firstBroken.detail_id).toBeTruthy();
    }
    await putRow(t.deps.store.audit.table, first);
    expect((await verify("region=64.08")).json.ok).toBe(true);
  });

  it("reports an event changed past being an event (a field of another type) as changed, not as an error", async () => {
    const { id } = await file();
    const rows = await eventRows(id);
    const second = rows[1]!;
    await putRow(t.deps.store.audit.table, { ...second, at: 20261201 });
    for (const res of [await verify("region=64.08"), await verify(`referral=${id}`)]) {
      expect(res.status).toBe(200);
      expect(res.json.ok).toBe(false);
      expect(res.json.firstBroken).toMatchObject({ item: id, kind: "referral", seq: 2, problem: "event_changed" });
    }
    await putRow(t.deps.store.audit.table, second);
    expect((await verify("region=64.08")).json.ok).toBe(true);
  });

  it("catches the last event of an item deleted from the table", async () => {
    const { id } = await file();
    const last = (await eventRows(id)).at(-1)!;
    await deleteRow(t.deps.store.audit.table, last);
    const res = await verify("region=64.08");
    expect(res.json.ok).toBe(false);
    expect(res.json.firstBroken).toMatchObject({ item: id, seq: last.seq, problem: "event_missing" });
    expect((await verify(`referral=${id}`)).json.firstBroken).toMatchObject({
      seq: last.seq,
      problem: "event_missing",
    });
    await putRow(t.deps.store.audit.table, last);
    expect((await verify("region=64.08")).json.ok).toBe(true);
  });

  it("catches a whole item deleted, and a ledger cut down to hide it against a kept digest", async () => {
    const before = (await verify("region=64.08")).json.digest;
    const { id } = await file();
    const kept = (await verify("region=64.08")).json.digest;
    expect(kept.value).not.toBe(before.value);

    const key = { PK: `REFERRAL#${id}`, SK: "ITEM" };
    const item = (await t.deps.store.db.send(new GetCommand({ TableName: t.tableName, Key: key }))).Item!;
    const events = await eventRows(id);
    await deleteRow(t.tableName, item);
    for (const row of events) await deleteRow(t.deps.store.audit.table, row);
    const res = await verify("region=64.08");
    expect(res.json.ok).toBe(false);
    expect(res.json.firstBroken).toMatchObject({ item: id, problem: "item_missing" });

    // Someone who can also delete the ledger's entries of the item hides it from the chains, not from the digest.
    const ledger = await t.deps.store.db.send(
      new QueryCommand({
        TableName: t.deps.store.audit.table,
        KeyConditionExpression: "PK = :pk",
        ExpressionAttributeValues: { ":pk": "LEDGER#items#64.08" },
      }),
    );
    const entries = (ledger.Items ?? []).filter((row) => row.chain === `REFERRAL#${id}`);
    expect(entries.length).toBe(events.length);
    for (const row of entries) await deleteRow(t.deps.store.audit.table, row);
    expect((await verify("region=64.08")).json.ok).toBe(true);
    const checked = await verify(`region=64.08&digest=${kept.value}&through=${kept.through}`);
    expect(checked.json.ok).toBe(false);
    expect(checked.json.firstBroken).toMatchObject({ item: null, kind: "ledger", problem: "digest_mismatch" });
  });
});

describe("reports and odd input", () => {
  it("serves a report's history and verifies it", async () => {
    const res = await t.call("POST", "/api/reports", {
      token: tksk,
      body: { period: "2026-10", activities: "Kunjungan rumah lansia", counts: { LUT: 4 } },
    });
    expect(res.status).toBe(201);
    await t.settle();
    const id = res.json.id as string;
    const history = await t.call("GET", `/api/audit/reports/${id}/history`, { token: auditor });
    expect(history.status).toBe(200);
    expect(history.json.items.map((e: { type: string; reportId: string }) => `${e.type}:${e.reportId}`)).toEqual([
      `submitted:${id}`,
      `level_opened:${id}`,
    ]);
    expect((await verify(`report=${id}`)).json).toMatchObject({ ok: true, checked: 2 });
    // A report is not a referral: its id under the other kind is unknown.
    expect((await history_(`/api/audit/referrals/${id}/history`)).status).toBe(404);
  });

  it("answers 404, not an error, for ids no item could have", async () => {
    for (const path of [
      `/api/audit/referrals/${"x".repeat(3000)}/history`,
      `/api/audit/verify?referral=${"x".repeat(3000)}`,
      "/api/audit/referrals/%00/history",
    ]) {
      const res = await history_(path);
      expect([400, 404], path.slice(0, 60)).toContain(res.status);
    }
  });
});

function history_(path: string) {
  return t.call("GET", path, { token: auditor });
}
