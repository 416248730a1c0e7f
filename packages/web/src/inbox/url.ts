import { CATEGORIES } from "@rujuk/core/category";
import { ITEM_KINDS, type ItemKind } from "@rujuk/core/chain";
import { URGENCIES, type Urgency } from "@rujuk/core/deadline";
import { isRegionCode, isWithin, levelOf } from "@rujuk/core/region-code";

/**
 * The inbox's state in its address, so that a reload, a shared link and Back show the same list and the same open
 * item: `?jenis=referral&urgensi=urgent&kategori=LUT&kecamatan=64.08.01&desa=…&terlambat=1&cari=…&buka=referral:<id>`.
 * Values are checked here against core's lists and the official's region, so a hand-edited address asks the API
 * nothing it would refuse.
 */
export interface Filters {
  kind?: ItemKind;
  urgency?: Urgency;
  category?: string;
  kecamatan?: string;
  desa?: string;
  overdue?: boolean;
  q?: string;
}

/** The item open beside the list (on a laptop). */
export interface Opened {
  kind: ItemKind;
  id: string;
}

const PARAM = {
  kind: "jenis",
  urgency: "urgensi",
  category: "kategori",
  kecamatan: "kecamatan",
  desa: "desa",
  overdue: "terlambat",
  q: "cari",
  open: "buka",
} as const;

const oneOf = <T extends string>(list: readonly T[], value: string | null): T | undefined =>
  list.find((v) => v === value);

/** A region code of `level` inside the official's region, or nothing. */
function regionAt(value: string | null, level: "kecamatan" | "desa", scope: string): string | undefined {
  return value && isRegionCode(value) && levelOf(value) === level && isWithin(value, scope) ? value : undefined;
}

export function readFilters(search: string, scope: string): Filters {
  const p = new URLSearchParams(search);
  const kecamatan = regionAt(p.get(PARAM.kecamatan), "kecamatan", scope);
  const desa = regionAt(p.get(PARAM.desa), "desa", kecamatan ?? scope);
  const q = p.get(PARAM.q)?.trim().slice(0, 120);
  return {
    kind: oneOf(ITEM_KINDS, p.get(PARAM.kind)),
    urgency: oneOf(URGENCIES, p.get(PARAM.urgency)),
    category: CATEGORIES.find((c) => c.code === p.get(PARAM.category))?.code,
    kecamatan,
    desa,
    overdue: p.get(PARAM.overdue) === "1" || undefined,
    q: q || undefined,
  };
}

export function readOpened(search: string): Opened | undefined {
  const [kind, ...rest] = (new URLSearchParams(search).get(PARAM.open) ?? "").split(":");
  const id = rest.join(":");
  const k = oneOf(ITEM_KINDS, kind ?? null);
  return k && id ? { kind: k, id } : undefined;
}

/** The address for these filters and this open item (none: the list alone). */
export function inboxSearch(filters: Filters, opened: Opened | undefined): string {
  const p = new URLSearchParams();
  if (filters.kind) p.set(PARAM.kind, filters.kind);
  if (filters.urgency) p.set(PARAM.urgency, filters.urgency);
  if (filters.category) p.set(PARAM.category, filters.category);
  if (filters.kecamatan) p.set(PARAM.kecamatan, filters.kecamatan);
  if (filters.desa) p.set(PARAM.desa, filters.desa);
  if (filters.overdue) p.set(PARAM.overdue, "1");
  if (filters.q) p.set(PARAM.q, filters.q);
  if (opened) p.set(PARAM.open, `${opened.kind}:${opened.id}`);
  const text = p.toString();
  return text ? `?${text}` : "";
}

/** The query GET /api/inbox takes for these filters. */
export function inboxQuery(filters: Filters) {
  return {
    ...(filters.kind ? { kind: filters.kind } : {}),
    ...(filters.urgency ? { urgency: filters.urgency } : {}),
    ...(filters.category ? { category: filters.category } : {}),
    ...(filters.kecamatan ? { kecamatan: filters.kecamatan } : {}),
    ...(filters.desa ? { desa: filters.desa } : {}),
    ...(filters.overdue ? { overdue: "true" as const } : {}),
    ...(filters.q ? { q: filters.q } : {}),
  };
}

/** Whether any filter or search is set (the empty list then says nothing matched, not that nothing waits). */
export function filtered(filters: Filters): boolean {
  return Object.values(filters).some((v) => v !== undefined);
}
