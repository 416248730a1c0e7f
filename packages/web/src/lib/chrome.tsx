import { ROLE_LABELS } from "@rujuk/core/labels";
import { PAGES } from "@rujuk/core/pages";
import type { Child } from "hono/jsx";
import { useEffect, useState } from "hono/jsx/dom";
import { api, send } from "./api.ts";
import { chooseLang, currentLang, say, tr } from "./lang.ts";
import { NAV } from "./nav.ts";
import { regionName } from "./regions.ts";
import { type Me, forget } from "./session.ts";

const NATIONAL = say("Nasional", "National");

const UNREAD_CHANGED = "rujuk:unread-changed";

/** Tells the header that notifications were marked read on this page, so its count is asked again. */
export function unreadChanged(): void {
  dispatchEvent(new Event(UNREAD_CHANGED));
}

/** How many of the caller's newest notifications are unread (the first page of them). */
function useUnread(): number {
  const [unread, setUnread] = useState(0);
  useEffect(() => {
    const count = () =>
      void send(() => api.notifications.$get({ query: {} })).then((r) => {
        if (r.ok) setUnread(r.data.items.filter((n) => !n.read).length);
      });
    count();
    addEventListener(UNREAD_CHANGED, count);
    return () => removeEventListener(UNREAD_CHANGED, count);
  }, []);
  return unread;
}

async function signOut() {
  await send(() => api.auth.logout.$post());
  forget();
  location.assign(PAGES.signIn);
}

/** Every signed-in page's header: the app, the role's pages, who is signed in and where, language, sign-out. */
export function Header(props: { me: Me }) {
  const { me } = props;
  const [region, setRegion] = useState(me.regionCode);
  const unread = useUnread();
  useEffect(() => {
    void regionName(me.regionCode).then(setRegion);
  }, [me.regionCode]);
  const other = currentLang() === "id" ? "en" : "id";
  return (
    <header>
      <div>
        <h1>
          <a href="/">Rujuk</a>
        </h1>
        <nav aria-label={tr(say("Halaman", "Pages"))}>
          {NAV[me.role].map((link) => (
            <a href={link.path} aria-current={location.pathname === link.path ? "page" : undefined}>
              {tr(link.label)}
            </a>
          ))}
          <a href={PAGES.notifications} id="notif-link">
            {tr(say("Pemberitahuan", "Notifications"))}
            {unread > 0 ? <span class="count"> {unread}</span> : null}
          </a>
        </nav>
        <div id="who">
          <span>
            <strong>{me.name}</strong> · {tr(ROLE_LABELS[me.role])} · {region ? region : tr(NATIONAL)}
          </span>
          <button
            type="button"
            class="ghost"
            lang={other}
            title={other === "en" ? "Show the app in English" : "Tampilkan dalam Bahasa Indonesia"}
            onClick={() => chooseLang(other)}
          >
            {other === "en" ? "English" : "Bahasa Indonesia"}
          </button>
          <button type="button" id="logout" class="ghost" onClick={() => void signOut()}>
            {tr(say("Keluar", "Sign out"))}
          </button>
        </div>
      </div>
    </header>
  );
}

/** A page's frame: its header and its content. */
export function Frame(props: { me: Me; children: Child }) {
  return (
    <>
      <Header me={props.me} />
      <main>{props.children}</main>
    </>
  );
}
