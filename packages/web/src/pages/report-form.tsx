import type { Text } from "@rujuk/core/bilingual";
import { CHAIN_POLICY, type Level } from "@rujuk/core/chain";
import { PAGES, itemPath } from "@rujuk/core/pages";
import { useEffect, useState } from "hono/jsx/dom";
import { useDraft } from "../lib/drafts.ts";
import { CHECK_FIELDS, type FieldErrors, Notice, fieldErrors } from "../lib/form.tsx";
import { say, tr } from "../lib/lang.ts";
import { type Queued, file, newKey, queued, useOutbox } from "../lib/outbox.ts";
import { startPage } from "../lib/page.tsx";
import {
  CORRECT_PARAM,
  ReportFields,
  type ReportValues,
  chainWords,
  emptyReport,
  missingFields,
  periodName,
  reportBody,
  reportPaths,
  reportValues,
  restoreReport,
} from "../lib/report-fields.tsx";
import { useCategories } from "../lib/categories.ts";
import type { Me } from "../lib/session.ts";

const DRAFT = "report:new";

/** What happens to a report once sent: who checks it, and that the TKSK hears back. */
function nextSteps(chain: readonly Level[]): Text {
  return {
    id:
      `Setelah dikirim, laporan diperiksa di tingkat ${chainWords(chain).id}. Anda mendapat pemberitahuan bila laporan ` +
      "disetujui, ditolak, atau dikembalikan untuk diperbaiki; laporan yang dikembalikan dapat Anda ubah lalu kirim ulang.",
    en:
      `Once sent, the report is checked at ${chainWords(chain).en} level. You are notified when it is approved, rejected ` +
      "or returned for revision; a returned report can be changed and sent again.",
  };
}

type Phase =
  | { step: "form" }
  /** Queued without a connection: sent by itself when it returns. */
  | { step: "waiting"; key: string; period: string }
  /** The server has it. `id` is unknown when it went out later, from the queue. */
  | { step: "sent"; period: string; item?: { id: string; number: string; chain: Level[] } };

function reportOf(entry: Queued | undefined): (Queued & { kind: "report" }) | undefined {
  return entry?.kind === "report" ? entry : undefined;
}

function ReportForm(props: { me: Me }) {
  const { me } = props;
  const [empty] = useState(() => emptyReport(me.regionCode));
  const draft = useDraft<ReportValues>(me.id, DRAFT, empty, restoreReport);
  const categories = useCategories();
  const outbox = useOutbox(me.id);
  const [phase, setPhase] = useState<Phase>({ step: "form" });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<Text | null>(null);
  const [busy, setBusy] = useState(false);

  // Opened to correct a refused report (from the list), or reopened while the last one still waits in the queue.
  useEffect(() => {
    const wanted = new URLSearchParams(location.search).get(CORRECT_PARAM);
    if (wanted) {
      history.replaceState(null, "", PAGES.newReport);
      const entry = reportOf(queued(me.id).find((e) => e.key === wanted));
      if (entry) {
        draft.set({ ...reportValues(entry.body), key: entry.key });
        setProblem(entry.refused ?? null);
      }
      return;
    }
    const entry = reportOf(queued(me.id).find((e) => e.key === draft.value.key));
    if (entry?.refused) setProblem(entry.refused);
    else if (entry) {
      setPhase({ step: "waiting", key: entry.key, period: entry.body.period });
      draft.clear();
    }
  }, []);

  // The queued report went out (gone from the queue) or the server refused it (back to the form, to correct).
  useEffect(() => {
    if (phase.step !== "waiting") return;
    const entry = reportOf(outbox.find((e) => e.key === phase.key));
    if (!entry) setPhase({ step: "sent", period: phase.period });
    else if (entry.refused) {
      draft.set({ ...reportValues(entry.body), key: entry.key });
      setProblem(entry.refused);
      setPhase({ step: "form" });
    }
  }, [outbox, phase]);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const missing = missingFields(draft.value);
    if (Object.keys(missing).length) {
      setErrors(missing);
      setProblem(CHECK_FIELDS);
      return;
    }
    // The key is kept with the draft first: sent again after a crash, the report is still created only once.
    const values = { ...draft.value, key: draft.value.key ?? newKey() };
    draft.set(values);
    setBusy(true);
    setErrors({});
    setProblem(null);
    const answer = await file(me.id, { kind: "report", key: values.key, body: reportBody(values) });
    setBusy(false);
    if (!answer) {
      draft.clear();
      setPhase({ step: "waiting", key: values.key, period: values.period });
    } else if (answer.ok) {
      draft.clear();
      const { id, number, chain } = answer.data;
      setPhase({ step: "sent", period: values.period, item: { id, number, chain } });
    } else {
      const { byPath, rest } = fieldErrors(answer, reportPaths(categories));
      setErrors(byPath);
      setProblem(rest[0] ?? (Object.keys(byPath).length ? CHECK_FIELDS : answer.text));
    }
  };

  if (phase.step !== "form") return <Done me={me} phase={phase} again={() => setPhase({ step: "form" })} />;

  const waiting = outbox.filter((e) => e.kind === "report" && !e.refused).length;
  return (
    <section aria-labelledby="report-h" class="report-form">
      <h2 id="report-h">{tr(say("Laporan bulanan baru", "New monthly report"))}</h2>
      <p id="report-next" class="muted">
        {tr(nextSteps(CHAIN_POLICY.report))}
      </p>
      {waiting ? (
        <p class="warn" role="status">
          {tr(
            say(
              `${waiting} laporan menunggu koneksi dan akan dikirim sendiri.`,
              `${waiting} report(s) waiting for a connection will be sent by themselves.`,
            ),
          )}{" "}
          <a href={PAGES.reports}>{tr(say("Laporan saya", "My reports"))}</a>
        </p>
      ) : null}
      {draft.restored ? (
        <p id="report-restored" class="ok" role="status">
          {tr(say("Draf Anda dipulihkan dari perangkat ini.", "Your draft was restored from this device."))}{" "}
          <button type="button" class="ghost" id="report-discard" onClick={() => draft.clear()}>
            {tr(say("Hapus draf", "Discard draft"))}
          </button>
        </p>
      ) : null}
      <form id="report-form" novalidate onSubmit={(e: Event) => void submit(e)}>
        <ReportFields
          id="report"
          values={draft.value}
          onChange={draft.set}
          errors={errors}
          categories={categories}
          disabled={busy}
        />
        <Notice id="report-alert" text={problem} />
        <button type="submit" id="report-send" disabled={busy}>
          {tr(busy ? say("Mengirim…", "Sending…") : say("Kirim laporan", "Send report"))}
        </button>
      </form>
    </section>
  );
}

/** After sending: where the report is, and what happens next. */
function Done(props: { me: Me; phase: Exclude<Phase, { step: "form" }>; again: () => void }) {
  const { phase } = props;
  const month = periodName(phase.period);
  let heading: Text;
  let body: Text;
  if (phase.step === "waiting") {
    heading = say("Menunggu koneksi", "Waiting for a connection");
    body = say(
      `Laporan ${month} tersimpan di perangkat ini dan akan dikirim sendiri begitu koneksi kembali, juga bila halaman ` +
        "ini ditutup dan dibuka lagi. Jangan kirim dua kali.",
      `The ${month} report is kept on this device and will be sent by itself as soon as the connection returns, ` +
        "also if this page is closed and opened again. Do not send it twice.",
    );
  } else {
    heading = say("Laporan terkirim", "Report sent");
    const number = phase.item ? ` ${phase.item.number}` : "";
    body = {
      id:
        `Laporan ${month}${number} sudah diterima. Sekarang menunggu keputusan di tingkat ` +
        `${chainWords(phase.item?.chain ?? CHAIN_POLICY.report).id}; Anda mendapat pemberitahuan bila laporan disetujui, ` +
        "ditolak, atau dikembalikan untuk diperbaiki.",
      en:
        `The ${month} report${number} has been received. It now waits for a decision at ` +
        `${chainWords(phase.item?.chain ?? CHAIN_POLICY.report).en} level; you are notified when it is approved, ` +
        "rejected or returned for revision.",
    };
  }
  return (
    <section aria-labelledby="done-h" class="report-done">
      <h2 id="done-h">{tr(heading)}</h2>
      <p id="done-text" class={phase.step === "waiting" ? "warn" : "ok"} role="status">
        {tr(body)}
      </p>
      <div class="actions">
        {phase.step === "sent" && phase.item ? (
          <a class="button" id="done-open" href={itemPath("report", phase.item.id)}>
            {tr(say("Lihat laporan", "Open the report"))}
          </a>
        ) : null}
        <a class="button ghost" id="done-list" href={PAGES.reports}>
          {tr(say("Laporan saya", "My reports"))}
        </a>
        <button type="button" class="ghost" id="done-again" onClick={props.again}>
          {tr(say("Buat laporan lain", "Write another report"))}
        </button>
      </div>
    </section>
  );
}

void startPage({ roles: ["tksk"], content: (me) => <ReportForm me={me} /> });
