import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  QueryCommand,
  type QueryCommandInput,
} from "@aws-sdk/lib-dynamodb";
import * as z from "zod";
import { Invalid, fieldError } from "../errors.ts";
import { TEXT } from "../text.ts";
import { type PageRequest, decodeCursor, encodeCursor } from "./page.ts";

/** A row's table key; parsing an index entry or a row with it keeps the key alone. */
const Key = z.object({ PK: z.string(), SK: z.string() });
type Key = z.infer<typeof Key>;
const keyId = (key: Key) => JSON.stringify([key.PK, key.SK]);

/**
 * The rows behind index entries (or any keys), in the entries' order; rows that do not exist are left out. Listing
 * indexes project keys only, so that changing an item (status, level, decisions) rewrites no index copy of it: a
 * list page pays one batch read instead.
 */
export async function rowsFor(
  db: DynamoDBDocumentClient,
  table: string,
  entries: readonly Record<string, unknown>[],
): Promise<Record<string, unknown>[]> {
  const keys = entries.map((e) => Key.parse(e));
  if (keys.length === 0) return [];
  const found = new Map<string, Record<string, unknown>>();
  // A BatchGet takes at most 100 keys.
  for (let i = 0; i < keys.length; i += 100) {
    let pending: Key[] = keys.slice(i, i + 100);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(50 * 2 ** attempt, 1000)));
      if (attempt > 8) throw new Error("BatchGet kept returning unprocessed keys");
      const result = await db.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: pending } } }));
      for (const row of result.Responses?.[table] ?? []) found.set(keyId(Key.parse(row)), row);
      pending = z.array(Key).parse(result.UnprocessedKeys?.[table]?.Keys ?? []);
    }
  }
  // A row deleted between the Query and the read simply drops out of the page.
  return keys.flatMap((k) => {
    const row = found.get(keyId(k));
    return row ? [row] : [];
  });
}

/** Index pages read for one page of results at most: a rare filter then costs a bounded amount per request. */
const MAX_INDEX_READS = 5;

/**
 * One page of items behind an index query: reads index pages until `pick` has made `limit` items of the rows (it
 * parses a row and answers `undefined` for one the page leaves out) or the index ends, and returns a cursor just
 * after the last entry looked at. A filter (a status, overdue only) or a row that changed since
 * the index was read thus gives a full page, never a short or empty one that still has more behind it. The query's
 * partition value must be bound as `:pk`.
 */
export async function indexPage<T>(
  db: DynamoDBDocumentClient,
  query: Omit<QueryCommandInput, "Limit" | "ExclusiveStartKey">,
  page: PageRequest,
  pick: (row: Record<string, unknown>) => T | undefined,
): Promise<{ items: T[]; nextCursor: string | null }> {
  const table = query.TableName!;
  const items: T[] = [];
  let start = decodeCursor(page.cursor);
  // A cursor is valid only for the listing that issued it (the index partition is `:pk`): DynamoDB would refuse
  // another partition's key as a server error rather than a bad cursor.
  const partition = query.IndexName ? `${query.IndexName}PK` : "PK";
  if (start && start[partition] !== query.ExpressionAttributeValues?.[":pk"])
    throw new Invalid([fieldError("cursor", TEXT.invalidValue)]);
  for (let reads = 0; reads < MAX_INDEX_READS; reads++) {
    const result = await db.send(new QueryCommand({ ...query, Limit: page.limit, ExclusiveStartKey: start }));
    const entries = result.Items ?? [];
    const found = await rowsFor(db, table, entries);
    const byKey = new Map(found.map((row) => [keyId(Key.parse(row)), row]));
    for (const [i, entry] of entries.entries()) {
      const row = byKey.get(keyId(Key.parse(entry)));
      const item = row && pick(row);
      if (item === undefined) continue;
      items.push(item);
      if (items.length === page.limit) {
        const last = i === entries.length - 1;
        return { items, nextCursor: encodeCursor(last ? result.LastEvaluatedKey : startKey(entry, query.IndexName)) };
      }
    }
    start = result.LastEvaluatedKey;
    if (!start) break;
  }
  return { items, nextCursor: encodeCursor(start) };
}

/** Where a query resumes after an index entry: its table and index keys, not the attributes the index projects. */
function startKey(entry: Record<string, unknown>, index: string | undefined): Record<string, unknown> {
  const names = ["PK", "SK", ...(index ? [`${index}PK`, `${index}SK`] : [])];
  return Object.fromEntries(names.map((name) => [name, entry[name]]));
}

/**
 * How many index entries a query's key condition selects (`scanned`) and how many of those pass its filter
 * (`matched`): COUNT queries, page after page, reading no row. The cost is the entries in the key range, not the
 * table.
 */
export async function countOf(
  db: DynamoDBDocumentClient,
  query: Omit<QueryCommandInput, "Select" | "Limit" | "ExclusiveStartKey">,
): Promise<{ scanned: number; matched: number }> {
  const total = { scanned: 0, matched: 0 };
  let start: Record<string, unknown> | undefined;
  do {
    const result = await db.send(new QueryCommand({ ...query, Select: "COUNT", ExclusiveStartKey: start }));
    total.scanned += result.ScannedCount ?? 0;
    total.matched += result.Count ?? 0;
    start = result.LastEvaluatedKey;
  } while (start);
  return total;
}
