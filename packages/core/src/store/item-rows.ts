import type { ItemKind } from "../chain.ts";
import {
  ITEM_VIEW,
  type ItemChange,
  ItemWorkflow,
  type ItemView,
  type StoredItem,
  type StoredOf,
  type ViewOf,
} from "../item-state.ts";
import { DUPLICATE_KEY_NAMES, QUEUE_KEY_NAMES, duplicateKeys, queueKeys, queueOf } from "./item-keys.ts";

/**
 * Rows of the app's table as core's item state, and changes back as updates. Every row read is parsed: one of
 * another shape fails here, loudly, rather than travelling on as a wrong item.
 */

type Row = Record<string, unknown>;

/** The item as readers get it: the kind's fields; keys and the chain's state are not in the view, so they drop out. */
export function viewOf<K extends ItemKind>(kind: K, row: Row): ViewOf<K>;
export function viewOf(kind: ItemKind, row: Row): ItemView {
  return ITEM_VIEW[kind].parse(row);
}

/** The item with the chain's state, for plans and the workflow; never for a response. */
export function storedOf<K extends ItemKind>(kind: K, row: Row): StoredOf<K>;
export function storedOf(kind: ItemKind, row: Row): StoredItem {
  return { ...viewOf(kind, row), ...ItemWorkflow.parse({ ...row, queue: queueOf(row) }) };
}

/**
 * The attributes a change sets and removes on `row`, with the store's bookkeeping (`updatedAt`, the audit head, the
 * revision) and the index entries its intents ask for.
 */
export function attributesOf(
  kind: ItemKind,
  item: StoredItem,
  change: ItemChange,
  bookkeeping: { updatedAt: string; auditSeq: number; auditHash: string },
): { set: Row; remove: string[] } {
  // A field given as undefined is left alone; clearing one is `remove`'s.
  const set: Row = Object.fromEntries(Object.entries(change.set ?? {}).filter(([, value]) => value !== undefined));
  const remove: string[] = [...(change.remove ?? [])];
  if (change.queue === null) remove.push(...QUEUE_KEY_NAMES);
  else if (change.queue) Object.assign(set, queueKeys(kind, item, change.queue));
  if (change.duplicates === false) remove.push(...DUPLICATE_KEY_NAMES);
  else if (change.duplicates) {
    const nikIndex = change.set?.nikIndex ?? item.nikIndex;
    if (nikIndex) Object.assign(set, duplicateKeys(nikIndex, item));
  }
  Object.assign(set, bookkeeping, { rev: (item.rev ?? 0) + 1 });
  return { set, remove };
}

/** An UpdateExpression with its names and values, for the attributes to set and remove. */
export function updateExpression(attributes: { set: Row; remove: readonly string[] }) {
  const names: Record<string, string> = {};
  const values: Row = {};
  const sets = Object.entries(attributes.set).map(([key, value], i) => {
    names[`#s${i}`] = key;
    values[`:s${i}`] = value;
    return `#s${i} = :s${i}`;
  });
  const removes = attributes.remove.map((key, i) => {
    names[`#r${i}`] = key;
    return `#r${i}`;
  });
  return {
    UpdateExpression: `SET ${sets.join(", ")}${removes.length ? ` REMOVE ${removes.join(", ")}` : ""}`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}
