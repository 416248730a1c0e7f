import type { ItemKind, Level } from "@rujuk/core/chain";
import { DECISION_TEXT, needsComment } from "@rujuk/core/decision-rule";
import type { DecisionCode, Status } from "@rujuk/core/status";
import { DECISION_ACTIONS, KIND_LABELS } from "@rujuk/core/labels";
import type { Text } from "@rujuk/core/bilingual";
import { useEffect, useRef, useState } from "hono/jsx/dom";
import { type Body, type Failure, type Result, api, send } from "./api.ts";
import { ConfirmActions } from "./confirm.tsx";
import { Field, type FieldErrors, Notice, bind, fieldErrors } from "./form.tsx";
import { say, tr } from "./lang.ts";
import type { Me } from "./session.ts";

/** What an official's decision answers: the item as recorded after it, per kind. */
export type DecidedReferral = Body<(typeof api.referrals)[":id"]["decisions"]["$post"]>;
export type DecidedReport = Body<(typeof api.reports)[":id"]["decisions"]["$post"]>;

/** What the panel reads of an item: any view of it the API answers (the item's page, an inbox row) has these. */
export interface Decidable {
  id: string;
  number: string;
  status: Status;
  currentLevel: Level | null;
  dueAt: string | null;
}

/** The panel's props, one shape per kind so that `onDecided` receives that kind's answer. */
export type DecisionPanelProps = (
  | { kind: "referral"; onDecided: (item: DecidedReferral) => void }
  | { kind: "report"; onDecided: (item: DecidedReport) => void }
) & {
  item: Decidable;
  /** The official signed in: the panel then shows only if the item waits at their level. */
  me?: Me;
  /** Someone else decided first (409): the host may reload the item or drop it from a list. */
  onStale?: () => void;
};

const ORDER: readonly DecisionCode[] = ["approve", "return", "reject"];

/** The question before a decision is sent: the official confirms what they chose, of what. */
function question(decision: DecisionCode, kind: ItemKind): Text {
  const noun = { id: KIND_LABELS[kind].id.toLowerCase(), en: KIND_LABELS[kind].en.toLowerCase() };
  switch (decision) {
    case "approve":
      return say(`Setujui ${noun.id} ini?`, `Approve this ${noun.en}?`);
    case "reject":
      return say(`Tolak ${noun.id} ini?`, `Reject this ${noun.en}?`);
    case "return":
      return say(`Kembalikan ${noun.id} ini untuk diperbaiki?`, `Return this ${noun.en} for revision?`);
  }
}

const STALE = say(
  "Berkas ini sudah diputuskan orang lain atau tidak lagi menunggu di tingkat Anda. Keputusan Anda tidak disimpan.",
  "Someone else has already decided on this item, or it no longer waits at your level. Your decision was not saved.",
);

/**
 * Decides on an item waiting at the official's level: approve, return or reject, with a comment (which the API
 * requires to reject or return, core's `needsComment`), and a confirmation step before anything is sent, since a
 * decision cannot be taken back. Shows nothing for an item that is not waiting for a decision.
 */
export function DecisionPanel(props: DecisionPanelProps) {
  const { item, me } = props;
  const [comment, setComment] = useState("");
  const [chosen, setChosen] = useState<DecisionCode | null>(null);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<Text | null>(null);
  const [stale, setStale] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const commentRef = useRef<HTMLTextAreaElement>(null);

  // Another item opened in the same panel (the inbox's detail) starts afresh.
  useEffect(() => {
    setComment("");
    setChosen(null);
    setErrors({});
    setProblem(null);
    setStale(false);
  }, [item.id]);

  useEffect(() => {
    if (chosen) confirmRef.current?.focus();
  }, [chosen]);

  const waiting =
    item.status === "in_review" &&
    item.currentLevel !== null &&
    item.dueAt !== null &&
    (!me || me.role === item.currentLevel);
  if (!waiting && !stale) return null;

  const choose = (decision: DecisionCode) => {
    setProblem(null);
    if (needsComment(decision) && !comment.trim()) {
      setErrors({ comment: [DECISION_TEXT.commentRequired] });
      setChosen(null);
      commentRef.current?.focus();
      return;
    }
    setErrors({});
    setChosen(decision);
  };

  const failed = (r: Failure) => {
    if (r.status === 409) {
      setStale(true);
      setChosen(null);
      props.onStale?.();
      return;
    }
    const { byPath, rest } = fieldErrors(r, ["comment"]);
    setErrors(byPath);
    setProblem(rest[0] ?? (byPath.comment ? null : r.text));
    setChosen(null);
    if (byPath.comment) commentRef.current?.focus();
  };

  const confirm = async () => {
    if (!chosen || busy) return;
    setBusy(true);
    setProblem(null);
    const json = { decision: chosen, ...(comment.trim() ? { comment } : {}) };
    const param = { id: item.id };
    // One branch per kind, so each answer reaches the host typed as its kind.
    if (props.kind === "referral") {
      const r: Result<DecidedReferral> = await send(() => api.referrals[":id"].decisions.$post({ param, json }));
      setBusy(false);
      if (r.ok) props.onDecided(r.data);
      else failed(r);
    } else {
      const r: Result<DecidedReport> = await send(() => api.reports[":id"].decisions.$post({ param, json }));
      setBusy(false);
      if (r.ok) props.onDecided(r.data);
      else failed(r);
    }
  };

  if (stale) {
    return (
      <section class="decide" aria-labelledby="decide-h">
        <h2 id="decide-h">{tr(say("Keputusan", "Decision"))}</h2>
        <p id="decide-stale" class="warn" role="alert">
          {tr(STALE)}
        </p>
      </section>
    );
  }

  return (
    <section class="decide" aria-labelledby="decide-h">
      <h2 id="decide-h">{tr(say("Keputusan", "Decision"))}</h2>
      <Field
        id="decide-comment"
        path="comment"
        label={say("Catatan", "Comment")}
        hint={say("Wajib untuk menolak atau mengembalikan.", "Required to reject or return.")}
        errors={errors}
      >
        <textarea
          {...bind("decide-comment", "comment", errors)}
          ref={commentRef}
          maxlength={2000}
          value={comment}
          disabled={busy}
          onInput={(e: Event) => {
            if (e.target instanceof HTMLTextAreaElement) setComment(e.target.value);
          }}
        />
      </Field>
      {chosen ? (
        <div class="confirm" role="group" aria-labelledby="decide-q">
          <p id="decide-q">
            <strong>{tr(question(chosen, props.kind))}</strong> <span class="muted">{item.number}</span>
          </p>
          <p class="muted">{tr(say("Keputusan tidak dapat dibatalkan.", "A decision cannot be undone."))}</p>
          <ConfirmActions
            id="decide"
            danger={chosen === "reject"}
            text={say("Konfirmasi", "Confirm")}
            busyText={say("Menyimpan…", "Saving…")}
            busy={busy}
            confirmRef={confirmRef}
            onConfirm={() => void confirm()}
            onCancel={() => setChosen(null)}
          />
        </div>
      ) : (
        <div class="actions">
          {ORDER.map((decision) => (
            <button
              type="button"
              id={`decide-${decision}`}
              class={decision === "approve" ? undefined : decision === "reject" ? "danger" : "ghost"}
              onClick={() => choose(decision)}
            >
              {tr(DECISION_ACTIONS[decision])}
            </button>
          ))}
        </div>
      )}
      <Notice id="decide-alert" text={problem} />
    </section>
  );
}
