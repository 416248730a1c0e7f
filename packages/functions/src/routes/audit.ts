import { Invalid, NotFound, TEXT, fieldError } from "@rujuk/core";
import { type AuditEvent, ITEM_EVENT_TYPES, ACCESS_EVENT_TYPES, actorRef, maskedEvent } from "@rujuk/core/audit";
import { ITEM_KINDS, LEVELS, type ItemKind } from "@rujuk/core/chain";
import { isId } from "@rujuk/core/ids";
import { enforce, inRegion, onItem } from "@rujuk/core/policy";
import { type LedgerFamily, chainKey } from "@rujuk/core/ledger";
import { type LedgerRow, matchesSearch } from "@rujuk/core/store/audit";
import { verifier } from "@rujuk/core/store/verify";
import type { SentNotification } from "@rujuk/core/store/notifications";
import type { Actor, User } from "@rujuk/core/user";
import { text } from "@rujuk/core/validation";
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import * as z from "zod";
import { PROBLEMS, apiRouter, jsonAnswer, jsonBody, pageOf } from "../api-router.ts";
import { EXPORT_TYPES, exportStream } from "../audit-export.ts";
import type { AppDeps, Env } from "../deps.ts";
import { EventAnswer } from "../answers.ts";
import { named } from "../openapi.ts";
import { PageQuery, RegionCode, idParams, jsonRequest, nextCursor, readPage } from "../request.ts";
import { authenticate, may } from "../session.ts";

/** A notification as an item's history lists it (notificationView). */
const SentAnswer = z.object({
  id: z.string(),
  type: z.string(),
  at: z.string(),
  recipient: z.object({ id: z.string(), name: z.string().nullable(), role: z.string().nullable() }),
  channels: z.array(
    z.object({
      /** `in_app` or `email`. */
      channel: z.string(),
      /** `delivered` or `failed`. */
      status: z.string(),
      at: z.string(),
      read: z.boolean().optional(),
      attempts: z.number().optional(),
      to: z.array(z.string()).optional(),
      error: z.string().optional(),
    }),
  ),
});
const HistoryAnswer = named(
  "ItemHistory",
  z.object({
    kind: z.enum(ITEM_KINDS),
    id: z.string(),
    items: z.array(EventAnswer),
    notifications: z.array(SentAnswer),
  }),
  "output",
);
/** What verification found (core's VerifyResult), declared so clients have its shape. */
const VerifyAnswer = named(
  "Verification",
  z.object({
    ok: z.boolean(),
    checked: z.number(),
    chains: z.number(),
    broken: z.number(),
    firstBroken: z
      .object({
        item: z.string().nullable(),
        kind: z.enum(["referral", "report", "auditor", "ledger"]),
        seq: z.number().optional(),
        problem: z.string(),
        detail: z.string(),
        detail_id: z.string(),
      })
      .optional(),
    digest: z.object({ through: z.string().nullable(), value: z.string().nullable() }).optional(),
  }),
  "output",
);

/** A date (the whole day, in UTC) or an ISO 8601 time; `end` turns a date into the start of the next day. */
const Time = (end: boolean) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/, { error: "timeFormat" })
    .refine((v) => !Number.isNaN(Date.parse(v)), { error: "timeFormat" })
    .transform((v) => {
      const date = new Date(Date.parse(v));
      if (end && v.length === 10) date.setUTCDate(date.getUTCDate() + 1);
      return date.toISOString();
    });

const SearchQuery = z
  .object({
    region: RegionCode.optional(),
    from: Time(false).optional(),
    to: Time(true).optional(),
    format: z.enum(["json", "ndjson", "csv"]).default("json"),
  })
  .refine((q) => !q.from || !q.to || q.from < q.to, { path: ["from"], error: "rangeOrder" });

const EventFilter = z.object({
  type: z.enum(ITEM_EVENT_TYPES).optional(),
  level: z.enum(LEVELS).optional(),
  actor: z.string().max(100).optional(),
  kind: z.enum(["referral", "report"]).optional(),
});
const LogFilter = z.object({
  type: z.enum(ACCESS_EVENT_TYPES).optional(),
  actor: z.string().max(100).optional(),
});

const RevealInput = named(
  "RevealInput",
  z.strictObject({ reason: text(500).min(10, { error: "revealReason" }) }),
  "input",
);

const VerifyQuery = z
  .object({
    region: RegionCode.optional(),
    referral: z.string().max(100).optional(),
    report: z.string().max(100).optional(),
    digest: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
    through: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "dateFormat" })
      .optional(),
  })
  .refine((q) => [q.region, q.referral, q.report].filter((v) => v !== undefined).length <= 1, {
    path: ["region"],
    error: "verifyTarget",
  })
  .refine((q) => (q.digest === undefined) === (q.through === undefined), { path: ["digest"], error: "required" });

/** A search's whole query: region and time range, the filter, and the page (json only). */
const EventsQuery = SearchQuery.safeExtend({ ...EventFilter.shape, ...PageQuery.shape });
const LogQuery = SearchQuery.safeExtend({ ...LogFilter.shape, ...PageQuery.shape });
type Search = z.output<typeof EventsQuery> | z.output<typeof LogQuery>;

// A json page stops after looking at this many ledger rows, so a rare filter costs a bounded amount per request.
const MAX_ROWS_PER_PAGE = 5000;
// Events read from the table per batch when streaming an export.
const EXPORT_BATCH = 100;

/** A trail search's position is the ledger sort key of the last event returned (sealed for the client). */
function ledgerPosition(position: string | undefined): string | undefined {
  if (position !== undefined && !/^\d{4}-[^#]+#(REFERRAL|REPORT|AUDITOR)#[^#]+#\d{10}$/.test(position)) {
    throw new Invalid([fieldError("cursor", TEXT.invalidValue)]);
  }
  return position;
}

/**
 * The auditors' API: an item's whole history, search and export of the trail, verification, the auditors' own log,
 * and revealing a NIK for a stated reason. Auditors and admins only, each inside their region; every other role
 * gets 403, anything outside the caller's region 404. Auditors see NIKs masked but for their last four digits.
 */
export function auditRoutes(deps: AppDeps) {
  const now = deps.clock ?? (() => new Date());
  const { audit, items, users, notifications } = deps.store;
  const verify = verifier({ audit, items });

  /** The region an item lies in, from its record or, if the record is gone, from its trail; 404 when neither is. */
  async function itemRegion(kind: ItemKind, id: string): Promise<string> {
    if (!isId(id)) throw new NotFound();
    const head = await items.auditHead(kind, id);
    const region = head?.region ?? (await audit.events(chainKey(kind, id))).find((e) => e.region)?.region;
    if (region === undefined) throw new NotFound();
    return region;
  }

  async function auditableItem(actor: Actor, kind: ItemKind, id: string): Promise<string> {
    const region = await itemRegion(kind, id);
    enforce(onItem(actor, "audit", { kecamatanCode: region }));
    return region;
  }

  /** The region a search covers: the caller's, or one inside it. Regions are public: one outside is 403, not 404. */
  function scopeOf(actor: Actor, region: string | undefined): string {
    const scope = region ?? actor.regionCode;
    enforce(inRegion(actor, "audit", scope), { forbidden: TEXT.regionOutsideScope });
    return scope;
  }

  /** Events as auditors see them: masked, and named (events older than recorded names get the account's name). */
  function presenter() {
    const names = new Map<string, Promise<string | undefined>>();
    return async (events: AuditEvent[]) =>
      Promise.all(
        events.map(async (event) => {
          const shown = maskedEvent(event);
          if (shown.actor && shown.actor.name === undefined) {
            const id = shown.actor.id;
            if (!names.has(id))
              names.set(
                id,
                users.get(id).then((u) => u?.name),
              );
            const name = await names.get(id);
            if (name !== undefined) shown.actor = { ...shown.actor, name };
          }
          return shown;
        }),
      );
  }

  /** A json page of a search, or the whole range streamed as CSV or NDJSON (recorded as an `exported` event). */
  async function search(c: Context<Env>, families: LedgerFamily[], query: Search) {
    const actor = c.get("actor");
    const { region, from, to, format, limit, cursor, ...filter } = query;
    const scope = scopeOf(actor, region);
    const present = presenter();

    if (format === "json") {
      const page = readPage(c, { limit, cursor });
      const taken: (LedgerRow & { sortKey: string })[] = [];
      let examined = 0;
      let next: string | null = null;
      // Unfiltered, the page needs its rows and one more (is there a next page?); a filter may skip any number.
      const want = Object.values(filter).some((v) => v !== undefined) ? undefined : page.limit + 1;
      for await (const row of audit.ledger(families, scope, { from, to }, ledgerPosition(page.cursor), want)) {
        if (taken.length === page.limit) {
          next = taken.at(-1)!.sortKey;
          break;
        }
        if (matchesSearch(row, filter)) taken.push(row);
        // A rare filter stops after so many rows, with a cursor to read on, rather than reading the whole range.
        if (++examined >= MAX_ROWS_PER_PAGE) {
          next = row.sortKey;
          break;
        }
      }
      return c.json({ items: await present(await audit.eventsOf(taken)), nextCursor: nextCursor(c, next) }, 200);
    }

    async function* batches() {
      let batch: LedgerRow[] = [];
      for await (const row of audit.ledger(families, scope, { from, to })) {
        if (matchesSearch(row, filter)) batch.push(row);
        if (batch.length < EXPORT_BATCH) continue;
        yield await present(await audit.eventsOf(batch));
        batch = [];
      }
      if (batch.length) yield await present(await audit.eventsOf(batch));
    }
    const exportFilter = Object.fromEntries(
      Object.entries({ region: scope, from, to, format, ...filter }).filter(
        (entry): entry is [string, string] => typeof entry[1] === "string",
      ),
    );
    const body = exportStream(format, batches(), async (rows) => {
      await audit.append({
        type: "exported",
        at: now().toISOString(),
        actor: actorRef(actor),
        region: scope,
        filter: exportFilter,
        rows,
      });
    });
    const file = `rujuk-audit-${scope || "nasional"}-${now().toISOString().slice(0, 10)}.${format}`;
    return new Response(body, {
      headers: {
        "Content-Type": EXPORT_TYPES[format],
        "Content-Disposition": `attachment; filename="${file}"`,
        "Cache-Control": "no-store",
      },
    });
  }

  const auditors = [authenticate(deps), may("audit")];
  const history = <K extends ItemKind>(kind: K) =>
    createRoute({
      method: "get",
      // A literal path type (not `string`), so the typed client has this route by its path.
      path: `/${kind}s/{id}/history` as const,
      summary: "Every event of the item in order, with the notifications sent (roles auditor, admin; NIKs masked)",
      middleware: auditors,
      request: { params: idParams() },
      responses: { 200: jsonAnswer("{ kind, id, items: [event], notifications }", HistoryAnswer), ...PROBLEMS },
    });
  const searching = <P extends string, Q extends z.ZodObject>(path: P, query: Q, what: string) =>
    createRoute({
      method: "get",
      path,
      summary: `${what} inside the caller's region and time range (roles auditor, admin). json pages; csv (UTF-8 with BOM) and ndjson stream the whole range and are recorded as an exported event`,
      middleware: auditors,
      request: { query },
      responses: {
        200: {
          description: "A page of events, or the whole range as text/csv or application/x-ndjson",
          content: {
            "application/json": { schema: pageOf(EventAnswer) },
            "text/csv": { schema: { type: "string" } },
            "application/x-ndjson": { schema: { type: "string" } },
          },
        },
        ...PROBLEMS,
      },
    });
  const reveal = createRoute({
    method: "post",
    path: "/referrals/{id}/reveal",
    summary: "The referred person's full NIK, for a stated reason (role auditor); recorded as a pii_viewed event",
    // Admins manage accounts and never read case files: seeing a person's NIK is for auditors alone.
    middleware: [...auditors, may("reveal"), jsonRequest],
    request: { params: idParams(), body: jsonBody(RevealInput) },
    responses: {
      200: jsonAnswer("The NIK, and the event that records it", z.object({ nik: z.string(), event: EventAnswer })),
      ...PROBLEMS,
    },
  });
  const verifying = createRoute({
    method: "get",
    path: "/verify",
    summary: "Recomputes the hash chains against the region ledger, the items and optionally a kept digest",
    middleware: auditors,
    request: { query: VerifyQuery },
    responses: { 200: jsonAnswer("{ ok, checked, chains, broken, firstBroken?, digest? }", VerifyAnswer), ...PROBLEMS },
  });

  /** An item's whole history, as the history routes of both kinds answer it. */
  async function historyOf(c: Context<Env>, kind: ItemKind, id: string) {
    await auditableItem(c.get("actor"), kind, id);
    const [events, sent] = await Promise.all([audit.events(chainKey(kind, id)), notifications.forItem(kind, id)]);
    const recipients = new Map(
      await Promise.all([...new Set(sent.map((n) => n.userId))].map(async (u) => [u, await users.get(u)] as const)),
    );
    return c.json(
      {
        kind,
        id,
        items: await presenter()(events),
        notifications: sent.map((n) => notificationView(n, recipients.get(n.userId))),
      },
      200,
    );
  }

  return apiRouter()
    .openapi(history("referral"), (c) => historyOf(c, "referral", c.req.valid("param").id))
    .openapi(history("report"), (c) => historyOf(c, "report", c.req.valid("param").id))
    .openapi(reveal, async (c) => {
      const actor = c.get("actor");
      const { id } = c.req.valid("param");
      const { reason } = c.req.valid("json");
      const referral = await items.get("referral", id);
      if (!referral) throw new NotFound();
      enforce(onItem(actor, "reveal", { kecamatanCode: referral.kecamatanCode }));
      const event = await audit.append({
        type: "pii_viewed",
        at: now().toISOString(),
        actor: actorRef(actor),
        referralId: id,
        region: referral.kecamatanCode,
        reason,
      });
      c.header("Cache-Control", "no-store");
      return c.json({ nik: referral.subject.nik, event: maskedEvent(event) }, 200);
    })
    .openapi(searching("/events", EventsQuery, "Events of referrals and reports"), (c) =>
      search(c, ["items"], c.req.valid("query")),
    )
    .openapi(searching("/log", LogQuery, "The auditors' own actions (pii_viewed, exported)"), (c) =>
      search(c, ["access"], c.req.valid("query")),
    )
    .openapi(verifying, async (c) => {
      const actor = c.get("actor");
      const query = c.req.valid("query");
      const target = query.referral
        ? { kind: "referral" as const, id: query.referral }
        : query.report
          ? { kind: "report" as const, id: query.report }
          : undefined;
      if (target) {
        await auditableItem(actor, target.kind, target.id);
        return c.json(await verify.item(target.kind, target.id), 200);
      }
      const scope = scopeOf(actor, query.region);
      const kept = query.digest && query.through ? { value: query.digest, through: query.through } : undefined;
      return c.json(await verify.region(scope, { kept }), 200);
    });
}

/** A notification as an item's history shows it: to whom, and by which channel, when, delivered or failed. */
function notificationView(n: SentNotification, recipient: User | undefined) {
  const email = n.email && {
    channel: "email",
    status: n.email.status === "sent" ? "delivered" : "failed",
    at: n.email.at,
    attempts: n.email.attempts,
    to: n.email.to,
    ...(n.email.error ? { error: n.email.error } : {}),
  };
  return {
    id: n.id,
    type: n.type,
    at: n.createdAt,
    recipient: { id: n.userId, name: recipient?.name ?? null, role: recipient?.role ?? null },
    channels: [{ channel: "in_app", status: "delivered", at: n.createdAt, read: n.read }, ...(email ? [email] : [])],
  };
}
