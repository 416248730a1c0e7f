/**
 * How often a page tries again to send what waits in its outbox. The browser's "online" event says only that the
 * phone has a network, not that the server answers: a signal that comes back weak, or a server that was busy for a
 * moment, fires nothing, so the page does not wait for one.
 */
export const OUTBOX_RETRY_MS = 15_000;
