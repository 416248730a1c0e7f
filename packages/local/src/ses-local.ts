import type { Server } from "node:http";
import { createRequire } from "node:module";

/**
 * aws-ses-v2-local is CommonJS with `exports.default`; Node's ESM default import yields the whole `module.exports`
 * while bundlers and vitest may unwrap it, so load it with `require` to get one answer everywhere.
 */
const sesLocal = createRequire(import.meta.url)("aws-ses-v2-local") as {
  default: (config?: { host?: string; port?: number }) => Promise<Server>;
};

/** An email as aws-ses-v2-local keeps it (its `GET /store` shape, the fields Rujuk reads). */
export interface CapturedEmail {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { text?: string; html?: string };
  /** Epoch seconds. */
  at: number;
}

export interface SesLocal {
  /** The SESv2 endpoint for `new SESv2Client({ endpoint })`; its web page lists the captured emails. */
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Starts aws-ses-v2-local in this process on 127.0.0.1 (its default is every interface, and its captured emails and
 * `/clear-store` answer without authentication). It keeps emails in memory only, in one store per process: every
 * instance started in the same process shares it, and a restart forgets them.
 */
export async function startSesLocal(options: { port: number; host?: string }): Promise<SesLocal> {
  const host = options.host ?? "127.0.0.1";
  const server = await sesLocal.default({ host, port: options.port });
  // Express 5 resolves the listen callback on an error too (a port in use), leaving a server that never listened.
  if (!server.listening) {
    throw new Error(`aws-ses-v2-local could not listen on ${host}:${options.port}. Is the port in use?`);
  }
  // The address actually bound, not the one asked for, so the endpoint tells the truth.
  const { address, port } = server.address() as { address: string; port: number };
  return {
    endpoint: `http://${address.includes(":") ? `[${address}]` : address}:${port}`,
    port,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((done, fail) => server.close((error) => (error ? fail(error) : done())));
    },
  };
}

/**
 * The emails aws-ses-v2-local has captured, oldest first, from its `GET /store` endpoint; with `since` (epoch seconds)
 * only those captured at or after it.
 */
export async function capturedEmails(endpoint: string, options: { since?: number } = {}): Promise<CapturedEmail[]> {
  const url = new URL("/store", endpoint);
  if (options.since !== undefined) url.searchParams.set("since", String(Math.floor(options.since)));
  const response = await fetch(url);
  if (!response.ok) throw new Error(`aws-ses-v2-local answered ${response.status} to GET /store`);
  const body = (await response.json()) as { emails: CapturedEmail[] };
  return body.emails;
}

/** Forgets every captured email (and template). */
export async function clearCapturedEmails(endpoint: string): Promise<void> {
  const response = await fetch(new URL("/clear-store", endpoint), { method: "POST" });
  if (!response.ok) throw new Error(`aws-ses-v2-local answered ${response.status} to POST /clear-store`);
}
