import { useEffect, useState } from "hono/jsx/dom";
import { type Failure, api, send } from "../lib/api.ts";
import { Notice } from "../lib/form.tsx";
import { say, tr } from "../lib/lang.ts";
import type { TrailEvent } from "./answers.ts";
import { BY_SYSTEM, TypeBadge, When, itemName, itemOf, roleOf, stepOf } from "./event-facts.tsx";
import { type ItemRef, type Search, apiQuery, inPage, viewPath } from "./view.ts";

const PAGE_SIZE = "25";
const NOTHING = say("Tidak ada peristiwa yang cocok dengan pencarian ini.", "No event matches this search.");

/**
 * The events a search finds, oldest first, a page at a time ("Muat lebih banyak" reads on from the API's cursor).
 * Each row says when, what, who (a name that narrows the search to that person) and which item, which opens its
 * history.
 */
export function Results(props: {
  scope: string;
  search: Search;
  onFailure: (failure: Failure | null) => void;
  onOpen: (item: ItemRef) => void;
  onActor: (actor: { id: string; name: string | undefined }) => void;
  /** The name of the person searched for, as the rows found give it (a reloaded URL holds only their id). */
  onActorNamed: (name: string) => void;
}) {
  const { scope, search } = props;
  const [rows, setRows] = useState<TrailEvent[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const key = viewPath({ search, item: null });

  const load = async (cursor: string | null, before: TrailEvent[]) => {
    setBusy(true);
    const query = { ...apiQuery(search, scope), limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) };
    const r = await send(() => api.audit.events.$get({ query }));
    setBusy(false);
    if (!r.ok) {
      setFailure(r);
      props.onFailure(r);
      if (!cursor) setRows([]);
      return;
    }
    setFailure(null);
    props.onFailure(null);
    setRows([...before, ...r.data.items]);
    const named = r.data.items.find((e) => e.actor?.id === search.actor)?.actor?.name;
    if (search.actor && named) props.onActorNamed(named);
    setNext(r.data.nextCursor);
  };

  useEffect(() => {
    setRows(null);
    setNext(null);
    void load(null, []);
  }, [key]);

  return (
    <section aria-labelledby="results-h" class="audit-results">
      <h2 id="results-h">{tr(say("Hasil", "Results"))}</h2>
      <Notice id="results-alert" text={failure?.text} />
      {rows === null ? (
        <p class="muted">{tr(say("Memuat…", "Loading…"))}</p>
      ) : rows.length === 0 && !failure ? (
        <p class="muted" id="results-none">
          {tr(NOTHING)}
        </p>
      ) : (
        <ul class="list" id="results">
          {rows.map((event) => (
            <Row event={event} search={search} onOpen={props.onOpen} onActor={props.onActor} />
          ))}
        </ul>
      )}
      {next ? (
        <button type="button" class="ghost more" disabled={busy} onClick={() => void load(next, rows ?? [])}>
          {tr(busy ? say("Memuat…", "Loading…") : say("Muat lebih banyak", "Load more"))}
        </button>
      ) : null}
    </section>
  );
}

function Row(props: {
  event: TrailEvent;
  search: Search;
  onOpen: (item: ItemRef) => void;
  onActor: (actor: { id: string; name: string | undefined }) => void;
}) {
  const { event } = props;
  const item = itemOf(event);
  const step = stepOf(event);
  const actor = event.actor;
  return (
    <li data-type={event.type}>
      <p class="row">
        <TypeBadge event={event} />
        <When event={event} />
      </p>
      <p>
        {actor ? (
          <button
            type="button"
            class="link actor"
            title={tr(say(`Tampilkan hanya tindakan ${actor.name ?? ""}`, `Show only what ${actor.name ?? ""} did`))}
            onClick={() => props.onActor({ id: actor.id, name: actor.name })}
          >
            {actor.name ?? actor.id}
          </button>
        ) : (
          <span class="muted">{tr(BY_SYSTEM)}</span>
        )}
        {actor ? <span class="muted"> · {roleOf(event)}</span> : null}
        {step ? <span> · {step}</span> : null}
      </p>
      {item ? (
        <p>
          <a
            class="item-link"
            href={viewPath({ search: props.search, item })}
            title={item.id}
            onClick={(e: MouseEvent) => {
              if (!inPage(e)) return;
              e.preventDefault();
              props.onOpen(item);
            }}
          >
            {itemName(item)}
          </a>
        </p>
      ) : null}
    </li>
  );
}
