import type { Text } from "@rujuk/core/bilingual";
import type { Level } from "@rujuk/core/chain";
import type { Status } from "@rujuk/core/status";
import { DECISION_LABELS, EVENT_LABELS, LEVEL_LABELS, ROLE_LABELS, STATUS_LABELS } from "@rujuk/core/labels";
import { formatDateTime } from "@rujuk/core/local-time";
import { HOME_PAGE, itemPath } from "@rujuk/core/pages";
import type { Child } from "hono/jsx";
import { useEffect, useState } from "hono/jsx/dom";
import { currentLang, say, tr } from "./lang.ts";
import { labelOf } from "./label-of.ts";
import { regionName } from "./regions.ts";
import type { Me } from "./session.ts";

/**
 * How an item (a referral or a report) reads on a page: its status, the facts, the decisions taken on it and its
 * timeline, each in the page's language and in the local time of the item's region. Shared by the item pages, the
 * inbox's detail pane and the lists, so an item reads the same wherever it is opened.
 */

/** A time in the zone of `regionCode` (WIB, WITA or WIT), in the page's language. */
export function when(iso: string, regionCode: string): string {
  return formatDateTime(iso, regionCode, currentLang());
}

/** Where an item stands: its status and, while in review, the level it waits at. */
export function statusText(item: { status: Status; currentLevel: Level | null }): string {
  const status = tr(STATUS_LABELS[item.status]);
  return item.status === "in_review" && item.currentLevel
    ? `${status} · ${tr(LEVEL_LABELS[item.currentLevel])}`
    : status;
}

/** The status as a badge, coloured by status (base styles `.s-<status>`). */
export function StatusBadge(props: { item: { status: Status; currentLevel: Level | null } }) {
  return <span class={`badge s-${props.item.status}`}>{statusText(props.item)}</span>;
}

/** The name of a region, once the reference list has it (its code until then, or when offline). */
export function useRegionName(code: string): string {
  const [name, setName] = useState(code);
  useEffect(() => {
    void regionName(code).then(setName);
  }, [code]);
  return name;
}

/** A region's name, drawn as soon as it is known. */
export function RegionName(props: { code: string }) {
  return <>{useRegionName(props.code)}</>;
}

/** Facts as label/value pairs; a pair without a value is left out rather than shown empty. */
export function Facts(props: { rows: readonly (readonly [Text, Child])[]; id?: string }) {
  const rows = props.rows.filter(([, value]) => value !== undefined && value !== null && value !== "");
  return (
    <dl id={props.id}>
      {rows.map(([label, value]) => (
        <>
          <dt>{tr(label)}</dt>
          <dd>{value}</dd>
        </>
      ))}
    </dl>
  );
}

/** A decision as the API answers it. */
export interface DecisionView {
  level: Level;
  decision: keyof typeof DECISION_LABELS;
  comment: string | null;
  by: { id: string; name: string; role: string };
  at: string;
}

const NO_DECISION = say("Belum ada keputusan.", "No decision yet.");

/** Who acted, by name and role. */
function byline(actor: { name?: string; role: string }): string {
  const role = labelOf(ROLE_LABELS, actor.role);
  return [actor.name, role ? tr(role) : undefined].filter(Boolean).join(" · ");
}

/** The decisions taken on an item, oldest first: level, decision, who, when, and the comment. */
export function Decisions(props: { decisions: readonly DecisionView[]; regionCode: string; id?: string }) {
  if (!props.decisions.length) return <p class="muted">{tr(NO_DECISION)}</p>;
  return (
    <ol class="list decisions" id={props.id}>
      {props.decisions.map((d) => (
        <li>
          <p>
            <strong>{tr(LEVEL_LABELS[d.level])}</strong>: {tr(DECISION_LABELS[d.decision])}
          </p>
          <p class="muted">
            {byline(d.by)} · <time dateTime={d.at}>{when(d.at, props.regionCode)}</time>
          </p>
          {d.comment ? <p class="comment">{d.comment}</p> : null}
        </li>
      ))}
    </ol>
  );
}

/** An event of the item's timeline, as the API answers it (`?include=timeline`). */
export interface EventView {
  seq: number;
  at: string;
  type: string;
  actor: { name?: string; role: string } | null;
  level?: string;
  decision?: string;
  comment?: string;
}

const BY_SYSTEM = say("Sistem", "System");

/** Every event of the item in order: what happened, at which level, who acted (by name), and when. */
export function Timeline(props: { events: readonly EventView[]; regionCode: string; id?: string }) {
  return (
    <ol class="list timeline" id={props.id}>
      {props.events.map((e) => {
        const what = labelOf(EVENT_LABELS, e.type);
        const level = labelOf(LEVEL_LABELS, e.level);
        const decision = labelOf(DECISION_LABELS, e.decision);
        return (
          <li data-type={e.type}>
            <p>
              <strong>{what ? tr(what) : e.type}</strong>
              {level ? ` · ${tr(level)}` : ""}
              {decision ? ` (${tr(decision)})` : ""}
            </p>
            <p class="muted">
              {e.actor ? byline(e.actor) : tr(BY_SYSTEM)} · <time dateTime={e.at}>{when(e.at, props.regionCode)}</time>
            </p>
            {e.comment ? <p class="comment">{e.comment}</p> : null}
          </li>
        );
      })}
    </ol>
  );
}

/** Another open referral of the same person, as the API lets the caller know of it (an id only if they may open it). */
export interface DuplicateView {
  id?: string;
  status: Status;
  currentLevel: Level | null;
}

/** The flag for other open referrals of the same NIK, with a link to each the caller may open. */
export function Duplicates(props: { duplicates: readonly DuplicateView[] | undefined; id?: string }) {
  const found = props.duplicates ?? [];
  if (!found.length) return null;
  const n = found.length;
  return (
    <div class="warn dupes" role="status" id={props.id}>
      <p>
        {tr(
          say(
            `Perhatian: ada ${n} rujukan terbuka lain dengan NIK yang sama. Periksa agar orang ini tidak dirujuk dua kali.`,
            `Note: ${n} other open referral${n > 1 ? "s" : ""} name the same NIK. Check that this person is not referred twice.`,
          ),
        )}
      </p>
      <ul>
        {found.map((d) => (
          <li>{d.id ? <a href={itemPath("referral", d.id)}>{statusText(d)}</a> : statusText(d)}</li>
        ))}
      </ul>
    </div>
  );
}

const NOT_FOUND = say("Tidak ditemukan", "Not found");
const NOT_FOUND_WHY = say(
  "Berkas ini tidak ada, atau Anda tidak berhak membukanya.",
  "This item does not exist, or is not yours to open.",
);

/** An item that does not exist and one the caller may not see read alike (the API answers 404 for both). */
export function NotFound(props: { me: Me }) {
  return (
    <section aria-labelledby="nf-h">
      <h2 id="nf-h">{tr(NOT_FOUND)}</h2>
      <p class="alert" id="nf-why">
        {tr(NOT_FOUND_WHY)}
      </p>
      <p>
        <BackLink me={props.me} />
      </p>
    </section>
  );
}

const BACK = say("← Kembali", "← Back");

const listKey = (account: string) => `rujuk.list.${account}`;

/**
 * Remembers the list this page is (its address with the filter), for the way back from an item opened from it.
 * Per tab (sessionStorage) and per account: the next person on a shared phone starts from their own home.
 */
export function rememberList(me: Me): void {
  try {
    sessionStorage.setItem(listKey(me.id), location.pathname + location.search);
  } catch {
    // Storage refused: the way back is the role's home page.
  }
}

function rememberedList(me: Me): string | undefined {
  try {
    const at = sessionStorage.getItem(listKey(me.id));
    return at?.startsWith("/") && !at.startsWith("//") ? at : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The way back from an item: to the list it was opened from in this tab, with that list's filter (lists call
 * `rememberList`), else (an email's link) to the role's home page. The browser's own Back works as ever.
 */
export function BackLink(props: { me: Me; id?: string }) {
  return (
    <a href={rememberedList(props.me) ?? HOME_PAGE[props.me.role]} id={props.id ?? "back"} class="back">
      {tr(BACK)}
    </a>
  );
}
