import { createHash } from "node:crypto";
import type { Text } from "@rujuk/core/bilingual";
import { PAGES, PASSWORD_PAGE } from "@rujuk/core/pages";
import { Hono } from "hono";
import type { Env } from "../deps.ts";
import { renderAppDocument } from "./app-document.tsx";
import { APP_JS } from "./client.ts";
import { PAGE_SCRIPTS } from "./generated/scripts.ts";
import { SCRIPT as WORKER_SCRIPT } from "./generated/service-worker.ts";
import type { OfflineManifest } from "./offline-manifest.ts";
import { renderShell } from "./shell.tsx";
import { APP_CSS } from "./styles.ts";

/**
 * The web UI for field officers on slow connections: each page a small static document (app-document.tsx) with its
 * own typed script (packages/web/src/pages) and the one stylesheet, all static text (nothing from a CDN). The
 * script does the rest over the JSON API under /api. Pages not yet typed are still the old single-page shell
 * (shell.tsx, client.ts).
 */

// Only our own script, styles and API; no inline code, no framing. Also sent with the assets, where it is harmless.
export const WEB_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; " +
  "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const version = (text: string) => createHash("sha256").update(text).digest("base64url").slice(0, 12);
const JS_VERSION = version(APP_JS);
const CSS_VERSION = version(APP_CSS);

// The page is static: rendered once, when the module loads, and served with an ETag like the assets.
const PAGE = renderShell({ script: `/app.js?v=${JS_VERSION}`, stylesheet: `/app.css?v=${CSS_VERSION}` });

/**
 * The pages drawn by their own typed script (packages/web/src/pages/<script>): path, script, the document's title.
 * A path whose script is not built yet is still the old single-page shell's (client.ts) while the pages move over.
 */
export const SCRIPTED: readonly { path: string; script: string; title: Text }[] = [
  { path: PAGES.home, script: "home", title: { id: "Rujukan PPKS", en: "PPKS referrals" } },
  { path: PAGES.signIn, script: "sign-in", title: { id: "Masuk", en: "Sign in" } },
  { path: PAGES.referrals, script: "referrals", title: { id: "Rujukan saya", en: "My referrals" } },
  { path: PAGES.newReferral, script: "referral-form", title: { id: "Rujukan baru", en: "New referral" } },
  { path: PAGES.referral, script: "referral", title: { id: "Rujukan", en: "Referral" } },
  { path: PAGES.reports, script: "reports", title: { id: "Laporan saya", en: "My reports" } },
  { path: PAGES.newReport, script: "report-form", title: { id: "Laporan baru", en: "New report" } },
  { path: PAGES.report, script: "report", title: { id: "Laporan", en: "Report" } },
  { path: PAGES.inbox, script: "inbox", title: { id: "Kotak masuk", en: "Inbox" } },
  { path: PAGES.notifications, script: "notifications", title: { id: "Pemberitahuan", en: "Notifications" } },
  { path: PAGES.audit, script: "audit", title: { id: "Audit", en: "Audit" } },
  { path: PAGES.users, script: "users", title: { id: "Pengguna", en: "Users" } },
  { path: PASSWORD_PAGE, script: "password", title: { id: "Ganti kata sandi", en: "Change your password" } },
];

function scriptOf(name: string): string | undefined {
  return Object.entries(PAGE_SCRIPTS).find(([script]) => script === name)?.[1];
}

const STYLESHEET = `/app.css?v=${CSS_VERSION}`;

/**
 * Every page path, in PAGES' order (a fixed path before a pattern that also matches it: `/rujukan/baru`, then
 * `/rujukan/:id`), with its typed document and script, or none while the old shell still draws it.
 */
const DOCUMENTS = [...Object.values(PAGES), PASSWORD_PAGE].map((path) => {
  const typed = SCRIPTED.find((p) => p.path === path);
  const body = typed && scriptOf(typed.script);
  if (!typed || body === undefined) return { path, html: PAGE, script: undefined };
  const script = `/js/${typed.script}.js?v=${version(body)}`;
  return { path, html: renderAppDocument({ assets: { script, stylesheet: STYLESHEET }, title: typed.title }), script };
});

const MANIFEST: OfflineManifest = {
  version: version(DOCUMENTS.map((d) => d.html).join("")),
  documents: DOCUMENTS.filter((d) => d.script).map((d) => ({ pattern: d.path, url: d.path })),
  assets: [STYLESHEET, ...DOCUMENTS.flatMap((d) => (d.script ? [d.script] : []))],
  reference: ["/api/regions", "/api/categories"],
};
const WORKER_JS = `var RUJUK_MANIFEST = ${JSON.stringify(MANIFEST)};\n${WORKER_SCRIPT}`;

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

/**
 * `/` and every page path (core's PAGES), `/app.js`, `/app.css`. Each page path serves the same document, so a link
 * or a reload lands on the app, which shows the screen the path names; whether the caller may see the item is the
 * API's answer, not the page's. Assets carry a content hash in their URL, so a phone fetches them once per release.
 */
export function webRoutes() {
  const routes = new Hono<Env>();
  for (const { path, html } of DOCUMENTS) routes.route(path, serveText(html, "text/html; charset=utf-8", false));
  for (const [name, body] of Object.entries(PAGE_SCRIPTS))
    routes.route(`/js/${name}.js`, serveText(body, "text/javascript; charset=utf-8", true));
  // At the root, so its scope is the whole app; never cached for good, so a release reaches the phones.
  routes.route("/sw.js", serveText(WORKER_JS, "text/javascript; charset=utf-8", false));
  return routes
    .route("/app.js", serveText(APP_JS, "text/javascript; charset=utf-8", true))
    .route("/app.css", serveText(APP_CSS, "text/css; charset=utf-8", true));
}
