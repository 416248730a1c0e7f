/**
 * What the service worker (packages/web/src/worker) keeps so the app opens without a connection: each page's
 * document (one per path pattern: every `/rujukan/<id>` is the same static document), the versioned assets those
 * documents load, and the reference data the forms need (regions, categories), which is the same for every user.
 * The server writes it into /sw.js, so a release, which changes an asset's version, changes the worker, and the
 * browser installs the new one.
 */
export interface OfflineManifest {
  /** Names this release's cache; a new release drops the old one. */
  version: string;
  /** In the order a path is matched (a fixed path before a pattern that also matches it); `:x` is one segment. */
  documents: { pattern: string; url: string }[];
  /** Versioned script and stylesheet URLs (path and query). */
  assets: string[];
  /** API paths answered from the cache when the network fails, and refreshed from it when it works. */
  reference: string[];
}
