import { Login, NewUser, User } from "@rujuk/core/user";
import { Referral, ReferralInput } from "@rujuk/core/referral";
import { Report, ReportInput } from "@rujuk/core/report";
import * as z from "zod";
import { AUDIT_SCHEMAS } from "./routes/audit.ts";

/**
 * The OpenAPI 3.1 document, generated from the same zod schemas that validate requests, so the contract cannot drift
 * from the code. OpenAPI 3.1 schemas are JSON Schema 2020-12, which zod emits natively.
 */
const SCHEMAS = { Login, NewUser, User, ReferralInput, Referral, ReportInput, Report } as const;

const ref = (name: keyof typeof SCHEMAS | "Problem" | "Region" | "Category") => ({
  $ref: `#/components/schemas/${name}`,
});
const json = (schema: object) => ({ content: { "application/json": { schema } } });
const page = (item: keyof typeof SCHEMAS) =>
  json({
    type: "object",
    properties: { items: { type: "array", items: ref(item) }, nextCursor: { type: ["string", "null"] } },
  });
const problems = Object.fromEntries(
  ["400", "401", "403", "404", "409", "413", "415", "429"].map((code) => [
    code,
    { description: "Problem details (RFC 9457)", content: { "application/problem+json": { schema: ref("Problem") } } },
  ]),
);
const listParams = [
  { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 100, default: 25 } },
  { name: "cursor", in: "query", schema: { type: "string" } },
];
const idempotency = { name: "Idempotency-Key", in: "header", schema: { type: "string", maxLength: 200 } };

function itemPaths(base: string, input: "ReferralInput" | "ReportInput", item: "Referral" | "Report") {
  return {
    [base]: {
      get: {
        summary: `List ${base.split("/").pop()} visible to the caller`,
        parameters: [...listParams, { name: "status", in: "query", schema: { type: "string" } }],
        responses: { 200: { description: "A page", ...page(item) }, ...problems },
      },
      post: {
        summary: `File a new ${item.toLowerCase()} (role tksk)`,
        parameters: [idempotency],
        requestBody: { required: true, ...json(ref(input)) },
        responses: { 201: { description: "Created", ...json(ref(item)) }, ...problems },
      },
    },
    [`${base}/{id}/decisions`]: {
      post: {
        summary: "Decide at the item's current level (an official of that level and region; not the submitter)",
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        requestBody: {
          required: true,
          ...json({
            type: "object",
            required: ["decision"],
            properties: { decision: { enum: ["approve", "reject", "return"] }, comment: { type: "string" } },
          }),
        },
        responses: { 200: { description: "Recorded", ...json(ref(item)) }, ...problems },
      },
    },
    ...Object.fromEntries(
      ["resubmit", "withdraw"].map((action) => [
        `${base}/{id}/${action}`,
        {
          post: {
            summary: `The submitter's ${action}`,
            parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
            responses: { 200: { description: "Recorded", ...json(ref(item)) }, ...problems },
          },
        },
      ]),
    ),
    [`${base}/{id}`]: {
      put: {
        summary: "The submitter edits the item while it is returned for revision",
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        requestBody: { required: true, ...json(ref(input)) },
        responses: { 200: { description: "Edited", ...json(ref(item)) }, ...problems },
      },
      get: {
        parameters: [
          { name: "id", in: "path", required: true, schema: { type: "string" } },
          { name: "include", in: "query", schema: { enum: ["timeline"] } },
        ],
        responses: { 200: { description: item, ...json(ref(item)) }, ...problems },
      },
    },
  };
}

/** Query parameters as a zod object declares them (each property one parameter). */
function queryParams(...schemas: z.ZodType[]) {
  return schemas.flatMap((schema) => {
    const { properties = {} } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as {
      properties?: Record<string, object>;
    };
    return Object.entries(properties).map(([name, schema]) => ({ name, in: "query", schema }));
  });
}

function auditPaths() {
  const { SearchQuery, EventFilter, LogFilter, RevealInput, VerifyQuery } = AUDIT_SCHEMAS;
  const id = { name: "id", in: "path", required: true, schema: { type: "string" } };
  const search = (filter: z.ZodType, what: string) => ({
    get: {
      summary: `${what} inside the caller's region and time range (roles auditor, admin). json pages; csv (UTF-8 with BOM) and ndjson stream the whole range and are recorded as an exported event`,
      parameters: [...queryParams(SearchQuery, filter), ...listParams],
      responses: {
        200: {
          description: "A page of events, or the whole range as text/csv or application/x-ndjson",
          ...json({
            type: "object",
            properties: { items: { type: "array" }, nextCursor: { type: ["string", "null"] } },
          }),
        },
        ...problems,
      },
    },
  });
  return {
    ...Object.fromEntries(
      ["referrals", "reports"].map((kind) => [
        `/api/audit/${kind}/{id}/history`,
        {
          get: {
            summary:
              "Every event of the item in order, with the notifications sent (roles auditor, admin; NIKs masked)",
            parameters: [id],
            responses: { 200: { description: "{ kind, id, items: [event], notifications }" }, ...problems },
          },
        },
      ]),
    ),
    "/api/audit/events": search(EventFilter, "Events of referrals and reports"),
    "/api/audit/log": search(LogFilter, "The auditors' own actions (pii_viewed, exported)"),
    "/api/audit/verify": {
      get: {
        summary: "Recomputes the hash chains against the region ledger, the items and optionally a kept digest",
        parameters: queryParams(VerifyQuery),
        responses: { 200: { description: "{ ok, checked, chains, broken, firstBroken?, digest? }" }, ...problems },
      },
    },
    "/api/audit/referrals/{id}/reveal": {
      post: {
        summary: "The referred person's full NIK, for a stated reason (role auditor); recorded as a pii_viewed event",
        parameters: [id],
        requestBody: { required: true, ...json(z.toJSONSchema(RevealInput, { io: "input" })) },
        responses: { 200: { description: "{ nik, event }" }, ...problems },
      },
    },
  };
}

let cached: object | undefined;

export function openApiDocument(): object {
  if (cached) return cached;
  const components = Object.fromEntries(
    Object.entries(SCHEMAS).map(([name, schema]) => {
      // Request bodies are documented as clients send them (defaults optional), responses as the server sends them.
      const io = name.endsWith("Input") || name === "NewUser" || name === "Login" ? "input" : "output";
      const { $schema: _, ...jsonSchema } = z.toJSONSchema(schema as z.ZodType, { io, unrepresentable: "any" });
      return [name, jsonSchema];
    }),
  );
  cached = {
    openapi: "3.1.0",
    info: {
      title: "Rujuk API",
      version: "0.1.0",
      description: "Social-welfare referrals and reports, and their approval chain.",
    },
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer" },
        cookie: { type: "apiKey", in: "cookie", name: "rujuk_session" },
      },
      schemas: {
        ...components,
        Problem: {
          type: "object",
          properties: {
            type: { type: "string" },
            title: { type: "string" },
            status: { type: "integer" },
            detail: { type: "string" },
            detail_id: { type: "string" },
            errors: {
              type: "array",
              items: {
                type: "object",
                properties: { path: { type: "string" }, message: { type: "string" }, message_id: { type: "string" } },
              },
            },
          },
        },
        Region: {
          type: "object",
          properties: { code: { type: "string" }, name: { type: "string" }, level: { type: "string" } },
        },
        Category: {
          type: "object",
          properties: { code: { type: "string" }, name: { type: "string" }, nameEn: { type: "string" } },
        },
      },
    },
    security: [{ bearer: [] }, { cookie: [] }],
    paths: {
      "/api/auth/login": {
        post: {
          security: [],
          requestBody: { required: true, ...json(ref("Login")) },
          responses: {
            200: {
              description: "Signed in",
              ...json({ type: "object", properties: { token: { type: "string" }, user: ref("User") } }),
            },
            ...problems,
          },
        },
      },
      "/api/auth/logout": { post: { responses: { 204: { description: "Signed out" } } } },
      "/api/me": { get: { responses: { 200: { description: "The caller", ...json(ref("User")) }, ...problems } } },
      "/api/admin/users": {
        get: {
          parameters: listParams,
          responses: { 200: { description: "Accounts in the admin's region", ...page("User") }, ...problems },
        },
        post: {
          requestBody: { required: true, ...json(ref("NewUser")) },
          responses: { 201: { description: "Created", ...json(ref("User")) }, ...problems },
        },
      },
      "/api/admin/users/{id}/disable": {
        post: {
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          responses: { 200: { description: "Disabled", ...json(ref("User")) }, ...problems },
        },
      },
      ...itemPaths("/api/referrals", "ReferralInput", "Referral"),
      ...itemPaths("/api/reports", "ReportInput", "Report"),
      "/api/inbox": {
        get: {
          summary: "Items waiting at the caller's level in the caller's region, most urgent then oldest first",
          parameters: [
            ...listParams,
            { name: "kind", in: "query", schema: { enum: ["referral", "report"] } },
            { name: "overdue", in: "query", schema: { enum: ["true", "false"] } },
          ],
          responses: { 200: { description: "A page of items, each with kind and overdue" }, ...problems },
        },
      },
      "/api/notifications": {
        get: { parameters: listParams, responses: { 200: { description: "The caller's notifications" }, ...problems } },
      },
      "/api/notifications/{id}/read": {
        post: {
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          responses: { 200: { description: "Marked read" }, ...problems },
        },
      },
      "/api/regions": {
        get: {
          parameters: [{ name: "parent", in: "query", schema: { type: "string" } }],
          responses: {
            200: { description: "Child regions", ...json({ type: "array", items: ref("Region") }) },
            ...problems,
          },
        },
      },
      "/api/categories": {
        get: {
          responses: { 200: { description: "PPKS categories", ...json({ type: "array", items: ref("Category") }) } },
        },
      },
      ...auditPaths(),
      "/healthz": { get: { security: [], responses: { 200: { description: "The app reaches its table" } } } },
    },
  };
  return cached;
}
