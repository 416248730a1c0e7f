import type { Text } from "@rujuk/core/bilingual";
import { STATUSES, type Status } from "@rujuk/core/status";
import { STATUS_LABELS } from "@rujuk/core/labels";
import { PAGES, itemPath } from "@rujuk/core/pages";
import { useEffect, useState } from "hono/jsx/dom";
import { type Body, api, send } from "../lib/api.ts";
import { Notice } from "../lib/form.tsx";
import { RegionName, StatusBadge, rememberList, when } from "../lib/item-view.tsx";
import { say, tr } from "../lib/lang.ts";
import { type Queued, drop, useOutbox } from "../lib/outbox.ts";
import { startPage } from "../lib/page.tsx";
import { CORRECT_PARAM, periodName } from "../lib/report-fields.tsx";
import type { Me } from "../lib/session.ts";

type ReportRow = Body<typeof api.reports.$get>["items"][number];

// A phone on a slow line shows a page quickly; the next is a tap away.
const PAGE_SIZE = "20";

function isStatus(value: string): value is Status {
  return STATUSES.some((status) => status === value);
}

const ALL = say("Semua status", "All statuses");
const WAITING = say("Menunggu koneksi", "Waiting for a connection");

/** What a TKSK reads of a report in review or returned: who has it now. */
function whereItIs(row: ReportRow, me: Me): Text | undefined {
  if (row.status === "returned")
    return me.id === row.submittedBy.id
      ? say("Perlu Anda perbaiki lalu kirim ulang", "Needs your revision, then send it again")
      : say("Menunggu perbaikan pengaju", "Waiting for the submitter's revision");
  return undefined;
}

function Row(props: { row: ReportRow; me: Me }) {
  const { row, me } = props;
  const own = row.submittedBy.id === me.id;
  const where = whereItIs(row, me);
  return (
    <li data-id={row.id}>
      <p class="row">
        <a href={itemPath("report", row.id)} class="report-link">
          <strong>{periodName(row.period)}</strong>
        </a>
        <StatusBadge item={row} />
      </p>
      {where ? <p class={row.status === "returned" && own ? "warn-text" : "muted"}>{tr(where)}</p> : null}
      <p class="muted">
        {row.number} · {tr(say("Dikirim", "Sent"))}{" "}
        <time dateTime={row.createdAt}>{when(row.createdAt, row.kecamatanCode)}</time>
        {row.updatedAt !== row.createdAt ? (
          <>
            {" "}
            · {tr(say("Diperbarui", "Updated"))}{" "}
            <time dateTime={row.updatedAt}>{when(row.updatedAt, row.kecamatanCode)}</time>
          </>
        ) : null}
      </p>
      {own ? null : (
        <p class="muted">
          {row.submittedBy.name} · <RegionName code={row.kecamatanCode} />
        </p>
      )}
    </li>
  );
}

/** A report still on this device: waiting for a connection, or refused by the server with why, to correct. */
function QueuedRow(props: { entry: Queued & { kind: "report" }; me: Me }) {
  const { entry, me } = props;
  const [asking, setAsking] = useState(false);
  return (
    <li data-key={entry.key} class={entry.refused ? "refused" : "queued"}>
      <p class="row">
        <strong>{periodName(entry.body.period)}</strong>
        <span class={`badge ${entry.refused ? "s-rejected" : "s-waiting"}`}>
          {tr(entry.refused ? say("Belum diterima", "Not accepted") : WAITING)}
        </span>
      </p>
      <p class="muted">
        {tr(say("Disimpan di perangkat ini", "Kept on this device"))}{" "}
        <time dateTime={entry.queuedAt}>{when(entry.queuedAt, me.regionCode)}</time>
      </p>
      {entry.refused ? (
        <>
          <p class="alert" role="alert">
            {tr(entry.refused)}
          </p>
          <div class="actions">
            <a class="button" href={`${PAGES.newReport}?${CORRECT_PARAM}=${encodeURIComponent(entry.key)}`}>
              {tr(say("Perbaiki", "Correct it"))}
            </a>
            {asking ? (
              <button type="button" class="danger" onClick={() => drop(me.id, entry.key)}>
                {tr(say("Ya, hapus laporan ini", "Yes, delete this report"))}
              </button>
            ) : (
              <button type="button" class="ghost" onClick={() => setAsking(true)}>
                {tr(say("Hapus", "Delete"))}
              </button>
            )}
          </div>
        </>
      ) : (
        <p class="muted">
          {tr(
            say(
              "Akan dikirim sendiri begitu koneksi kembali. Tidak perlu dikirim lagi.",
              "It will be sent by itself as soon as the connection returns. No need to send it again.",
            ),
          )}
        </p>
      )}
    </li>
  );
}

function Reports(props: { me: Me }) {
  const { me } = props;
  const tksk = me.role === "tksk";
  const outbox = useOutbox(me.id);
  const [status, setStatus] = useState<Status | "">("");
  const [rows, setRows] = useState<ReportRow[] | undefined>(undefined);
  const [next, setNext] = useState<string | null>(null);
  const [problem, setProblem] = useState<Text | null>(null);
  const [busy, setBusy] = useState(false);

  const load = async (cursor: string | null) => {
    setBusy(true);
    setProblem(null);
    const query = { limit: PAGE_SIZE, ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) };
    const r = await send(() => api.reports.$get({ query }));
    setBusy(false);
    if (!r.ok) return setProblem(r.text);
    setRows((before) => (cursor ? [...(before ?? []), ...r.data.items] : r.data.items));
    setNext(r.data.nextCursor);
  };

  useEffect(() => {
    rememberList(me);
    setRows(undefined);
    void load(null);
  }, [status]);

  // A queued report that went out now has its row: the list is asked again once the queue shrinks.
  const waiting = outbox.flatMap((e) => (e.kind === "report" ? [e] : []));
  const [seen, setSeen] = useState(waiting.length);
  useEffect(() => {
    if (waiting.length < seen) void load(null);
    setSeen(waiting.length);
  }, [waiting.length]);

  return (
    <>
      <section aria-labelledby="reports-h" class="reports">
        <div class="row reports-head">
          <h2 id="reports-h">{tr(tksk ? say("Laporan saya", "My reports") : say("Daftar laporan", "Reports"))}</h2>
          {tksk ? (
            <a class="button" id="new-report" href={PAGES.newReport}>
              {tr(say("Laporan baru", "New report"))}
            </a>
          ) : null}
        </div>
        {tksk ? (
          <p class="muted">
            {tr(
              say(
                "Laporan bulanan kegiatan Anda dan jumlah orang yang dilayani per kategori PPKS.",
                "Your monthly reports of activities and people served per PPKS category.",
              ),
            )}
          </p>
        ) : null}
        {waiting.length ? (
          <>
            <h3>{tr(say("Di perangkat ini", "On this device"))}</h3>
            <ul class="list" id="outbox-items">
              {waiting.map((entry) => (
                <QueuedRow entry={entry} me={me} />
              ))}
            </ul>
          </>
        ) : null}
        <div class="field">
          <label for="status-filter">{tr(say("Status", "Status"))}</label>
          <select
            id="status-filter"
            value={status}
            onChange={(e: Event) => {
              const chosen = e.target instanceof HTMLSelectElement ? e.target.value : "";
              setStatus(isStatus(chosen) ? chosen : "");
            }}
          >
            <option value="">{tr(ALL)}</option>
            {STATUSES.map((s) => (
              <option value={s}>{tr(STATUS_LABELS[s])}</option>
            ))}
          </select>
        </div>
        {rows === undefined ? (
          problem ? null : (
            <p class="muted" role="status">
              {tr(say("Memuat…", "Loading…"))}
            </p>
          )
        ) : rows.length ? (
          <ul class="list" id="report-items">
            {rows.map((row) => (
              <Row row={row} me={me} />
            ))}
          </ul>
        ) : (
          <p class="muted" id="reports-empty">
            {tr(
              status
                ? say("Tidak ada laporan dengan status ini.", "No reports with this status.")
                : tksk
                  ? say("Anda belum mengirim laporan.", "You have not sent a report yet.")
                  : say("Belum ada laporan.", "No reports yet."),
            )}
          </p>
        )}
        <Notice id="reports-alert" text={problem} />
        {problem ? (
          <button type="button" class="ghost more" onClick={() => void load(null)}>
            {tr(say("Coba lagi", "Try again"))}
          </button>
        ) : null}
        {next && !problem ? (
          <button type="button" class="ghost more" id="reports-more" disabled={busy} onClick={() => void load(next)}>
            {tr(busy ? say("Memuat…", "Loading…") : say("Muat lagi", "Load more"))}
          </button>
        ) : null}
      </section>
    </>
  );
}

void startPage({
  roles: ["tksk", "kecamatan", "kabupaten", "provinsi", "auditor"],
  content: (me) => <Reports me={me} />,
});
