import { PAGES } from "@rujuk/core/pages";
import { ACCOUNT_TEXT } from "@rujuk/core/account-text";
import type { Child } from "hono/jsx";
import { useEffect, useRef, useState } from "hono/jsx/dom";
import { type Failure, api, send } from "../lib/api.ts";
import { CHECK_FIELDS, Field, type FieldErrors, Notice, bind, fieldErrors } from "../lib/form.tsx";
import { say, tr } from "../lib/lang.ts";
import { startPage } from "../lib/page.tsx";
import { type Me, forget, remember } from "../lib/session.ts";

/**
 * The change-password page (PASSWORD_PAGE): the current password, the new one twice. An account whose password
 * someone else set can open nothing else until it has chosen its own; anyone else may come here by choice and go
 * back. The length rule is core's, shown before typing; only the two entries' agreement is checked here, as the API
 * sees one new password.
 */
const ONCE = say(
  "Kata sandi Anda dibuat oleh orang lain dan hanya untuk sekali masuk. Pilih kata sandi Anda sendiri untuk melanjutkan.",
  "Someone else set your password, for one sign-in only: choose your own to go on.",
);
const DIFFER = say("Kedua kata sandi baru tidak sama. Ketik ulang.", "The two new passwords differ. Type them again.");
const DONE = say("Kata sandi sudah diganti. Membuka halaman utama…", "Password changed. Opening your home page…");
const FIELDS = ["currentPassword", "newPassword", "newPasswordAgain"];

async function signOut(): Promise<void> {
  await send(() => api.auth.logout.$post());
  forget();
  location.replace(PAGES.signIn);
}

/** The page's own frame: the app's name and sign-out, no links to pages the account may not open yet. */
function Bare(props: { children: Child }) {
  return (
    <>
      <header>
        <div>
          <h1>Rujuk</h1>
          <button type="button" id="pw-logout" class="ghost" onClick={() => void signOut()}>
            {tr(say("Keluar", "Sign out"))}
          </button>
        </div>
      </header>
      <main>{props.children}</main>
    </>
  );
}

function ChangePassword(props: { me: Me }) {
  const { me } = props;
  const [values, setValues] = useState({ currentPassword: "", newPassword: "", newPasswordAgain: "" });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [alert, setAlert] = useState<Failure["text"] | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const current = useRef<HTMLInputElement>(null);
  useEffect(() => current.current?.focus(), []);

  const input = (name: keyof typeof values) => (event: Event) =>
    setValues({ ...values, [name]: (event.target as HTMLInputElement).value });

  const focusFirst = (byPath: FieldErrors) => {
    const first = FIELDS.find((path) => byPath[path]?.length);
    if (first) document.querySelector<HTMLElement>(`[data-path="${first}"]`)?.focus();
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy || done) return;
    setAlert(null);
    if (values.newPassword !== values.newPasswordAgain) {
      const byPath = { newPasswordAgain: [DIFFER] };
      setErrors(byPath);
      setAlert(CHECK_FIELDS);
      // After the redraw, so the field the error names is the one that takes the focus.
      setTimeout(() => focusFirst(byPath));
      return;
    }
    setErrors({});
    setBusy(true);
    const r = await send(() =>
      api.me.password.$post({
        json: { currentPassword: values.currentPassword, newPassword: values.newPassword },
      }),
    );
    setBusy(false);
    if (r.ok) {
      remember(r.data.user);
      setDone(true);
      // Long enough to read the message; the new session's cookie is already set.
      setTimeout(() => location.replace(PAGES.home), 1500);
      return;
    }
    if (r.status === 401) return;
    const { byPath, rest } = fieldErrors(r, FIELDS);
    setErrors(byPath);
    setAlert(r.fields.length ? (rest[0] ?? CHECK_FIELDS) : r.text);
    setTimeout(() => focusFirst(byPath));
  };

  return (
    <section id="pw" aria-labelledby="pw-h">
      <h2 id="pw-h">{tr(say("Ganti kata sandi", "Change your password"))}</h2>
      {me.mustChangePassword ? (
        <p id="pw-once" class="warn">
          {tr(ONCE)}
        </p>
      ) : (
        <p id="pw-back">
          <a href={PAGES.home}>{tr(say("← Kembali", "← Back"))}</a>
        </p>
      )}
      <form id="pw-form" novalidate aria-busy={busy ? "true" : undefined} onSubmit={(e: Event) => void submit(e)}>
        {/* For password managers: whose new password this is. Never sent. */}
        <input id="pw-username" type="text" autocomplete="username" value={me.username} readonly hidden />
        <Field
          id="pw-current"
          path="currentPassword"
          label={say("Kata sandi sekarang", "Current password")}
          errors={errors}
        >
          <input
            {...bind("pw-current", "currentPassword", errors)}
            ref={current}
            type="password"
            autocomplete="current-password"
            disabled={done}
            value={values.currentPassword}
            onInput={input("currentPassword")}
          />
        </Field>
        <Field
          id="pw-new"
          path="newPassword"
          label={say("Kata sandi baru", "New password")}
          hint={ACCOUNT_TEXT.passwordWeak}
          errors={errors}
        >
          <input
            {...bind("pw-new", "newPassword", errors)}
            type="password"
            autocomplete="new-password"
            disabled={done}
            value={values.newPassword}
            onInput={input("newPassword")}
          />
        </Field>
        <Field
          id="pw-again"
          path="newPasswordAgain"
          label={say("Ulangi kata sandi baru", "New password again")}
          errors={errors}
        >
          <input
            {...bind("pw-again", "newPasswordAgain", errors)}
            type="password"
            autocomplete="new-password"
            disabled={done}
            value={values.newPasswordAgain}
            onInput={input("newPasswordAgain")}
          />
        </Field>
        <Notice id="pw-alert" text={alert} />
        <Notice id="pw-ok" kind="ok" text={done ? DONE : null} />
        <button type="submit" id="pw-send" disabled={busy || done}>
          {tr(busy ? say("Menyimpan…", "Saving…") : say("Simpan kata sandi", "Save password"))}
        </button>
      </form>
    </section>
  );
}

void startPage({
  roles: "any",
  frame: (_me, content) => <Bare>{content}</Bare>,
  content: (me) => <ChangePassword me={me} />,
});
