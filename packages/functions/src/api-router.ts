import { OpenAPIHono, type RouteConfig } from "@hono/zod-openapi";
import { Invalid, NotFound } from "@rujuk/core";
import { parse, toFieldErrors } from "@rujuk/core/validation";
import type { ValidationTargets } from "hono";
import * as z from "zod";
import type { Env } from "./deps.ts";
import { named } from "./openapi.ts";
import { Problem } from "./problem.ts";

/** What a route's validator hands its hook (@hono/zod-validator passes the input it parsed, `data`, either way). */
type Validated = { target: keyof ValidationTargets; data?: unknown } & (
  { success: true } | { success: false; error: z.ZodError }
);

/** The schema a route declared for one part of the request. */
function declaredFor(request: RouteConfig["request"], target: keyof ValidationTargets): z.ZodType | undefined {
  if (target === "query") return request?.query;
  if (target === "header" && !Array.isArray(request?.headers)) return request?.headers;
  if (target === "json") {
    const content = request?.body?.content["application/json"];
    const schema = content && "schema" in content ? content.schema : undefined;
    return schema instanceof z.ZodType ? schema : undefined;
  }
  return undefined;
}

/**
 * A route's answer to a request its declaration refuses: a path parameter of the wrong form names nothing (404);
 * anything else is core's `Invalid`, with bilingual field errors, which `problem()` renders as a 400.
 */
function refuseInvalid(request: RouteConfig["request"]) {
  return (result: Validated): undefined => {
    if (result.success) return;
    if (result.target === "param") throw new NotFound();
    // The validator parses without `reportInput`, and core's messages read the input ("required" for a missing
    // field, "invalid type" for a wrong one): parse again as core does, which throws the bilingual Invalid.
    const schema = declaredFor(request, result.target);
    if (schema) parse(schema, result.data);
    throw new Invalid(toFieldErrors(result.error.issues));
  };
}

/**
 * A router of /api routes, each declared once with `createRoute` (method, path, request schemas, responses) and
 * registered with `.openapi(route, handler)`: the declaration validates the request, types the handler and the
 * typed client, and documents the route. A route's `middleware` runs before its validators: authentication, the
 * role check, `jsonRequest` (and any check that must answer 404 before a body is looked at).
 */
export function apiRouter(): OpenAPIHono<Env> {
  const router = new OpenAPIHono<Env>();
  const declare = router.openapi;
  router.openapi = (route, handler, hook) => declare(route, handler, hook ?? refuseInvalid(route.request));
  return router;
}

const problem = {
  description: "Problem details (RFC 9457)",
  content: { "application/problem+json": { schema: named("Problem", Problem, "output") } },
};

/** The problem answers of every API route (problem.ts). */
export const PROBLEMS = {
  400: problem,
  401: problem,
  403: problem,
  404: problem,
  409: problem,
  413: problem,
  415: problem,
  429: problem,
};

/** A JSON answer of the given shape. */
export function jsonAnswer<S extends z.ZodType>(description: string, schema: S) {
  return { description, content: { "application/json": { schema } } };
}

/** A required JSON request body of the given shape (the route's middleware needs `jsonRequest` before it). */
export function jsonBody<S extends z.ZodType>(schema: S) {
  return { required: true, content: { "application/json": { schema } } };
}

/** A page of a list, as every paged route answers: the items and the sealed cursor of the next page, if any. */
export function pageOf<S extends z.ZodType>(item: S) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
