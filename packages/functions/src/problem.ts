import { DomainError, type ErrorKind, type FieldError, TEXT, type Text } from "@rujuk/core";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import * as z from "zod";

/** An error as every API route answers it (RFC 9457), English `detail`, Indonesian `detail_id`, field errors. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  detail: z.string(),
  detail_id: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string(), message_id: z.string() })).optional(),
});
export type Problem = z.infer<typeof Problem>;

/** The one place where errors become HTTP: RFC 9457 problem details, English `detail`, Indonesian `detail_id`. */
const STATUS: Record<ErrorKind, { status: ContentfulStatusCode; title: string }> = {
  invalid: { status: 400, title: "Invalid request" },
  unauthenticated: { status: 401, title: "Not signed in" },
  forbidden: { status: 403, title: "Forbidden" },
  not_found: { status: 404, title: "Not found" },
  conflict: { status: 409, title: "Conflict" },
  payload_too_large: { status: 413, title: "Payload too large" },
  headers_too_large: { status: 431, title: "Request header fields too large" },
  unsupported_media_type: { status: 415, title: "Unsupported media type" },
  too_many: { status: 429, title: "Too many requests" },
};

// AWS answers these when the table or the account is over its limits, after the SDK's own retries. Nothing was
// written, so the caller may retry (with the same Idempotency-Key): a 503 says so, where a 500 would say "bug".
const BUSY_ERRORS = new Set([
  "ThrottlingException",
  "ProvisionedThroughputExceededException",
  "RequestLimitExceeded",
  "TransactionConflictException",
]);
const BUSY_CANCELLATIONS = new Set(["ThrottlingError", "ProvisionedThroughputExceeded", "TransactionConflict"]);

function isBusy(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (BUSY_ERRORS.has(error.name)) return true;
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  return reasons.some((r) => r.Code !== undefined && BUSY_CANCELLATIONS.has(r.Code));
}

interface ProblemFields {
  kind: string;
  title: string;
  text: Text;
  errors?: FieldError[] | undefined;
}

function problemBody(status: number, { kind, title, text, errors }: ProblemFields): Problem {
  return {
    type: `/problems/${kind.replaceAll("_", "-")}`,
    title,
    status,
    detail: text.en,
    detail_id: text.id,
    ...(errors ? { errors } : {}),
  };
}

function respond(
  c: Context,
  status: ContentfulStatusCode,
  fields: ProblemFields,
  headers: Record<string, string> = {},
): Response {
  return c.json(problemBody(status, fields), status, { ...headers, "Content-Type": "application/problem+json" });
}

/**
 * A domain error as the raw status and problem+json body, for answers written where no request context exists: the
 * Node server's own refusals, before the app sees a request.
 */
export function rawProblem(error: DomainError): { status: number; title: string; body: string } {
  const { status, title } = STATUS[error.kind];
  return { status, title, body: JSON.stringify(problemBody(status, { kind: error.kind, title, text: error.text })) };
}

/**
 * Hono's own refusals as the domain's. The one a route can meet: @hono/zod-openapi's media-type gate before a body
 * validator, which takes fewer JSON media types than `jsonRequest` (request.ts) lets through.
 */
function fromHono(error: unknown): unknown {
  if (error instanceof HTTPException && error.status === 415) {
    return new DomainError("unsupported_media_type", TEXT.unsupportedMediaType);
  }
  return error;
}

/** Any error thrown while answering, as the problem+json answer the caller gets. */
export function problem(c: Context, thrown: unknown): Response {
  const error = fromHono(thrown);
  if (error instanceof DomainError) {
    const { status, title } = STATUS[error.kind];
    const retry = error.context?.retryAfterSeconds;
    const headers: Record<string, string> =
      typeof retry === "number" ? { "Retry-After": String(Math.ceil(retry)) } : {};
    return respond(c, status, { kind: error.kind, title, text: error.text, errors: error.errors }, headers);
  }
  if (isBusy(error)) {
    console.warn("busy", c.req.method, c.req.path, (error as Error).name);
    return respond(c, 503, { kind: "busy", title: "Service busy", text: TEXT.busy }, { "Retry-After": "2" });
  }
  // A bug or an outage: log it whole (errors carry no secrets), tell the caller nothing of the internals.
  console.error("unhandled error", c.req.method, c.req.path, error);
  return respond(c, 500, { kind: "internal", title: "Internal error", text: TEXT.internal });
}
