import type { ServerType } from "@hono/node-server";

/** Resolves once the server listens; rejects with the reason it cannot (most often: the port is taken). */
export function listen(server: ServerType): Promise<void> {
  return new Promise<void>((ok, fail) => {
    server.once("listening", ok);
    server.once("error", fail);
  });
}
