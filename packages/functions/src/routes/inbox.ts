import { TEXT } from "@rujuk/core";
import { CATEGORIES } from "@rujuk/core/category";
import { ITEM_KINDS } from "@rujuk/core/chain";
import { URGENCIES } from "@rujuk/core/deadline";
import { isOverdue } from "@rujuk/core/inbox";
import { enforce, inRegion } from "@rujuk/core/policy";
import { Referral, viewFor } from "@rujuk/core/referral";
import { Report } from "@rujuk/core/report";
import { text } from "@rujuk/core/validation";
import { createRoute } from "@hono/zod-openapi";
import * as z from "zod";
import { PROBLEMS, apiRouter, jsonAnswer, pageOf } from "../api-router.ts";
import type { AppDeps } from "../deps.ts";
import { named } from "../openapi.ts";
import { PageQuery, nextCursor, readPage, regionCodeAt } from "../request.ts";
import { authenticate, may } from "../session.ts";

const InboxQuery = PageQuery.extend({
  kind: z.enum(ITEM_KINDS).optional(),
  overdue: z.enum(["true", "false"]).optional(),
  urgency: z.enum(URGENCIES).optional(),
  category: z.enum(CATEGORIES.map((c) => c.code)).optional(),
  // Inside the caller's region, or 403 (regions are public: naming one reveals nothing).
  kecamatan: regionCodeAt("kecamatan").describe("A kecamatan inside the caller's region, e.g. 64.08.01").optional(),
  desa: regionCodeAt("desa").describe("The person's desa, inside the caller's region").optional(),
  // An empty search box searches for nothing.
  q: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    text(120).describe("An item's id or number, or part of the person's name (any case, any accents)").optional(),
  ),
});

/** What the inbox shows beside each item: its kind, and whether (and since when) it is overdue at this level. */
const WAITING = { overdue: z.boolean(), overdueSince: z.string().optional() };
const InboxItem = named(
  "InboxItem",
  z.discriminatedUnion("kind", [
    Referral.extend({
      kind: z.literal("referral"),
      ...WAITING,
      duplicates: z.number().int().min(0).describe("How many other open referrals name the same person (same NIK)"),
    }),
    Report.extend({ kind: z.literal("report"), ...WAITING }),
  ]),
  "output",
);

const InboxCounts = named(
  "InboxCounts",
  z.object({
    waiting: z.number().int().min(0).describe("Items waiting at the caller's level in the caller's region"),
    overdue: z.number().int().min(0).describe("Of those, the items overdue"),
    returned: z.number().int().min(0).describe("Items the caller's level returned to their submitters, still returned"),
  }),
  "output",
);

/**
 * An official's inbox: what waits for a decision at their level in their region, most urgent then oldest first,
 * filtered and searched; and what it holds, counted.
 */
export function inboxRoutes(deps: AppDeps) {
  const now = deps.clock ?? (() => new Date());
  const signedIn = authenticate(deps);
  const inbox = createRoute({
    method: "get",
    path: "/inbox",
    summary:
      "Items waiting at the caller's level in the caller's region, most urgent then oldest first; " +
      "`q` finds an item by id or number, or a referral by part of the person's name",
    middleware: [signedIn, may("inbox")],
    request: { query: InboxQuery },
    responses: {
      200: jsonAnswer("A page of items, each with its kind and whether it is overdue", pageOf(InboxItem)),
      ...PROBLEMS,
    },
  });
  const counts = createRoute({
    method: "get",
    path: "/inbox/counts",
    summary: "How many items wait at the caller's level in the caller's region, are overdue, and were returned",
    middleware: [signedIn, may("inbox")],
    responses: { 200: jsonAnswer("The inbox's counts", InboxCounts), ...PROBLEMS },
  });

  return apiRouter()
    .openapi(inbox, async (c) => {
      const { overdue, kind, urgency, category, kecamatan, desa, q, ...page } = c.req.valid("query");
      const actor = c.get("actor");
      for (const region of [kecamatan, desa]) {
        if (region) enforce(inRegion(actor, "inbox", region), { forbidden: TEXT.regionOutsideScope });
      }
      const at = now().toISOString();
      const found = await deps.store.items.inbox(actor, {
        ...readPage(c, page),
        kind,
        urgency,
        category,
        kecamatan,
        desa,
        q,
        overdueAt: overdue === "true" ? at : undefined,
      });
      const items = found.items.map((item) => {
        const waiting = {
          overdue: isOverdue(item, at),
          ...(item.overdueSince ? { overdueSince: item.overdueSince } : {}),
        };
        // Like every list, the inbox hides the NIK's birth-date digits; the item itself shows it whole.
        return item.kind === "referral"
          ? {
              kind: item.kind,
              ...viewFor(actor, Referral.parse(item), true),
              ...waiting,
              duplicates: item.duplicates,
            }
          : { kind: item.kind, ...Report.parse(item), ...waiting };
      });
      return c.json({ items, nextCursor: nextCursor(c, found.nextCursor) }, 200);
    })
    .openapi(counts, async (c) => c.json(await deps.store.items.inboxCounts(c.get("actor"), now().toISOString()), 200));
}
