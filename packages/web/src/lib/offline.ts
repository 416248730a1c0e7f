/**
 * Installs the app's service worker (/sw.js), which keeps every page and the reference data so the app opens
 * without a connection. A browser without service workers, or one that refuses (a private window), still works
 * online: that is all this can add, so a failure is left quiet.
 */
export function keepForOffline(): void {
  if (!("serviceWorker" in navigator)) return;
  navigator.serviceWorker.register("/sw.js").catch(() => undefined);
}
