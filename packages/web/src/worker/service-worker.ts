import type { OfflineManifest } from "@rujuk/functions/web/offline-manifest";

/**
 * The app's service worker: pages and assets from this release's cache when the network fails (a kecamatan's
 * signal comes and goes), reference data from the cache at once and refreshed behind. Nothing else is cached: an
 * API answer about items or people is never kept here. The server prepends the manifest (offline-manifest.ts).
 */
declare const self: ServiceWorkerGlobalScope;
declare const RUJUK_MANIFEST: OfflineManifest;

const manifest = RUJUK_MANIFEST;
const RELEASE = `rujuk-${manifest.version}`;
const REFERENCE = "rujuk-reference";
// Past this a document from the cache beats a network that may never answer.
const NETWORK_WAIT_MS = 4000;

function matches(pattern: string, path: string): boolean {
  const want = pattern.split("/");
  const got = path.split("/");
  return want.length === got.length && want.every((part, i) => part.startsWith(":") || part === got[i]);
}

async function precache(): Promise<void> {
  const cache = await caches.open(RELEASE);
  await cache.addAll([...manifest.documents.map((d) => d.url), ...manifest.assets]);
}

async function dropOldReleases(): Promise<void> {
  for (const key of await caches.keys())
    if (key.startsWith("rujuk-") && key !== RELEASE && key !== REFERENCE) await caches.delete(key);
}

async function fromCache(request: Request | string): Promise<Response> {
  return (await caches.match(request)) ?? Response.error();
}

/** The network's page if it answers in time, else this release's copy of the page's document. */
async function page(request: Request, documentUrl: string): Promise<Response> {
  const timeout = new Promise<undefined>((done) => setTimeout(done, NETWORK_WAIT_MS, undefined));
  try {
    const answer = await Promise.race([fetch(request), timeout]);
    if (answer) return answer;
  } catch {
    // No network: the cached document below.
  }
  return fromCache(documentUrl);
}

/** Reference data: the cached answer at once if there is one, refreshed from the network for next time. */
async function reference(request: Request): Promise<Response> {
  const cache = await caches.open(REFERENCE);
  const fresh = fetch(request).then(async (answer) => {
    if (answer.ok) await cache.put(request, answer.clone());
    return answer;
  });
  const cached = await cache.match(request);
  if (cached) {
    fresh.catch(() => undefined);
    return cached;
  }
  return fresh;
}

self.addEventListener("install", (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(dropOldReleases().then(() => self.clients.claim()));
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    const document = manifest.documents.find((d) => matches(d.pattern, url.pathname));
    if (document) event.respondWith(page(request, document.url));
  } else if (manifest.assets.includes(url.pathname + url.search)) {
    event.respondWith(fromCache(request).then((cached) => (cached.type === "error" ? fetch(request) : cached)));
  } else if (manifest.reference.includes(url.pathname)) {
    event.respondWith(reference(request));
  }
});
