import type { Text } from "@rujuk/core/bilingual";
import type { DecisionCode } from "@rujuk/core/status";
import { KIND_LABELS, REGION_LEVEL_LABELS } from "@rujuk/core/labels";
import { itemPath } from "@rujuk/core/pages";
import { formatPeriod } from "@rujuk/core/period";
import { useEffect, useState } from "hono/jsx/dom";
import { type Body, type Failure, api, send } from "../lib/api.ts";
import { DecisionPanel } from "../lib/decide.tsx";
import { Notice } from "../lib/form.tsx";
import { Decisions, Duplicates, Facts, RegionName, StatusBadge, Timeline, when } from "../lib/item-view.tsx";
import { currentLang, say, tr } from "../lib/lang.ts";
import type { Me } from "../lib/session.ts";
import { categoryLabel } from "../lib/categories.ts";
import { CaseFacts, PersonFacts, type ReferralRead } from "../lib/referral-facts.tsx";
import type { Opened } from "./url.ts";

type ReportRead = Body<(typeof api.reports)[":id"]["$get"]>;
type Loaded = { kind: "referral"; item: ReferralRead } | { kind: "report"; item: ReportRead };

/** The item the inbox opened, read on its own with its timeline (the full NIK, its duplicates). */
async function load(opened: Opened): Promise<{ ok: true; loaded: Loaded } | Failure> {
  const args = { param: { id: opened.id }, query: { include: "timeline" as const } };
  if (opened.kind === "referral") {
    const r = await send(() => api.referrals[":id"].$get(args));
    return r.ok ? { ok: true, loaded: { kind: "referral", item: r.data } } : r;
  }
  const r = await send(() => api.reports[":id"].$get(args));
  return r.ok ? { ok: true, loaded: { kind: "report", item: r.data } } : r;
}

function ReferralFacts(props: { item: ReferralRead }) {
  const { item } = props;
  return (
    <>
      <PersonFacts item={item} id="d-fields" />
      <CaseFacts item={item} id="d-case" />
      <Facts
        id="d-filed"
        rows={[
          [say("Diajukan oleh", "Filed by"), `${item.submittedBy.name} · ${when(item.createdAt, item.kecamatanCode)}`],
          [say("Tenggat", "Due"), item.dueAt ? when(item.dueAt, item.kecamatanCode) : null],
        ]}
      />
    </>
  );
}

function ReportFacts(props: { item: ReportRead }) {
  const { item } = props;
  const counts = Object.entries(item.counts);
  return (
    <Facts
      id="d-fields"
      rows={[
        [say("Periode", "Period"), formatPeriod(item.period, currentLang())],
        [REGION_LEVEL_LABELS.kecamatan, <RegionName code={item.kecamatanCode} />],
        [say("Kegiatan", "Activities"), item.activities],
        [
          say("Jumlah orang dilayani", "People served"),
          counts.length ? counts.map(([code, n]) => `${categoryLabel(code)}: ${n}`).join("\n") : "0",
        ],
        [say("Catatan", "Notes"), item.notes],
        [say("Diajukan oleh", "Filed by"), `${item.submittedBy.name} · ${when(item.createdAt, item.kecamatanCode)}`],
        [say("Tenggat", "Due"), item.dueAt ? when(item.dueAt, item.kecamatanCode) : null],
      ]}
    />
  );
}

const LOADING = say("Memuat…", "Loading…");

/**
 * The item open beside the inbox's list (a laptop's width): what it is, who it concerns, other open referrals of the
 * same NIK, the decisions so far, the decision panel, and the timeline. A link opens the item's own page.
 */
export function InboxDetail(props: {
  me: Me;
  opened: Opened;
  onDecided: (number: string, decision: DecisionCode) => void;
  onStale: () => void;
  onClose: () => void;
}) {
  const { me, opened } = props;
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [problem, setProblem] = useState<Text | null>(null);
  const [round, setRound] = useState(0);

  useEffect(() => {
    let current = true;
    setProblem(null);
    void load(opened).then((r) => {
      if (!current) return;
      if (r.ok) setLoaded(r.loaded);
      else {
        setLoaded(null);
        setProblem(r.text);
      }
    });
    return () => {
      current = false;
    };
  }, [opened.kind, opened.id, round]);

  const shown = loaded && loaded.item.id === opened.id ? loaded : null;
  const heading = shown
    ? `${tr(KIND_LABELS[shown.kind])} ${shown.item.number}`
    : tr(problem ? KIND_LABELS[opened.kind] : LOADING);
  const decided = (item: { number: string; decisions: readonly { decision: DecisionCode }[] }) => {
    const last = item.decisions.at(-1);
    if (last) props.onDecided(item.number, last.decision);
  };
  const stale = () => {
    setRound((n) => n + 1);
    props.onStale();
  };

  return (
    <div class="inbox-detail" id="detail" aria-busy={shown ? undefined : "true"}>
      <section aria-labelledby="d-h">
        <div class="row">
          <h2 id="d-h">{heading}</h2>
          <button type="button" class="ghost" id="d-close" onClick={props.onClose}>
            {tr(say("Tutup", "Close"))}
          </button>
        </div>
        <Notice id="d-alert" text={problem} />
        {shown ? (
          <>
            <p>
              <StatusBadge item={shown.item} />{" "}
              <a href={itemPath(shown.kind, shown.item.id)} id="d-page">
                {tr(say("Buka halamannya", "Open its page"))}
              </a>
            </p>
            {shown.kind === "referral" ? (
              <>
                <Duplicates id="d-dupes" duplicates={shown.item.possibleDuplicates} />
                <ReferralFacts item={shown.item} />
              </>
            ) : (
              <ReportFacts item={shown.item} />
            )}
          </>
        ) : null}
      </section>
      {shown ? (
        <>
          {shown.kind === "referral" ? (
            <DecisionPanel kind="referral" item={shown.item} me={me} onDecided={decided} onStale={stale} />
          ) : (
            <DecisionPanel kind="report" item={shown.item} me={me} onDecided={decided} onStale={stale} />
          )}
          <section aria-labelledby="d-decisions-h">
            <h2 id="d-decisions-h">{tr(say("Keputusan sebelumnya", "Decisions so far"))}</h2>
            <Decisions id="d-decisions" decisions={shown.item.decisions} regionCode={shown.item.kecamatanCode} />
          </section>
          <section aria-labelledby="d-timeline-h">
            <h2 id="d-timeline-h">{tr(say("Riwayat", "History"))}</h2>
            <Timeline id="d-timeline" events={shown.item.timeline ?? []} regionCode={shown.item.kecamatanCode} />
          </section>
        </>
      ) : null}
    </div>
  );
}
