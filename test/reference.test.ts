import { beforeAll, describe, expect, it } from "vitest";
import { DECISIONS, STATUSES } from "@rujuk/core/item";
import { testApp } from "./support/app.ts";

let t: Awaited<ReturnType<typeof testApp>>;
let token: string;
beforeAll(async () => {
  t = await testApp();
  token = await t.tokenFor("tksk.ancalong");
});

describe("reference data", () => {
  it("lists provinces, then the children of a region", async () => {
    const provinces = await t.call("GET", "/api/regions", { token });
    expect(provinces.status).toBe(200);
    expect(provinces.json).toHaveLength(38);
    expect(provinces.json).toContainEqual({ code: "64", name: "Kalimantan Timur", level: "provinsi" });
    const kecamatan = await t.call("GET", "/api/regions?parent=64.08", { token });
    expect(kecamatan.json).toContainEqual({ code: "64.08.01", name: "Muara Ancalong", level: "kecamatan" });
    const desa = await t.call("GET", "/api/regions?parent=64.08.01", { token });
    expect(desa.json).toContainEqual({ code: "64.08.01.2001", name: "Senyiur", level: "desa" });
    expect((await t.call("GET", "/api/regions?parent=64.08.01.2001", { token })).json).toEqual([]);
    expect((await t.call("GET", "/api/regions?parent=not-a-code", { token })).status).toBe(400);
  });

  it("lists the 26 PPKS categories with their list version", async () => {
    const res = await t.call("GET", "/api/categories", { token });
    expect(res.json).toHaveLength(26);
    expect(res.json).toContainEqual(expect.objectContaining({ code: "LUT", name: "Lanjut Usia Terlantar" }));
    expect(res.headers.get("x-category-list-version")).toBe("permensos-5-2019");
  });

  it("requires a session for reference data", async () => {
    expect((await t.call("GET", "/api/regions")).status).toBe(401);
    expect((await t.call("GET", "/api/categories")).status).toBe(401);
  });

  it("serves an OpenAPI 3.1 document generated from the request schemas", async () => {
    const res = await t.call("GET", "/api/openapi.json");
    expect(res.status).toBe(200);
    expect(res.json.openapi).toBe("3.1.0");
    const input = res.json.components.schemas.ReferralInput;
    expect(input.required).toEqual(expect.arrayContaining(["subject", "category", "consent"]));
    expect(input.properties.consent).toMatchObject({ const: true });
    expect(res.json.paths["/api/referrals"].post.requestBody).toBeDefined();
    expect(res.json.paths["/api/reports/{id}"].get).toBeDefined();
    // The audit routes' parameters come from the schemas that validate them.
    const events = res.json.paths["/api/audit/events"].get.parameters.map((p: { name: string }) => p.name);
    expect(events).toEqual(
      expect.arrayContaining(["region", "from", "to", "format", "type", "level", "actor", "kind"]),
    );
    const format = res.json.paths["/api/audit/events"].get.parameters.find(
      (p: { name: string }) => p.name === "format",
    );
    expect(format.schema.enum).toEqual(["json", "ndjson", "csv"]);
    expect(res.json.paths["/api/audit/referrals/{id}/reveal"].post.requestBody).toBeDefined();
    expect(res.json.paths["/api/audit/verify"].get.parameters.map((p: { name: string }) => p.name)).toContain("digest");
  });

  it("documents a route's inputs as the route takes them: the list's status enum, the decision body's schema", async () => {
    const { json } = await t.call("GET", "/api/openapi.json");
    for (const kind of ["referrals", "reports"]) {
      const status = json.paths[`/api/${kind}`].get.parameters.find((p: { name: string }) => p.name === "status");
      expect(status).toMatchObject({ in: "query", schema: { enum: [...STATUSES] } });
      const body = json.paths[`/api/${kind}/{id}/decisions`].post.requestBody.content["application/json"].schema;
      expect(body).toEqual({ $ref: "#/components/schemas/DecisionInput" });
      const key = json.paths[`/api/${kind}`].post.parameters.find((p: { in: string }) => p.in === "header");
      expect(key.name).toBe("Idempotency-Key");
    }
    expect(json.components.schemas.DecisionInput).toMatchObject({
      required: ["decision"],
      properties: { decision: { enum: [...DECISIONS] }, comment: { type: "string", maxLength: 2000 } },
      additionalProperties: false,
    });
    // Every error is problem+json, and every answer the app has a schema for is documented with it.
    expect(json.paths["/api/referrals/{id}"].get.responses["404"].content["application/problem+json"].schema).toEqual({
      $ref: "#/components/schemas/Problem",
    });
    expect(json.paths["/api/me"].get.responses["200"].content["application/json"].schema).toEqual({
      $ref: "#/components/schemas/User",
    });
    expect(json.components.securitySchemes).toMatchObject({ bearer: { scheme: "bearer" }, cookie: { in: "cookie" } });
  });

  it("answers /healthz when the table is reachable", async () => {
    const res = await t.call("GET", "/healthz");
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ ok: true });
  });

  it("serves the demo accounts in local mode only", async () => {
    const local = await t.call("GET", "/api/dev/accounts");
    expect(local.status).toBe(200);
    expect(local.json).toContainEqual(
      expect.objectContaining({ username: "tksk.ancalong", password: "demo-tksk.ancalong", role: "tksk" }),
    );
    const roles = new Set(local.json.map((a: { role: string }) => a.role));
    expect([...roles].sort()).toEqual(["admin", "auditor", "kabupaten", "kecamatan", "provinsi", "tksk"]);
    const aws = await testApp({ local: false });
    expect((await aws.call("GET", "/api/dev/accounts")).status).toBe(404);
  });

  it("answers unknown paths with a 404 problem", async () => {
    const res = await t.call("GET", "/api/nope");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
  });
});
