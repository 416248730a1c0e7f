import { createHash } from "node:crypto";
import type { Text } from "@rujuk/core/bilingual";
import { PAGES, PASSWORD_PAGE } from "@rujuk/core/pages";
import { Hono } from "hono";
import type { Env } from "../deps.ts";
import { renderAppDocument } from "./app-document.tsx";
import { PAGE_SCRIPTS } from "./generated/scripts.ts";
import { SCRIPT as WORKER_SCRIPT } from "./generated/service-worker.ts";
import type { OfflineManifest } from "./offline-manifest.ts";
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
const CSS_VERSION = version(APP_CSS);

/** Every page: its path, its typed script (packages/web/src/pages/<script>), the document's title. */
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

function scriptOf(name: string): string {
  const script = Object.entries(PAGE_SCRIPTS).find(([built]) => built === name)?.[1];
  if (script === undefined) throw new Error(`The page script ${name} is not built: npm run render:client`);
  return script;
}

const STYLESHEET = `/app.css?v=${CSS_VERSION}`;

/**
 * Every page, in PAGES' order (a fixed path before a pattern that also matches it: `/rujukan/baru`, then
 * `/rujukan/:id`), with its document and its script's versioned URL. Static: rendered once, when the module loads,
 * and served with an ETag like the assets.
 */
const DOCUMENTS = [...Object.values(PAGES), PASSWORD_PAGE].map((path) => {
  const page = SCRIPTED.find((p) => p.path === path);
  if (!page) throw new Error(`No page script for ${path}`);
  const script = `/js/${page.script}.js?v=${version(scriptOf(page.script))}`;
  return { path, html: renderAppDocument({ assets: { script, stylesheet: STYLESHEET }, title: page.title }), script };
});

const MANIFEST: OfflineManifest = {
  version: version(DOCUMENTS.map((d) => d.html).join("")),
  documents: DOCUMENTS.map((d) => ({ pattern: d.path, url: d.path })),
  assets: [STYLESHEET, ...DOCUMENTS.map((d) => d.script)],
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
 * Every page path (core's PAGES and the password page), each page's script at `/js/<name>.js`, the service worker,
 * `/app.css`. An item's page is one document for every id, so a link or a reload lands on it and its script asks
 * the API for the item: whether the caller may see it is the API's answer, not the page's. Assets carry a content
 * hash in their URL, so a phone fetches them once per release.
 */
export function webRoutes() {
  const routes = new Hono<Env>();
  for (const { path, html } of DOCUMENTS) routes.route(path, serveText(html, "text/html; charset=utf-8", false));
  for (const [name, body] of Object.entries(PAGE_SCRIPTS))
    routes.route(`/js/${name}.js`, serveText(body, "text/javascript; charset=utf-8", true));
  // At the root, so its scope is the whole app; never cached for good, so a release reaches the phones.
  routes.route("/sw.js", serveText(WORKER_JS, "text/javascript; charset=utf-8", false));
  return routes.route("/app.css", serveText(APP_CSS, "text/css; charset=utf-8", true));
}
