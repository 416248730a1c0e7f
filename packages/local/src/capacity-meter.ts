import { localEndpoint } from "@rujuk/core/aws-local";
import { DescribeTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
import {
  type Item,
  type TableSchema,
  type WriteCost,
  type WriteMode,
  conditionCheckCost,
  itemSize,
  writeCost,
  writeUnits,
} from "./capacity.ts";

/** The writes of one kind of row in one table (`REFERRAL/ITEM`, `LEDGER`, …), and the units they cost. */
export interface RowTally {
  table: string;
  row: string;
  /** Item writes (an item of a transaction or batch counts once). */
  writes: number;
  /** Of those, items written inside a transaction. */
  transactional: number;
  /** Writes whose condition failed (or whose transaction was cancelled): billed all the same. */
  failed: number;
  /** Of the table units, those of the failed writes. */
  failedUnits: number;
  /** The items' sizes, summed (the larger of before and after, per write). */
  bytes: number;
  /** Units on the table itself. */
  tableUnits: number;
  /** Units per global secondary index. */
  indexUnits: Record<string, number>;
}

interface Target {
  table: string;
  key: Item;
  op: "put" | "update" | "delete" | "check";
  mode: WriteMode;
  /** The item a Put writes. */
  item?: Item;
}

/**
 * A row's kind, from its key: the partition key's prefix (`REFERRAL`, `LEDGER`, `NOTIFY`), and the sort key's when it
 * names one (`ITEM`, `EVENT`, `ID`), so `REFERRAL/ITEM` (the item), `REFERRAL/EVENT` (its audit events), `LEDGER`.
 */
export function rowKind(key: Item): string {
  const prefix = (value: unknown) => (typeof value === "string" ? value.split("#")[0]! : String(value));
  const pk = prefix(key.PK);
  const sk = key.SK === undefined ? "" : prefix(key.SK);
  return /^[A-Z_]+$/.test(sk) ? `${pk}/${sk}` : pk;
}

const WRITES = /^(Put|Update|Delete)(Item)?Command$|^TransactWrite|^BatchWrite/;

/**
 * Meters `db` (a DocumentClient) the way AWS would bill it. Reads: the units DynamoDB Local reports (they follow the
 * documented rules: 0.5 per 4 KB eventually consistent, 1 strongly, per item for BatchGet, on the summed size for
 * Query). Writes: computed from the items (see `capacity.ts`), because DynamoDB Local under-reports transactions.
 * Each written item is read after the write with a separate, unmetered client to the same endpoint (strongly
 * consistent); its state before is what the previous metered write left, or read before the write the first time the
 * item is seen. Key schemas and indexes come from DescribeTable. What DynamoDB Local reported for the writes is kept
 * for comparison. Writes that fail their condition are billed (and counted apart); other errors are not.
 */
export function meterCapacity(db: DynamoDBDocumentClient, endpoint: string) {
  const raw = new DynamoDBClient({
    ...localEndpoint(endpoint),
    region: "local",
  });
  const reader = DynamoDBDocumentClient.from(raw);
  const schemas = new Map<string, Promise<TableSchema>>();
  const rows = new Map<string, RowTally>();
  const reported = { read: 0, write: 0 };

  function schema(table: string): Promise<TableSchema> {
    let found = schemas.get(table);
    if (!found) {
      found = raw.send(new DescribeTableCommand({ TableName: table })).then(({ Table }) => ({
        name: table,
        keys: (Table?.KeySchema ?? []).map((k) => k.AttributeName!),
        indexes: (Table?.GlobalSecondaryIndexes ?? []).map((index) => ({
          name: index.IndexName!,
          keys: (index.KeySchema ?? []).map((k) => k.AttributeName!),
          projection: index.Projection?.ProjectionType ?? "ALL",
          attributes: index.Projection?.NonKeyAttributes ?? [],
        })),
      }));
      schemas.set(table, found);
    }
    return found;
  }

  async function keyOf(table: string, item: Item): Promise<Item> {
    const { keys } = await schema(table);
    return Object.fromEntries(keys.map((k) => [k, item[k]]));
  }

  async function read(target: Target): Promise<Item | undefined> {
    const { Item } = await reader.send(
      new GetCommand({ TableName: target.table, Key: target.key, ConsistentRead: true }),
    );
    return Item;
  }

  // Every item as the last metered write left it: its "before" for the next write, read from the table only the first
  // time. A read just before each write would widen the window between the app's own read and its conditional write,
  // and so make the app's optimistic-concurrency retries (which are billed) more frequent than they are. A write waits
  // for the metering of an earlier write to the same item (its after-read) to finish, so that its "before" is current.
  const known = new Map<string, Item | undefined>();
  const inFlight = new Map<string, Promise<void>>();
  const id = (target: Target) =>
    JSON.stringify([target.table, Object.entries(target.key).sort(([a], [b]) => a.localeCompare(b))]);

  async function claim(ids: string[]): Promise<() => void> {
    for (;;) {
      const waiting = ids.flatMap((i) => inFlight.get(i) ?? []);
      if (waiting.length === 0) break;
      await Promise.all(waiting);
    }
    let release!: () => void;
    const done = new Promise<void>((resolve) => (release = resolve));
    for (const i of ids) inFlight.set(i, done);
    return () => {
      for (const i of ids) if (inFlight.get(i) === done) inFlight.delete(i);
      release();
    };
  }

  async function before(target: Target): Promise<Item | undefined> {
    if (known.has(id(target))) return known.get(id(target));
    const item = await read(target);
    known.set(id(target), item);
    return item;
  }

  /** The items a write request touches. */
  async function targets(command: string, input: Record<string, unknown>): Promise<Target[]> {
    if (command.startsWith("TransactWrite")) {
      const actions = (input.TransactItems ?? []) as Record<string, { TableName: string; Key?: Item; Item?: Item }>[];
      return Promise.all(
        actions.map(async (action) => {
          const [name, body] = Object.entries(action)[0]!;
          const op = ({ Put: "put", Update: "update", Delete: "delete", ConditionCheck: "check" } as const)[
            name as "Put" | "Update" | "Delete" | "ConditionCheck"
          ];
          const key = body.Key ?? (await keyOf(body.TableName, body.Item!));
          return {
            table: body.TableName,
            key,
            op,
            mode: "transactional" as const,
            ...(body.Item ? { item: body.Item } : {}),
          };
        }),
      );
    }
    if (command.startsWith("BatchWrite")) {
      return batchTargets(input.RequestItems as BatchRequests | undefined);
    }
    const table = input.TableName as string;
    if (command.startsWith("Put")) {
      const item = input.Item as Item;
      return [{ table, key: await keyOf(table, item), op: "put", mode: "standard", item }];
    }
    return [
      { table, key: input.Key as Item, op: command.startsWith("Update") ? "update" : "delete", mode: "standard" },
    ];
  }

  type BatchRequests = Record<string, { PutRequest?: { Item: Item }; DeleteRequest?: { Key: Item } }[]>;
  async function batchTargets(requests: BatchRequests | undefined): Promise<Target[]> {
    const out: Target[] = [];
    for (const [table, list] of Object.entries(requests ?? {})) {
      for (const request of list) {
        if (request.PutRequest) {
          const item = request.PutRequest.Item;
          out.push({ table, key: await keyOf(table, item), op: "put", mode: "standard", item });
        } else if (request.DeleteRequest) {
          out.push({ table, key: request.DeleteRequest.Key, op: "delete", mode: "standard" });
        }
      }
    }
    return out;
  }

  function tally(target: Target, cost: WriteCost, bytes: number, failed: boolean) {
    const row = rowKind(target.key);
    const slot = `${target.table}\u0000${row}`;
    let entry = rows.get(slot);
    if (!entry) {
      entry = {
        table: target.table,
        row,
        writes: 0,
        transactional: 0,
        failed: 0,
        failedUnits: 0,
        bytes: 0,
        tableUnits: 0,
        indexUnits: {},
      };
      rows.set(slot, entry);
    }
    entry.writes++;
    entry.bytes += bytes;
    if (target.mode === "transactional") entry.transactional++;
    if (failed) {
      entry.failed++;
      entry.failedUnits += cost.table;
    }
    entry.tableUnits += cost.table;
    for (const [index, units] of Object.entries(cost.indexes)) {
      entry.indexUnits[index] = (entry.indexUnits[index] ?? 0) + units;
    }
  }

  const sumReported = (consumed: unknown) =>
    [consumed]
      .flat()
      .reduce((sum: number, c) => sum + ((c as { CapacityUnits?: number } | undefined)?.CapacityUnits ?? 0), 0);

  db.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Record<string, unknown>;
      input.ReturnConsumedCapacity = "TOTAL";
      const command = context.commandName ?? "";
      if (!WRITES.test(command)) {
        const result = await next(args);
        reported.read += sumReported((result.output as { ConsumedCapacity?: unknown }).ConsumedCapacity);
        return result;
      }
      const touched = await targets(command, input);
      const release = await claim(touched.map(id));
      try {
        return await metered(touched, async () => next(args));
      } finally {
        release();
      }
    },
    { step: "initialize", name: "meterCapacity" },
  );

  /** Sends a write (`send`) and tallies what it costs. */
  async function metered<R extends { output: unknown }>(touched: Target[], send: () => Promise<R>): Promise<R> {
    const old = await Promise.all(touched.map(before));
    let result;
    try {
      result = await send();
    } catch (error) {
      // A failed condition is billed: 1 unit per KB of the larger of the stored item and the one attempted (1 for
      // none), doubled in a transaction (a cancelled transaction is assumed billed like that for every item).
      const name = (error as Error | undefined)?.name;
      if (name === "ConditionalCheckFailedException" || name === "TransactionCanceledException") {
        touched.forEach((target, i) => {
          const size = Math.max(old[i] ? itemSize(old[i]) : 0, target.item ? itemSize(target.item) : 0);
          const units = writeUnits(size) * (target.mode === "transactional" ? 2 : 1);
          tally(target, { table: units, indexes: {} }, size, true);
        });
      }
      throw error;
    }
    const output = result.output as { ConsumedCapacity?: unknown; UnprocessedItems?: BatchRequests };
    reported.write += sumReported(output.ConsumedCapacity);
    const unprocessed = new Set((await batchTargets(output.UnprocessedItems)).map(id));
    await Promise.all(
      touched.map(async (target, i) => {
        if (unprocessed.has(id(target))) return;
        const size = (item: Item | undefined) => (item ? itemSize(item) : 0);
        if (target.op === "check") return tally(target, conditionCheckCost(old[i]), size(old[i]), false);
        const after = target.op === "delete" ? undefined : await read(target);
        known.set(id(target), after);
        const cost = writeCost(await schema(target.table), old[i], after, target.mode);
        tally(target, cost, Math.max(size(old[i]), size(after)), false);
      }),
    );
    return result;
  }

  return {
    /** Read units as DynamoDB Local reported them, and what it reported for the writes. */
    reported,
    /** Computed write units by table and row kind. */
    rows: () => [...rows.values()].sort((a, b) => a.table.localeCompare(b.table) || a.row.localeCompare(b.row)),
    /** Computed write units in all. */
    writeUnits: () =>
      [...rows.values()].reduce(
        (sum, r) => sum + r.tableUnits + Object.values(r.indexUnits).reduce((s, u) => s + u, 0),
        0,
      ),
  };
}
