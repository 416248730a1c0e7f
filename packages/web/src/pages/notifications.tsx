import type { Text } from "@rujuk/core/bilingual";
import { ROLES } from "@rujuk/core/role";
import { itemPath } from "@rujuk/core/pages";
import { useEffect, useState } from "hono/jsx/dom";
import { type Body, api, send } from "../lib/api.ts";
import { unreadChanged } from "../lib/chrome.tsx";
import { Notice } from "../lib/form.tsx";
import { rememberList, when } from "../lib/item-view.tsx";
import { currentLang, say, tr } from "../lib/lang.ts";
import { startPage } from "../lib/page.tsx";
import type { Me } from "../lib/session.ts";

type Note = Body<typeof api.notifications.$get>["items"][number];

const PAGE_SIZE = "25";
const MARK_READ = say("Tandai dibaca", "Mark read");
const NEW = say("Baru", "New");

/** The page of the item a notification is about, if it is about one. */
function pathOf(note: Note): string | undefined {
  if (note.referralId) return itemPath("referral", note.referralId);
  return note.reportId ? itemPath("report", note.reportId) : undefined;
}

function NoteRow(props: { me: Me; note: Note; busy: boolean; onRead: (note: Note) => Promise<void> }) {
  const { note } = props;
  const path = pathOf(note);
  const text = currentLang() === "en" ? note.textEn : note.text;
  return (
    <li class={note.read ? "read" : "unread"} data-id={note.id}>
      <div>
        <p class="text">
          {note.read ? null : <span class="badge new">{tr(NEW)}</span>}
          {path ? (
            <a
              href={path}
              onClick={(e: MouseEvent) => {
                // Opening it reads it: marked first (the item's page is then already past it), then opened.
                if (note.read || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
                e.preventDefault();
                void props.onRead(note).finally(() => location.assign(path));
              }}
            >
              {text}
            </a>
          ) : (
            text
          )}
        </p>
        <p class="muted">
          <time dateTime={note.createdAt}>{when(note.createdAt, props.me.regionCode)}</time>
        </p>
      </div>
      {note.read ? null : (
        <button type="button" class="ghost mark" disabled={props.busy} onClick={() => void props.onRead(note)}>
          {tr(MARK_READ)}
        </button>
      )}
    </li>
  );
}

/** The caller's notifications, newest first, each opening its item; unread ones marked, and marked read here. */
function Notifications(props: { me: Me }) {
  const [notes, setNotes] = useState<Note[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Text | null>(null);
  const [done, setDone] = useState<Text | null>(null);

  const load = async (after: string | null) => {
    setLoading(true);
    const r = await send(() =>
      api.notifications.$get({ query: { limit: PAGE_SIZE, ...(after ? { cursor: after } : {}) } }),
    );
    setLoading(false);
    if (!r.ok) return setProblem(r.text);
    setNotes((list) =>
      after ? [...list, ...r.data.items.filter((n) => !list.some((l) => l.id === n.id))] : r.data.items,
    );
    setCursor(r.data.nextCursor);
  };
  useEffect(() => {
    // An item opened from here leads back here (item-view's BackLink).
    rememberList(props.me);
    void load(null);
  }, []);

  const markRead = (ids: (id: string) => boolean) =>
    setNotes((list) => list.map((n) => (ids(n.id) ? { ...n, read: true } : n)));

  const readOne = async (note: Note) => {
    setProblem(null);
    const r = await send(() => api.notifications[":id"].read.$post({ param: { id: note.id } }));
    if (!r.ok) return setProblem(r.text);
    markRead((id) => id === note.id);
    unreadChanged();
  };

  const readAll = async () => {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    setDone(null);
    const r = await send(() => api.notifications["read-all"].$post());
    setBusy(false);
    if (!r.ok) return setProblem(r.text);
    markRead(() => true);
    setDone(say("Semua pemberitahuan sudah ditandai dibaca.", "Every notification is marked read."));
    unreadChanged();
  };

  const unread = notes.filter((n) => !n.read).length;
  return (
    <section aria-labelledby="notif-h">
      <div class="notif-tools">
        <h2 id="notif-h">
          {tr(say("Pemberitahuan", "Notifications"))}{" "}
          {unread ? <small id="notif-unread">{tr(say(`${unread} belum dibaca`, `${unread} unread`))}</small> : null}
        </h2>
        <button
          type="button"
          id="notif-read-all"
          class="ghost"
          // Unread ones may lie beyond the pages shown, so the button stays until every page is seen read.
          disabled={busy || (unread === 0 && !cursor)}
          onClick={() => void readAll()}
        >
          {tr(busy ? say("Menandai…", "Marking…") : say("Tandai semua dibaca", "Mark all read"))}
        </button>
      </div>
      <Notice id="notif-ok" kind="ok" text={done} />
      <Notice id="notif-alert" text={problem} />
      <ul class="list notif-list" id="notif-items">
        {notes.map((note) => (
          <NoteRow me={props.me} note={note} busy={busy} onRead={readOne} />
        ))}
      </ul>
      {!loading && notes.length === 0 && !problem ? (
        <p class="muted" id="notif-empty">
          {tr(say("Belum ada pemberitahuan.", "No notifications yet."))}
        </p>
      ) : null}
      {loading ? <p class="muted">{tr(say("Memuat…", "Loading…"))}</p> : null}
      {cursor && !loading ? (
        <button type="button" class="ghost more" id="notif-more" onClick={() => void load(cursor)}>
          {tr(say("Tampilkan lebih banyak", "Show more"))}
        </button>
      ) : null}
    </section>
  );
}

void startPage({ roles: ROLES, content: (me) => <Notifications me={me} /> });
