import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "./support/app.ts";

// Every route that takes an object's id in its path. An id not of the form the app makes names nothing: 404, never a
// 500 from the table, and nothing is written. The probe found 500s for ids over about 2 KB.
let t: Awaited<ReturnType<typeof testApp>>;
const as: Record<string, string> = {};

beforeAll(async () => {
  t = await testApp();
  for (const user of ["tksk.ancalong", "kec.ancalong", "admin.kutim", "auditor.kutim"])
    as[user] = await t.tokenFor(user);
});
afterAll(() => t.close());

const ROUTES: [method: string, path: (id: string) => string, user: string, body?: unknown][] = [
  ["GET", (id) => `/api/referrals/${id}`, "kec.ancalong"],
  ["GET", (id) => `/api/reports/${id}`, "kec.ancalong"],
  ["POST", (id) => `/api/referrals/${id}/decisions`, "kec.ancalong", { decision: "approve" }],
  ["POST", (id) => `/api/reports/${id}/decisions`, "kec.ancalong", { decision: "approve" }],
  ["POST", (id) => `/api/referrals/${id}/resubmit`, "tksk.ancalong"],
  ["POST", (id) => `/api/referrals/${id}/withdraw`, "tksk.ancalong"],
  ["PUT", (id) => `/api/referrals/${id}`, "tksk.ancalong", {}],
  ["POST", (id) => `/api/notifications/${id}/read`, "kec.ancalong"],
  ["POST", (id) => `/api/admin/users/${id}/disable`, "admin.kutim"],
  ["POST", (id) => `/api/admin/users/${id}/reset-password`, "admin.kutim"],
  ["GET", (id) => `/api/audit/referrals/${id}/history`, "auditor.kutim"],
  ["GET", (id) => `/api/audit/reports/${id}/history`, "auditor.kutim"],
  ["POST", (id) => `/api/audit/referrals/${id}/reveal`, "auditor.kutim", { reason: "pemeriksaan rutin bulanan" }],
];

const IDS = {
  "3,000 characters": "A".repeat(3000),
  "2,050 characters": "0".repeat(2050),
  "a near-miss of the form": "01HZZZZZZZZZZZZZZZZZZZZZZI",
  "percent-encoded bytes": "%00%FF%C3%28",
};

describe.each(Object.entries(IDS))("an id of %s", (_, id) => {
  it.each(ROUTES.map(([method, path, user, body]) => [`${method} ${path(":id")}`, method, path, user, body] as const))(
    "%s answers 404 problem+json and writes nothing",
    async (_name, method, path, user, body) => {
      const before = await t.count("");
      const res = await t.call(method, path(id), { token: as[user], ...(body === undefined ? {} : { body }) });
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect(await t.count("")).toBe(before);
    },
  );
});
