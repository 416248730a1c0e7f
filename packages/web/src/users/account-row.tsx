import type { Text } from "@rujuk/core/bilingual";
import { ROLE_LABELS } from "@rujuk/core/labels";
import { useState } from "hono/jsx/dom";
import { api, send } from "../lib/api.ts";
import { ConfirmActions } from "../lib/confirm.tsx";
import { Notice } from "../lib/form.tsx";
import { say, tr } from "../lib/lang.ts";
import { RegionName } from "../lib/region-picker.tsx";
import type { Account } from "./account-form.tsx";

type Asking = "disable" | "reset" | null;

const DISABLED = say("Nonaktif", "Disabled");
const MUST_CHANGE = say("Harus mengganti kata sandi", "Must change password");
const YOU = say("Anda", "You");

function question(asking: "disable" | "reset", account: Account): Text {
  return asking === "disable"
    ? say(
        `Nonaktifkan akun ${account.username}? ${account.name} langsung keluar dari semua perangkat dan tidak dapat ` +
          "masuk lagi.",
        `Disable the account ${account.username}? ${account.name} is signed out everywhere at once and can no ` +
          "longer sign in.",
      )
    : say(
        `Buat kata sandi sekali pakai untuk ${account.username}? Kata sandinya yang sekarang tidak berlaku lagi dan ` +
          `${account.name} keluar dari semua perangkat.`,
        `Make a one-time password for ${account.username}? Their current password stops working and ${account.name} ` +
          "is signed out everywhere.",
      );
}

/** Puts `text` on the clipboard; `false` where the browser will not (an old phone, a page not over HTTPS). */
async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * The one-time password, shown this once: the API answers it only to the reset, and it is kept nowhere but in this
 * row until the admin closes it or leaves the page.
 */
function OneTime(props: { account: Account; password: string; onClose: () => void }) {
  const [copied, setCopied] = useState<Text | null>(null);
  const onCopy = async () => {
    if (await copy(props.password)) return setCopied(say("Tersalin.", "Copied."));
    const code = document.querySelector(`[data-username="${props.account.username}"] .otp code`);
    if (code) getSelection()?.selectAllChildren(code);
    setCopied(say("Tidak dapat menyalin otomatis: salin teks yang ditandai.", "Could not copy: copy the marked text."));
  };
  return (
    <div class="otp-box" role="status">
      <p>{tr(say("Kata sandi sekali pakai:", "One-time password:"))}</p>
      <p class="otp">
        <code>{props.password}</code>
      </p>
      <p class="muted">
        {tr(
          say(
            `Berikan kepada ${props.account.name} secara langsung. Kata sandi ini hanya ditampilkan sekali ini; ` +
              `${props.account.name} harus menggantinya saat masuk berikutnya.`,
            `Give it to ${props.account.name} in person. It is shown only this once; ${props.account.name} must ` +
              "change it at the next sign-in.",
          ),
        )}
      </p>
      <div class="actions">
        <button type="button" class="copy" onClick={() => void onCopy()}>
          {tr(say("Salin", "Copy"))}
        </button>
        <button type="button" class="ghost done" onClick={props.onClose}>
          {tr(say("Selesai", "Done"))}
        </button>
      </div>
      <Notice text={copied} kind="ok" />
    </div>
  );
}

/** One account: who, what role, where, its state; disabling it and resetting its password, each asked first. */
export function AccountRow(props: { account: Account; self: boolean; onChange: (account: Account) => void }) {
  const { account } = props;
  const [asking, setAsking] = useState<Asking>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Text | null>(null);
  const [oneTime, setOneTime] = useState<string | null>(null);

  const confirm = async () => {
    if (busy || !asking) return;
    setBusy(true);
    setProblem(null);
    const param = { param: { id: account.id } };
    if (asking === "disable") {
      const r = await send(() => api.admin.users[":id"].disable.$post(param));
      setBusy(false);
      if (!r.ok) return setProblem(r.text);
      setAsking(null);
      props.onChange(r.data);
    } else {
      const r = await send(() => api.admin.users[":id"]["reset-password"].$post(param));
      setBusy(false);
      if (!r.ok) return setProblem(r.text);
      setAsking(null);
      setOneTime(r.data.temporaryPassword);
      props.onChange(r.data.user);
    }
  };

  const actionable = !props.self && !account.disabled;
  return (
    <li data-username={account.username} class={account.disabled ? "account off" : "account"}>
      <div class="who">
        <p>
          <strong>{account.name}</strong>
          {props.self ? <span class="badge">{tr(YOU)}</span> : null}
        </p>
        <p class="muted username">{account.username}</p>
      </div>
      <p class="where">
        <span class="badge role">{tr(ROLE_LABELS[account.role])}</span> <RegionName code={account.regionCode} />
      </p>
      <p class="state">
        {account.disabled ? <span class="badge s-rejected disabled">{tr(DISABLED)}</span> : null}
        {account.mustChangePassword && !account.disabled ? (
          <span class="badge s-returned must-change">{tr(MUST_CHANGE)}</span>
        ) : null}
      </p>
      {actionable && !asking && !oneTime ? (
        <div class="actions">
          <button type="button" class="ghost reset" onClick={() => setAsking("reset")}>
            {tr(say("Atur ulang kata sandi", "Reset password"))}
          </button>
          <button type="button" class="ghost disable" onClick={() => setAsking("disable")}>
            {tr(say("Nonaktifkan", "Disable"))}
          </button>
        </div>
      ) : null}
      {asking ? (
        <div class="confirm" role="group" aria-label={tr(say("Konfirmasi", "Confirmation"))}>
          <p>{tr(question(asking, account))}</p>
          <ConfirmActions
            danger={asking === "disable"}
            confirmClass="yes"
            cancelClass="no"
            text={
              asking === "disable"
                ? say("Ya, nonaktifkan", "Yes, disable")
                : say("Ya, buat kata sandi", "Yes, make a password")
            }
            busy={busy}
            onConfirm={() => void confirm()}
            onCancel={() => setAsking(null)}
          />
        </div>
      ) : null}
      {oneTime ? <OneTime account={account} password={oneTime} onClose={() => setOneTime(null)} /> : null}
      <Notice text={problem} />
    </li>
  );
}
