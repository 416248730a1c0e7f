import { createHash } from "node:crypto";
import { canonicalJson, itemRef, actorRef, maskedEvent } from "@rujuk/core/audit";
import type { ItemKind } from "@rujuk/core/chain";
import { Invalid, NotFound, TEXT, fieldError } from "@rujuk/core";
import { enforceOnItem } from "@rujuk/core/policy";
import { newId } from "@rujuk/core/ids";
import { planDecision, planEdit, planResubmit, planWithdraw } from "@rujuk/core/approval";
import { DECISIONS, type ItemBase, STATUSES, duplicateView } from "@rujuk/core/item";
import type { EditForm, ItemChange, StoredItem, ViewOf } from "@rujuk/core/item-state";
import { nikIndexKey } from "@rujuk/core/nik-index";
import { Referral, ReferralInput, checkReferralPlace, newReferral, viewFor } from "@rujuk/core/referral";
import { Report, ReportInput, newReport } from "@rujuk/core/report";
import { type Actor, OFFICIAL_ROLES } from "@rujuk/core/user";
import { parse, text } from "@rujuk/core/validation";
import { type Context, Hono } from "hono";
import * as z from "zod";
import type { AppDeps, Env } from "../deps.ts";
import { nextCursor, pathId, readBody, readPage } from "../request.ts";
import { authenticate, may } from "../session.ts";
import { deliverSignal } from "../workflow/delivery.ts";

/** What differs between referrals and reports; everything else about filing and reading them is shared. */
interface KindSpec<K extends ItemKind, I> {
  kind: K;
  input: z.ZodType<I>;
  /** The response shape: also puts the fields in a stable, documented order. */
  output: z.ZodType<ItemBase>;
  /** How an item shows to the actor, in a list (where less personal data is needed) or on its own. */
  view?(actor: Actor, item: ItemBase, list: boolean): ItemBase;
  build(input: I, actor: Actor, id: string, now: Date): ViewOf<K>;
  /** Checks that need more than the body, e.g. the region directory. */
  check?(input: I, actor: Actor): Promise<void>;
  /** The fields a submitter may change while the item is returned for revision. */
  editable(input: I, actor: Actor, secret: string): EditForm;
  /** The duplicate-detection partition of a new item, if this kind has one. */
  nikIndex?(input: I, actor: Actor, secret: string): string;
}

const referralSpec: KindSpec<"referral", ReferralInput> = {
  kind: "referral",
  input: ReferralInput,
  output: Referral,
  view: (actor, item, list) => viewFor(actor, item as Referral, list),
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

const reportSpec: KindSpec<"report", z.output<typeof ReportInput>> = {
  kind: "report",
  input: ReportInput,
  output: Report,
  build: newReport,
  editable: ({ period, activities, counts, notes }) => ({ period, activities, counts, notes }),
};

// Validated as a named field so that a bad key is reported under the header's name.
const IdempotencyHeader = z.object({
  "Idempotency-Key": z
    .string()
    .regex(/^[\x21-\x7e]{1,200}$/)
    .optional(),
});
const ListQuery = z.object({ status: z.enum(STATUSES).optional() });

const DecisionInput = z.strictObject({
  decision: z.enum(DECISIONS),
  // A blank comment is no comment (the decision's rule then says whether one was needed).
  comment: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    text(2000, { multiline: true }).optional(),
  ),
});

function itemRoutes<K extends ItemKind, I>(deps: AppDeps, spec: KindSpec<K, I>) {
  const now = deps.clock ?? (() => new Date());
  const view = (actor: Actor, item: ItemBase, list: boolean) => spec.view?.(actor, item, list) ?? item;
  const { items } = deps.store;

  const routes = new Hono<Env>()
    .use("*", authenticate(deps))
    .post("/", may("file"), async (c) => {
      const actor = c.get("actor");
      const key = parse(IdempotencyHeader, { "Idempotency-Key": c.req.header("idempotency-key") })["Idempotency-Key"];
      const { body, raw } = await readBody(c, spec.input);
      await spec.check?.(body, actor);

      const at = now();
      const id = newId(at.getTime());
      const nikIndex = spec.nikIndex?.(body, actor, deps.nikKey);
      const { id: itemId, replayed } = await items.create({
        kind: spec.kind,
        item: spec.build(body, actor, id, at),
        event: { type: "submitted", at: at.toISOString(), ...itemRef(spec.kind, id), actor: actorRef(actor) },
        ...(nikIndex ? { nikIndex } : {}),
        ...(key
          ? {
              idempotency: {
                userId: actor.id,
                key,
                requestHash: createHash("sha256").update(canonicalJson(raw)).digest("hex"),
              },
            }
          : {}),
      });
      if (!replayed) {
        // The item is safely stored; a workflow that fails to start now is started again by the reconciler.
        await deps.workflow.start(spec.kind, itemId).catch((error: unknown) => {
          console.error("workflow start failed; the reconciler will retry", spec.kind, itemId, error);
        });
      }
      const item = spec.output.parse(await items.getFor(actor, spec.kind, itemId));
      const duplicates = nikIndex
        ? duplicateView(
            actor,
            (await items.openByNikIndex(nikIndex)).filter((d) => d.id !== itemId),
          )
        : undefined;
      if (replayed) c.header("Idempotent-Replayed", "true");
      return c.json({ ...item, ...(duplicates ? { possibleDuplicates: duplicates } : {}) }, 201);
    })
    .get("/", may("read"), async (c) => {
      const { status } = parse(ListQuery, { status: c.req.query("status") });
      const page = await items.listFor(c.get("actor"), spec.kind, { ...readPage(c), status });
      const shown = page.items.map((item) => view(c.get("actor"), spec.output.parse(item), true));
      return c.json({ items: shown, nextCursor: nextCursor(c, page.nextCursor) });
    })
    .get("/:id", may("read"), async (c) => {
      const actor = c.get("actor");
      const read = view(actor, spec.output.parse(await items.getFor(actor, spec.kind, pathId(c))), false);
      // Officials deciding on a referral see the other open referrals for the same person that they may open.
      const item =
        spec.kind === "referral" && OFFICIAL_ROLES.includes(actor.role)
          ? { ...read, possibleDuplicates: duplicateView(actor, await items.openDuplicatesOf(spec.kind, read.id)) }
          : read;
      const include = c.req.query("include");
      if (include !== undefined && include !== "timeline")
        throw new Invalid([fieldError("include", TEXT.invalidValue)]);
      if (include !== "timeline") return c.json(item);
      const events = await items.events(spec.kind, item.id);
      return c.json({ ...item, timeline: actor.role === "auditor" ? events.map(maskedEvent) : events });
    })
    .post("/:id/decisions", may("decide"), async (c) => {
      const { body } = await readBody(c, DecisionInput);
      return act(c, (row, actor) => planDecision(spec.kind, row, actor, body, now()));
    })
    .post("/:id/resubmit", may("resubmit"), (c) => act(c, (row, actor) => planResubmit(spec.kind, row, actor, now())))
    .post("/:id/withdraw", may("withdraw"), (c) => act(c, (row, actor) => planWithdraw(spec.kind, row, actor, now())))
    .put("/:id", may("edit"), async (c) => {
      const actor = c.get("actor");
      // Before the body: an item the caller may not edit is 404 whatever was sent, not a 400 about its fields.
      const stored = await items.stored(spec.kind, pathId(c));
      if (!stored) throw new NotFound();
      enforceOnItem(actor, "edit", stored);
      const { body } = await readBody(c, spec.input);
      await spec.check?.(body, actor);
      return act(c, (row) => planEdit(spec.kind, row, actor, spec.editable(body, actor, deps.nikKey), now()));
    });

  /**
   * Applies a plan to the item as the caller, then hands any signal it recorded to the workflow. The change is
   * committed first: if the hand-over fails, the reconciler delivers it, so the caller's action is never lost.
   */
  async function act(c: Context<Env>, plan: (row: StoredItem, actor: Actor) => ItemChange | undefined) {
    const actor = c.get("actor");
    const id = pathId(c);
    await items.change(spec.kind, id, (row) => plan(row, actor));
    await deliverSignal(items, deps.workflow, spec.kind, id).catch((error: unknown) => {
      console.error("signal not delivered yet; the reconciler will retry", spec.kind, id, error);
    });
    const item = await items.get(spec.kind, id);
    return c.json(spec.output.parse(item));
  }

  return routes;
}

export const referralRoutes = (deps: AppDeps) => itemRoutes(deps, referralSpec);
export const reportRoutes = (deps: AppDeps) => itemRoutes(deps, reportSpec);
