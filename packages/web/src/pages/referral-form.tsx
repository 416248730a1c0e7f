import type { Text } from "@rujuk/core/bilingual";
import { chainFor } from "@rujuk/core/chain";
import { type Urgency, deadlineSeconds } from "@rujuk/core/deadline";
import { LEVEL_LABELS } from "@rujuk/core/labels";
import { PAGES, itemPath } from "@rujuk/core/pages";
import { useEffect, useRef, useState } from "hono/jsx/dom";
import type { Failure } from "../lib/api.ts";
import { clearDraft, loadDraft, useDraft } from "../lib/drafts.ts";
import { CHECK_FIELDS, type FieldErrors, Notice, fieldErrors } from "../lib/form.tsx";
import { Duplicates, when } from "../lib/item-view.tsx";
import { say, tr } from "../lib/lang.ts";
import { type FiledReferral, type Queued, drop, file, newKey, queued, useOutbox } from "../lib/outbox.ts";
import { startPage } from "../lib/page.tsx";
import {
  EMPTY_REFERRAL,
  REFERRAL_PATHS,
  ReferralFields,
  type ReferralValues,
  referralBody,
  referralValues,
  restoreValues,
  withoutPath,
} from "../lib/referral-fields.tsx";
import { NEW_REFERRAL_FORM, REFERRAL_FIX_PARAM, fixForm } from "../lib/referral-queue.ts";
import type { Me } from "../lib/session.ts";

/**
 * A draft of a new referral: what is typed, the Idempotency-Key once it has been sent (so every retry, from this
 * page or by itself when the connection returns, files it once), and since when it waits in the outbox.
 */
interface Draft {
  values: ReferralValues;
  key?: string;
  waiting?: string;
}

const EMPTY: Draft = { values: EMPTY_REFERRAL };

function restoreDraft(stored: unknown): Draft | undefined {
  if (typeof stored !== "object" || stored === null) return undefined;
  const fields: Record<string, unknown> = Object.fromEntries(Object.entries(stored));
  const values = restoreValues(fields.values);
  if (!values) return undefined;
  const { key, waiting } = fields;
  return {
    values,
    ...(typeof key === "string" ? { key } : {}),
    ...(typeof waiting === "string" ? { waiting } : {}),
  };
}

// The server keeps an Idempotency-Key a day; past that a replay would file the referral again.
const REPLAY_WITHIN_MS = 20 * 60 * 60 * 1000;

/** A deadline in words: whole days, else hours (an urgent referral's kecamatan has 36 hours). */
function duration(seconds: number): Text {
  const days = seconds / 86_400;
  if (Number.isInteger(days)) return say(`${days} hari`, `${days} day${days === 1 ? "" : "s"}`);
  const hours = Math.round(seconds / 3600);
  return say(`${hours} jam`, `${hours} hours`);
}

/** Before sending: the levels the referral goes through, each with its time to decide at this urgency. */
function WhatNext(props: { urgency: Urgency }) {
  return (
    <section aria-labelledby="next-h" id="next">
      <h2 id="next-h">{tr(say("Setelah dikirim", "After you send it"))}</h2>
      <p>{tr(say("Rujukan diperiksa berurutan oleh:", "The referral is reviewed in turn by:"))}</p>
      <ol>
        {chainFor("referral").map((level) => (
          <li>
            {tr(LEVEL_LABELS[level])} · {tr(say("paling lama", "within"))}{" "}
            {tr(duration(deadlineSeconds(level, props.urgency)))}
          </li>
        ))}
      </ol>
      <p class="muted">
        {tr(
          say(
            "Setiap tingkat dapat menyetujui, menolak, atau mengembalikannya kepada Anda untuk diperbaiki; Anda mendapat pemberitahuan. Tanpa koneksi, rujukan disimpan di perangkat ini dan dikirim sendiri saat koneksi kembali.",
            "Each level may approve it, reject it, or return it to you for correction; you are notified. Without a connection, the referral is kept on this device and sent by itself when the connection returns.",
          ),
        )}
      </p>
    </section>
  );
}

/** After sending: the number, where the referral waits now, and other open referrals of the same person. */
function Filed(props: { item: FiledReferral; onAnother: () => void }) {
  const { item } = props;
  const level = item.currentLevel ?? item.chain[0];
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section aria-labelledby="filed-h" id="filed">
      <h2 id="filed-h" tabindex={-1} ref={heading}>
        {tr(say("Rujukan terkirim", "Referral sent"))}
      </h2>
      <p class="ok" role="status" id="filed-ok">
        {tr(say("Nomor", "Number"))} <strong id="filed-number">{item.number}</strong>.{" "}
        {level
          ? tr(
              say(
                `Sekarang menunggu keputusan tingkat ${LEVEL_LABELS[level].id}`,
                `It now waits for a decision at the ${LEVEL_LABELS[level].en} level`,
              ),
            )
          : ""}
        {item.dueAt ? ` (${tr(say("tenggat", "due"))} ${when(item.dueAt, item.kecamatanCode)})` : ""}.
      </p>
      <Duplicates duplicates={item.possibleDuplicates} id="filed-dupes" />
      <div class="actions">
        <a class="button" href={itemPath("referral", item.id)}>
          {tr(say("Lihat rujukan", "Open the referral"))}
        </a>
        <button type="button" class="ghost" onClick={props.onAnother}>
          {tr(say("Rujukan baru lagi", "Another referral"))}
        </button>
        <a href={PAGES.referrals}>{tr(say("Rujukan saya", "My referrals"))}</a>
      </div>
    </section>
  );
}

const WAITING = say("Menunggu koneksi", "Waiting for a connection");

function focusFirstInvalid(): void {
  setTimeout(() => {
    const first = document.querySelector<HTMLElement>("#ref-form [aria-invalid=true]");
    (first?.matches("fieldset") ? first.querySelector("input") : first)?.focus();
  }, 0);
}

/** Which draft this page edits: a refused one from the outbox (the list's "correct" link), or the new one. */
function whichForm(me: Me): { form: string; empty: Draft; fixing?: Queued } {
  const key = new URLSearchParams(location.search).get(REFERRAL_FIX_PARAM);
  const entry = key ? queued(me.id).find((e) => e.key === key) : undefined;
  if (entry?.kind === "referral") {
    return { form: fixForm(entry.key), empty: { values: referralValues(entry.body), key: entry.key }, fixing: entry };
  }
  if (key) {
    // Sent or given up since: nothing is left to correct under that name.
    clearDraft(me.id, fixForm(key));
    history.replaceState(null, "", PAGES.newReferral);
  }
  return { form: NEW_REFERRAL_FORM, empty: EMPTY };
}

function NewReferral(props: { me: Me; form: string; empty: Draft; fixing?: Queued }) {
  const { me } = props;
  const draft = useDraft(me.id, props.form, props.empty, restoreDraft);
  const outbox = useOutbox(me.id);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<Text | null>(null);
  // Sending from the form, or again from the waiting notice (which then stays up while it tries).
  const [busy, setBusy] = useState<false | "form" | "retry">(false);
  const [filed, setFiled] = useState<FiledReferral | null>(null);
  const [noteShown, setNoteShown] = useState(draft.restored);
  const [discarding, setDiscarding] = useState(false);
  const sending = useRef(false);
  // The key whose refusal this page received itself (and shows under the fields), not one the outbox met later.
  const refusedHere = useRef<string | null>(null);
  const { values, key, waiting } = draft.value;
  const entry = key ? outbox.find((e) => e.key === key) : undefined;

  const refused = (answer: Failure, sentKey: string) => {
    refusedHere.current = sentKey;
    const { byPath, rest } = fieldErrors(answer, REFERRAL_PATHS);
    setErrors(byPath);
    if (answer.status === 409) {
      // The key went with another body: that one may be filed. A new key, after the TKSK has looked at the list.
      drop(me.id, sentKey);
      draft.set({ values });
      setProblem(
        say(
          `${answer.text.id} Periksa Rujukan saya sebelum mengirim lagi.`,
          `${answer.text.en} Check My referrals before sending again.`,
        ),
      );
      return;
    }
    draft.set({ values, key: sentKey });
    setProblem(Object.keys(byPath).length ? (rest[0] ?? CHECK_FIELDS) : answer.text);
    focusFirstInvalid();
  };

  const send = async (fromDraft: Draft) => {
    if (sending.current) return;
    const built = referralBody(fromDraft.values);
    if ("errors" in built) {
      setErrors(built.errors);
      setProblem(CHECK_FIELDS);
      focusFirstInvalid();
      return;
    }
    // The key is in the draft before the first attempt: a crash mid-send retries under the same key.
    const sentKey = fromDraft.key ?? newKey();
    const since = fromDraft.waiting ?? new Date().toISOString();
    draft.set({ values: fromDraft.values, key: sentKey, waiting: since });
    sending.current = true;
    refusedHere.current = null;
    setBusy(fromDraft.waiting === undefined ? "form" : "retry");
    setProblem(null);
    const answer = await file(me.id, { kind: "referral", key: sentKey, body: built.body });
    sending.current = false;
    setBusy(false);
    if (answer === undefined) return; // Queued: the outbox sends it when the connection returns.
    if (answer.ok) {
      draft.clear();
      setErrors({});
      setNoteShown(false);
      setFiled(answer.data);
      if (props.fixing) history.replaceState(null, "", PAGES.newReferral);
      return;
    }
    refused(answer, sentKey);
  };

  // A referral waiting for the connection left the outbox: the server has it (sent from here or another page).
  // Sending it again under its key is answered with what was filed, without filing anything new. Decided on what is
  // stored now, not on this render's values: an answer may have cleared the draft since.
  useEffect(() => {
    const now = restoreDraft(loadDraft(me.id, props.form));
    if (!now?.waiting || !now.key || sending.current || queued(me.id).some((e) => e.key === now.key)) return;
    if (Date.now() - Date.parse(now.waiting) < REPLAY_WITHIN_MS) void send(now);
    else {
      draft.clear();
      setProblem(say("Rujukan ini sudah terkirim; lihat Rujukan saya.", "This referral was sent; see My referrals."));
    }
  }, [waiting, key, entry === undefined]);

  // Refused by the server while it waited (or before this page opened it to correct): back to the form, with the
  // reason and the field errors under their fields.
  const showRefusal = (refusedEntry: Queued) => {
    if (!refusedEntry.refused) return;
    const failure: Failure = {
      ok: false,
      status: 400,
      text: refusedEntry.refused,
      fields: refusedEntry.refusedFields ?? [],
    };
    setErrors(fieldErrors(failure, REFERRAL_PATHS).byPath);
    setProblem(
      say(
        `Server tidak menerima rujukan ini: ${refusedEntry.refused.id} Perbaiki lalu kirim lagi.`,
        `The server did not accept this referral: ${refusedEntry.refused.en} Correct it, then send it again.`,
      ),
    );
  };
  useEffect(() => {
    if (entry?.refused && refusedHere.current !== entry.key) {
      if (waiting) draft.set({ values, key });
      showRefusal(entry);
      focusFirstInvalid();
    }
  }, [entry?.refused]);

  const discard = () => {
    if (key) drop(me.id, key);
    draft.clear();
    setErrors({});
    setProblem(null);
    setNoteShown(false);
    setDiscarding(false);
    if (props.fixing) location.replace(PAGES.newReferral);
  };

  if (filed) {
    return (
      <Filed
        item={filed}
        onAnother={() => {
          setFiled(null);
          window.scrollTo(0, 0);
        }}
      />
    );
  }

  const change = (next: ReferralValues, path: string) => {
    setErrors(withoutPath(errors, path));
    draft.set({ ...draft.value, values: next });
  };
  const isWaiting = waiting !== undefined && busy !== "form" && !entry?.refused;

  return (
    <>
      <section aria-labelledby="new-h">
        <div class="row">
          <h2 id="new-h">{tr(say("Rujukan baru", "New referral"))}</h2>
          <a href={PAGES.referrals}>{tr(say("Rujukan saya", "My referrals"))}</a>
        </div>
        {noteShown ? (
          <div class="warn draft-note" id="draft-note" role="status">
            <p>
              <strong>{tr(say("Draf dipulihkan", "Draft restored"))}</strong> ·{" "}
              {tr(say("isian terakhir Anda di perangkat ini.", "what you last typed on this device."))}
            </p>
            {discarding ? (
              <div class="actions">
                <button type="button" class="danger" id="discard-yes" onClick={discard}>
                  {tr(say("Ya, buang draf", "Yes, discard it"))}
                </button>
                <button type="button" class="ghost" onClick={() => setDiscarding(false)}>
                  {tr(say("Batal", "Cancel"))}
                </button>
              </div>
            ) : (
              <div class="actions">
                <button type="button" class="ghost" id="discard" onClick={() => setDiscarding(true)}>
                  {tr(say("Buang draf", "Discard the draft"))}
                </button>
                <button type="button" class="ghost" onClick={() => setNoteShown(false)}>
                  {tr(say("Lanjutkan", "Continue"))}
                </button>
              </div>
            )}
          </div>
        ) : null}
        {isWaiting ? (
          <div id="waiting" class="warn" role="status">
            <p>
              <strong>{tr(WAITING)}</strong> ·{" "}
              {tr(
                say(
                  `Rujukan untuk ${values.name || "orang ini"} tersimpan di perangkat ini dan dikirim sendiri saat koneksi kembali. Halaman ini boleh ditutup.`,
                  `The referral for ${values.name || "this person"} is kept on this device and is sent by itself when the connection returns. You may close this page.`,
                ),
              )}
            </p>
            <div class="actions">
              <button type="button" id="retry" disabled={busy !== false} onClick={() => void send(draft.value)}>
                {tr(busy ? say("Mengirim…", "Sending…") : say("Coba kirim sekarang", "Try sending now"))}
              </button>
              <button
                type="button"
                class="ghost"
                id="edit-waiting"
                disabled={busy !== false}
                onClick={() => {
                  if (key) drop(me.id, key);
                  draft.set({ values, ...(key ? { key } : {}) });
                }}
              >
                {tr(say("Ubah dulu", "Edit it first"))}
              </button>
            </div>
          </div>
        ) : (
          <form
            id="ref-form"
            novalidate
            aria-busy={busy === "form" ? "true" : undefined}
            onSubmit={(e: Event) => {
              e.preventDefault();
              void send(draft.value);
            }}
          >
            <ReferralFields
              values={values}
              kecamatan={me.regionCode}
              errors={errors}
              disabled={busy !== false}
              onChange={change}
            />
            <Notice id="form-alert" text={problem} />
            <button type="submit" id="send" disabled={busy !== false}>
              {tr(busy ? say("Mengirim…", "Sending…") : say("Kirim rujukan", "Send the referral"))}
            </button>
          </form>
        )}
      </section>
      <WhatNext urgency={values.urgency} />
    </>
  );
}

void startPage({
  roles: ["tksk"],
  content: (me) => {
    const chosen = whichForm(me);
    return <NewReferral me={me} {...chosen} />;
  },
});
