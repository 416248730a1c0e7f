import type { Text } from "@rujuk/core/bilingual";
import type { DecisionCode } from "@rujuk/core/status";
import { DECISION_LABELS, EVENT_LABELS } from "@rujuk/core/labels";
import { LEVELS } from "@rujuk/core/chain";
import { useEffect, useRef, useState } from "hono/jsx/dom";
import { type Body, api, send } from "../lib/api.ts";
import { Notice } from "../lib/form.tsx";
import { rememberList } from "../lib/item-view.tsx";
import { say, tr } from "../lib/lang.ts";
import { startPage } from "../lib/page.tsx";
import type { Me } from "../lib/session.ts";
import { InboxDetail } from "../inbox/detail.tsx";
import { InboxFilters } from "../inbox/filters.tsx";
import { type InboxItem, InboxList } from "../inbox/list.tsx";
import { type Filters, type Opened, filtered, inboxQuery, inboxSearch, readFilters, readOpened } from "../inbox/url.ts";

type Counts = Body<typeof api.inbox.counts.$get>;

const PAGE_SIZE = "20";
// A laptop's width: the list and the open item side by side (styles/inbox.ts uses the same width).
const WIDE = "(min-width: 64rem)";

/** Whether the screen is wide enough for the list and the item side by side, following resizes. */
function useWide(): boolean {
  const [wide, setWide] = useState(() => matchMedia(WIDE).matches);
  useEffect(() => {
    const query = matchMedia(WIDE);
    const changed = () => setWide(query.matches);
    query.addEventListener("change", changed);
    return () => query.removeEventListener("change", changed);
  }, []);
  return wide;
}

/** What waits, what is late, and what this level sent back and is still with its submitters. */
function CountsBar(props: { counts: Counts | null }) {
  const c = props.counts;
  const tile = (id: string, label: Text, n: number | undefined, late = false) => (
    <div class={late && n ? "tile alarm" : "tile"} id={id}>
      <span class="n">{n ?? "–"}</span>
      <span class="what">{tr(label)}</span>
    </div>
  );
  return (
    <div class="inbox-counts" role="status" aria-live="polite">
      {tile("count-waiting", say("Menunggu keputusan", "Waiting for a decision"), c?.waiting)}
      {tile("count-overdue", say("Terlambat", "Overdue"), c?.overdue, true)}
      {tile("count-returned", EVENT_LABELS.returned, c?.returned)}
    </div>
  );
}

const NOTHING_WAITS = say("Tidak ada berkas yang menunggu keputusan Anda.", "Nothing is waiting for your decision.");
const NOTHING_MATCHES = say(
  "Tidak ada berkas yang cocok dengan pencarian atau filter ini.",
  "No item matches this search or filter.",
);

function decidedText(number: string, decision: DecisionCode): Text {
  const label = DECISION_LABELS[decision];
  return say(
    `Keputusan tersimpan: ${number} ${label.id.toLowerCase()}.`,
    `Decision saved: ${number} ${label.en.toLowerCase()}.`,
  );
}

/**
 * An official's inbox: the counts, the filters and search, the items waiting at their level in their region, and on
 * a laptop the open item beside the list with the decision panel. The filters and the open item live in the address
 * (url.ts), so a reload and Back keep them; on a phone an item opens its own page.
 */
function Inbox(props: { me: Me }) {
  const { me } = props;
  const wide = useWide();
  const [filters, setFilters] = useState<Filters>(() => readFilters(location.search, me.regionCode));
  const [opened, setOpened] = useState<Opened | undefined>(() => readOpened(location.search));
  const [items, setItems] = useState<InboxItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [problem, setProblem] = useState<Text | null>(null);
  const [notice, setNotice] = useState<Text | null>(null);
  const [counts, setCounts] = useState<Counts | null>(null);
  const [round, setRound] = useState(0);
  const asked = useRef(0);
  const noticeRef = useRef<HTMLDivElement>(null);

  // The counts and the first page again whenever the filters change, or after a decision.
  useEffect(() => {
    const seq = ++asked.current;
    setLoading(true);
    setProblem(null);
    void send(() => api.inbox.$get({ query: { ...inboxQuery(filters), limit: PAGE_SIZE } })).then((r) => {
      if (seq !== asked.current) return;
      setLoading(false);
      if (!r.ok) return setProblem(r.text);
      setItems(r.data.items);
      setCursor(r.data.nextCursor);
    });
    void send(() => api.inbox.counts.$get()).then((r) => {
      if (seq === asked.current && r.ok) setCounts(r.data);
    });
  }, [filters, round]);

  // An item's page leads back here, to these filters and this open item (item-view's BackLink).
  useEffect(() => rememberList(me), [filters, opened]);

  // Back and Forward move between the open items and filters the address recorded.
  useEffect(() => {
    const moved = () => {
      setFilters(readFilters(location.search, me.regionCode));
      setOpened(readOpened(location.search));
    };
    addEventListener("popstate", moved);
    return () => removeEventListener("popstate", moved);
  }, []);

  const more = async () => {
    if (!cursor || loading) return;
    const seq = asked.current;
    setLoading(true);
    const r = await send(() => api.inbox.$get({ query: { ...inboxQuery(filters), limit: PAGE_SIZE, cursor } }));
    if (seq !== asked.current) return;
    setLoading(false);
    if (!r.ok) return setProblem(r.text);
    setItems((list) => [...list, ...r.data.items.filter((i) => !list.some((l) => l.id === i.id))]);
    setCursor(r.data.nextCursor);
  };

  const applyFilters = (next: Filters) => {
    history.replaceState(null, "", `${location.pathname}${inboxSearch(next, opened)}`);
    setNotice(null);
    setFilters(next);
  };
  const open = (next: Opened | undefined, replace = false) => {
    const url = `${location.pathname}${inboxSearch(filters, next)}`;
    if (replace) history.replaceState(null, "", url);
    else history.pushState(null, "", url);
    setOpened(next);
  };

  const decided = (number: string, decision: DecisionCode) => {
    const done = opened;
    // The item has left this level: it leaves the list, and the counts and list are asked again.
    setItems((list) => list.filter((i) => !(done && i.kind === done.kind && i.id === done.id)));
    open(undefined, true);
    setNotice(decidedText(number, decision));
    setRound((n) => n + 1);
    requestAnimationFrame(() => noticeRef.current?.focus());
  };

  return (
    <div class={wide ? "inbox two" : "inbox"}>
      <div class="inbox-main">
        <section aria-labelledby="inbox-h">
          <div class="row">
            <h2 id="inbox-h">{tr(say("Kotak masuk", "Inbox"))}</h2>
            <button type="button" class="ghost" id="inbox-reload" onClick={() => setRound((n) => n + 1)}>
              {tr(say("Muat ulang", "Reload"))}
            </button>
          </div>
          <CountsBar counts={counts} />
          <InboxFilters
            scope={me.regionCode}
            filters={filters}
            open={wide || filtered({ ...filters, q: undefined })}
            onChange={applyFilters}
          />
          <div tabindex={-1} ref={noticeRef}>
            <Notice id="inbox-ok" kind="ok" text={notice} />
          </div>
          <Notice id="inbox-alert" text={problem} />
          <InboxList items={items} opened={opened} onOpen={wide ? (o) => open(o) : undefined} />
          {!loading && !problem && items.length === 0 ? (
            <p class="muted" id="inbox-empty">
              {tr(filtered(filters) ? NOTHING_MATCHES : NOTHING_WAITS)}
            </p>
          ) : null}
          {loading ? (
            <p class="muted" id="inbox-loading">
              {tr(say("Memuat…", "Loading…"))}
            </p>
          ) : null}
          {cursor && !loading ? (
            <button type="button" class="ghost more" id="inbox-more" onClick={() => void more()}>
              {tr(say("Tampilkan lebih banyak", "Show more"))}
            </button>
          ) : null}
        </section>
      </div>
      {wide && opened ? (
        <InboxDetail
          me={me}
          opened={opened}
          onDecided={decided}
          onStale={() => setRound((n) => n + 1)}
          onClose={() => open(undefined)}
        />
      ) : null}
      {wide && !opened ? (
        <div class="inbox-detail" id="detail-none">
          <section>
            <p class="muted">
              {tr(
                say("Pilih berkas di daftar untuk membukanya di sini.", "Choose an item in the list to open it here."),
              )}
            </p>
          </section>
        </div>
      ) : null}
    </div>
  );
}

// The officials: each role is the approval level it decides at.
void startPage({ roles: LEVELS, content: (me) => <Inbox me={me} /> });
