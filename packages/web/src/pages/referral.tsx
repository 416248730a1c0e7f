import type { Text } from "@rujuk/core/bilingual";
import { KIND_LABELS, LEVEL_LABELS } from "@rujuk/core/labels";
import { PAGES } from "@rujuk/core/pages";
import type { Role } from "@rujuk/core/user";
import { useEffect, useState } from "hono/jsx/dom";
import { type Failure, api, send } from "../lib/api.ts";
import { CaseFacts, PersonFacts, type ReferralRead } from "../lib/referral-facts.tsx";
import { DecisionPanel } from "../lib/decide.tsx";
import { useDraft } from "../lib/drafts.ts";
import { CHECK_FIELDS, type FieldErrors, Notice, fieldErrors } from "../lib/form.tsx";
import { BackLink, Decisions, Duplicates, Facts, NotFound, StatusBadge, Timeline, when } from "../lib/item-view.tsx";
import { say, tr } from "../lib/lang.ts";
import { startPage } from "../lib/page.tsx";
import { WithdrawSection } from "../lib/withdraw.tsx";
import {
  REFERRAL_PATHS,
  ReferralFields,
  type ReferralValues,
  referralBody,
  referralValues,
  restoreValues,
  withoutPath,
} from "../lib/referral-fields.tsx";
import type { Me } from "../lib/session.ts";

/** The id the address names (`/rujukan/<id>`), or `undefined` for one that cannot be read. */
function idInAddress(): string | undefined {
  const segment = location.pathname.slice(PAGES.referrals.length + 1);
  try {
    const id = decodeURIComponent(segment);
    return id && !id.includes("/") ? id : undefined;
  } catch {
    return undefined;
  }
}

type Loaded =
  | { state: "loading" }
  | { state: "missing" }
  | { state: "failed"; text: Text }
  | { state: "shown"; item: ReferralRead };

const OFFICIALS: readonly Role[] = ["kecamatan", "kabupaten", "provinsi"];

/** The returning official's note: the last decision, when it sent the referral back. */
function ReturnNote(props: { item: ReferralRead }) {
  const last = props.item.decisions.at(-1);
  if (!last || last.decision !== "return") return null;
  return (
    <aside class="return-note" aria-labelledby="note-h" id="return-note">
      <h3 id="note-h">
        {tr(say(`Catatan dari ${LEVEL_LABELS[last.level].id}`, `Note from ${LEVEL_LABELS[last.level].en}`))}
      </h3>
      <p class="comment">{last.comment}</p>
      <p class="muted">
        {last.by.name} · <time dateTime={last.at}>{when(last.at, props.item.kecamatanCode)}</time>
      </p>
    </aside>
  );
}

/**
 * A returned referral corrected by its submitter and sent back to the level that returned it: the official's note
 * beside a form holding the referral's fields, kept as a draft while typed. Saved (PUT) and resubmitted in turn.
 */
function Correct(props: { me: Me; item: ReferralRead; onDone: (message: Text) => void }) {
  const { me, item } = props;
  const [initial] = useState<ReferralValues>(() => referralValues(item));
  const draft = useDraft(me.id, `referral:${item.id}`, initial, restoreValues);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<Text | null>(null);
  const [busy, setBusy] = useState(false);

  const failed = (r: Failure) => {
    const { byPath, rest } = fieldErrors(r, REFERRAL_PATHS);
    setErrors(byPath);
    setProblem(Object.keys(byPath).length ? (rest[0] ?? CHECK_FIELDS) : r.text);
    setTimeout(() => document.querySelector<HTMLElement>("#fix-form [aria-invalid=true]")?.focus(), 0);
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const built = referralBody(draft.value);
    if ("errors" in built) {
      setErrors(built.errors);
      setProblem(CHECK_FIELDS);
      return;
    }
    setBusy(true);
    setProblem(null);
    const param = { id: item.id };
    const saved = await send(() => api.referrals[":id"].$put({ param, json: built.body }));
    if (!saved.ok) {
      setBusy(false);
      return failed(saved);
    }
    const sent = await send(() => api.referrals[":id"].resubmit.$post({ param }));
    setBusy(false);
    if (!sent.ok) return failed(sent);
    draft.clear();
    const level = sent.data.currentLevel ?? item.decisions.at(-1)?.level;
    props.onDone(
      level
        ? say(
            `Rujukan diperbaiki dan dikirim ulang ke tingkat ${LEVEL_LABELS[level].id}.`,
            `The referral was corrected and sent back to the ${LEVEL_LABELS[level].en} level.`,
          )
        : say("Rujukan diperbaiki dan dikirim ulang.", "The referral was corrected and sent back."),
    );
  };

  return (
    <section aria-labelledby="fix-h" id="fix">
      <h2 id="fix-h">{tr(say("Perbaiki lalu kirim ulang", "Correct it and send it back"))}</h2>
      <div class="beside">
        <ReturnNote item={item} />
        <form id="fix-form" novalidate aria-busy={busy ? "true" : undefined} onSubmit={(e: Event) => void submit(e)}>
          {draft.restored ? (
            <p class="warn" role="status" id="draft-note">
              {tr(say("Draf dipulihkan dari perangkat ini.", "Draft restored from this device."))}{" "}
              <button type="button" class="ghost" id="discard" onClick={draft.clear}>
                {tr(say("Kembalikan isian semula", "Back to the fields as filed"))}
              </button>
            </p>
          ) : null}
          <ReferralFields
            values={draft.value}
            kecamatan={item.kecamatanCode}
            errors={errors}
            disabled={busy}
            onChange={(next, path) => {
              setErrors(withoutPath(errors, path));
              draft.set(next);
            }}
          />
          <Notice id="fix-alert" text={problem} />
          <button type="submit" id="resubmit" disabled={busy}>
            {tr(busy ? say("Mengirim…", "Sending…") : say("Simpan dan kirim ulang", "Save and send back"))}
          </button>
        </form>
      </div>
    </section>
  );
}

function Item(props: { me: Me; item: ReferralRead; onChanged: (message: Text) => void; message: Text | null }) {
  const { me, item } = props;
  const mine = item.submittedBy.id === me.id;
  const open = item.status === "in_review" || item.status === "returned";
  // On a phone one column; on a laptop the referral (and its correction) beside its decisions and timeline.
  return (
    <div class="item-cols">
      <div class="item-main">
        <section aria-labelledby="item-h" id="item">
          <BackLink me={me} />
          <div class="row">
            <h2 id="item-h" tabindex={-1}>
              {tr(KIND_LABELS.referral)} {item.number}
            </h2>
            <span id="item-status">
              <StatusBadge item={item} />
            </span>
          </div>
          <Notice id="item-ok" kind="ok" text={props.message} />
          <Duplicates duplicates={item.possibleDuplicates} id="dupes" />
          <Facts
            id="facts"
            rows={[
              [say("Alur", "Levels"), item.chain.map((l) => tr(LEVEL_LABELS[l])).join(" → ")],
              [say("Tenggat", "Due"), item.dueAt ? when(item.dueAt, item.kecamatanCode) : null],
              [say("Pengaju", "Filed by"), item.submittedBy.name],
              [say("Dibuat", "Filed"), when(item.createdAt, item.kecamatanCode)],
              [say("Diperbarui", "Updated"), when(item.updatedAt, item.kecamatanCode)],
            ]}
          />
          <h3>{tr(say("Orang yang dirujuk", "Person referred"))}</h3>
          <PersonFacts item={item} id="person" />
          <h3>{tr(KIND_LABELS.referral)}</h3>
          <CaseFacts item={item} id="details" />
        </section>
        {mine && item.status === "returned" ? <Correct me={me} item={item} onDone={props.onChanged} /> : null}
      </div>
      <div class="item-side">
        {OFFICIALS.includes(me.role) ? (
          <DecisionPanel
            kind="referral"
            item={item}
            me={me}
            onDecided={() => props.onChanged(say("Keputusan tersimpan.", "Decision saved."))}
            onStale={() => props.onChanged(say("Rujukan ini sudah berubah.", "This referral has changed."))}
          />
        ) : null}
        <section aria-labelledby="decisions-h">
          <h2 id="decisions-h">{tr(say("Keputusan", "Decisions"))}</h2>
          <Decisions decisions={item.decisions} regionCode={item.kecamatanCode} id="decisions" />
        </section>
        <section aria-labelledby="timeline-h">
          <h2 id="timeline-h">{tr(say("Riwayat", "Timeline"))}</h2>
          <Timeline events={item.timeline ?? []} regionCode={item.kecamatanCode} id="timeline" />
        </section>
        {mine && open ? <WithdrawSection kind="referral" item={item} onDone={props.onChanged} /> : null}
      </div>
    </div>
  );
}

function ReferralPage(props: { me: Me }) {
  const [loaded, setLoaded] = useState<Loaded>({ state: "loading" });
  const [message, setMessage] = useState<Text | null>(null);

  const load = async () => {
    const id = idInAddress();
    if (!id) return setLoaded({ state: "missing" });
    const r = await send(() => api.referrals[":id"].$get({ param: { id }, query: { include: "timeline" } }));
    if (r.ok) setLoaded({ state: "shown", item: r.data });
    else if (r.status === 404) setLoaded({ state: "missing" });
    else setLoaded({ state: "failed", text: r.text });
  };

  useEffect(() => {
    void load();
  }, []);

  useEffect(() => {
    if (loaded.state === "shown") document.title = `${tr(KIND_LABELS.referral)} ${loaded.item.number} – Rujuk`;
  }, [loaded]);

  switch (loaded.state) {
    case "loading":
      return <p class="muted">{tr(say("Memuat…", "Loading…"))}</p>;
    case "missing":
      return <NotFound me={props.me} />;
    case "failed":
      return (
        <section>
          <BackLink me={props.me} />
          <Notice id="item-alert" text={loaded.text} />
          <button type="button" class="ghost" onClick={() => void load()}>
            {tr(say("Coba lagi", "Try again"))}
          </button>
        </section>
      );
    case "shown":
      return (
        <Item
          me={props.me}
          item={loaded.item}
          message={message}
          onChanged={(text) => {
            setMessage(text);
            window.scrollTo(0, 0);
            void load();
          }}
        />
      );
  }
}

void startPage({
  // Anyone signed in may ask: the API answers 404 for an item outside their reach, and the page says so.
  roles: ["tksk", "kecamatan", "kabupaten", "provinsi", "auditor", "admin"],
  content: (me) => <ReferralPage me={me} />,
});
