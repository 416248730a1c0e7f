import { KIND_LABELS } from "@rujuk/core/labels";
import type { Text } from "@rujuk/core/bilingual";
import { useEffect, useState } from "hono/jsx/dom";
import { type Failure, api, send } from "../lib/api.ts";
import { Notice } from "../lib/form.tsx";
import { say, tr } from "../lib/lang.ts";
import type { Verification } from "./answers.ts";
import type { ItemRef } from "./view.ts";

/** What to verify: the events of a region, or one item's chain. */
export type Target = { region: string } | { item: ItemRef };

const CHAIN_NAMES: Record<"auditor" | "ledger", Text> = {
  auditor: say("log tindakan auditor", "an auditor's log"),
  ledger: say("buku besar wilayah", "the region's ledger"),
};

/** The result in plain words: how much was found whole, or where the first break is and what it is. */
function verdict(result: Verification): { text: Text; kind: "ok" | "alert" } {
  if (result.ok) {
    return {
      kind: "ok",
      text: say(
        `Utuh: ${result.checked} peristiwa dalam ${result.chains} rantai diperiksa, tidak ada yang diubah atau dihapus.`,
        `Intact: ${result.checked} events in ${result.chains} chains checked; nothing was changed or removed.`,
      ),
    };
  }
  const first = result.firstBroken;
  const where = first
    ? first.kind === "referral" || first.kind === "report"
      ? {
          id: `${KIND_LABELS[first.kind].id} ${first.item ?? ""}`,
          en: `${KIND_LABELS[first.kind].en} ${first.item ?? ""}`,
        }
      : CHAIN_NAMES[first.kind]
    : say("", "");
  const seq = first?.seq === undefined ? say("", "") : say(`, peristiwa ke-${first.seq}`, `, event ${first.seq}`);
  return {
    kind: "alert",
    text: say(
      `Tidak utuh: ${result.broken} masalah ditemukan di antara ${result.checked} peristiwa. Yang pertama: ${where.id}${seq.id}. ${first?.detail_id ?? ""}`,
      `Not intact: ${result.broken} problems found among ${result.checked} events. The first: ${where.en}${seq.en}. ${first?.detail ?? ""}`,
    ),
  };
}

/**
 * "Periksa integritas": recomputes the hash chains of the target on the server (GET /api/audit/verify) and says
 * what it found. A new target clears the last answer, which was about something else.
 */
export function VerifyButton(props: { target: Target; id: string }) {
  const { target } = props;
  const key = "region" in target ? `region:${target.region}` : `${target.item.kind}:${target.item.id}`;
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ text: Text; kind: "ok" | "alert" } | null>(null);
  useEffect(() => setResult(null), [key]);

  const run = async () => {
    setBusy(true);
    setResult(null);
    const query =
      "region" in target
        ? target.region
          ? { region: target.region }
          : {}
        : target.item.kind === "referral"
          ? { referral: target.item.id }
          : { report: target.item.id };
    const r = await send(() => api.audit.verify.$get({ query }));
    setBusy(false);
    setResult(r.ok ? verdict(r.data) : { kind: "alert", text: (r satisfies Failure).text });
  };

  return (
    <div class="verify">
      <button type="button" class="ghost" id={props.id} disabled={busy} onClick={() => void run()}>
        {tr(busy ? say("Memeriksa…", "Checking…") : say("Periksa integritas", "Check integrity"))}
      </button>
      <Notice id={`${props.id}-result`} text={result?.text} kind={result?.kind === "ok" ? "ok" : "alert"} />
    </div>
  );
}
