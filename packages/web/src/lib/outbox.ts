import { OUTBOX_RETRY_MS } from "@rujuk/core/outbox-retry";
import { useEffect, useState } from "hono/jsx/dom";
import { type Body, type Failure, type FieldProblem, type Result, api, send } from "./api.ts";
import { readStored, writeStored } from "./storage.ts";

/** What a TKSK files: the bodies the API takes, as the typed client types them. */
export type ReferralBody = Parameters<typeof api.referrals.$post>[0]["json"];
export type ReportBody = Parameters<typeof api.reports.$post>[0]["json"];

/**
 * A new item waiting to reach the server. Its `key` is the Idempotency-Key of every attempt, so however often it is
 * sent (a retry, a second tab, a reopened page) the server creates it once. `refused` is the server's answer when
 * it would not take it (a rule, not the connection): the TKSK corrects and sends it again from its form.
 */
export type Queued = ({ kind: "referral"; body: ReferralBody } | { kind: "report"; body: ReportBody }) & {
  key: string;
  queuedAt: string;
  refused?: Failure["text"];
  /** The refusal's field errors, if any, for the form to show under its fields. */
  refusedFields?: FieldProblem[];
};

/** What filing answers once the server has the item: the item as created, per kind. */
export type FiledReferral = Body<typeof api.referrals.$post>;
export type FiledReport = Body<typeof api.reports.$post>;
type Filed = Result<FiledReferral | FiledReport>;

const keyOf = (account: string) => `outbox.${account}`;

/** The account's queue, oldest first. */
export function queued(account: string): Queued[] {
  const stored = readStored(keyOf(account));
  return Array.isArray(stored) ? (stored as Queued[]) : [];
}

function save(account: string, entries: Queued[]): void {
  writeStored(keyOf(account), entries.length ? entries : undefined);
  window.dispatchEvent(new Event("rujuk-outbox"));
}

// The keys this page is sending right now: the form and a flush never send one item at the same time, so the two
// requests cannot race each other (the server would answer one of them "busy").
const inFlight = new Set<string>();

/** Sends an entry; `undefined` when this page is already sending it (its answer goes to whoever sent it). */
async function post(entry: Queued): Promise<Filed | undefined> {
  if (inFlight.has(entry.key)) return undefined;
  inFlight.add(entry.key);
  const header = { "Idempotency-Key": entry.key };
  try {
    return await (entry.kind === "referral"
      ? send(() => api.referrals.$post({ json: entry.body, header }))
      : send(() => api.reports.$post({ json: entry.body, header })));
  } finally {
    inFlight.delete(entry.key);
  }
}

/**
 * Whether an answer is the server refusing the item itself (a rule, a conflict), which the TKSK must correct. Any
 * other failure leaves it queued to try again: no connection, the server busy or failing (429, 5xx), or a session
 * to renew first (401, 403: signing in, or choosing one's own password, comes back to a queue that still has it).
 */
function refused(status: number): boolean {
  return status >= 400 && status < 500 && ![401, 403, 408, 429].includes(status);
}

/** A fresh Idempotency-Key. */
export function newKey(): string {
  return crypto.randomUUID();
}

/**
 * Files an item: queued first (so a crash while sending loses nothing), then sent. Answered: off the queue, and the
 * answer is returned, as is a refusal (kept, marked, for the form). No connection, or any failure worth trying again:
 * it stays queued, and `undefined` says so; `flush` sends it later.
 */
export function file(
  account: string,
  entry: Omit<Queued, "queuedAt"> & { kind: "referral" },
): Promise<Result<FiledReferral> | undefined>;
export function file(
  account: string,
  entry: Omit<Queued, "queuedAt"> & { kind: "report" },
): Promise<Result<FiledReport> | undefined>;
export async function file(account: string, entry: Omit<Queued, "queuedAt">): Promise<Filed | undefined> {
  const waiting: Queued = { ...entry, queuedAt: new Date().toISOString() } as Queued;
  save(account, [...queued(account).filter((e) => e.key !== entry.key), waiting]);
  const answer = await post(waiting);
  if (!answer || (!answer.ok && !refused(answer.status))) return undefined;
  settle(account, waiting.key, answer);
  return answer;
}

/** Takes an answered entry off the queue; one the server refused stays, marked with why, for the TKSK to correct. */
function settle(account: string, key: string, answer: Filed): void {
  const rest = queued(account).flatMap((e) => {
    if (e.key !== key) return [e];
    if (answer.ok) return [];
    return [{ ...e, refused: answer.text, ...(answer.fields.length ? { refusedFields: answer.fields } : {}) }];
  });
  save(account, rest);
}

/** Removes an entry (the TKSK gave it up, or took it back into the form to correct). */
export function drop(account: string, key: string): void {
  save(
    account,
    queued(account).filter((e) => e.key !== key),
  );
}

let flushing: Promise<void> | undefined;
let again = false;

/**
 * Sends what waits, oldest first, until a failure worth trying again later. One flush at a time per page; one asked
 * for meanwhile (the connection back while the last try was still failing) runs again once that one ends, so the
 * event that says the connection is back is never lost.
 */
export function flush(account: string): Promise<void> {
  if (flushing) {
    again = true;
    return flushing;
  }
  flushing = (async () => {
    do {
      again = false;
      for (const entry of queued(account)) {
        if (entry.refused) continue;
        const answer = await post(entry);
        if (!answer) continue; // The form is sending it.
        if (!answer.ok && !refused(answer.status)) break;
        settle(account, entry.key, answer);
      }
    } while (again);
  })().finally(() => (flushing = undefined));
  return flushing;
}

/**
 * The account's queue as a page shows it, kept current: sent when the page opens, whenever the connection comes
 * back or the page is looked at again, and every OUTBOX_RETRY_MS while something waits; redrawn when this or
 * another tab changes it.
 */
export function useOutbox(account: string): Queued[] {
  const [entries, setEntries] = useState(() => queued(account));
  useEffect(() => {
    const refresh = () => setEntries(queued(account));
    const retry = () => void flush(account);
    const visible = () => {
      if (document.visibilityState === "visible") retry();
    };
    const timer = setInterval(() => {
      if (queued(account).some((e) => !e.refused)) retry();
    }, OUTBOX_RETRY_MS);
    window.addEventListener("rujuk-outbox", refresh);
    window.addEventListener("storage", refresh);
    window.addEventListener("online", retry);
    document.addEventListener("visibilitychange", visible);
    retry();
    return () => {
      clearInterval(timer);
      window.removeEventListener("rujuk-outbox", refresh);
      window.removeEventListener("storage", refresh);
      window.removeEventListener("online", retry);
      document.removeEventListener("visibilitychange", visible);
    };
  }, [account]);
  return entries;
}
