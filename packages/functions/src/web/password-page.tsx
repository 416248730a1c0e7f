import { TEXT } from "@rujuk/core/text";
import { Field } from "./field.tsx";
import { Brand, Document, Loading, type ShellAssets, renderDocument } from "./shell.tsx";

/**
 * The change-password page: the current (one-time) password, the new one twice. Static like the shell; its script
 * (password-client.ts) checks who is signed in, sends the change to `POST /api/me/password` and writes the API's
 * field errors under the fields by their `data-path`. The length rule is core's, shown as its own message.
 */
export function PasswordPage(props: { assets: ShellAssets }) {
  return (
    <Document assets={props.assets} title="Ganti kata sandi – Rujuk">
      <header>
        <div>
          <Brand />
          <button type="button" id="pw-logout" class="ghost" title="Sign out" hidden>
            Keluar
          </button>
        </div>
      </header>
      <main>
        <Loading id="pw-boot" />
        <section id="pw" hidden aria-labelledby="pw-h">
          <h2 id="pw-h">
            Ganti kata sandi <small>Change your password</small>
          </h2>
          <p id="pw-back" hidden>
            <a href="/">← Kembali</a> <small>Back</small>
          </p>
          <p id="pw-once" class="warn" hidden>
            Kata sandi Anda dibuat oleh orang lain dan hanya untuk sekali masuk. Pilih kata sandi Anda sendiri untuk
            melanjutkan. <small>Someone else set your password, for one sign-in only: choose your own to go on.</small>
          </p>
          <form id="pw-form" novalidate>
            {/* For password managers: whose new password this is. Filled by the script, never sent. */}
            <input id="pw-username" type="text" autocomplete="username" readonly hidden />
            <Field
              id="pw-current"
              path="currentPassword"
              label={{ id: "Kata sandi sekarang", en: "Current password (the one you signed in with)" }}
              control={(bind) => <input {...bind} type="password" autocomplete="current-password" required />}
            />
            <Field
              id="pw-new"
              path="newPassword"
              label={{ id: "Kata sandi baru", en: "New password" }}
              control={(bind) => (
                <>
                  {/* Core's rule in its own words, read before typing rather than after a refusal. */}
                  <p id="pw-rule" class="muted">
                    {TEXT.passwordWeak.id} <small>{TEXT.passwordWeak.en}</small>
                  </p>
                  <input
                    {...bind}
                    aria-describedby={`pw-rule ${bind["aria-describedby"]}`}
                    type="password"
                    autocomplete="new-password"
                    required
                  />
                </>
              )}
            />
            <Field
              id="pw-again"
              path="newPasswordAgain"
              label={{ id: "Ulangi kata sandi baru", en: "New password again" }}
              control={(bind) => <input {...bind} type="password" autocomplete="new-password" required />}
            />
            <p id="pw-alert" class="alert" role="alert"></p>
            <p id="pw-ok" class="ok" role="status"></p>
            <button type="submit" id="pw-send">
              Simpan kata sandi
            </button>
          </form>
        </section>
      </main>
    </Document>
  );
}

/** The page as served, rendered once to a document. */
export function renderPasswordPage(assets: ShellAssets): string {
  return renderDocument(<PasswordPage assets={assets} />);
}
