import { ITEM_KINDS, LEVELS, type ItemKind, type Level } from "@rujuk/core/chain";
import { ITEM_EVENT_TYPES, type ItemEventType } from "@rujuk/core/event-types";
import { EVENT_LABELS, KIND_LABELS, LEVEL_LABELS } from "@rujuk/core/labels";
import { useEffect, useState } from "hono/jsx/dom";
import { Field, type FieldErrors, bind } from "../lib/form.tsx";
import { say, tr } from "../lib/lang.ts";
import { RegionChoice } from "./region-choice.tsx";
import { NO_SEARCH, type Search, viewPath } from "./view.ts";

/** The value of the control an event came from. */
const valueOf = (e: Event) =>
  e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement ? e.target.value : "";

function pick<T extends string>(list: readonly T[], value: string): T | "" {
  return list.find((v) => v === value) ?? "";
}

/** A select of codes by their core labels, with "any" first. */
function CodeSelect<T extends string>(props: {
  id: string;
  path: string;
  label: ReturnType<typeof say>;
  any: ReturnType<typeof say>;
  codes: readonly T[];
  labels: Readonly<Record<T, ReturnType<typeof say>>>;
  value: T | "";
  errors: FieldErrors;
  onPick: (value: T | "") => void;
}) {
  return (
    <Field id={props.id} path={props.path} label={props.label} errors={props.errors}>
      <select
        {...bind(props.id, props.path, props.errors)}
        onChange={(e: Event) => props.onPick(pick(props.codes, valueOf(e)))}
      >
        <option value="" selected={props.value === ""}>
          {tr(props.any)}
        </option>
        {props.codes.map((code) => (
          <option value={code} selected={props.value === code}>
            {tr(props.labels[code])}
          </option>
        ))}
      </select>
    </Field>
  );
}

/**
 * The search: region by name, a range of days, what happened, at which level, to which kind of item, and by whom
 * (a person is chosen from a result row, since the API filters by account). Sent as a new URL of the page.
 */
export function SearchForm(props: {
  scope: string;
  search: Search;
  /** The name of the actor searched for, once a result row has named them. */
  actorName: string | undefined;
  errors: FieldErrors;
  onSearch: (search: Search) => void;
}) {
  const [draft, setDraft] = useState(props.search);
  // A new search from outside (Back, a row's person) replaces what the form holds.
  const current = viewPath({ search: props.search, item: null });
  useEffect(() => setDraft(props.search), [current]);
  const set = (change: Partial<Search>) => setDraft({ ...draft, ...change });
  const { errors } = props;

  return (
    <form
      id="audit-search"
      novalidate
      onSubmit={(e: Event) => {
        e.preventDefault();
        props.onSearch(draft);
      }}
    >
      <RegionChoice scope={props.scope} value={draft.region} errors={errors} onChange={(region) => set({ region })} />
      <div class="days">
        <Field id="from" path="from" label={say("Dari tanggal", "From")} errors={errors}>
          <input
            type="date"
            {...bind("from", "from", errors)}
            value={draft.from}
            onChange={(e: Event) => set({ from: valueOf(e) })}
          />
        </Field>
        <Field id="to" path="to" label={say("Sampai tanggal", "To")} errors={errors}>
          <input
            type="date"
            {...bind("to", "to", errors)}
            value={draft.to}
            onChange={(e: Event) => set({ to: valueOf(e) })}
          />
        </Field>
      </div>
      <CodeSelect<ItemEventType>
        id="type"
        path="type"
        label={say("Jenis peristiwa", "What happened")}
        any={say("Semua jenis", "Anything")}
        codes={ITEM_EVENT_TYPES}
        labels={EVENT_LABELS}
        value={draft.type}
        errors={errors}
        onPick={(type) => set({ type })}
      />
      <CodeSelect<Level>
        id="level"
        path="level"
        label={say("Tingkat", "Level")}
        any={say("Semua tingkat", "Every level")}
        codes={LEVELS}
        labels={LEVEL_LABELS}
        value={draft.level}
        errors={errors}
        onPick={(level) => set({ level })}
      />
      <CodeSelect<ItemKind>
        id="kind"
        path="kind"
        label={say("Berkas", "Item")}
        any={say("Rujukan dan laporan", "Referrals and reports")}
        codes={ITEM_KINDS}
        labels={KIND_LABELS}
        value={draft.kind}
        errors={errors}
        onPick={(kind) => set({ kind })}
      />
      {draft.actor ? (
        <p id="actor-filter" class="row">
          <span>
            {tr(say("Pelaku", "By"))}: <strong>{props.actorName ?? draft.actor}</strong>
          </span>
          <button type="button" class="ghost" onClick={() => set({ actor: "" })}>
            {tr(say("Semua pelaku", "Anyone"))}
          </button>
        </p>
      ) : (
        <p class="muted">
          {tr(
            say(
              "Pilih nama seseorang di hasil untuk melihat tindakannya saja.",
              "Choose a name in the results to see only what that person did.",
            ),
          )}
        </p>
      )}
      <div class="actions">
        <button type="submit" id="search-btn">
          {tr(say("Cari", "Search"))}
        </button>
        <button type="button" class="ghost" onClick={() => props.onSearch(NO_SEARCH)}>
          {tr(say("Hapus filter", "Clear filters"))}
        </button>
      </div>
    </form>
  );
}
