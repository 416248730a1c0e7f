import { Referral, viewFor } from "@rujuk/core/referral";
import { Report } from "@rujuk/core/report";
import { createRoute } from "@hono/zod-openapi";
import * as z from "zod";
import { PROBLEMS, apiRouter, jsonAnswer, pageOf } from "../api-router.ts";
import type { AppDeps } from "../deps.ts";
import { named } from "../openapi.ts";
import { PageQuery, nextCursor, readPage } from "../request.ts";
import { authenticate, may } from "../session.ts";

const InboxQuery = PageQuery.extend({
  kind: z.enum(["referral", "report"]).optional(),
  overdue: z.enum(["true", "false"]).optional(),
});

/** What the inbox shows beside each item: its kind, and whether (and since when) it is overdue at this level. */
const WAITING = { overdue: z.boolean(), overdueSince: z.string().optional() };
const InboxItem = named(
  "InboxItem",
  z.discriminatedUnion("kind", [
    Referral.extend({ kind: z.literal("referral"), ...WAITING }),
    Report.extend({ kind: z.literal("report"), ...WAITING }),
  ]),
  "output",
);

/** An official's inbox: what waits for a decision at their level in their region, most urgent then oldest first. */
export function inboxRoutes(deps: AppDeps) {
  const now = deps.clock ?? (() => new Date());
  const inbox = createRoute({
    method: "get",
    path: "/inbox",
    summary: "Items waiting at the caller's level in the caller's region, most urgent then oldest first",
    middleware: [authenticate(deps), may("inbox")],
    request: { query: InboxQuery },
    responses: {
      200: jsonAnswer("A page of items, each with its kind and whether it is overdue", pageOf(InboxItem)),
      ...PROBLEMS,
    },
  });

  return apiRouter().openapi(inbox, async (c) => {
    const { kind, overdue, ...page } = c.req.valid("query");
    const at = now().toISOString();
    const found = await deps.store.items.inbox(c.get("actor"), {
      ...readPage(c, page),
      kind,
      overdueAt: overdue === "true" ? at : undefined,
    });
    const items = found.items.map((item) => {
      const waiting = {
        overdue: !!item.overdueSince || (item.dueAt !== null && item.dueAt < at),
        ...(item.overdueSince ? { overdueSince: item.overdueSince } : {}),
      };
      // Like every list, the inbox hides the NIK's birth-date digits; the item itself shows it whole.
      return item.kind === "referral"
        ? { kind: item.kind, ...viewFor(c.get("actor"), Referral.parse(item), true), ...waiting }
        : { kind: item.kind, ...Report.parse(item), ...waiting };
    });
    return c.json({ items, nextCursor: nextCursor(c, found.nextCursor) }, 200);
  });
}
