import { BatchGetCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

type Key = { PK: string; SK: string };

/**
 * The rows behind index entries, in the entries' order. Listing indexes project keys only, so that changing an
 * item (status, level, decisions) rewrites no index copy of it: a list page pays one batch read instead.
 */
export async function rowsFor(
  db: DynamoDBDocumentClient,
  table: string,
  entries: readonly Record<string, unknown>[],
): Promise<Record<string, unknown>[]> {
  const keys: Key[] = entries.map((e) => ({ PK: e.PK as string, SK: e.SK as string }));
  if (keys.length === 0) return [];
  const found = new Map<string, Record<string, unknown>>();
  let pending: Key[] = keys;
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(50 * 2 ** attempt, 1000)));
    if (attempt > 8) throw new Error("BatchGet kept returning unprocessed keys");
    const result = await db.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: pending } } }));
    for (const row of result.Responses?.[table] ?? []) found.set(`${row.PK}|${row.SK}`, row);
    pending = (result.UnprocessedKeys?.[table]?.Keys as Key[] | undefined) ?? [];
  }
  // A row deleted between the Query and the read simply drops out of the page.
  return keys.flatMap((k) => {
    const row = found.get(`${k.PK}|${k.SK}`);
    return row ? [row] : [];
  });
}
