import { DomainError, NotFound, TEXT } from "@rujuk/core";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { OpenAPIHono, createRoute } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { compress } from "hono/compress";
import { COMPRESSIBLE_CONTENT_TYPE_REGEX } from "hono/utils/compress";
import { secureHeaders } from "hono/secure-headers";
import * as z from "zod";
import { apiRouter, jsonAnswer } from "./api-router.ts";
import { withCursors } from "./cursor.ts";
import type { AppDeps, Env } from "./deps.ts";
import { openApiDocument } from "./openapi.ts";
import { problem } from "./problem.ts";
import { adminUserRoutes } from "./routes/admin-users.ts";
import { auditRoutes } from "./routes/audit.ts";
import { authRoutes } from "./routes/auth.ts";
import { inboxRoutes } from "./routes/inbox.ts";
import { notificationRoutes } from "./routes/notifications.ts";
import { referenceRoutes } from "./routes/reference.ts";
import { referralRoutes, reportRoutes } from "./routes/items.ts";
import { webRoutes } from "./web/pages.ts";

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

/** The whole HTTP app: the same object runs behind Lambda and behind the local Node server. */
export function createApp(deps: AppDeps) {
  const maxBodyBytes = deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const tooLarge = () => new DomainError("payload_too_large", TEXT.payloadTooLarge);
  const api = apiRouter();
  api.use(withCursors(deps.sessionSecret));
  // Answers name people and cases: no browser, proxy or shared device keeps them, unless a route says otherwise
  // (reference data). Errors too: a problem can quote what was sent.
  api.use(async (c, next) => {
    await next();
    if (!c.res.headers.has("Cache-Control")) c.res.headers.set("Cache-Control", "no-store");
  });
  // A body declared too large is refused from its Content-Length alone, before a byte of it is read: the server
  // can then discard the rest and keep the connection (serve-app.ts). bodyLimit counts bodies sent without one.
  api.use(async (c, next) => {
    if (Number(c.req.header("content-length") ?? 0) > maxBodyBytes) throw tooLarge();
    await next();
  });
  api.use(
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: () => {
        throw tooLarge();
      },
    }),
  );
  const routes = api
    .route("/", authRoutes(deps))
    .route("/", adminUserRoutes(deps))
    .route("/", referenceRoutes(deps))
    .route("/referrals", referralRoutes(deps))
    .route("/reports", reportRoutes(deps))
    .route("/", inboxRoutes(deps))
    .route("/", notificationRoutes(deps))
    .route("/audit", auditRoutes(deps));
  // Built from the whole app's declarations on the first request for it, then kept: the routes never change.
  let document: ReturnType<typeof openApiDocument> | undefined;
  api.get("/openapi.json", (c) => c.json((document ??= openApiDocument(app))));
  if (deps.local) api.get("/dev/accounts", (c) => c.json(deps.devAccounts ?? []));

  const healthz = createRoute({
    method: "get",
    path: "/healthz",
    summary: "Whether the app reaches its table",
    security: [],
    responses: { 200: jsonAnswer("The table answers", z.object({ ok: z.boolean() })) },
  });
  const app = new OpenAPIHono<Env>();
  app.use(secureHeaders());
  // Field officers are often on slow mobile data: the page, its script, larger JSON answers and audit exports (NDJSON
  // too, which Hono does not count as compressible) go gzip-compressed.
  app.use(
    compress({
      contentTypeFilter: (type) => COMPRESSIBLE_CONTENT_TYPE_REGEX.test(type) || /^application\/x-ndjson\b/.test(type),
    }),
  );
  const served = app
    .openapi(healthz, async (c) => {
      // A read of a key that never exists: proves the table answers, costs half a read unit.
      await deps.store.db.send(new GetCommand({ TableName: deps.store.table, Key: { PK: "HEALTH", SK: "HEALTH" } }));
      return c.json({ ok: true }, 200);
    })
    .route("/api", routes);

  app.route("/", webRoutes());
  app.notFound((c) => problem(c, new NotFound()));
  app.onError((error, c) => problem(c, error));
  return served;
}

/** The app's type: its routes, their inputs and answers, for `hono/client` (client.ts). */
export type App = ReturnType<typeof createApp>;
