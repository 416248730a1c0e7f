import { type DynamoDBDocumentClient, QueryCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import * as z from "zod";
import { AuditEvent, type EventBody, sealEvent } from "../audit.ts";
import type { ItemKind } from "../chain.ts";
import {
  LedgerEntry,
  type LedgerFamily,
  bucketOf,
  bucketsWithin,
  chainKey,
  chainOfEvent,
  familyOf,
  ledgerEntry,
  ledgerSortKey,
} from "../ledger.ts";
import { isWithin } from "../region.ts";
import { rowsFor } from "./batch.ts";
import { failedConditions } from "./errors.ts";

/**
 * The audit table: events and the region ledger, kept apart from the app's table so that in AWS the app's roles
 * may put (conditionally) and read here, but never update or delete. Every write is a Put on a key that must not
 * exist yet. Keys (PK / SK):
 * - `<chain>` / `EVENT#<seq, 10 digits>` — an event of the chain `REFERRAL#<id>`, `REPORT#<id>` or `AUDITOR#<user>`
 * - `LEDGER#<family>#<bucket>` / `<at>#<chain>#<seq, 10 digits>` — the ledger entry of that event; family `items`
 *   or `access` (auditors' own actions), bucket the event's kabupaten/kota (or the region itself above that level)
 */
const SEQ_DIGITS = 10;
const eventKey = (chain: string, seq: number) => ({ PK: chain, SK: `EVENT#${String(seq).padStart(SEQ_DIGITS, "0")}` });
const ledgerPartition = (family: LedgerFamily, bucket: string) => `LEDGER#${family}#${bucket}`;
const ledgerKey = (entry: LedgerEntry) => ({
  PK: ledgerPartition(familyOf(entry.chain), bucketOf(entry.region)),
  SK: ledgerSortKey(entry),
});

/** A ledger entry as stored: the entry, and copies of what searches filter on, so filtering reads no event. */
export const LedgerRow = LedgerEntry.extend({
  type: z.string(),
  level: z.string().optional(),
  actorId: z.string().optional(),
});
export type LedgerRow = z.infer<typeof LedgerRow>;

// A ledger row with the sort key it is read in order by; the partition key drops out.
const SortedLedgerRow = LedgerRow.extend({ SK: z.string() });

/**
 * A row under an event's key that is no longer an event (a field removed or of another type): changed in the table
 * behind the app's back. Verification reports it as a changed event; every other read fails on it.
 */
export class MalformedEvent extends Error {
  readonly chain: string;
  readonly seq: number | undefined;
  constructor(chain: string, seq: number | undefined) {
    super(`the stored event ${String(seq)} of ${chain} is not an event`);
    this.name = "MalformedEvent";
    this.chain = chain;
    this.seq = seq;
  }
}

/** A stored event without its table keys, exactly as it was written: the hash covers it whole. */
function toEvent(row: Record<string, unknown>): AuditEvent {
  const { PK, SK, ...event } = row;
  const parsed = AuditEvent.safeParse(event);
  if (parsed.success) return parsed.data;
  const seq = typeof SK === "string" ? Number(SK.slice("EVENT#".length)) : Number.NaN;
  throw new MalformedEvent(typeof PK === "string" ? PK : "", Number.isInteger(seq) ? seq : undefined);
}

/**
 * The Puts that write sealed events and their ledger entries, for the caller's transaction: the item's state, its
 * events and the ledger commit together or not at all. Each Put fails on an existing key, so nothing is overwritten.
 */
export function auditPuts(auditTable: string, events: readonly AuditEvent[], region: string) {
  return events.flatMap((event) => {
    const entry = ledgerEntry(event, region);
    const row: LedgerRow = {
      ...entry,
      type: event.type,
      ...(event.level ? { level: event.level } : {}),
      ...(event.actor ? { actorId: event.actor.id } : {}),
    };
    return [
      {
        Put: {
          TableName: auditTable,
          Item: { ...eventKey(entry.chain, event.seq), ...event },
          ConditionExpression: "attribute_not_exists(PK)",
        },
      },
      {
        Put: {
          TableName: auditTable,
          Item: { ...ledgerKey(entry), ...row },
          ConditionExpression: "attribute_not_exists(PK)",
        },
      },
    ];
  });
}

/** What a search of the trail may narrow by, besides region and time. */
export interface SearchFilter {
  type?: string | undefined;
  level?: string | undefined;
  /** The acting user's id. */
  actor?: string | undefined;
  kind?: ItemKind | undefined;
}

/**
 * Whether a ledger row matches a search's filter: judged on the row itself, so that no event is read for a row that
 * does not match.
 */
export function matchesSearch(row: LedgerRow, filter: SearchFilter): boolean {
  return (
    (!filter.type || row.type === filter.type) &&
    (!filter.level || row.level === filter.level) &&
    (!filter.actor || row.actorId === filter.actor) &&
    (!filter.kind || row.chain.startsWith(chainKey(filter.kind, "")))
  );
}

/** A time range, `from` inclusive and `to` exclusive (ISO 8601); either may be open. */
export interface TimeRange {
  from?: string | undefined;
  to?: string | undefined;
}

export function auditStore(db: DynamoDBDocumentClient, auditTable: string) {
  /** One bucket's ledger rows in order, read a page at a time, starting after `after` (a ledger sort key). */
  async function* bucketRows(partition: string, range: TimeRange, after: string | undefined, pageSize: number) {
    // DynamoDB refuses a start key outside the key condition's range; past its end there is nothing to read anyway.
    if (after && range.to && after >= range.to) return;
    let start: Record<string, unknown> | undefined =
      after && (!range.from || after >= range.from) ? { PK: partition, SK: after } : undefined;
    do {
      const result = await db.send(
        new QueryCommand({
          TableName: auditTable,
          KeyConditionExpression: "PK = :pk AND SK BETWEEN :from AND :to",
          ExpressionAttributeValues: { ":pk": partition, ":from": range.from ?? "0", ":to": range.to ?? "9" },
          ExclusiveStartKey: start,
          Limit: pageSize,
        }),
      );
      for (const row of result.Items ?? []) {
        const { SK, ...entry } = SortedLedgerRow.parse(row);
        yield { ...entry, sortKey: SK };
      }
      start = result.LastEvaluatedKey;
    } while (start);
  }

  /** A strongly consistent read of a chain's events; `options` pick the order, a limit or where to go on. */
  const chainQuery = (
    chain: string,
    options: { ExclusiveStartKey?: Record<string, unknown>; ScanIndexForward?: boolean; Limit?: number },
  ) =>
    db.send(
      new QueryCommand({
        TableName: auditTable,
        KeyConditionExpression: "PK = :pk AND begins_with(SK, :event)",
        ExpressionAttributeValues: { ":pk": chain, ":event": "EVENT#" },
        ConsistentRead: true,
        ...options,
      }),
    );

  /** Every event of a chain, oldest first. */
  async function chainEvents(chain: string): Promise<AuditEvent[]> {
    const events: AuditEvent[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const result = await chainQuery(chain, start ? { ExclusiveStartKey: start } : {});
      events.push(...(result.Items ?? []).map(toEvent));
      start = result.LastEvaluatedKey;
    } while (start);
    return events;
  }

  return {
    table: auditTable,
    events: chainEvents,

    /**
     * Ledger rows of the given families inside `scope` and the time range, in ledger order (time, chain, seq) across every
     * bucket of the scope: each bucket is read a page at a time and merged, so memory stays flat however many rows.
     * A caller that wants only `want` rows says so: no bucket can give more than that many of them, so no read of a
     * bucket asks for more, and a page costs what it shows, not what the buckets hold.
     */
    async *ledger(
      families: readonly LedgerFamily[],
      scope: string,
      range: TimeRange = {},
      after?: string,
      want?: number,
    ): AsyncGenerator<LedgerRow & { sortKey: string }> {
      const partitions = (await bucketsWithin(scope)).flatMap((b) => families.map((f) => ledgerPartition(f, b)));
      // Many partitions (a national scope) read small pages each, so the merge holds about the same number of rows.
      const merged = Math.max(10, Math.min(200, Math.floor(4000 / partitions.length)));
      const pageSize = want === undefined ? merged : Math.min(merged, want);
      const sources = partitions.map((p) => bucketRows(p, range, after, pageSize));
      const heads = await Promise.all(sources.map((s) => s.next()));
      for (;;) {
        let min = -1;
        let row: (LedgerRow & { sortKey: string }) | undefined;
        for (const [i, head] of heads.entries()) {
          if (head.done || (row && row.sortKey <= head.value.sortKey)) continue;
          min = i;
          row = head.value;
        }
        if (!row) return;
        heads[min] = await sources[min]!.next();
        if (isWithin(row.region, scope)) yield row;
      }
    },

    /** The events the ledger rows name, in the rows' order; a row whose event is gone is skipped here. */
    async eventsOf(rows: readonly Pick<LedgerEntry, "chain" | "seq">[]): Promise<AuditEvent[]> {
      return (
        await rowsFor(
          db,
          auditTable,
          rows.map((r) => eventKey(r.chain, r.seq)),
        )
      ).map(toEvent);
    },

    /**
     * The ledger rows of a chain's events, read by key (`region` for events older than their `region` field). An
     * event without its row, or a row for an event that is gone, is for verification to judge.
     */
    async ledgerOf(events: readonly AuditEvent[], region: string): Promise<LedgerRow[]> {
      const keys = events.map((e) => ledgerKey(ledgerEntry(e, e.region ?? region)));
      return (await rowsFor(db, auditTable, keys)).map((row) => LedgerRow.parse(row));
    },

    /**
     * Appends an event to its own chain (an auditor's action) with its ledger entry. The chain's last event is read
     * and the next sequence number claimed by a conditional Put: of two concurrent appends one wins, the other
     * reads again and follows it, so the chain never forks.
     */
    async append(body: EventBody, attempts = 8): Promise<AuditEvent> {
      const chain = chainOfEvent(body);
      for (let attempt = 1; ; attempt++) {
        const last = await chainQuery(chain, { ScanIndexForward: false, Limit: 1 });
        const prev = last.Items?.[0] ? toEvent(last.Items[0]) : null;
        const event = sealEvent(body, prev);
        try {
          await db.send(new TransactWriteCommand({ TransactItems: auditPuts(auditTable, [event], body.region ?? "") }));
          return event;
        } catch (error) {
          if (failedConditions(error).length === 0 || attempt >= attempts) throw error;
        }
      }
    },
  };
}

export type AuditStore = ReturnType<typeof auditStore>;
