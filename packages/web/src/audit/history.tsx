import type { Text } from "@rujuk/core/bilingual";
import { ROLE_LABELS, STATUS_LABELS } from "@rujuk/core/labels";
import { formatDateTime } from "@rujuk/core/local-time";
import { useEffect, useState } from "hono/jsx/dom";
import { type Failure, api, send } from "../lib/api.ts";
import { Notice } from "../lib/form.tsx";
import { currentLang, say, tr } from "../lib/lang.ts";
import { labelOf } from "../lib/label-of.ts";
import { regionName } from "../lib/regions.ts";
import type { Me } from "../lib/session.ts";
import type { History, TrailEvent } from "./answers.ts";
import { BY_SYSTEM, TypeBadge, When, itemName, roleOf, stepOf } from "./event-facts.tsx";
import { Reveal } from "./reveal.tsx";
import { mayEver } from "@rujuk/core/role-policy";
import { VerifyButton } from "./verify.tsx";
import { type ItemRef, inPage } from "./view.ts";

/** What the item's own record adds to its history, for those who may read it: its number, status and person. */
interface Summary {
  number: string;
  status: Text;
  person?: { name: string; nik: string };
  period?: string;
}

async function summaryOf(item: ItemRef): Promise<Summary | undefined> {
  if (item.kind === "referral") {
    const r = await send(() => api.referrals[":id"].$get({ param: { id: item.id }, query: {} }));
    if (!r.ok) return undefined;
    return { number: r.data.number, status: STATUS_LABELS[r.data.status], person: r.data.subject };
  }
  const r = await send(() => api.reports[":id"].$get({ param: { id: item.id }, query: {} }));
  if (!r.ok) return undefined;
  return { number: r.data.number, status: STATUS_LABELS[r.data.status], period: r.data.period };
}

/** A value an edit changed, as text: `—` for nothing. */
function shown(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** A region's name once the reference list answers. */
function RegionName(props: { code: string }) {
  const [name, setName] = useState(props.code);
  useEffect(() => {
    void regionName(props.code).then(setName);
  }, [props.code]);
  return <>{name}</>;
}

function EventEntry(props: { event: TrailEvent }) {
  const { event } = props;
  const step = stepOf(event);
  return (
    <li data-seq={event.seq} data-type={event.type}>
      <p class="row">
        <span>
          <span class="seq">{event.seq}.</span> <TypeBadge event={event} />
        </span>
        <When event={event} />
      </p>
      <p class="actor-line">
        {event.actor ? (
          <>
            <strong>{event.actor.name ?? event.actor.id}</strong>
            <span class="muted">
              {" "}
              · {roleOf(event)}
              {event.actor.regionCode ? (
                <>
                  {" "}
                  · <RegionName code={event.actor.regionCode} />
                </>
              ) : null}
            </span>
          </>
        ) : (
          <span class="muted">{tr(BY_SYSTEM)}</span>
        )}
      </p>
      {step ? <p>{step}</p> : null}
      {event.comment ? <blockquote class="comment">{event.comment}</blockquote> : null}
      {event.changes?.length ? (
        <table class="changes">
          <thead>
            <tr>
              <th scope="col">{tr(say("Kolom", "Field"))}</th>
              <th scope="col">{tr(say("Sebelum", "Before"))}</th>
              <th scope="col">{tr(say("Sesudah", "After"))}</th>
            </tr>
          </thead>
          <tbody>
            {event.changes.map((change) => (
              <tr>
                <th scope="row">
                  <code>{change.field}</code>
                </th>
                <td>{shown(change.before)}</td>
                <td>{shown(change.after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {event.masked?.length ? (
        <p class="muted">{tr(say("NIK di peristiwa ini disamarkan.", "NIKs in this event are masked."))}</p>
      ) : null}
    </li>
  );
}

const CHANNELS: Record<string, Record<string, Text>> = {
  in_app: { delivered: say("di aplikasi", "in the app") },
  email: { delivered: say("email terkirim", "email delivered"), failed: say("email gagal", "email failed") },
};

function Notifications(props: { sent: History["notifications"]; region: string }) {
  if (props.sent.length === 0) return null;
  return (
    <details class="sent">
      <summary>
        {tr(say("Pemberitahuan yang dikirim", "Notifications sent"))} ({props.sent.length})
      </summary>
      <ul class="list">
        {props.sent.map((n) => (
          <li>
            <p>
              <strong>{n.recipient.name ?? n.recipient.id}</strong>
              {n.recipient.role ? (
                <span class="muted"> · {tr(labelOf(ROLE_LABELS, n.recipient.role) ?? say("", ""))}</span>
              ) : null}
            </p>
            <p class="muted">
              {formatDateTime(n.at, props.region, currentLang())} ·{" "}
              {n.channels
                .map((c) => labelOf(CHANNELS[c.channel] ?? {}, c.status))
                .filter((label) => label !== undefined)
                .map((label) => tr(label))
                .join(", ")}
            </p>
          </li>
        ))}
      </ul>
    </details>
  );
}

/**
 * An item's whole history (GET /api/audit/<kind>s/:id/history): every event in order, who acted (by name, role and
 * region), at which level, the decision and comment, and what each edit changed before and after, NIKs masked; the
 * notifications sent; a check of the item's chain; and, for an auditor, the person's full NIK for a stated reason.
 */
export function ItemHistory(props: { me: Me; item: ItemRef; closeHref: string; onClose: () => void }) {
  const { me, item } = props;
  const [history, setHistory] = useState<History | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [summary, setSummary] = useState<Summary | undefined>(undefined);
  const key = `${item.kind}:${item.id}`;

  useEffect(() => {
    setHistory(null);
    setFailure(null);
    setSummary(undefined);
    void send(() =>
      item.kind === "referral"
        ? api.audit.referrals[":id"].history.$get({ param: { id: item.id } })
        : api.audit.reports[":id"].history.$get({ param: { id: item.id } }),
    ).then((r) => (r.ok ? setHistory(r.data) : setFailure(r)));
    if (mayEver(me.role, "read")) void summaryOf(item).then(setSummary);
  }, [key]);

  const region = history?.items.find((e) => e.region)?.region ?? "";
  return (
    <section aria-labelledby="history-h" class="audit-history" id="history">
      <div class="row">
        <h2 id="history-h">
          {tr(say("Riwayat", "History"))} {summary ? `${summary.number}` : itemName(item)}
        </h2>
        <a
          href={props.closeHref}
          class="close"
          onClick={(e: MouseEvent) => {
            if (!inPage(e)) return;
            e.preventDefault();
            props.onClose();
          }}
        >
          {tr(say("Tutup", "Close"))}
        </a>
      </div>
      <dl class="item-facts">
        <dt>{tr(say("ID", "ID"))}</dt>
        <dd>
          <code>{item.id}</code>
        </dd>
        {summary ? (
          <>
            <dt>{tr(say("Status", "Status"))}</dt>
            <dd>{tr(summary.status)}</dd>
          </>
        ) : null}
        {summary?.period ? (
          <>
            <dt>{tr(say("Periode", "Period"))}</dt>
            <dd>{summary.period}</dd>
          </>
        ) : null}
        {summary?.person ? (
          <>
            <dt>{tr(say("Nama", "Name"))}</dt>
            <dd id="person-name">{summary.person.name}</dd>
            <dt>NIK</dt>
            {mayEver(me.role, "reveal") ? (
              <Reveal referralId={item.id} masked={summary.person.nik} />
            ) : (
              <dd id="nik-masked">{summary.person.nik}</dd>
            )}
          </>
        ) : null}
      </dl>
      <VerifyButton id="verify-item" target={{ item }} />
      <Notice id="history-alert" text={failure?.text} />
      {history ? (
        <>
          <h3>{tr(say("Peristiwa", "Events"))}</h3>
          <ol class="list history" id="history-events">
            {history.items.map((event) => (
              <EventEntry event={event} />
            ))}
          </ol>
          <Notifications sent={history.notifications} region={region} />
        </>
      ) : failure ? null : (
        <p class="muted">{tr(say("Memuat…", "Loading…"))}</p>
      )}
    </section>
  );
}
