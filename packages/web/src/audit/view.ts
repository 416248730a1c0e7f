import { ITEM_KINDS, LEVELS, type ItemKind, type Level } from "@rujuk/core/chain";
import { ITEM_EVENT_TYPES, type ItemEventType } from "@rujuk/core/event-types";
import { PAGES } from "@rujuk/core/pages";
import { isRegionCode, isWithin } from "@rujuk/core/region-code";
import { dayEnd, dayStart, isDay } from "../lib/local-day.ts";

/**
 * What the audit page shows, held in its URL (`/audit?region=64.08.01&type=decided&item=referral:01J…`): a reload,
 * a shared link and the Back button all give the same search and the same open item.
 */

/** A search of the trail, as the form holds it: days as `YYYY-MM-DD` (local), `""` for "any". */
export interface Search {
  /** A region inside the auditor's own; `""` is the whole of theirs. */
  region: string;
  from: string;
  to: string;
  type: ItemEventType | "";
  level: Level | "";
  kind: ItemKind | "";
  /** The acting user's id (chosen from a result row: the API filters by id). */
  actor: string;
}

export interface ItemRef {
  kind: ItemKind;
  id: string;
}

export interface View {
  search: Search;
  item: ItemRef | null;
}

/** A search's parts, in the order the URL gives them; each is also the API's name for it. */
export const SEARCH_KEYS = [
  "region",
  "from",
  "to",
  "type",
  "level",
  "kind",
  "actor",
] as const satisfies readonly (keyof Search)[];

export const NO_SEARCH: Search = { region: "", from: "", to: "", type: "", level: "", kind: "", actor: "" };

const ID = /^[0-9A-Za-z_-]{1,100}$/;

function oneOf<T extends string>(list: readonly T[], value: string | null): T | "" {
  return list.find((v) => v === value) ?? "";
}

/** The item named by `kind:id`, or `null` for anything else. */
export function parseItem(value: string | null): ItemRef | null {
  const [kind, id, ...rest] = (value ?? "").split(":");
  const known = oneOf(ITEM_KINDS, kind ?? null);
  return known && id && ID.test(id) && rest.length === 0 ? { kind: known, id } : null;
}

/** The view a URL's query names, inside `scope` (the auditor's region): what does not fit is left out. */
export function readView(query: string, scope: string): View {
  const params = new URLSearchParams(query);
  const get = (name: string) => params.get(name) ?? "";
  const region = get("region");
  const day = (name: string) => (isDay(get(name)) ? get(name) : "");
  return {
    search: {
      region: isRegionCode(region) && region !== scope && isWithin(region, scope) ? region : "",
      from: day("from"),
      to: day("to"),
      type: oneOf(ITEM_EVENT_TYPES, params.get("type")),
      level: oneOf(LEVELS, params.get("level")),
      kind: oneOf(ITEM_KINDS, params.get("kind")),
      actor: ID.test(get("actor")) ? get("actor") : "",
    },
    item: parseItem(params.get("item")),
  };
}

/** The page's URL for a view: only what is set, in a fixed order. */
export function viewPath(view: View): string {
  const params = new URLSearchParams();
  for (const name of SEARCH_KEYS) if (view.search[name]) params.set(name, view.search[name]);
  if (view.item) params.set("item", `${view.item.kind}:${view.item.id}`);
  const query = params.toString();
  return query ? `${PAGES.audit}?${query}` : PAGES.audit;
}

/** Whether two searches ask the same. */
export function sameSearch(a: Search, b: Search): boolean {
  return viewPath({ search: a, item: null }) === viewPath({ search: b, item: null });
}

/**
 * The API's query for a search: days become the first moment of `from` and the moment after `to` in the zone of
 * the region searched (`scope` when none is chosen), so a range of days means what the auditor's clock says.
 */
export function apiQuery(search: Search, scope: string) {
  const where = search.region || scope;
  return {
    ...(search.region ? { region: search.region } : {}),
    ...(search.from ? { from: dayStart(search.from, where) } : {}),
    ...(search.to ? { to: dayEnd(search.to, where) } : {}),
    ...(search.type ? { type: search.type } : {}),
    ...(search.level ? { level: search.level } : {}),
    ...(search.kind ? { kind: search.kind } : {}),
    ...(search.actor ? { actor: search.actor } : {}),
  };
}

/** A plain click opens in the page; a click meant for a new tab (a modifier, the middle button) is the browser's. */
export function inPage(e: MouseEvent): boolean {
  return e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey && !e.altKey;
}
