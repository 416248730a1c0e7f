import type { Text } from "@rujuk/core/bilingual";
import { STATUSES, type Status } from "@rujuk/core/status";
import { LEVEL_LABELS, STATUS_LABELS } from "@rujuk/core/labels";
import { PAGES, itemPath } from "@rujuk/core/pages";
import { useEffect, useRef, useState } from "hono/jsx/dom";
import { type Body, api, send } from "../lib/api.ts";
import { categoryName, useCategories } from "../lib/categories.ts";
import { Notice } from "../lib/form.tsx";
import { StatusBadge, rememberList, when } from "../lib/item-view.tsx";
import { say, tr } from "../lib/lang.ts";
import { type Queued, useOutbox } from "../lib/outbox.ts";
import { startPage } from "../lib/page.tsx";
import { discardQueued, fixLink } from "../lib/referral-queue.ts";
import type { Me } from "../lib/session.ts";

type Row = Body<typeof api.referrals.$get>["items"][number];

const PAGE_SIZE = 20;

// Named by the list's own address (`?status=returned`), so a reload and Back keep the filter.
const isStatus = (value: string | null): value is Status => STATUSES.some((s) => s === value);
function statusInAddress(): Status | "" {
  const wanted = new URLSearchParams(location.search).get("status");
  return isStatus(wanted) ? wanted : "";
}

/** The last return's note on a returned referral: what the official asked the TKSK to correct. */
function returnNote(row: Row) {
  const last = row.decisions.at(-1);
  if (row.status !== "returned" || !last || last.decision !== "return" || !last.comment) return null;
  return (
    <p class="warn note">
      {tr(say(`Catatan ${LEVEL_LABELS[last.level].id}:`, `Note from ${LEVEL_LABELS[last.level].en}:`))} {last.comment}
    </p>
  );
}

function ReferralRow(props: { row: Row; names: ReturnType<typeof useCategories> }) {
  const { row } = props;
  return (
    <li data-id={row.id}>
      <a class="item" href={itemPath("referral", row.id)}>
        <span class="row">
          <strong>{row.number}</strong>
          <StatusBadge item={row} />
        </span>
        <span class="who">{row.subject.name}</span>
        <span class="muted">{tr(categoryName(props.names, row.category))}</span>
        <span class="muted">
          {tr(say("Dibuat", "Filed"))} <time dateTime={row.createdAt}>{when(row.createdAt, row.kecamatanCode)}</time>
        </span>
      </a>
      {returnNote(row)}
    </li>
  );
}

/** A referral of this browser's outbox: waiting for the connection, or refused by the server with its reason. */
function QueuedRow(props: { me: Me; entry: Queued & { kind: "referral" } }) {
  const { me, entry } = props;
  const [asking, setAsking] = useState(false);
  return (
    <li data-key={entry.key} class={entry.refused ? "refused" : "waiting"}>
      <span class="row">
        <strong>{entry.body.subject.name || tr(say("(tanpa nama)", "(no name)"))}</strong>
        <span class={`badge ${entry.refused ? "s-rejected" : "s-returned"}`}>
          {tr(entry.refused ? say("Belum diterima server", "Not accepted by the server") : WAITING)}
        </span>
      </span>
      <span class="muted">
        {tr(say("Disimpan", "Saved"))} <time dateTime={entry.queuedAt}>{when(entry.queuedAt, me.regionCode)}</time>
      </span>
      {entry.refused ? (
        <>
          <p class="alert">
            {[entry.refused, ...(entry.refusedFields ?? []).map((f) => f.text)].map((t) => tr(t)).join(" ")}
          </p>
          <div class="actions">
            <a class="button" href={fixLink(me.id, entry.key)}>
              {tr(say("Perbaiki", "Correct it"))}
            </a>
            {asking ? (
              <>
                <button type="button" class="danger" onClick={() => discardQueued(me.id, entry.key)}>
                  {tr(say("Ya, buang", "Yes, discard"))}
                </button>
                <button type="button" class="ghost" onClick={() => setAsking(false)}>
                  {tr(say("Batal", "Cancel"))}
                </button>
              </>
            ) : (
              <button type="button" class="ghost" onClick={() => setAsking(true)}>
                {tr(say("Buang", "Discard"))}
              </button>
            )}
          </div>
        </>
      ) : (
        <p class="muted">
          {tr(say("Dikirim sendiri saat koneksi kembali.", "Sent by itself when the connection returns."))}
        </p>
      )}
    </li>
  );
}

const WAITING = say("Menunggu koneksi", "Waiting for a connection");

function Outbox(props: { me: Me; entries: Queued[] }) {
  const entries = props.entries.flatMap((e) => (e.kind === "referral" ? [e] : []));
  if (!entries.length) return null;
  return (
    <section aria-labelledby="outbox-h" id="outbox">
      <h2 id="outbox-h">{tr(say("Belum terkirim", "Not sent yet"))}</h2>
      <ul class="list">
        {entries.map((entry) => (
          <QueuedRow me={props.me} entry={entry} />
        ))}
      </ul>
    </section>
  );
}

interface Listing {
  rows: Row[];
  next: string | null;
  loading: boolean;
  problem: Text | null;
}

function Referrals(props: { me: Me }) {
  const { me } = props;
  const names = useCategories();
  const [status, setStatus] = useState<Status | "">(statusInAddress);
  const [list, setList] = useState<Listing>({ rows: [], next: null, loading: true, problem: null });
  const [asked, setAsked] = useState(0);
  // Only the answer to the last request is drawn: a filter changed meanwhile makes an earlier one stale.
  const latest = useRef(0);

  const load = async (cursor: string | null, shown: Row[]) => {
    const mine = ++latest.current;
    setList({ rows: shown, next: cursor, loading: true, problem: null });
    const query = { limit: String(PAGE_SIZE), ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) };
    const r = await send(() => api.referrals.$get({ query }));
    if (mine !== latest.current) return;
    if (!r.ok) return setList({ rows: shown, next: cursor, loading: false, problem: r.text });
    setList({ rows: [...shown, ...r.data.items], next: r.data.nextCursor, loading: false, problem: null });
  };

  useEffect(() => {
    rememberList(me);
    void load(null, []);
  }, [status, asked]);

  // A referral that left the outbox is on the server now, and the list shows it; so does a list that could not be
  // had offline once the connection is back.
  const outbox = useOutbox(me.id);
  const waiting = outbox.filter((e) => e.kind === "referral" && !e.refused).length;
  const before = useRef(waiting);
  useEffect(() => {
    if (waiting < before.current) setAsked((n) => n + 1);
    before.current = waiting;
  }, [waiting]);
  useEffect(() => {
    const again = () => setAsked((n) => n + 1);
    window.addEventListener("online", again);
    return () => window.removeEventListener("online", again);
  }, []);

  const choose = (e: Event) => {
    const value = e.target instanceof HTMLSelectElement ? e.target.value : "";
    const next = isStatus(value) ? value : "";
    history.replaceState(null, "", next ? `${PAGES.referrals}?status=${next}` : PAGES.referrals);
    setStatus(next);
  };

  const tksk = me.role === "tksk";
  return (
    <>
      {tksk ? <Outbox me={me} entries={outbox} /> : null}
      <section aria-labelledby="list-h" id="list" aria-busy={list.loading ? "true" : undefined}>
        <div class="row">
          <h2 id="list-h">
            {tr(
              tksk ? say("Rujukan saya", "My referrals") : say("Rujukan di wilayah Anda", "Referrals in your region"),
            )}
          </h2>
          {tksk ? (
            <a class="button" id="new-link" href={PAGES.newReferral}>
              {tr(say("Rujukan baru", "New referral"))}
            </a>
          ) : null}
        </div>
        <div class="filters">
          <label for="status">{tr(say("Status", "Status"))}</label>
          <select id="status" value={status} onChange={choose}>
            <option value="">{tr(say("Semua", "All"))}</option>
            {STATUSES.map((s) => (
              <option value={s}>{tr(STATUS_LABELS[s])}</option>
            ))}
          </select>
          <button type="button" class="ghost" id="reload" onClick={() => setAsked(asked + 1)}>
            {tr(say("Muat ulang", "Reload"))}
          </button>
        </div>
        <Notice id="list-alert" text={list.problem} />
        <ul class="list referrals" id="items">
          {list.rows.map((row) => (
            <ReferralRow row={row} names={names} />
          ))}
        </ul>
        {!list.loading && !list.problem && list.rows.length === 0 ? (
          <p class="muted" id="empty">
            {tr(
              status
                ? say("Tidak ada rujukan dengan status ini.", "No referral has this status.")
                : tksk
                  ? say("Anda belum mengirim rujukan.", "You have not sent a referral yet.")
                  : say("Belum ada rujukan.", "No referrals yet."),
            )}
          </p>
        ) : null}
        {list.loading ? <p class="muted">{tr(say("Memuat…", "Loading…"))}</p> : null}
        {list.next && !list.loading ? (
          <button type="button" class="ghost more" id="more" onClick={() => void load(list.next, list.rows)}>
            {tr(say("Muat lagi", "Load more"))}
          </button>
        ) : null}
      </section>
    </>
  );
}

void startPage({
  // Whoever may read referrals (the API scopes each list): a TKSK their own, officials and auditors their region.
  roles: ["tksk", "kecamatan", "kabupaten", "provinsi", "auditor"],
  content: (me) => <Referrals me={me} />,
});
