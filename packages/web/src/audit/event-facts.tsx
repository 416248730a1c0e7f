import { DECISION_LABELS, EVENT_LABELS, KIND_LABELS, LEVEL_LABELS, ROLE_LABELS } from "@rujuk/core/labels";
import { formatDateTime } from "@rujuk/core/local-time";
import { currentLang, say, tr } from "../lib/lang.ts";
import { labelOf } from "../lib/label-of.ts";
import type { TrailEvent } from "./answers.ts";
import type { ItemRef } from "./view.ts";

/** What every event says of itself, in words: shared by the search's rows and an item's history. */

export const BY_SYSTEM = say("Sistem (alur persetujuan)", "System (approval workflow)");

/** The item an event belongs to. */
export function itemOf(event: TrailEvent): ItemRef | null {
  if (event.referralId) return { kind: "referral", id: event.referralId };
  if (event.reportId) return { kind: "report", id: event.reportId };
  return null;
}

/** When it happened, on the clock of the item's region (WIB, WITA or WIT). */
export function When(props: { event: TrailEvent }) {
  const { event } = props;
  return (
    <time dateTime={event.at}>
      {formatDateTime(event.at, event.region ?? event.actor?.regionCode ?? "", currentLang())}
    </time>
  );
}

export function TypeBadge(props: { event: TrailEvent }) {
  return <span class={`badge t-${props.event.type}`}>{tr(EVENT_LABELS[props.event.type])}</span>;
}

/** The role of whoever acted, in words. */
export function roleOf(event: TrailEvent): string {
  const label = labelOf(ROLE_LABELS, event.actor?.role);
  return label ? tr(label) : "";
}

/** The level and the decision, where the event has them: "Kabupaten/kota · Dikembalikan untuk diperbaiki". */
export function stepOf(event: TrailEvent): string {
  return [labelOf(LEVEL_LABELS, event.level), labelOf(DECISION_LABELS, event.decision)]
    .filter((label) => label !== undefined)
    .map((label) => tr(label))
    .join(" · ");
}

/** An item by kind and the end of its id, which is what distinguishes one from another at a glance. */
export function itemName(item: ItemRef): string {
  return `${tr(KIND_LABELS[item.kind])} …${item.id.slice(-6)}`;
}
