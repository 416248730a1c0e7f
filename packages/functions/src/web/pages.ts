import { createHash } from "node:crypto";
import type { Text } from "@rujuk/core/bilingual";
import { DECISION_ACTIONS, SEX_LABELS, URGENCY_LABELS } from "@rujuk/core/labels";
import { Hono } from "hono";
import type { Env } from "../deps.ts";
import { APP_JS } from "./client.ts";
import { APP_CSS } from "./styles.ts";

/**
 * The web UI for field officers on slow connections: one HTML page, one script, one stylesheet, all static strings
 * (a few KB, nothing from a CDN). The script does the rest over the JSON API under /api.
 */

// Only our own script, styles and API; no inline code, no framing. Also sent with the assets, where it is harmless.
export const WEB_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; " +
  "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const version = (text: string) => createHash("sha256").update(text).digest("base64url").slice(0, 12);
const JS_VERSION = version(APP_JS);
const CSS_VERSION = version(APP_CSS);

/** A labelled control with its error line; `path` is the API field the server names in `errors[].path`. */
function field(id: string, path: string, label: string, control: string): string {
  return (
    `<label for="${id}">${label}</label>\n` +
    control.replace(/^<(\w+)/, `<$1 id="${id}" data-path="${path}" data-err="${id}-err" aria-describedby="${id}-err"`) +
    `\n<p class="err" id="${id}-err"></p>`
  );
}

/** A select option's words: the label in Bahasa Indonesia, its English in brackets (an option holds no markup). */
function option(label: Text): string {
  return `${label.id} (${label.en})`;
}

const REFERRAL_FORM = [
  `<fieldset><legend>Orang yang dirujuk <small>Person referred</small></legend>`,
  field(
    "nik",
    "subject.nik",
    `NIK <small>16 digit</small>`,
    `<input inputmode="numeric" maxlength="20" autocomplete="off" required>`,
  ),
  field(
    "name",
    "subject.name",
    `Nama lengkap <small>Full name</small>`,
    `<input maxlength="120" autocomplete="off" required>`,
  ),
  field(
    "birth",
    "subject.birthDate",
    `Tanggal lahir <small>Date of birth</small>`,
    `<input type="date" min="1900-01-01" required>`,
  ),
  `<fieldset id="sex" data-path="subject.sex" data-err="sex-err" aria-describedby="sex-err">`,
  `<legend>Jenis kelamin <small>Sex</small></legend><div class="choice">`,
  `<label><input type="radio" name="sex" value="L" id="sex-l"> ${SEX_LABELS.L.id} (L)</label>`,
  `<label><input type="radio" name="sex" value="P" id="sex-p"> ${SEX_LABELS.P.id} (P)</label></div>`,
  `<p class="err" id="sex-err"></p></fieldset>`,
  field(
    "address",
    "subject.address",
    `Alamat <small>Address</small>`,
    `<textarea maxlength="300" rows="2" required></textarea>`,
  ),
  field(
    "desa",
    "subject.desaCode",
    `Desa/kelurahan <small>Village</small>`,
    `<select required><option value="">— Pilih desa —</option></select>`,
  ),
  `</fieldset>`,
  field(
    "category",
    "category",
    `Kategori PPKS <small>Category</small>`,
    `<select required><option value="">— Pilih kategori —</option></select>`,
  ),
  field(
    "urgency",
    "urgency",
    `Urgensi <small>Urgency</small>`,
    `<select><option value="normal">${option(URGENCY_LABELS.normal)}</option>` +
      `<option value="urgent">${option(URGENCY_LABELS.urgent)}</option>` +
      `<option value="emergency">${option(URGENCY_LABELS.emergency)}</option></select>`,
  ),
  field(
    "service",
    "service",
    `Layanan yang dibutuhkan <small>Service needed</small>`,
    `<textarea maxlength="500" rows="2" required></textarea>`,
  ),
  field(
    "summary",
    "summary",
    `Ringkasan kasus <small>Case summary</small>`,
    `<textarea maxlength="4000" rows="4" required></textarea>`,
  ),
  `<label class="check"><input type="checkbox" id="consent" data-path="consent" data-err="consent-err" aria-describedby="consent-err" required>`,
  `<span>Orang yang dirujuk (atau walinya) setuju untuk dirujuk. <small>Consent given</small></span></label>`,
  `<p class="err" id="consent-err"></p>`,
].join("\n");

const PAGE = `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Rujuk – Rujukan PPKS</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/app.css?v=${CSS_VERSION}">
<script src="/app.js?v=${JS_VERSION}" defer></script>
</head>
<body>
<header><div>
<h1>Rujuk <small>Rujukan PPKS</small></h1>
<div id="who" hidden><span><strong id="who-name"></strong> · <span id="who-role"></span> · <span id="who-region"></span></span>
<button type="button" id="notif-btn" class="ghost" title="Notifications" aria-controls="notif" aria-expanded="false">Notifikasi <span id="notif-count" class="count"></span></button>
<button type="button" id="logout" class="ghost" title="Sign out">Keluar</button></div>
</div></header>
<main>
<p id="top-alert" class="alert" role="alert"></p>
<p id="boot" class="muted">Memuat… <small>Loading</small></p>
<noscript><p class="alert">Aplikasi ini memerlukan JavaScript. <small>JavaScript is required.</small></p></noscript>

<section id="login" hidden aria-labelledby="login-h">
<h2 id="login-h">Masuk <small>Sign in</small></h2>
<form id="login-form" novalidate>
<label for="username">Nama pengguna <small>Username</small></label>
<input id="username" name="username" autocomplete="username" autocapitalize="none" spellcheck="false" required>
<label for="password">Kata sandi <small>Password</small></label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<p id="login-alert" class="alert" role="alert"></p>
<button type="submit" id="login-btn">Masuk</button>
</form>
</section>

<section id="notif" hidden aria-labelledby="notif-h">
<div class="row"><h2 id="notif-h">Notifikasi <small>Notifications</small></h2>
<button type="button" id="notif-close" class="ghost">Tutup</button></div>
<p id="notif-alert" class="alert" role="alert"></p>
<p id="notif-empty" class="muted" hidden>Belum ada notifikasi. <small>None yet.</small></p>
<ol id="notif-items" class="list"></ol>
</section>

<section id="inbox" hidden aria-labelledby="inbox-h">
<div class="row"><h2 id="inbox-h">Kotak masuk <small>Inbox</small></h2>
<button type="button" id="inbox-reload" class="ghost">Segarkan</button></div>
<label class="check"><input type="checkbox" id="overdue"> <span>Hanya yang terlambat <small>Overdue only</small></span></label>
<p id="inbox-ok" class="ok" role="status" tabindex="-1"></p>
<p id="inbox-alert" class="alert" role="alert"></p>
<p id="inbox-empty" class="muted" hidden>Tidak ada berkas yang menunggu keputusan Anda. <small>Nothing waiting.</small></p>
<ol id="inbox-items" class="list"></ol>
<button type="button" id="inbox-more" class="more" hidden>Muat lagi</button>
</section>

<section id="detail" hidden aria-labelledby="d-h">
<button type="button" id="d-back" class="ghost">\u2190 Kembali ke daftar</button>
<h2 id="d-h" tabindex="-1"></h2>
<p id="d-alert" class="alert" role="alert"></p>
<dl id="d-fields"></dl>
<h3>Keputusan <small>Decisions</small></h3>
<ol id="d-decisions" class="list"></ol>
<h3>Riwayat <small>Timeline</small></h3>
<ol id="d-timeline" class="list"></ol>
<form id="dec-form" novalidate hidden>
<h3>Keputusan Anda <small>Your decision</small></h3>
<label for="comment">Catatan <small>Comment; wajib untuk Tolak dan Kembalikan</small></label>
<textarea id="comment" maxlength="2000" rows="3" aria-describedby="comment-err"></textarea>
<p class="err" id="comment-err"></p>
<p id="dec-alert" class="alert" role="alert"></p>
<div class="actions"><button type="button" id="dec-approve" data-d="approve" title="${DECISION_ACTIONS.approve.en}">${DECISION_ACTIONS.approve.id}</button>
<button type="button" id="dec-reject" data-d="reject" class="danger" title="${DECISION_ACTIONS.reject.en}">${DECISION_ACTIONS.reject.id}</button>
<button type="button" id="dec-return" data-d="return" class="ghost" title="${DECISION_ACTIONS.return.en}">${DECISION_ACTIONS.return.id}</button></div>
</form>
</section>

<section id="admin-note" hidden><p class="muted">Akun admin: pengelolaan pengguna belum tersedia di sini. <small>User admin is API-only for now.</small></p></section>

<section id="new" hidden aria-labelledby="new-h">
<h2 id="new-h">Rujukan baru <small>New referral</small></h2>
<form id="ref-form" novalidate>
${REFERRAL_FORM}
<p id="form-alert" class="alert" role="alert"></p>
<button type="button" id="form-retry" class="ghost" hidden>Muat ulang data formulir</button>
<p id="form-ok" class="ok" role="status"></p>
<p id="form-warn" class="warn" role="alert"></p>
<button type="submit" id="send">Kirim rujukan</button>
</form>
</section>

<section id="list" hidden aria-labelledby="list-h">
<div class="row"><h2 id="list-h">Rujukan <small>Referrals</small></h2>
<button type="button" id="reload" class="ghost">Segarkan</button></div>
<p id="list-ok" class="ok" role="status"></p>
<p id="list-alert" class="alert" role="alert"></p>
<p id="empty" class="muted" hidden>Belum ada rujukan. <small>None yet.</small></p>
<ol id="items" class="list"></ol>
<button type="button" id="more" class="more" hidden>Muat lagi</button>
</section>
</main>
</body>
</html>
`;

/** Serves one text with an ETag; an asset asked for by its current version may be cached for good. */
function serveText(body: string, type: string, asset: boolean) {
  const current = version(body);
  const etag = `"${current}"`;
  return new Hono<Env>().get("/", (c) => {
    c.header("Content-Security-Policy", WEB_CSP);
    c.header(
      "Cache-Control",
      asset && c.req.query("v") === current ? "public, max-age=31536000, immutable" : "no-cache",
    );
    c.header("ETag", etag);
    // Sent compressed, the tag comes back weak (W/"…"): it still names the same text.
    const known = (c.req.header("if-none-match") ?? "").split(",").map((tag) => tag.trim().replace(/^W\//, ""));
    if (known.includes(etag)) return c.body(null, 304);
    c.header("Content-Type", type);
    return c.body(body);
  });
}

/** `/`, `/app.js`, `/app.css`. Assets carry a content hash in their URL, so a phone fetches them once per release. */
export function webRoutes() {
  return new Hono<Env>()
    .route("/", serveText(PAGE, "text/html; charset=utf-8", false))
    .route("/app.js", serveText(APP_JS, "text/javascript; charset=utf-8", true))
    .route("/app.css", serveText(APP_CSS, "text/css; charset=utf-8", true));
}
