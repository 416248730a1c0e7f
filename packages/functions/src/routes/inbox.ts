import { Referral, viewFor } from "@rujuk/core/referral";
import { Report } from "@rujuk/core/report";
import { parse } from "@rujuk/core/validation";
import { Hono } from "hono";
import * as z from "zod";
import type { AppDeps, Env } from "../deps.ts";
import { nextCursor, readPage } from "../request.ts";
import { authenticate, may } from "../session.ts";

const InboxQuery = z.object({
  kind: z.enum(["referral", "report"]).optional(),
  overdue: z.enum(["true", "false"]).optional(),
});

const SHAPES = { referral: Referral, report: Report } as const;

/** An official's inbox: what waits for a decision at their level in their region, most urgent then oldest first. */
export function inboxRoutes(deps: AppDeps) {
  const now = deps.clock ?? (() => new Date());
  return new Hono<Env>().get("/inbox", authenticate(deps), may("inbox"), async (c) => {
    const query = parse(InboxQuery, { kind: c.req.query("kind"), overdue: c.req.query("overdue") });
    const at = now().toISOString();
    const page = await deps.store.items.inbox(c.get("actor"), {
      ...readPage(c),
      kind: query.kind,
      overdueAt: query.overdue === "true" ? at : undefined,
    });
    const items = page.items.map(({ kind, ...item }) => {
      const shown = SHAPES[kind].parse(item);
      const overdueSince = item.overdueSince;
      return {
        kind,
        // Like every list, the inbox hides the NIK's birth-date digits; the item itself shows it whole.
        ...(kind === "referral" ? viewFor(c.get("actor"), shown as Referral, true) : shown),
        overdue: !!overdueSince || (item.dueAt !== null && item.dueAt < at),
        ...(overdueSince ? { overdueSince } : {}),
      };
    });
    return c.json({ items, nextCursor: nextCursor(c, page.nextCursor) });
  });
}
