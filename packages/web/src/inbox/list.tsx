import { EVENT_LABELS, KIND_LABELS, URGENCY_LABELS } from "@rujuk/core/labels";
import { formatPeriod } from "@rujuk/core/period";
import { itemPath } from "@rujuk/core/pages";
import { type Body, api } from "../lib/api.ts";
import { RegionName, when } from "../lib/item-view.tsx";
import { categoryLabel } from "../lib/categories.ts";
import { currentLang, say, tr } from "../lib/lang.ts";
import type { Opened } from "./url.ts";

/** An item of the inbox as the API lists it: a referral (with its duplicates) or a report, and whether it is late. */
export type InboxItem = Body<typeof api.inbox.$get>["items"][number];

const LATE = say("Terlambat", "Overdue");

/** How many other open referrals name the same person: a warning to check before deciding. */
export function duplicatesText(n: number) {
  return say(`NIK sama dengan ${n} rujukan terbuka lain`, `Same NIK as ${n} other open referral${n > 1 ? "s" : ""}`);
}

/** What the row says of the item itself: the person and category of a referral, the period of a report. */
function What(props: { item: InboxItem }) {
  const { item } = props;
  if (item.kind === "report") return <span>{formatPeriod(item.period, currentLang())}</span>;
  return (
    <span>
      <strong class="who">{item.subject.name}</strong> · {categoryLabel(item.category)}
    </span>
  );
}

function Row(props: { item: InboxItem; selected: boolean; onOpen?: (opened: Opened) => void }) {
  const { item } = props;
  const href = itemPath(item.kind, item.id);
  return (
    <li class={props.selected ? "inbox-item selected" : "inbox-item"} data-id={item.id}>
      <a
        href={href}
        class="open"
        aria-current={props.selected ? "true" : undefined}
        onClick={(e: MouseEvent) => {
          // On a laptop the item opens beside the list; a new tab, or a phone, opens its own page.
          if (!props.onOpen || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
          e.preventDefault();
          props.onOpen({ kind: item.kind, id: item.id });
        }}
      >
        <span class="row">
          <span>
            {tr(KIND_LABELS[item.kind])} <strong class="number">{item.number}</strong>
          </span>
          <span class="badges">
            {item.kind === "referral" ? (
              <span class={`badge u-${item.urgency}`}>{tr(URGENCY_LABELS[item.urgency])}</span>
            ) : null}
            {item.overdue ? <span class="badge late">{tr(LATE)}</span> : null}
          </span>
        </span>
        <What item={item} />
        <span class="muted">
          <RegionName code={item.kecamatanCode} />
          {item.kind === "referral" ? (
            <>
              {" · "}
              <RegionName code={item.subject.desaCode} />
            </>
          ) : null}
          {" · "}
          {item.submittedBy.name}
        </span>
        <span class="muted">
          {tr(EVENT_LABELS.submitted)} {when(item.createdAt, item.kecamatanCode)}
          {item.dueAt ? ` · ${tr(say("Tenggat", "Due"))} ${when(item.dueAt, item.kecamatanCode)}` : ""}
        </span>
        {item.kind === "referral" && item.duplicates > 0 ? (
          <span class="dupe-flag">{tr(duplicatesText(item.duplicates))}</span>
        ) : null}
      </a>
    </li>
  );
}

/** The inbox's items, most urgent then oldest first as the API orders them. */
export function InboxList(props: {
  items: readonly InboxItem[];
  opened: Opened | undefined;
  onOpen?: (opened: Opened) => void;
}) {
  return (
    <ul class="list inbox-list" id="inbox-items">
      {props.items.map((item) => (
        <Row
          item={item}
          selected={props.opened?.kind === item.kind && props.opened.id === item.id}
          onOpen={props.onOpen}
        />
      ))}
    </ul>
  );
}
