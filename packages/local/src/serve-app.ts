import type { Socket } from "node:net";
import { type ServerType, serve } from "@hono/node-server";
import { DomainError, TEXT } from "@rujuk/core";
import type { App } from "@rujuk/functions/app";
import { rawProblem } from "@rujuk/functions/problem";

/**
 * The app on Node's HTTP server, as `npm start` runs it. Node refuses some requests before the app sees them
 * (headers over its 16 KB limit, unreadable HTTP); those get the same problem+json as every other error, in both
 * languages, instead of Node's bare status line, and the connection is closed, as it must be after a broken request.
 */
export function serveApp(app: App, options: { port: number; hostname: string }): ServerType {
  const server = serve({ fetch: app.fetch, ...options });
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
