import { isNotificationId } from "@rujuk/core/notify";
import { Hono } from "hono";
import type { AppDeps, Env } from "../deps.ts";
import { nextCursor, pathId, readPage } from "../request.ts";
import { authenticate } from "../session.ts";

/** The caller's own in-app notifications; every role has them, and no one reads anyone else's. */
export function notificationRoutes(deps: AppDeps) {
  const { notifications } = deps.store;

  return (
    new Hono<Env>()
      // Hono's `/notifications/*` also matches `/notifications` itself.
      .use("/notifications/*", authenticate(deps))
      .get("/notifications", async (c) => {
        const page = await notifications.listFor(c.get("actor").id, readPage(c));
        return c.json({ ...page, nextCursor: nextCursor(c, page.nextCursor) });
      })
      .post("/notifications/:id/read", async (c) =>
        c.json(await notifications.markRead(c.get("actor").id, pathId(c, isNotificationId))),
      )
  );
}
