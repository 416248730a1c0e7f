import type { Text } from "@rujuk/core/bilingual";
import type { DecisionCode } from "@rujuk/core/status";
import { DECISION_LABELS, KIND_LABELS, LEVEL_LABELS } from "@rujuk/core/labels";
import { useEffect, useState } from "hono/jsx/dom";
import { type Body, api, send } from "../lib/api.ts";
import { type Category, categoryName, useCategories } from "../lib/categories.ts";
import { DecisionPanel } from "../lib/decide.tsx";
import { useDraft } from "../lib/drafts.ts";
import { CHECK_FIELDS, type FieldErrors, Notice, fieldErrors } from "../lib/form.tsx";
import {
  BackLink,
  Decisions,
  Facts,
  NotFound,
  RegionName,
  StatusBadge,
  Timeline,
  statusText,
  when,
} from "../lib/item-view.tsx";
import { say, tr } from "../lib/lang.ts";
import { startPage } from "../lib/page.tsx";
import { WithdrawSection } from "../lib/withdraw.tsx";
import {
  ReportFields,
  type ReportValues,
  chainWords,
  missingFields,
  periodName,
  reportBody,
  reportPaths,
  reportValues,
  restoreReport,
} from "../lib/report-fields.tsx";
import type { Me } from "../lib/session.ts";

type Report = Body<(typeof api.reports)[":id"]["$get"]>;

/** The report's id: the last segment of its path (`/laporan/<id>`, core's PAGES.report). */
function idFromPath(): string {
  const segment = location.pathname.split("/").filter(Boolean).pop() ?? "";
  try {
    return decodeURIComponent(segment);
  } catch {
    // A broken escape names no report: the API answers 404 for it as for any unknown id.
    return segment;
  }
}

/** The counts by category, in the categories' order, each by its name; a total below. */
function Counts(props: { counts: Record<string, number>; categories: readonly Category[] }) {
  const order = props.categories.map((c) => c.code);
  const codes = Object.keys(props.counts).sort((a, b) => {
    const [i, j] = [order.indexOf(a), order.indexOf(b)];
    return (i < 0 ? order.length : i) - (j < 0 ? order.length : j);
  });
  const total = codes.reduce((sum, code) => sum + (props.counts[code] ?? 0), 0);
  if (!codes.length) return <p class="muted">{tr(say("Tidak ada orang yang dicatat.", "No one was counted."))}</p>;
  return (
    <table class="counts-table" id="report-counts">
      <tbody>
        {codes.map((code) => (
          <tr data-code={code}>
            <th scope="row">{tr(categoryName(props.categories, code))}</th>
            <td>{props.counts[code]}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{tr(say("Jumlah", "Total"))}</th>
          <td>{total}</td>
        </tr>
      </tfoot>
    </table>
  );
}

/** The decision that sent the report back, with the official's note: what the TKSK must correct. */
function ReturnNote(props: { report: Report }) {
  const { report } = props;
  const returned = report.decisions.filter((d) => d.decision === "return").at(-1);
  if (!returned) return null;
  return (
    <aside class="return-note" id="return-note" aria-labelledby="return-note-h">
      <h3 id="return-note-h">{tr(say("Catatan petugas", "The official's note"))}</h3>
      <p class="note-text">{returned.comment}</p>
      <p class="muted">
        {returned.by.name} · {tr(LEVEL_LABELS[returned.level])} · {tr(DECISION_LABELS.return)} ·{" "}
        <time dateTime={returned.at}>{when(returned.at, report.kecamatanCode)}</time>
      </p>
    </aside>
  );
}

/** A returned report's edit form beside the official's note: saved (PUT), then sent back up (resubmit). */
function Revise(props: { me: Me; report: Report; categories: readonly Category[]; onDone: () => void }) {
  const { me, report } = props;
  const [start] = useState(() => reportValues(report));
  const draft = useDraft<ReportValues>(me.id, `report:${report.id}`, start, restoreReport);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<Text | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const missing = missingFields(draft.value);
    if (Object.keys(missing).length) {
      setErrors(missing);
      setProblem(CHECK_FIELDS);
      return;
    }
    setBusy(true);
    setErrors({});
    setProblem(null);
    const param = { id: report.id };
    const edited = await send(() => api.reports[":id"].$put({ param, json: reportBody(draft.value) }));
    if (!edited.ok) {
      setBusy(false);
      const { byPath, rest } = fieldErrors(edited, reportPaths(props.categories));
      setErrors(byPath);
      setProblem(rest[0] ?? (Object.keys(byPath).length ? CHECK_FIELDS : edited.text));
      return;
    }
    const sent = await send(() => api.reports[":id"].resubmit.$post({ param }));
    setBusy(false);
    if (!sent.ok) {
      // The changes are saved; only sending it back up failed. The same button tries both again.
      setProblem(sent.text);
      return;
    }
    draft.clear();
    props.onDone();
  };

  return (
    <section class="revise" aria-labelledby="revise-h">
      <h2 id="revise-h">{tr(say("Perbaiki dan kirim ulang", "Revise and send again"))}</h2>
      <p class="muted">
        {tr(
          say(
            `Laporan ini dikembalikan kepada Anda. Ubah yang diminta, lalu kirim ulang: laporan kembali diperiksa di tingkat ${chainWords(report.currentLevel ? [report.currentLevel] : report.chain).id}.`,
            `This report was returned to you. Change what was asked, then send it again: it is checked again at ${chainWords(report.currentLevel ? [report.currentLevel] : report.chain).en} level.`,
          ),
        )}
      </p>
      <div class="revise-grid">
        <ReturnNote report={report} />
        <form id="revise-form" novalidate onSubmit={(e: Event) => void submit(e)}>
          {draft.restored ? (
            <p class="ok" role="status" id="revise-restored">
              {tr(say("Perubahan Anda yang belum dikirim dipulihkan.", "Your unsent changes were restored."))}
            </p>
          ) : null}
          <ReportFields
            id="edit"
            values={draft.value}
            onChange={draft.set}
            errors={errors}
            categories={props.categories}
            disabled={busy}
          />
          <Notice id="revise-alert" text={problem} />
          <button type="submit" id="revise-send" disabled={busy}>
            {tr(busy ? say("Mengirim…", "Sending…") : say("Simpan dan kirim ulang", "Save and send again"))}
          </button>
        </form>
      </div>
    </section>
  );
}

/** What the page says once the official's decision is recorded. */
function decided(decision: DecisionCode | undefined): Text {
  const label = decision ? DECISION_LABELS[decision] : { id: "", en: "" };
  return say(`Keputusan tersimpan: ${label.id}.`, `Decision saved: ${label.en}.`);
}

/** What the page says of where the report stands, and what happens next. */
function standing(report: Report, own: boolean): Text | undefined {
  switch (report.status) {
    case "in_review":
      return report.currentLevel
        ? say(
            `Menunggu keputusan di tingkat ${LEVEL_LABELS[report.currentLevel].id}.`,
            `Waiting for a decision at ${LEVEL_LABELS[report.currentLevel].en} level.`,
          )
        : say("Sedang diteruskan ke tingkat pemeriksa.", "On its way to the level that checks it.");
    case "returned":
      return own
        ? say("Dikembalikan kepada Anda untuk diperbaiki.", "Returned to you for revision.")
        : say("Dikembalikan kepada pengaju untuk diperbaiki.", "Returned to the submitter for revision.");
    default:
      return undefined;
  }
}

function ReportPage(props: { me: Me }) {
  const { me } = props;
  const id = idFromPath();
  const categories = useCategories();
  const [report, setReport] = useState<Report | null | undefined>(undefined);
  const [problem, setProblem] = useState<Text | null>(null);
  const [done, setDone] = useState<Text | null>(null);

  const load = async () => {
    const r = await send(() => api.reports[":id"].$get({ param: { id }, query: { include: "timeline" } }));
    if (r.ok) {
      setProblem(null);
      setReport(r.data);
      document.title = `${tr(KIND_LABELS.report)} ${periodName(r.data.period)} – Rujuk`;
    } else if (r.status === 404) setReport(null);
    else setProblem(r.text);
  };

  useEffect(() => {
    void load();
  }, []);

  const after = (message: Text) => {
    setDone(message);
    void load();
    scrollTo(0, 0);
  };

  if (report === null) return <NotFound me={me} />;
  if (report === undefined)
    return (
      <section>
        <p class="muted" role="status">
          {problem ? "" : tr(say("Memuat…", "Loading…"))}
        </p>
        <Notice id="report-alert" text={problem} />
        {problem ? (
          <button type="button" class="ghost" onClick={() => void load()}>
            {tr(say("Coba lagi", "Try again"))}
          </button>
        ) : null}
      </section>
    );

  const own = report.submittedBy.id === me.id;
  const where = standing(report, own);
  const open = report.status === "in_review" || report.status === "returned";
  return (
    <div class="report-page">
      <section class="report-head" aria-labelledby="d-h">
        <BackLink me={me} />
        <div class="row">
          <h2 id="d-h">
            {tr(KIND_LABELS.report)} {periodName(report.period)}
          </h2>
          <StatusBadge item={report} />
        </div>
        <Notice id="report-done" kind="ok" text={done} />
        {where ? (
          <p id="report-where" class={report.status === "returned" && own ? "warn" : "muted"}>
            {tr(where)}
          </p>
        ) : null}
        <Facts
          id="report-facts"
          rows={[
            [say("Nomor", "Number"), report.number],
            [say("Bulan", "Month"), periodName(report.period)],
            [say("Status", "Status"), statusText(report)],
            [say("Alur pemeriksaan", "Checked at"), tr(chainWords(report.chain))],
            [say("Pengaju", "Submitted by"), report.submittedBy.name],
            [say("Kecamatan", "Kecamatan"), <RegionName code={report.kecamatanCode} />],
            [say("Dikirim", "Sent"), when(report.createdAt, report.kecamatanCode)],
            [say("Diperbarui", "Updated"), when(report.updatedAt, report.kecamatanCode)],
            [
              say("Tenggat keputusan", "Decision due"),
              report.status === "in_review" && report.dueAt ? when(report.dueAt, report.kecamatanCode) : undefined,
            ],
          ]}
        />
      </section>
      {own && report.status === "returned" ? (
        <Revise
          me={me}
          report={report}
          categories={categories}
          onDone={() => after(say("Laporan dikirim ulang.", "The report was sent again."))}
        />
      ) : null}
      <div class="report-main">
        <section aria-labelledby="counts-h" class="report-counts">
          <h2 id="counts-h">{tr(say("Orang dilayani per kategori PPKS", "People served per PPKS category"))}</h2>
          <Counts counts={report.counts} categories={categories} />
        </section>
        <section aria-labelledby="activities-h" class="report-text">
          <h2 id="activities-h">{tr(say("Kegiatan", "Activities"))}</h2>
          <p id="report-activities" class="pre">
            {report.activities}
          </p>
          {report.notes ? (
            <>
              <h3>{tr(say("Catatan", "Notes"))}</h3>
              <p id="report-notes" class="pre">
                {report.notes}
              </p>
            </>
          ) : null}
        </section>
      </div>
      <div class="report-side">
        <DecisionPanel
          kind="report"
          item={report}
          me={me}
          onDecided={(d) => after(decided(d.decisions.at(-1)?.decision))}
          onStale={() => void load()}
        />
        <section aria-labelledby="decisions-h">
          <h2 id="decisions-h">{tr(say("Keputusan", "Decisions"))}</h2>
          <Decisions id="report-decisions" decisions={report.decisions} regionCode={report.kecamatanCode} />
        </section>
        <section aria-labelledby="timeline-h">
          <h2 id="timeline-h">{tr(say("Riwayat", "History"))}</h2>
          <Timeline id="report-timeline" events={report.timeline ?? []} regionCode={report.kecamatanCode} />
        </section>
        {own && open ? <WithdrawSection kind="report" item={report} onDone={after} /> : null}
      </div>
    </div>
  );
}

void startPage({
  roles: ["tksk", "kecamatan", "kabupaten", "provinsi", "auditor"],
  content: (me) => <ReportPage me={me} />,
});
