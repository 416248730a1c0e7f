import type { Text } from "@rujuk/core/bilingual";
import type { ItemKind } from "@rujuk/core/chain";
import { useEffect, useRef, useState } from "hono/jsx/dom";
import { api, send } from "./api.ts";
import { ConfirmActions } from "./confirm.tsx";
import { Notice } from "./form.tsx";
import { say, tr } from "./lang.ts";

/** What the section says, per kind of item. */
const WORDS: Readonly<
  Record<ItemKind, { title: Text; ask: (n: string) => Text; why: Text; done: (n: string) => Text }>
> = {
  referral: {
    title: say("Tarik rujukan", "Withdraw the referral"),
    ask: (n) => say(`Tarik rujukan ${n}?`, `Withdraw referral ${n}?`),
    why: say(
      "Rujukan yang ditarik tidak diproses lagi, dan ini tidak dapat dibatalkan.",
      "A withdrawn referral is not processed any further, and this cannot be undone.",
    ),
    done: (n) => say(`Rujukan ${n} ditarik.`, `Referral ${n} was withdrawn.`),
  },
  report: {
    title: say("Tarik laporan", "Withdraw the report"),
    ask: () => say("Tarik laporan ini?", "Withdraw this report?"),
    why: say(
      "Laporan yang ditarik tidak diperiksa lagi dan tidak dapat dikirim ulang.",
      "A withdrawn report is no longer checked and cannot be sent again.",
    ),
    done: () => say("Laporan ditarik.", "The report was withdrawn."),
  },
};

/**
 * The submitter takes an item back, after saying so a second time: nothing is decided on it after that. The same
 * section on a referral's page and a report's.
 */
export function WithdrawSection(props: {
  kind: ItemKind;
  item: { id: string; number: string };
  onDone: (message: Text) => void;
}) {
  const words = WORDS[props.kind];
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Text | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);

  const confirm = async () => {
    setBusy(true);
    setProblem(null);
    const param = { param: { id: props.item.id } };
    const r =
      props.kind === "referral"
        ? await send(() => api.referrals[":id"].withdraw.$post(param))
        : await send(() => api.reports[":id"].withdraw.$post(param));
    setBusy(false);
    setAsking(false);
    if (!r.ok) return setProblem(r.text);
    props.onDone(words.done(props.item.number));
  };

  return (
    <section class="withdraw" aria-labelledby="withdraw-h" id="withdraw">
      <h2 id="withdraw-h">{tr(words.title)}</h2>
      {asking ? (
        <div class="confirm" role="group" aria-labelledby="withdraw-q">
          <p id="withdraw-q">
            <strong>{tr(words.ask(props.item.number))}</strong>
          </p>
          <p class="muted">{tr(words.why)}</p>
          <ConfirmActions
            id="withdraw"
            danger
            text={say("Ya, tarik", "Yes, withdraw")}
            busyText={say("Memproses…", "Working…")}
            busy={busy}
            confirmRef={confirmRef}
            onConfirm={() => void confirm()}
            onCancel={() => setAsking(false)}
          />
        </div>
      ) : (
        <button type="button" class="ghost" id="withdraw-btn" onClick={() => setAsking(true)}>
          {tr(words.title)}
        </button>
      )}
      <Notice id="withdraw-alert" text={problem} />
    </section>
  );
}
