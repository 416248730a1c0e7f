import { isDeepStrictEqual } from "node:util";

/**
 * DynamoDB's documented capacity arithmetic (on-demand request units bill like provisioned capacity units), for
 * items in the DocumentClient's native form. DynamoDB Local's own `ConsumedCapacity` cannot be trusted for writes: for
 * a TransactWriteItems it reports, per table, about one item's units instead of two per item. Sources:
 * - item sizes: "DynamoDB item sizes and formats" (developerguide/CapacityUnitCalculations.html)
 * - write units: "DynamoDB read and write operations" (developerguide/read-write-operations.html): 1 unit per KB of
 *   the larger of the item before and after (Put, Update), of the deleted item (Delete); each BatchWriteItem request
 *   as its own Put or Delete; transactional writes 2 units per KB per item
 * - transactions: "Amazon DynamoDB Transactions: How it works", capacity management (developerguide/
 *   transaction-apis.html): two underlying writes (prepare, commit) of every item in the transaction
 * - indexes: "Global secondary indexes", provisioned throughput considerations, write capacity units
 *   (developerguide/GSI.html#GSI.ThroughputConsiderations.Writes)
 */

export type Item = Record<string, unknown>;

export const WRITE_UNIT_BYTES = 1024;

const utf8 = (text: string) => Buffer.byteLength(text, "utf8");

/**
 * A number's size: 1 byte per two significant digits, plus 1 (leading and trailing zeroes trimmed). DynamoDB calls
 * this approximate: it stores base-100 digits aligned on the decimal point, so e.g. 1.5 takes a byte more.
 */
export function numberSize(value: number | bigint | string): number {
  const mantissa = String(value).toLowerCase().replace(/^[+-]/, "").split("e")[0] ?? "";
  const digits = mantissa.replace(".", "").replace(/^0+/, "").replace(/0+$/, "");
  return Math.ceil(digits.length / 2) + 1;
}

/** The size of an attribute value, without its name. `undefined` values are not stored (the app's client drops them). */
export function valueSize(value: unknown): number {
  if (value === undefined) return 0;
  if (value === null || typeof value === "boolean") return 1;
  if (typeof value === "string") return utf8(value);
  if (typeof value === "number" || typeof value === "bigint") return numberSize(value);
  if (value instanceof Uint8Array || value instanceof ArrayBuffer) return value.byteLength;
  // Lists and maps: 3 bytes, plus 1 byte per element, plus the elements (a map element also has its name).
  if (Array.isArray(value))
    return 3 + value.reduce((sum: number, v) => sum + (v === undefined ? 0 : 1 + valueSize(v)), 0);
  // Sets (SS, NS, BS): the size rules say nothing about them; counted as their elements. The app stores none.
  if (value instanceof Set) return [...value].reduce((sum: number, v) => sum + valueSize(v), 0);
  if (typeof value === "object") {
    let size = 3;
    for (const [name, v] of Object.entries(value)) if (v !== undefined) size += 1 + utf8(name) + valueSize(v);
    return size;
  }
  throw new Error(`no DynamoDB size for a ${typeof value}`);
}

/** An item's size: the UTF-8 length of each attribute name plus the size of its value. */
export function itemSize(item: Item): number {
  let size = 0;
  for (const [name, value] of Object.entries(item)) if (value !== undefined) size += utf8(name) + valueSize(value);
  return size;
}

/** Write units for one write of `bytes`: 1 per KB, rounded up; writing (or failing to write) a missing item costs 1. */
export function writeUnits(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / WRITE_UNIT_BYTES));
}

export interface IndexSchema {
  name: string;
  /** Partition key, then sort key if any. */
  keys: string[];
  projection: "KEYS_ONLY" | "INCLUDE" | "ALL";
  /** The non-key attributes an INCLUDE projection copies. */
  attributes?: string[];
}

export interface TableSchema {
  name: string;
  keys: string[];
  indexes: IndexSchema[];
}

/** The item's entry in a global secondary index, or `undefined` when it lacks a key of the index (a sparse index). */
export function indexEntry(table: TableSchema, index: IndexSchema, item: Item | undefined): Item | undefined {
  if (!item || index.keys.some((k) => item[k] === undefined)) return undefined;
  if (index.projection === "ALL") return item;
  const names = new Set([
    ...table.keys,
    ...index.keys,
    ...(index.projection === "INCLUDE" ? (index.attributes ?? []) : []),
  ]);
  return Object.fromEntries(Object.entries(item).filter(([name]) => names.has(name)));
}

/**
 * What one index pays for an item going from `before` to `after` (either may be absent): entering the index, one put;
 * leaving it, one delete; a changed index key, a delete and a put; a changed projected attribute only, one write;
 * nothing that the index holds changed, nothing. Each write 1 unit per KB of the index entry (the index keys, the
 * table keys and the projected attributes). Index writes follow the table's write and are not part of a transaction,
 * so they are not doubled for one (the docs give no transactional rate for indexes).
 */
export function indexWriteUnits(table: TableSchema, index: IndexSchema, before?: Item, after?: Item): number {
  const old = indexEntry(table, index, before);
  const now = indexEntry(table, index, after);
  if (!old && !now) return 0;
  if (!old) return writeUnits(itemSize(now!));
  if (!now) return writeUnits(itemSize(old));
  if (index.keys.some((k) => !isDeepStrictEqual(old[k], now[k]))) {
    return writeUnits(itemSize(old)) + writeUnits(itemSize(now));
  }
  if (isDeepStrictEqual(old, now)) return 0;
  return writeUnits(Math.max(itemSize(old), itemSize(now)));
}

export type WriteMode = "standard" | "transactional";

export interface WriteCost {
  /** Units on the table itself. */
  table: number;
  /** Units per global secondary index (only indexes that were written). */
  indexes: Record<string, number>;
}

/**
 * The cost of one item's write, from the item as it was (`undefined` if missing) and as it is (`undefined` once
 * deleted): on the table 1 unit per KB of the larger of the two (2 in a transaction), plus what each index pays.
 */
export function writeCost(
  table: TableSchema,
  before: Item | undefined,
  after: Item | undefined,
  mode: WriteMode,
): WriteCost {
  const size = Math.max(before ? itemSize(before) : 0, after ? itemSize(after) : 0);
  const indexes: Record<string, number> = {};
  for (const index of table.indexes) {
    const units = indexWriteUnits(table, index, before, after);
    if (units > 0) indexes[index.name] = units;
  }
  return { table: writeUnits(size) * (mode === "transactional" ? 2 : 1), indexes };
}

/**
 * A transaction's ConditionCheck: an item of the transaction, prepared and committed like the others, so 2 units per
 * KB of the item checked (billed as writes, as AWS reports it). Nothing is written, so no index pays.
 */
export function conditionCheckCost(checked: Item | undefined): WriteCost {
  return { table: 2 * writeUnits(checked ? itemSize(checked) : 0), indexes: {} };
}
