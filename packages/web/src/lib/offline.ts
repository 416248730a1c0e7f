/**
 * Installs the app's service worker (/sw.js), which keeps every page and the reference data so the app opens
 * without a connection. It downloads the release's pages, so it starts only once this page has loaded and had a
 * moment for its own calls: on a slow line the page comes first. A browser without service workers, or one that
 * refuses (a private window), still works online: that is all this can add, so a failure is left quiet.
 */
const AFTER_LOAD_MS = 2000;

export function keepForOffline(): void {
  if (!("serviceWorker" in navigator)) return;
  const register = () =>
    setTimeout(() => void navigator.serviceWorker.register("/sw.js").catch(() => undefined), AFTER_LOAD_MS);
  if (document.readyState === "complete") register();
  else addEventListener("load", register, { once: true });
}
