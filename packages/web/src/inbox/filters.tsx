import type { Text } from "@rujuk/core/bilingual";
import { CATEGORIES } from "@rujuk/core/category";
import { ITEM_KINDS } from "@rujuk/core/chain";
import { URGENCIES } from "@rujuk/core/deadline";
import { KIND_LABELS, REGION_LEVEL_LABELS, URGENCY_LABELS } from "@rujuk/core/labels";
import { LEVELS, type Region, type RegionLevel, ancestorAt, levelOf } from "@rujuk/core/region-code";
import { useEffect, useState } from "hono/jsx/dom";
import { say, tr } from "../lib/lang.ts";
import { childRegions } from "../lib/regions.ts";
import type { Filters } from "./url.ts";

const ALL = say("Semua", "All");

const valueOf = (e: Event) =>
  e.target instanceof HTMLSelectElement || e.target instanceof HTMLInputElement ? e.target.value : "";

/** A choice among a code list, "all" first. */
function Choice(props: {
  id: string;
  label: Text;
  value: string | undefined;
  options: readonly { value: string; label: string }[];
  disabled?: boolean;
  onPick: (value: string | undefined) => void;
}) {
  return (
    <div class="field">
      <label for={props.id}>{tr(props.label)}</label>
      <select id={props.id} disabled={props.disabled} onChange={(e: Event) => props.onPick(valueOf(e) || undefined)}>
        <option value="" selected={!props.value}>
          {tr(ALL)}
        </option>
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The regions under `parent` by name, once the reference list answers; none without a parent. */
function useChildren(parent: string | undefined): Region[] | null {
  const [regions, setRegions] = useState<Region[] | null>(null);
  useEffect(() => {
    setRegions(null);
    if (!parent) return;
    void childRegions(parent).then((list) => setRegions([...list].sort((a, b) => a.name.localeCompare(b.name, "id"))));
  }, [parent]);
  return regions;
}

function PlaceStep(props: {
  level: Exclude<RegionLevel, "provinsi">;
  parent: string | undefined;
  value: string | undefined;
  onPick: (code: string | undefined) => void;
}) {
  const regions = useChildren(props.parent);
  return (
    <Choice
      id={`f-${props.level}`}
      label={REGION_LEVEL_LABELS[props.level]}
      value={props.value}
      disabled={!props.parent || regions === null}
      options={(regions ?? []).map((r) => ({ value: r.code, label: r.name }))}
      onPick={props.onPick}
    />
  );
}

/**
 * Where the items come from, by name, inside the official's region: for a province its kabupaten/kota (which only
 * narrows the kecamatan to choose from: the API filters by kecamatan and desa), then the kecamatan, then the desa.
 */
function Places(props: { scope: string; filters: Filters; onChange: (filters: Filters) => void }) {
  const { scope, filters, onChange } = props;
  const [kabupaten, setKabupaten] = useState(filters.kecamatan ? ancestorAt(filters.kecamatan, "kabupaten") : null);
  const below = LEVELS.slice(LEVELS.indexOf(levelOf(scope) ?? "provinsi") + 1);
  const kab = levelOf(scope) === "kabupaten" ? scope : (kabupaten ?? undefined);
  const kec = levelOf(scope) === "kecamatan" ? scope : filters.kecamatan;
  return (
    <>
      {below.includes("kabupaten") ? (
        <PlaceStep
          level="kabupaten"
          parent={scope}
          value={kabupaten ?? undefined}
          onPick={(code) => {
            setKabupaten(code ?? null);
            if (filters.kecamatan || filters.desa) onChange({ ...filters, kecamatan: undefined, desa: undefined });
          }}
        />
      ) : null}
      {below.includes("kecamatan") ? (
        <PlaceStep
          level="kecamatan"
          parent={kab}
          value={filters.kecamatan}
          onPick={(code) => onChange({ ...filters, kecamatan: code, desa: undefined })}
        />
      ) : null}
      <PlaceStep level="desa" parent={kec} value={filters.desa} onPick={(desa) => onChange({ ...filters, desa })} />
    </>
  );
}

/** The search box: an item's number or id, or part of the person's name; the API finds them. */
function Search(props: { value: string | undefined; onSearch: (q: string | undefined) => void }) {
  const [text, setText] = useState(props.value ?? "");
  useEffect(() => setText(props.value ?? ""), [props.value]);
  return (
    <form
      class="search"
      role="search"
      onSubmit={(e: Event) => {
        e.preventDefault();
        props.onSearch(text.trim() || undefined);
      }}
    >
      <label for="f-q">{tr(say("Cari", "Search"))}</label>
      <div>
        <input
          id="f-q"
          type="search"
          maxlength={120}
          autocomplete="off"
          placeholder={tr(say("Nomor, ID, atau nama", "Number, ID or name"))}
          value={text}
          onInput={(e: Event) => setText(valueOf(e))}
        />
        <button type="submit" id="f-search">
          {tr(say("Cari", "Search"))}
        </button>
      </div>
    </form>
  );
}

/**
 * The inbox's filters and search; each change is applied at once (`onChange`), and kept in the address. The filters
 * fold away on a phone until asked for (`open`: on a laptop, or when a filter is set).
 */
export function InboxFilters(props: {
  scope: string;
  filters: Filters;
  open: boolean;
  onChange: (filters: Filters) => void;
}) {
  const { filters, onChange } = props;
  // Open as the page first asks; after that, as the official leaves it (a filter set does not fold it away).
  const [open, setOpen] = useState(props.open);
  const set = (patch: Partial<Filters>) => onChange({ ...filters, ...patch });
  const any = Object.values(filters).some((v) => v !== undefined);
  return (
    <div class="inbox-filters">
      <Search value={filters.q} onSearch={(q) => set({ q })} />
      <details
        open={open}
        onToggle={(e: Event) => {
          if (e.target instanceof HTMLDetailsElement) setOpen(e.target.open);
        }}
      >
        <summary>{tr(say("Saring", "Filter"))}</summary>
        <div class="filter-grid">
          <Choice
            id="f-kind"
            label={say("Jenis", "Kind")}
            value={filters.kind}
            options={ITEM_KINDS.map((k) => ({ value: k, label: tr(KIND_LABELS[k]) }))}
            onPick={(v) => set({ kind: ITEM_KINDS.find((k) => k === v) })}
          />
          <Choice
            id="f-urgency"
            label={say("Urgensi", "Urgency")}
            value={filters.urgency}
            options={URGENCIES.map((u) => ({ value: u, label: tr(URGENCY_LABELS[u]) }))}
            onPick={(v) => set({ urgency: URGENCIES.find((u) => u === v) })}
          />
          <Choice
            id="f-category"
            label={say("Kategori PPKS", "PPKS category")}
            value={filters.category}
            options={CATEGORIES.map((c) => ({
              value: c.code,
              label: `${c.code} – ${tr({ id: c.name, en: c.nameEn })}`,
            }))}
            onPick={(category) => set({ category })}
          />
          <Places scope={props.scope} filters={filters} onChange={onChange} />
        </div>
        <label class="check">
          <input
            type="checkbox"
            id="f-overdue"
            checked={filters.overdue === true}
            onChange={(e: Event) =>
              set({ overdue: e.target instanceof HTMLInputElement && e.target.checked ? true : undefined })
            }
          />
          {tr(say("Hanya yang terlambat", "Overdue only"))}
        </label>
        {any ? (
          <button type="button" class="ghost" id="f-clear" onClick={() => onChange({})}>
            {tr(say("Hapus semua filter", "Clear all filters"))}
          </button>
        ) : null}
      </details>
    </div>
  );
}
