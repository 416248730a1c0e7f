import { beforeAll, describe, expect, it } from "vitest";
import { referralBody, testApp } from "./support/app.ts";

// Referrals and reports feed DTKS/DTSEN verification: bad data is refused at the source, field by field, in both
// languages, and nothing is written.
let t: Awaited<ReturnType<typeof testApp>>;
let tksk: string;
beforeAll(async () => {
  t = await testApp();
  tksk = await t.tokenFor("tksk.ancalong");
});

async function refused(path: string, request: { body?: unknown; raw?: string }, fields: string[]) {
  const before = await t.count("");
  const res = await t.call("POST", path, { token: tksk, ...request, headers: { "content-type": "application/json" } });
  expect(res.status).toBe(400);
  expect(res.headers.get("content-type")).toMatch(/problem\+json/);
  const errors = res.json.errors as { path: string; message: string; message_id: string }[];
  expect(errors.map((e) => e.path).sort()).toEqual([...fields].sort());
  for (const e of errors) expect([e.message.length > 0, e.message_id.length > 0]).toEqual([true, true]);
  expect(await t.count("")).toBe(before);
  return errors;
}

describe("a referral's NIK agrees with the form", () => {
  // 640801 + 15 05 75 (a man born 15 May 1975) + 0003; for a woman the day is 55.
  it("accepts a NIK whose birth date and sex match", async () => {
    const res = await t.call("POST", "/api/referrals", {
      token: tksk,
      body: referralBody({}, { nik: "6408015505750003", birthDate: "1975-05-15", sex: "P" }),
    });
    expect(res.status).toBe(201);
  });

  it("refuses a birth date that differs from the NIK's", async () => {
    const errors = await refused(
      "/api/referrals",
      { body: referralBody({}, { nik: "6408011505750003", birthDate: "1975-05-16", sex: "L" }) },
      ["subject.birthDate"],
    );
    expect(errors[0]!.message_id).toContain("tidak sesuai dengan NIK");
  });

  it("refuses a sex that differs from the NIK's (a woman's day is 40 more)", async () => {
    await refused(
      "/api/referrals",
      { body: referralBody({}, { nik: "6408015505750003", birthDate: "1975-05-15", sex: "L" }) },
      ["subject.sex"],
    );
  });

  it("refuses a birth date before 1900 or in the future", async () => {
    await refused("/api/referrals", { body: referralBody({}, { birthDate: "1899-12-31" }) }, ["subject.birthDate"]);
    await refused("/api/referrals", { body: referralBody({}, { birthDate: "2999-01-01" }) }, ["subject.birthDate"]);
  });
});

describe("text fields", () => {
  it.each([
    ["a NUL", "Siti\u0000 Rahma"],
    ["an escape sequence", "Siti \u001b[31mRahma"],
    ["a C1 control", "Siti\u0085Rahma"],
    ["a line break in a one-line field", "Siti\nRahma"],
    ["a lone surrogate", "Siti \ud800 Rahma"],
  ])("refuses %s", async (_, name) => {
    await refused("/api/referrals", { body: referralBody({}, { name }) }, ["subject.name"]);
  });

  it("keeps line breaks and tabs in long text, and stores names in NFC", async () => {
    const decomposed = "Rene\u0301 Sitompul"; // "é" as e + combining accent
    const res = await t.call("POST", "/api/referrals", {
      token: tksk,
      body: referralBody({ summary: "Baris satu\r\nBaris dua\tkolom" }, { name: decomposed }),
    });
    expect(res.status).toBe(201);
    expect(res.json.subject.name).toBe("Ren\u00e9 Sitompul");
    expect(res.json.summary).toBe("Baris satu\nBaris dua\tkolom");
  });

  it("refuses a body that is not UTF-8", async () => {
    const res = await t.app.request("/api/referrals", {
      method: "POST",
      headers: { authorization: `Bearer ${tksk}`, "content-type": "application/json" },
      body: Buffer.concat([Buffer.from('{"summary":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { path: string }[] }).errors[0]!.path).toBe("(body)");
  });
});

describe("a report", () => {
  const report = (over: Record<string, unknown>) => ({
    period: "2026-01",
    activities: "Kunjungan",
    counts: {},
    ...over,
  });

  it("refuses a category code it does not know as a count's key, by name, __proto__ included", async () => {
    await refused(
      "/api/reports",
      { raw: JSON.stringify(report({})).replace('"counts":{}', '"counts":{"__proto__":1}') },
      ["counts.__proto__"],
    );
    await refused("/api/reports", { body: report({ counts: { constructor: 1 } }) }, ["counts.constructor"]);
  });

  it("refuses a period before 2020 or in the future", async () => {
    await refused("/api/reports", { body: report({ period: "2019-12" }) }, ["period"]);
    await refused("/api/reports", { body: report({ period: "2999-01" }) }, ["period"]);
  });
});
