import type { Text } from "@rujuk/core/bilingual";
import { PAGES, PASSWORD_PAGE } from "@rujuk/core/pages";
import { apiClient } from "@rujuk/functions/client";
import { say } from "./lang.ts";

/**
 * The API as the pages call it: the typed client (functions/client.ts, the routes' own declarations), on the page's
 * origin with the session cookie. `send` turns any answer into a result a page can show without knowing HTTP.
 */
export const api = apiClient(location.origin, {
  init: { credentials: "same-origin" },
  fetch: (input: RequestInfo | URL, init?: RequestInit) =>
    // A phone on a dying connection waits forever without a limit; a minute covers a slow upload.
    fetch(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(60_000) }),
}).api;

/** One field's error, as the API names it (`errors[].path`), in both languages. */
export interface FieldProblem {
  path: string;
  text: Text;
}

/** Why a call failed: its status (0: no connection), a sentence, and any field errors. */
export interface Failure {
  ok: false;
  status: number;
  text: Text;
  fields: FieldProblem[];
}

export type Result<T> = { ok: true; status: number; data: T } | Failure;

export const NO_CONNECTION = say(
  "Koneksi gagal atau terlalu lambat. Periksa sinyal lalu coba lagi.",
  "The connection failed or is too slow. Check the signal, then try again.",
);

interface Answer {
  ok: boolean;
  status: number;
  json(): Promise<unknown>;
}

/** The body of the answers the route declares as a success. */
export type Success<R> = R extends { ok: true; json(): Promise<infer B> } ? B : never;

interface ProblemBody {
  detail?: string;
  detail_id?: string;
  errors?: { path: string; message: string; message_id: string }[];
}

function problemOf(status: number, body: unknown): Failure {
  const problem: ProblemBody = typeof body === "object" && body !== null ? body : {};
  const text =
    problem.detail && problem.detail_id
      ? { id: problem.detail_id, en: problem.detail }
      : say(`Terjadi kesalahan (${status}). Coba lagi.`, `Something went wrong (${status}). Try again.`);
  const fields = (problem.errors ?? []).map((e) => ({ path: e.path, text: { id: e.message_id, en: e.message } }));
  return { ok: false, status, text, fields };
}

/**
 * Sends a call and reads its answer. A 401 sends the browser to sign in and back here; a 403 of an account whose
 * password someone else set sends it to choose its own. Anything else comes back as a `Result`.
 */
export async function send<R extends Answer>(call: () => Promise<R>): Promise<Result<Success<R>>> {
  let res: R;
  let body: unknown;
  try {
    res = await call();
    body = res.status === 204 ? {} : await res.json();
  } catch {
    return { ok: false, status: 0, text: NO_CONNECTION, fields: [] };
  }
  if (res.ok) return { ok: true, status: res.status, data: body as Success<R> };
  if (res.status === 401) signInAgain();
  if (res.status === 403) void passwordFirst();
  return problemOf(res.status, body);
}

/** To the sign-in page, which comes back to this page after it. */
export function signInAgain(): void {
  const here = location.pathname + location.search;
  if (location.pathname === PAGES.signIn) return;
  location.assign(here === PAGES.home ? PAGES.signIn : `${PAGES.signIn}?lanjut=${encodeURIComponent(here)}`);
}

async function passwordFirst(): Promise<void> {
  const me = await send(() => api.me.$get());
  if (me.ok && me.data.mustChangePassword) location.replace(PASSWORD_PAGE);
}

/** What a call of the typed client answers on success: `Body<typeof api.me.$get>`. */
export type Body<F extends (...args: never[]) => Promise<Answer>> = Success<Awaited<ReturnType<F>>>;
