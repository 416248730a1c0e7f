import * as z from "zod";
import { ACCESS_EVENT_TYPES, type AuditEvent, GENESIS_HASH, canonicalJson, firstBroken, sha256 } from "./audit.ts";
import type { ItemKind } from "./chain.ts";
import { ancestorAt, childrenOf, levelOf } from "./region.ts";
import type { AUDIT_PROBLEMS } from "./text.ts";

/**
 * The region ledger: one entry for every audit event, kept apart from the events and written in the same
 * transaction. Per-item hash chains show an edited event; the ledger also shows one deleted from the end of a chain
 * or a whole item gone, because it still names every event that was ever written. Entries are partitioned by
 * kabupaten/kota (the "bucket"), so concurrent decisions in a region never fight over one row. A daily digest,
 * chained from day to day over the ledger of a region, lets auditors keep one short value outside the system that
 * shows even a truncated ledger. The README ("Audit trail") specifies all of it for auditors' own scripts.
 */

/** Which chain an event belongs to: its item's (`REFERRAL#<id>`, `REPORT#<id>`) or, for auditors' actions, theirs. */
export type ChainKind = ItemKind | "auditor";

const CHAIN_PREFIX: Record<ChainKind, string> = { referral: "REFERRAL", report: "REPORT", auditor: "AUDITOR" };

export function chainKey(kind: ChainKind, id: string): string {
  return `${CHAIN_PREFIX[kind]}#${id}`;
}

export function parseChainKey(chain: string): { kind: ChainKind; id: string } {
  const at = chain.indexOf("#");
  const prefix = chain.slice(0, at);
  const kind = (Object.keys(CHAIN_PREFIX) as ChainKind[]).find((k) => CHAIN_PREFIX[k] === prefix);
  if (at < 0 || !kind) throw new Error(`Not a chain key: ${chain}`);
  return { kind, id: chain.slice(at + 1) };
}

/** The chain an event is written to: auditors' actions go to the auditor's own chain, the rest to the item's. */
export function chainOfEvent(event: Pick<AuditEvent, "type" | "actor" | "referralId" | "reportId">): string {
  if ((ACCESS_EVENT_TYPES as readonly string[]).includes(event.type)) return chainKey("auditor", event.actor!.id);
  return event.referralId ? chainKey("referral", event.referralId) : chainKey("report", event.reportId!);
}

/** Item events and auditors' actions are kept in two ledgers, so the auditors' log is read on its own. */
export type LedgerFamily = "items" | "access";

export function familyOf(chain: string): LedgerFamily {
  return parseChainKey(chain).kind === "auditor" ? "access" : "items";
}

/** What the ledger commits to for one event; exactly these fields make its canonical line. */
export const LedgerEntry = z.object({
  at: z.string(),
  chain: z.string(),
  seq: z.number().int(),
  hash: z.string(),
  region: z.string(),
});
export type LedgerEntry = z.infer<typeof LedgerEntry>;

export function ledgerEntry(event: AuditEvent, region: string): LedgerEntry {
  return { at: event.at, chain: chainOfEvent(event), seq: event.seq, hash: event.hash, region };
}

/** The ledger's order, and its sort key: time, then chain, then sequence number (zero-padded to 10 digits). */
export function ledgerSortKey(entry: Pick<LedgerEntry, "at" | "chain" | "seq">): string {
  return `${entry.at}#${entry.chain}#${String(entry.seq).padStart(10, "0")}`;
}

/** The bucket (partition) a region's entries go to: its kabupaten/kota, or the region itself above that level. */
export function bucketOf(region: string): string {
  return ancestorAt(region, "kabupaten") ?? region;
}

/**
 * Every bucket whose entries may lie inside `scope`: its kabupaten/kota at that level or below (entries are then
 * filtered by region); for a province, the province and its kabupaten/kota; nationally, every one of them.
 */
export async function bucketsWithin(scope: string): Promise<string[]> {
  const level = levelOf(scope);
  if (level === "provinsi") return [scope, ...(await childrenOf(scope)).map((r) => r.code)];
  if (level !== null) return [bucketOf(scope)];
  const provinces = await childrenOf("");
  const kabupaten = await Promise.all(provinces.map((p) => childrenOf(p.code)));
  return ["", ...provinces.map((p) => p.code), ...kabupaten.flat().map((r) => r.code)];
}

/** The canonical line of an entry, as the digest hashes it. */
export function ledgerLine(entry: LedgerEntry): string {
  return canonicalJson({ at: entry.at, chain: entry.chain, hash: entry.hash, region: entry.region, seq: entry.seq });
}

export interface DayDigest {
  /** UTC day, `YYYY-MM-DD`. */
  day: string;
  entries: number;
  /** sha256 hex of the previous day's digest, a newline, and the day's lines joined by newlines. */
  digest: string;
}

/**
 * Chained daily digests over ledger entries given in ledger order. The first day starts from the genesis hash; a day
 * without entries has no digest of its own (the last one stands). Keeping the latest digest of a region outside the
 * system is enough to show any later change to any entry up to that day.
 */
export function digestAccumulator() {
  const days: DayDigest[] = [];
  let day: string | undefined;
  let lines: string[] = [];
  let previous = GENESIS_HASH;
  function close() {
    if (day === undefined) return;
    previous = sha256(`${previous}\n${lines.join("\n")}`);
    days.push({ day, entries: lines.length, digest: previous });
    lines = [];
  }
  return {
    add(entry: LedgerEntry) {
      const entryDay = entry.at.slice(0, 10);
      if (entryDay !== day) {
        close();
        day = entryDay;
      }
      lines.push(ledgerLine(entry));
    },
    finish(): DayDigest[] {
      close();
      day = undefined;
      return days;
    },
  };
}

export type Problem = keyof typeof AUDIT_PROBLEMS;

export interface Break {
  chain: string;
  seq?: number;
  problem: Problem;
}

/** What the ledger says of one chain: the hash of each event it recorded, by sequence number. */
export type LedgerHeads = Map<number, string>;

/**
 * Checks one chain against the ledger: its events must form an unbroken hash chain, every event must be in the
 * ledger with the same hash and every ledger entry must still have its event; an item's record (`head`, `null` when
 * the item is gone, `undefined` for chains that have none) must name the chain's last event.
 */
export function checkChain(
  chain: string,
  events: readonly AuditEvent[],
  ledger: LedgerHeads,
  head: { seq: number; hash: string } | null | undefined,
): Break | null {
  const broken = firstBroken(events);
  if (broken) return { chain, seq: broken.seq, problem: "event_changed" };
  const bySeq = new Map(events.map((e) => [e.seq, e]));
  const ledgered = [...ledger.keys()].sort((a, b) => a - b);
  for (const seq of ledgered) {
    if (!bySeq.has(seq))
      return { chain, seq, problem: events.length === 0 && head === null ? "item_missing" : "event_missing" };
  }
  for (const event of events) {
    const recorded = ledger.get(event.seq);
    if (recorded === undefined) return { chain, seq: event.seq, problem: "not_in_ledger" };
    if (recorded !== event.hash) return { chain, seq: event.seq, problem: "ledger_mismatch" };
  }
  if (head === null) return { chain, problem: "item_missing" };
  const last = events.at(-1);
  // The record names a later event than the trail has: the trail lost its end (read by key, the ledger cannot say).
  if (head && head.seq > (last?.seq ?? 0)) return { chain, seq: head.seq, problem: "event_missing" };
  if (head && last && (head.seq !== last.seq || head.hash !== last.hash)) {
    return { chain, seq: head.seq, problem: "head_mismatch" };
  }
  return null;
}
