import { Notification } from "@rujuk/core/notification";
import { isNotificationId } from "@rujuk/core/notify";
import { createRoute } from "@hono/zod-openapi";
import { PROBLEMS, apiRouter, jsonAnswer, pageOf } from "../api-router.ts";
import type { AppDeps } from "../deps.ts";
import { named } from "../openapi.ts";
import { PageQuery, idParams, nextCursor, readPage } from "../request.ts";
import { authenticate, may } from "../session.ts";

const NotificationAnswer = named("Notification", Notification, "output");

/** The caller's own in-app notifications; every role has them, and no one reads anyone else's. */
export function notificationRoutes(deps: AppDeps) {
  const { notifications } = deps.store;

  const list = createRoute({
    method: "get",
    path: "/notifications",
    summary: "The caller's notifications, newest first",
    middleware: [authenticate(deps), may("notifications")],
    request: { query: PageQuery },
    responses: { 200: jsonAnswer("A page of notifications", pageOf(NotificationAnswer)), ...PROBLEMS },
  });
  const read = createRoute({
    method: "post",
    path: "/notifications/{id}/read",
    summary: "Mark one of the caller's notifications read",
    middleware: [authenticate(deps), may("notifications")],
    request: { params: idParams(isNotificationId) },
    responses: { 200: jsonAnswer("Marked read", NotificationAnswer), ...PROBLEMS },
  });
  const readAll = createRoute({
    method: "post",
    path: "/notifications/read-all",
    summary: "Mark every one of the caller's notifications read (again: nothing changes)",
    middleware: [authenticate(deps), may("notifications")],
    responses: { 204: { description: "All of the caller's notifications are read" }, ...PROBLEMS },
  });

  return apiRouter()
    .openapi(list, async (c) => {
      const page = await notifications.listFor(c.get("actor").id, readPage(c, c.req.valid("query")));
      return c.json({ ...page, nextCursor: nextCursor(c, page.nextCursor) }, 200);
    })
    .openapi(read, async (c) => c.json(await notifications.markRead(c.get("actor").id, c.req.valid("param").id), 200))
    .openapi(readAll, async (c) => {
      await notifications.markAllRead(c.get("actor").id);
      return c.body(null, 204);
    });
}
