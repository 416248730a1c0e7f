import { DECISION_ACTIONS } from "@rujuk/core/labels";
import type { Child } from "hono/jsx";
import type { JSX } from "hono/jsx/jsx-runtime";
import { ErrorLine } from "./field.tsx";
import { ReferralForm } from "./referral-form.tsx";

/** Where the page loads its one script and one stylesheet from (versioned URLs, so a release replaces them). */
export interface ShellAssets {
  script: string;
  stylesheet: string;
}

/** The app's name, as every page's header starts. */
export function Brand() {
  return (
    <h1>
      Rujuk <small>Rujukan PPKS</small>
    </h1>
  );
}

/** What a page shows until its script has started (`id`: the script hides it then), or without JavaScript at all. */
export function Loading(props: { id: string }) {
  return (
    <>
      <p id={props.id} class="muted">
        Memuat… <small>Loading</small>
      </p>
      <noscript>
        <p class="alert">
          Aplikasi ini memerlukan JavaScript. <small>JavaScript is required.</small>
        </p>
      </noscript>
    </>
  );
}

/** The header: the app's name and, once signed in, who is using it, the notifications button and sign-out. */
function Header() {
  return (
    <header>
      <div>
        <Brand />
        <div id="who" hidden>
          <span>
            <strong id="who-name"></strong> · <span id="who-role"></span> · <span id="who-region"></span>
          </span>
          <button
            type="button"
            id="notif-btn"
            class="ghost"
            title="Notifications"
            aria-controls="notif"
            aria-expanded="false"
          >
            Notifikasi <span id="notif-count" class="count"></span>
          </button>
          <button type="button" id="logout" class="ghost" title="Sign out">
            Keluar
          </button>
        </div>
      </div>
    </header>
  );
}

function Login() {
  return (
    <section id="login" hidden aria-labelledby="login-h">
      <h2 id="login-h">
        Masuk <small>Sign in</small>
      </h2>
      <form id="login-form" novalidate>
        <label for="username">
          Nama pengguna <small>Username</small>
        </label>
        <input
          id="username"
          name="username"
          autocomplete="username"
          autocapitalize="none"
          spellcheck={false}
          required
        />
        <label for="password">
          Kata sandi <small>Password</small>
        </label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
        <p id="login-alert" class="alert" role="alert"></p>
        <button type="submit" id="login-btn">
          Masuk
        </button>
      </form>
    </section>
  );
}

function Notifications() {
  return (
    <section id="notif" hidden aria-labelledby="notif-h">
      <div class="row">
        <h2 id="notif-h">
          Notifikasi <small>Notifications</small>
        </h2>
        <button type="button" id="notif-close" class="ghost">
          Tutup
        </button>
      </div>
      <p id="notif-alert" class="alert" role="alert"></p>
      <p id="notif-empty" class="muted" hidden>
        Belum ada notifikasi. <small>None yet.</small>
      </p>
      <ol id="notif-items" class="list"></ol>
    </section>
  );
}

function Inbox() {
  return (
    <section id="inbox" hidden aria-labelledby="inbox-h">
      <div class="row">
        <h2 id="inbox-h">
          Kotak masuk <small>Inbox</small>
        </h2>
        <button type="button" id="inbox-reload" class="ghost">
          Segarkan
        </button>
      </div>
      <label class="check">
        <input type="checkbox" id="overdue" />{" "}
        <span>
          Hanya yang terlambat <small>Overdue only</small>
        </span>
      </label>
      <p id="inbox-ok" class="ok" role="status" tabindex={-1}></p>
      <p id="inbox-alert" class="alert" role="alert"></p>
      <p id="inbox-empty" class="muted" hidden>
        Tidak ada berkas yang menunggu keputusan Anda. <small>Nothing waiting.</small>
      </p>
      <ol id="inbox-items" class="list"></ol>
      <button type="button" id="inbox-more" class="more" hidden>
        Muat lagi
      </button>
    </section>
  );
}

/** One decision button: its words in Bahasa Indonesia from core's labels, the English as its tooltip. */
function DecisionButton(props: { decision: keyof typeof DECISION_ACTIONS; class?: string }) {
  const action = DECISION_ACTIONS[props.decision];
  return (
    <button type="button" id={`dec-${props.decision}`} data-d={props.decision} class={props.class} title={action.en}>
      {action.id}
    </button>
  );
}

/** One item opened: its fields, decisions and timeline, and the decision form when the caller may decide. */
function Detail() {
  return (
    <section id="detail" hidden aria-labelledby="d-h">
      <button type="button" id="d-back" class="ghost">
        ← Kembali ke daftar
      </button>
      <h2 id="d-h" tabindex={-1}></h2>
      <p id="d-alert" class="alert" role="alert"></p>
      <dl id="d-fields"></dl>
      <h3>
        Keputusan <small>Decisions</small>
      </h3>
      <ol id="d-decisions" class="list"></ol>
      <h3>
        Riwayat <small>Timeline</small>
      </h3>
      <ol id="d-timeline" class="list"></ol>
      <form id="dec-form" novalidate hidden>
        <h3>
          Keputusan Anda <small>Your decision</small>
        </h3>
        <label for="comment">
          Catatan <small>Comment; wajib untuk Tolak dan Kembalikan</small>
        </label>
        <textarea id="comment" maxlength={2000} rows={3} aria-describedby="comment-err"></textarea>
        <ErrorLine for="comment" />
        <p id="dec-alert" class="alert" role="alert"></p>
        <div class="actions">
          <DecisionButton decision="approve" />
          <DecisionButton decision="reject" class="danger" />
          <DecisionButton decision="return" class="ghost" />
        </div>
      </form>
    </section>
  );
}

function NewReferral() {
  return (
    <section id="new" hidden aria-labelledby="new-h">
      <h2 id="new-h">
        Rujukan baru <small>New referral</small>
      </h2>
      <form id="ref-form" novalidate>
        <ReferralForm />
        <p id="form-alert" class="alert" role="alert"></p>
        <button type="button" id="form-retry" class="ghost" hidden>
          Muat ulang data formulir
        </button>
        <p id="form-ok" class="ok" role="status"></p>
        <p id="form-warn" class="warn" role="alert"></p>
        <button type="submit" id="send">
          Kirim rujukan
        </button>
      </form>
    </section>
  );
}

function Referrals() {
  return (
    <section id="list" hidden aria-labelledby="list-h">
      <div class="row">
        <h2 id="list-h">
          Rujukan <small>Referrals</small>
        </h2>
        <button type="button" id="reload" class="ghost">
          Segarkan
        </button>
      </div>
      <p id="list-ok" class="ok" role="status"></p>
      <p id="list-alert" class="alert" role="alert"></p>
      <p id="empty" class="muted" hidden>
        Belum ada rujukan. <small>None yet.</small>
      </p>
      <ol id="items" class="list"></ol>
      <button type="button" id="more" class="more" hidden>
        Muat lagi
      </button>
    </section>
  );
}

/** A page of the web UI: Indonesian, phone-sized, its one stylesheet and one deferred script (never inline code). */
export function Document(props: { assets: ShellAssets; title: string; children: Child }) {
  return (
    <html lang="id">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={props.assets.stylesheet} />
        <script src={props.assets.script} defer></script>
      </head>
      <body>{props.children}</body>
    </html>
  );
}

/**
 * The whole page: every view the client script switches between is here from the start, hidden until it is shown,
 * so the page is static and the script only fills it in.
 */
export function Shell(props: { assets: ShellAssets }) {
  return (
    <Document assets={props.assets} title="Rujuk – Rujukan PPKS">
      <Header />
      <main>
        <p id="top-alert" class="alert" role="alert"></p>
        <Loading id="boot" />
        <Login />
        <Notifications />
        <Inbox />
        <Detail />
        <section id="admin-note" hidden>
          <p class="muted">
            Akun admin: pengelolaan pengguna belum tersedia di sini. <small>User admin is API-only for now.</small>
          </p>
        </section>
        <NewReferral />
        <Referrals />
      </main>
    </Document>
  );
}

/** A page (a `Document`) rendered once to its text. Throws if a component in it ever became asynchronous. */
export function renderDocument(element: JSX.Element): string {
  // hono types an element as its rendered text; at run time it is a node whose text is a Promise as soon as any
  // component in the tree is async, so the text is checked, not trusted.
  const html: unknown = element instanceof Promise ? element : element.toString();
  if (typeof html !== "string") throw new Error("A page must render synchronously");
  return `<!doctype html>\n${html}\n`;
}

/** The page as served: the shell rendered once to a document. */
export function renderShell(assets: ShellAssets): string {
  return renderDocument(<Shell assets={assets} />);
}
