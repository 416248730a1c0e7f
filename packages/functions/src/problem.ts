import { DomainError, type ErrorKind, TEXT } from "@rujuk/core";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** The one place where domain errors become HTTP: RFC 9457 problem details, English `detail`, Indonesian `detail_id`. */
const STATUS: Record<ErrorKind, { status: ContentfulStatusCode; title: string }> = {
  invalid: { status: 400, title: "Invalid request" },
  unauthenticated: { status: 401, title: "Not signed in" },
  forbidden: { status: 403, title: "Forbidden" },
  not_found: { status: 404, title: "Not found" },
  conflict: { status: 409, title: "Conflict" },
  payload_too_large: { status: 413, title: "Payload too large" },
  unsupported_media_type: { status: 415, title: "Unsupported media type" },
  too_many: { status: 429, title: "Too many requests" },
};

export function problem(c: Context, error: unknown): Response {
  if (!(error instanceof DomainError)) {
    // A bug or an outage: log it whole (errors carry no secrets), tell the caller nothing of the internals.
    console.error("unhandled error", c.req.method, c.req.path, error);
    return c.json(
      {
        type: "/problems/internal",
        title: "Internal error",
        status: 500,
        detail: TEXT.internal.en,
        detail_id: TEXT.internal.id,
      },
      500,
      { "Content-Type": "application/problem+json" },
    );
  }
  const { status, title } = STATUS[error.kind];
  const headers: Record<string, string> = { "Content-Type": "application/problem+json" };
  const retry = error.context?.retryAfterSeconds;
  if (typeof retry === "number") headers["Retry-After"] = String(Math.ceil(retry));
  return c.json(
    {
      type: `/problems/${error.kind.replaceAll("_", "-")}`,
      title,
      status,
      detail: error.text.en,
      detail_id: error.text.id,
      ...(error.errors ? { errors: error.errors } : {}),
    },
    status,
    headers,
  );
}
