import { createHash } from "node:crypto";
import { canonicalJson, itemRef, actorRef, maskedEvent } from "@rujuk/core/audit";
import { type ItemKind, LEVELS } from "@rujuk/core/chain";
import { NotFound } from "@rujuk/core";
import { enforceOnItem } from "@rujuk/core/policy";
import { newId } from "@rujuk/core/ids";
import { planDecision, planEdit, planResubmit, planWithdraw } from "@rujuk/core/approval";
import { DECISIONS, STATUSES, duplicateView } from "@rujuk/core/item";
import type { EditForm, ItemChange, StoredItem, ViewOf } from "@rujuk/core/item-state";
import { nikIndexKey } from "@rujuk/core/nik-index";
import { Referral, ReferralInput, checkReferralPlace, newReferral, viewFor } from "@rujuk/core/referral";
import { Report, ReportInput, newReport } from "@rujuk/core/report";
import { type Actor, OFFICIAL_ROLES } from "@rujuk/core/user";
import { text } from "@rujuk/core/validation";
import { createRoute } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import * as z from "zod";
import { PROBLEMS, apiRouter, jsonAnswer, jsonBody, pageOf } from "../api-router.ts";
import type { AppDeps, Env } from "../deps.ts";
import { EventAnswer } from "../answers.ts";
import { named } from "../openapi.ts";
import { PageQuery, idParams, jsonRequest, nextCursor, pathId, readPage } from "../request.ts";
import { authenticate, may } from "../session.ts";
import { deliverSignal } from "../workflow/delivery.ts";

/** What differs between referrals and reports; everything else about filing and reading them is shared. */
interface KindSpec<K extends ItemKind, In extends z.ZodType, Shape extends z.core.$ZodShape> {
  kind: K;
  input: In;
  /** The response shape: also puts the fields in a stable, documented order. */
  output: z.ZodObject<Shape>;
  /** The schemas routes declare, under the document's names. */
  named: ReturnType<typeof namedSchemas<In, Shape>>;
  /** How an item shows to the actor, in a list (where less personal data is needed) or on its own. */
  view?(actor: Actor, item: z.output<z.ZodObject<Shape>>, list: boolean): z.output<z.ZodObject<Shape>>;
  build(input: z.output<In>, actor: Actor, id: string, now: Date): ViewOf<K>;
  /** Checks that need more than the body, e.g. the region directory. */
  check?(input: z.output<In>, actor: Actor): Promise<void>;
  /** The fields a submitter may change while the item is returned for revision. */
  editable(input: z.output<In>, actor: Actor, secret: string): EditForm;
  /** The duplicate-detection partition of a new item, if this kind has one. */
  nikIndex?(input: z.output<In>, actor: Actor, secret: string): string;
}

// Validated as a named field so that a bad key is reported under the header's name.
const IdempotencyHeader = z.object({
  "Idempotency-Key": z
    .string()
    .regex(/^[\x21-\x7e]{1,200}$/)
    .optional(),
});
const ListQuery = PageQuery.extend({ status: z.enum(STATUSES).optional() });
const ReadQuery = z.object({ include: z.enum(["timeline"]).optional() });

const DecisionInput = named(
  "DecisionInput",
  z.strictObject({
    decision: z.enum(DECISIONS),
    // A blank comment is no comment (the decision's rule then says whether one was needed).
    comment: z.preprocess(
      (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
      text(2000, { multiline: true }).optional(),
    ),
  }),
  "input",
);

/** Another open referral for the same person, as the caller may learn of it (core's `duplicateView`). */
const DuplicateAnswer = z.object({
  id: z.string().optional(),
  status: z.enum(STATUSES),
  currentLevel: z.enum(LEVELS).nullable(),
});

/** A kind's schemas under the document's names: its input, the item, and the item read on its own. */
function namedSchemas<In extends z.ZodType, Shape extends z.core.$ZodShape>(
  name: string,
  input: In,
  output: z.ZodObject<Shape>,
) {
  return {
    Input: named(`${name}Input`, input, "input"),
    Item: named(name, output, "output"),
    // Read on its own, or just filed: with other open referrals of the same person, and its timeline if asked.
    Read: named(
      `${name}Read`,
      output.extend({
        possibleDuplicates: z.array(DuplicateAnswer).optional(),
        timeline: z.array(EventAnswer).optional(),
      }),
      "output",
    ),
  };
}

const referralSpec: KindSpec<"referral", typeof ReferralInput, typeof Referral.shape> = {
  kind: "referral",
  input: ReferralInput,
  output: Referral,
  named: namedSchemas("Referral", ReferralInput, Referral),
  view: viewFor,
  build: newReferral,
  check: checkReferralPlace,
  editable: ({ subject, category, urgency, service, summary }, actor, secret) => ({
    subject,
    category,
    urgency,
    service,
    summary,
    nikIndex: nikIndexKey(secret, subject.nik, actor.regionCode),
  }),
  nikIndex: (input, actor, secret) => nikIndexKey(secret, input.subject.nik, actor.regionCode),
};

const reportSpec: KindSpec<"report", typeof ReportInput, typeof Report.shape> = {
  kind: "report",
  input: ReportInput,
  output: Report,
  named: namedSchemas("Report", ReportInput, Report),
  build: newReport,
  editable: ({ period, activities, counts, notes }) => ({ period, activities, counts, notes }),
};

/**
 * One kind's routes: the declarations, and the handlers they are bound to on validated input. Bound per kind below:
 * TypeScript cannot check a handler against a declaration whose schemas are still type parameters.
 */
function itemKind<K extends ItemKind, In extends z.ZodType, Shape extends z.core.$ZodShape>(
  deps: AppDeps,
  spec: KindSpec<K, In, Shape>,
) {
  const now = deps.clock ?? (() => new Date());
  const view = (actor: Actor, item: z.output<z.ZodObject<Shape>>, list: boolean) =>
    spec.view?.(actor, item, list) ?? item;
  const { items } = deps.store;

  const { Item, Input, Read } = spec.named;
  const signedIn = authenticate(deps);
  const submitters = (summary: string, action: "resubmit" | "withdraw") =>
    createRoute({
      method: "post",
      path: `/{id}/${action}`,
      summary,
      middleware: [signedIn, may(action)],
      request: { params: idParams() },
      responses: { 200: jsonAnswer("Recorded", Item), ...PROBLEMS },
    });

  /** Before the body: an item the caller may not edit is 404 whatever was sent, not a 400 about its fields. */
  const editable: MiddlewareHandler<Env> = async (c, next) => {
    const stored = await items.stored(spec.kind, pathId(c));
    if (!stored) throw new NotFound();
    enforceOnItem(c.get("actor"), "edit", stored);
    await next();
  };

  const routes = {
    file: createRoute({
      method: "post",
      path: "/",
      summary: `File a new ${spec.kind} (role tksk); an Idempotency-Key makes a retry return the first answer`,
      middleware: [signedIn, may("file"), jsonRequest],
      request: { headers: IdempotencyHeader, body: jsonBody(Input) },
      responses: { 201: jsonAnswer("Filed", Read), ...PROBLEMS },
    }),
    list: createRoute({
      method: "get",
      path: "/",
      summary: `List ${spec.kind}s visible to the caller, newest first`,
      middleware: [signedIn, may("read")],
      request: { query: ListQuery },
      responses: { 200: jsonAnswer("A page", pageOf(Item)), ...PROBLEMS },
    }),
    read: createRoute({
      method: "get",
      path: "/{id}",
      summary: `One ${spec.kind}, with its timeline if asked`,
      middleware: [signedIn, may("read")],
      request: { params: idParams(), query: ReadQuery },
      responses: { 200: jsonAnswer(`The ${spec.kind}`, Read), ...PROBLEMS },
    }),
    decide: createRoute({
      method: "post",
      path: "/{id}/decisions",
      summary: `Decide at the ${spec.kind}'s current level (an official of that level and region; not the submitter)`,
      middleware: [signedIn, may("decide"), jsonRequest],
      request: { params: idParams(), body: jsonBody(DecisionInput) },
      responses: { 200: jsonAnswer("Recorded", Item), ...PROBLEMS },
    }),
    resubmit: submitters("The submitter resubmits the item after revising it", "resubmit"),
    withdraw: submitters("The submitter withdraws the item", "withdraw"),
    edit: createRoute({
      method: "put",
      path: "/{id}",
      summary: `The submitter edits the ${spec.kind} while it is returned for revision`,
      middleware: [signedIn, may("edit"), editable, jsonRequest],
      request: { params: idParams(), body: jsonBody(Input) },
      responses: { 200: jsonAnswer("Edited", Item), ...PROBLEMS },
    }),
  };

  /**
   * Applies a plan to the item as the caller, then hands any signal it recorded to the workflow. The change is
   * committed first: if the hand-over fails, the reconciler delivers it, so the caller's action is never lost. The
   * item is read once, by the change, and answered as the change left it (the output schema keeps only its view).
   */
  async function act(c: Context<Env>, id: string, plan: (row: StoredItem, actor: Actor) => ItemChange | undefined) {
    const actor = c.get("actor");
    const { item } = await items.change(spec.kind, id, (row) => plan(row, actor));
    await deliverSignal(items, deps.workflow, spec.kind, id, { item, markDelivered: false }).catch((error: unknown) => {
      console.error("signal not delivered yet; the reconciler will retry", spec.kind, id, error);
    });
    return c.json(spec.output.parse(item), 200);
  }

  const on = {
    async file(c: Context<Env>, { "Idempotency-Key": key }: z.output<typeof IdempotencyHeader>, body: z.output<In>) {
      const actor = c.get("actor");
      await spec.check?.(body, actor);

      const at = now();
      const id = newId(at.getTime());
      const nikIndex = spec.nikIndex?.(body, actor, deps.nikKey);
      // The person's other open referrals are looked up while the item is written: the new one is not among them
      // yet, and neither waits for the other.
      const [created, others] = await Promise.all([
        items.create({
          kind: spec.kind,
          item: spec.build(body, actor, id, at),
          event: { type: "submitted", at: at.toISOString(), ...itemRef(spec.kind, id), actor: actorRef(actor) },
          ...(nikIndex ? { nikIndex } : {}),
          ...(key
            ? {
                idempotency: {
                  userId: actor.id,
                  key,
                  // The body as sent, before the schema's defaults and normalisation: what a retry sends again.
                  requestHash: createHash("sha256")
                    .update(canonicalJson(await c.req.json<unknown>()))
                    .digest("hex"),
                },
              }
            : {}),
        }),
        nikIndex ? items.openByNikIndex(nikIndex) : undefined,
      ]);
      const { replayed } = created;
      if (!created.replayed) {
        // The item is safely stored; a workflow that fails to start now is started again by the reconciler.
        await deps.workflow.start(spec.kind, created.item).catch((error: unknown) => {
          console.error("workflow start failed; the reconciler will retry", spec.kind, created.id, error);
        });
      }
      // Just written, the item is answered as written; a replay reads what the first request created.
      const item = spec.output.parse(
        created.replayed ? await items.getFor(actor, spec.kind, created.id) : created.item,
      );
      const duplicates =
        others &&
        duplicateView(
          actor,
          others.filter((d) => d.id !== created.id),
        );
      if (replayed) c.header("Idempotent-Replayed", "true");
      return c.json({ ...item, ...(duplicates ? { possibleDuplicates: duplicates } : {}) }, 201);
    },
    async list(c: Context<Env>, { status, ...page }: z.output<typeof ListQuery>) {
      const found = await items.listFor(c.get("actor"), spec.kind, { ...readPage(c, page), status });
      const shown = found.items.map((item) => view(c.get("actor"), spec.output.parse(item), true));
      return c.json({ items: shown, nextCursor: nextCursor(c, found.nextCursor) }, 200);
    },
    async read(c: Context<Env>, { id }: { id: string }, { include }: z.output<typeof ReadQuery>) {
      const actor = c.get("actor");
      const shown = view(actor, spec.output.parse(await items.getFor(actor, spec.kind, id)), false);
      // Officials deciding on a referral see the other open referrals for the same person that they may open.
      const item =
        spec.kind === "referral" && OFFICIAL_ROLES.includes(actor.role)
          ? { ...shown, possibleDuplicates: duplicateView(actor, await items.openDuplicatesOf(spec.kind, id)) }
          : shown;
      if (include !== "timeline") return c.json(item, 200);
      const events = await items.events(spec.kind, id);
      return c.json({ ...item, timeline: actor.role === "auditor" ? events.map(maskedEvent) : events }, 200);
    },
    decide: (c: Context<Env>, { id }: { id: string }, body: z.output<typeof DecisionInput>) =>
      act(c, id, (row, actor) => planDecision(spec.kind, row, actor, body, now())),
    resubmit: (c: Context<Env>, { id }: { id: string }) =>
      act(c, id, (row, actor) => planResubmit(spec.kind, row, actor, now())),
    withdraw: (c: Context<Env>, { id }: { id: string }) =>
      act(c, id, (row, actor) => planWithdraw(spec.kind, row, actor, now())),
    async edit(c: Context<Env>, { id }: { id: string }, body: z.output<In>) {
      const actor = c.get("actor");
      await spec.check?.(body, actor);
      return act(c, id, (row) => planEdit(spec.kind, row, actor, spec.editable(body, actor, deps.nikKey), now()));
    },
  };

  return { routes, on };
}

/** The referral routes, each declaration bound to its handler. */
export function referralRoutes(deps: AppDeps) {
  const { routes: r, on } = itemKind(deps, referralSpec);
  return apiRouter()
    .openapi(r.file, (c) => on.file(c, c.req.valid("header"), c.req.valid("json")))
    .openapi(r.list, (c) => on.list(c, c.req.valid("query")))
    .openapi(r.read, (c) => on.read(c, c.req.valid("param"), c.req.valid("query")))
    .openapi(r.decide, (c) => on.decide(c, c.req.valid("param"), c.req.valid("json")))
    .openapi(r.resubmit, (c) => on.resubmit(c, c.req.valid("param")))
    .openapi(r.withdraw, (c) => on.withdraw(c, c.req.valid("param")))
    .openapi(r.edit, (c) => on.edit(c, c.req.valid("param"), c.req.valid("json")));
}

/** The report routes: the same binding for the other kind (see `itemKind`). */
export function reportRoutes(deps: AppDeps) {
  const { routes: r, on } = itemKind(deps, reportSpec);
  return apiRouter()
    .openapi(r.file, (c) => on.file(c, c.req.valid("header"), c.req.valid("json")))
    .openapi(r.list, (c) => on.list(c, c.req.valid("query")))
    .openapi(r.read, (c) => on.read(c, c.req.valid("param"), c.req.valid("query")))
    .openapi(r.decide, (c) => on.decide(c, c.req.valid("param"), c.req.valid("json")))
    .openapi(r.resubmit, (c) => on.resubmit(c, c.req.valid("param")))
    .openapi(r.withdraw, (c) => on.withdraw(c, c.req.valid("param")))
    .openapi(r.edit, (c) => on.edit(c, c.req.valid("param"), c.req.valid("json")));
}
