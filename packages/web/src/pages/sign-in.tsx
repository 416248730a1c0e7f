import { HOME_PAGE, PAGES, PASSWORD_PAGE } from "@rujuk/core/pages";
import { useState } from "hono/jsx/dom";
import { api, send } from "../lib/api.ts";
import { Field, Notice } from "../lib/form.tsx";
import { chooseLang, currentLang, say, tr } from "../lib/lang.ts";
import { startPublicPage } from "../lib/page.tsx";
import { remember } from "../lib/session.ts";

const FILL_BOTH = say("Isi nama pengguna dan kata sandi.", "Enter your username and password.");

/** Where to go after signing in: the page that sent the user here (same site only), else the role's home. */
function next(home: string): string {
  const wanted = new URLSearchParams(location.search).get("lanjut") ?? "";
  return wanted.startsWith("/") && !wanted.startsWith("//") && !wanted.startsWith(PAGES.signIn) ? wanted : home;
}

function SignIn() {
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [problem, setProblem] = useState<ReturnType<typeof say> | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    if (!username.trim() || !password) return setProblem(FILL_BOTH);
    setBusy(true);
    setProblem(null);
    const r = await send(() => api.auth.login.$post({ json: { username: username.trim(), password } }));
    setBusy(false);
    if (!r.ok) {
      setPassword("");
      return setProblem(r.text);
    }
    remember(r.data.user);
    location.replace(r.data.user.mustChangePassword ? PASSWORD_PAGE : next(HOME_PAGE[r.data.user.role]));
  };

  const other = currentLang() === "id" ? "en" : "id";
  return (
    <section aria-labelledby="login-h">
      <h2 id="login-h">{tr(say("Masuk", "Sign in"))}</h2>
      <form id="login-form" novalidate onSubmit={(e: Event) => void submit(e)}>
        <Field id="username" path="username" label={say("Nama pengguna", "Username")} errors={{}}>
          <input
            id="username"
            name="username"
            autocomplete="username"
            autocapitalize="none"
            value={username}
            onInput={(e: Event) => setUsername((e.target as HTMLInputElement).value)}
          />
        </Field>
        <Field id="password" path="password" label={say("Kata sandi", "Password")} errors={{}}>
          <input
            id="password"
            name="password"
            type="password"
            autocomplete="current-password"
            value={password}
            onInput={(e: Event) => setPassword((e.target as HTMLInputElement).value)}
          />
        </Field>
        <Notice id="login-alert" text={problem} />
        <button type="submit" id="login-btn" disabled={busy}>
          {tr(busy ? say("Memproses…", "Signing in…") : say("Masuk", "Sign in"))}
        </button>
      </form>
      <p>
        <button type="button" class="ghost" lang={other} onClick={() => chooseLang(other)}>
          {other === "en" ? "English" : "Bahasa Indonesia"}
        </button>
      </p>
    </section>
  );
}

startPublicPage(() => <SignIn />);

// Someone already signed in (a link to /masuk, or `/` on a browser that forgot whose it is) goes on at once; the
// form is usable meanwhile, and on a 401 it is simply what the page shows.
void send(() => api.me.$get()).then((r) => {
  if (!r.ok) return;
  remember(r.data);
  location.replace(r.data.mustChangePassword ? PASSWORD_PAGE : next(HOME_PAGE[r.data.role]));
});
