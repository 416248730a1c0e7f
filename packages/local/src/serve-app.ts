import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { type ServerType, serve } from "@hono/node-server";
import { DomainError, TEXT } from "@rujuk/core";
import type { App } from "@rujuk/functions/app";
import { rawProblem } from "@rujuk/functions/problem";

/** How much of an unread request body the server reads and throws away to keep a connection usable. */
const DISCARD = { bytes: 64 * 1024 * 1024, ms: 60_000 };

/**
 * After an answer sent before the request's body was read (a 413, a 401 for an upload), the client is still sending.
 * Closing now would reset the connection under it, and it might never see the answer: read the rest and drop it, so
 * the answer arrives and the connection can carry the next request. A body past the bounds is cut off.
 */
function discardRest(incoming: IncomingMessage) {
  let bytes = 0;
  const cut = () => incoming.socket?.destroy();
  const timer = setTimeout(cut, DISCARD.ms).unref();
  incoming.on("data", (chunk: Buffer) => {
    bytes += chunk.length;
    if (bytes > DISCARD.bytes) cut();
  });
  incoming.once("close", () => clearTimeout(timer));
  incoming.resume();
}

/**
 * The app on Node's HTTP server, as `npm start` runs it.
 * - Node refuses some requests before the app sees them (headers over its 16 KB limit, unreadable HTTP); those get
 *   the same problem+json as every other error, in both languages, instead of Node's bare status line, and the
 *   connection is closed, as it must be after a broken request.
 * - A body the app did not read is discarded in full (`discardRest`); @hono/node-server's own clean-up gives up after
 *   half a second and resets the connection, which a phone on slow data would see as a network error.
 */
export function serveApp(app: App, options: { port: number; hostname: string }): ServerType {
  const server = serve({ fetch: app.fetch, ...options, autoCleanupIncoming: false });
  server.on("request", (incoming: IncomingMessage, outgoing: ServerResponse) => {
    outgoing.once("finish", () => {
      if (!incoming.readableEnded && !incoming.destroyed) discardRest(incoming);
    });
  });
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable || error.code === "ECONNRESET") return void socket.destroy();
    const refusal =
      error.code === "HPE_HEADER_OVERFLOW"
        ? new DomainError("headers_too_large", TEXT.headersTooLarge)
        : new DomainError("invalid", TEXT.badRequest);
    const { status, title, body } = rawProblem(refusal);
    socket.end(
      [
        `HTTP/1.1 ${status} ${title}`,
        "Content-Type: application/problem+json",
        `Content-Length: ${Buffer.byteLength(body)}`,
        "Cache-Control: no-store",
        "Connection: close",
        "",
        body,
      ].join("\r\n"),
    );
  });
  return server;
}
