import type { Text } from "@rujuk/core/bilingual";
import { useState } from "hono/jsx/dom";
import { api, send } from "../lib/api.ts";
import { Field, type FieldErrors, Notice, bind, fieldErrors } from "../lib/form.tsx";
import { say, tr } from "../lib/lang.ts";

const RECORDED = say(
  "NIK lengkap ditampilkan. Tindakan ini tercatat di log audit atas nama Anda, beserta alasannya.",
  "The full NIK is shown. This is recorded in the audit log under your name, with your reason.",
);

/**
 * "Tampilkan NIK": the referred person's full NIK, for a stated reason (POST /api/audit/referrals/:id/reveal). The
 * API judges the reason (its refusal, core's revealReason, says how long it must be: the page does not repeat the
 * rule) and records who looked, at what and why; the page says so beside the number it shows. The number is kept
 * only while the page shows this item.
 */
export function Reveal(props: { referralId: string; masked: string }) {
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<Text | null>(null);
  const [nik, setNik] = useState<string | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblem(null);
    const r = await send(() =>
      api.audit.referrals[":id"].reveal.$post({ param: { id: props.referralId }, json: { reason } }),
    );
    setBusy(false);
    if (!r.ok) {
      const { byPath } = fieldErrors(r, ["reason"]);
      setErrors(byPath);
      // A refused reason is said under the field; anything else (no connection, no access) below the form.
      return setProblem(byPath.reason ? null : r.text);
    }
    setErrors({});
    setAsking(false);
    setNik(r.data.nik);
  };

  if (nik) {
    return (
      <>
        <dd>
          <strong id="nik-full">{nik}</strong>
        </dd>
        <dd class="wide">
          <Notice id="reveal-recorded" kind="warn" text={RECORDED} />
        </dd>
      </>
    );
  }
  return (
    <>
      <dd>
        <span id="nik-masked">{props.masked}</span>{" "}
        {asking ? null : (
          <button type="button" class="ghost" id="reveal-btn" onClick={() => setAsking(true)}>
            {tr(say("Tampilkan NIK", "Show NIK"))}
          </button>
        )}
      </dd>
      {asking ? (
        <dd class="wide">
          <form id="reveal-form" novalidate onSubmit={(e: Event) => void submit(e)}>
            <Field
              id="reveal-reason"
              path="reason"
              label={say("Alasan melihat NIK lengkap", "Why you need the full NIK")}
              hint={say(
                "Misalnya pencocokan data dengan Disdukcapil atas permintaan tertulis.",
                "For example, matching records with Disdukcapil on a written request.",
              )}
              errors={errors}
            >
              <textarea
                {...bind("reveal-reason", "reason", errors)}
                maxLength={500}
                value={reason}
                onInput={(e: Event) => setReason(e.target instanceof HTMLTextAreaElement ? e.target.value : "")}
              />
            </Field>
            <p class="muted">
              {tr(say("Permintaan ini akan dicatat di log audit.", "This request will be recorded in the audit log."))}
            </p>
            <Notice id="reveal-alert" text={problem} />
            <div class="actions">
              <button type="submit" id="reveal-submit" disabled={busy}>
                {tr(busy ? say("Memproses…", "Working…") : say("Tampilkan", "Show"))}
              </button>
              <button type="button" class="ghost" onClick={() => setAsking(false)}>
                {tr(say("Batal", "Cancel"))}
              </button>
            </div>
          </form>
        </dd>
      ) : null}
    </>
  );
}
