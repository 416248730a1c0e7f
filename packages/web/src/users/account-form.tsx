import type { Text } from "@rujuk/core/bilingual";
import { ROLE_LABELS } from "@rujuk/core/labels";
import { ROLES, type Role, placeableIn } from "@rujuk/core/role";
import { ACCOUNT_TEXT } from "@rujuk/core/account-text";
import { useEffect, useState } from "hono/jsx/dom";
import { type Body, api, send } from "../lib/api.ts";
import { CHECK_FIELDS, Field, type FieldErrors, Notice, bind, fieldErrors } from "../lib/form.tsx";
import { say, tr } from "../lib/lang.ts";
import { RegionPicker, pickedRegion } from "../lib/region-picker.tsx";
import type { Me } from "../lib/session.ts";

export type Account = Body<typeof api.admin.users.$post>;

/** The paths of `NewUser` this form has a control for; the API's errors on them are shown under the control. */
const FIELDS = ["username", "name", "role", "regionCode", "email", "password"] as const;

interface Values {
  username: string;
  name: string;
  role: Role;
  /** The region chosen level by level (region-picker.tsx). */
  chain: string[];
  email: string;
  password: string;
}

const valueOf = (e: Event): string =>
  e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement ? e.target.value : "";

function created(account: Account): Text {
  return say(
    `Akun ${account.username} (${account.name}) sudah dibuat. Berikan kata sandi awalnya kepada ${account.name}: ` +
      "saat pertama kali masuk, ia harus memilih kata sandinya sendiri sebelum dapat memakai Rujuk.",
    `The account ${account.username} (${account.name}) is created. Give ${account.name} its initial password: at ` +
      "the first sign-in they must choose their own password before they can use Rujuk.",
  );
}

/**
 * A new account inside the admin's region. The roles offered are those that can sit somewhere in it; the region is
 * picked by name at the level the role needs (core's rules). The API decides: its field errors go under their
 * fields, a taken username under the username.
 */
export function AccountForm(props: { me: Me; onCreated: (account: Account) => void }) {
  const scope = props.me.regionCode;
  const roles = ROLES.filter((role) => placeableIn(role, scope));
  const empty: Values = {
    username: "",
    name: "",
    role: roles.includes("tksk") ? "tksk" : roles[0]!,
    chain: [],
    email: "",
    password: "",
  };
  const [values, setValues] = useState<Values>(empty);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<{ text: Text; kind: "alert" | "ok" } | null>(null);
  const [busy, setBusy] = useState(false);
  const [shown, setShown] = useState(false);
  const [attempt, setAttempt] = useState(0);

  // After a refusal, the first marked field takes the focus, so a phone scrolls to what needs fixing.
  useEffect(() => {
    if (attempt) document.querySelector<HTMLElement>("#account-form [aria-invalid=true]")?.focus();
  }, [attempt]);

  const set = (change: Partial<Values>) => setValues({ ...values, ...change });

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setNotice(null);
    const email = values.email.trim();
    const r = await send(() =>
      api.admin.users.$post({
        json: {
          username: values.username,
          name: values.name,
          role: values.role,
          regionCode: pickedRegion(scope, values.chain),
          password: values.password,
          ...(email ? { email } : {}),
        },
      }),
    );
    setBusy(false);
    if (r.ok) {
      setErrors({});
      setValues(empty);
      setShown(false);
      setNotice({ text: created(r.data), kind: "ok" });
      props.onCreated(r.data);
      return;
    }
    // A taken username is the username's problem, though the API answers it as a conflict.
    const { byPath, rest } = r.status === 409 ? { byPath: { username: [r.text] }, rest: [] } : fieldErrors(r, FIELDS);
    setErrors(byPath);
    const marked = Object.keys(byPath).length > 0;
    setNotice({ text: rest[0] ?? (marked ? CHECK_FIELDS : r.text), kind: "alert" });
    setAttempt(attempt + 1);
  };

  return (
    <form id="account-form" novalidate onSubmit={(e: Event) => void submit(e)}>
      <Field
        id="username"
        path="username"
        label={say("Nama pengguna", "Username")}
        hint={ACCOUNT_TEXT.usernameFormat}
        errors={errors}
      >
        <input
          {...bind("username", "username", errors)}
          autocomplete="off"
          autocapitalize="none"
          spellcheck={false}
          value={values.username}
          onInput={(e: Event) => set({ username: valueOf(e) })}
        />
      </Field>
      <Field id="name" path="name" label={say("Nama lengkap", "Full name")} errors={errors}>
        <input
          {...bind("name", "name", errors)}
          autocomplete="off"
          value={values.name}
          onInput={(e: Event) => set({ name: valueOf(e) })}
        />
      </Field>
      <Field id="role" path="role" label={say("Peran", "Role")} errors={errors}>
        <select
          {...bind("role", "role", errors)}
          onChange={(e: Event) => {
            const role = roles.find((r) => r === valueOf(e));
            if (role) set({ role, chain: [] });
          }}
        >
          {roles.map((role) => (
            <option value={role} selected={role === values.role}>
              {tr(ROLE_LABELS[role])}
            </option>
          ))}
        </select>
      </Field>
      <RegionPicker
        scope={scope}
        role={values.role}
        chain={values.chain}
        errors={errors}
        onChange={(chain) => set({ chain })}
      />
      <Field
        id="email"
        path="email"
        label={say("Email (tidak wajib)", "Email (optional)")}
        hint={say("Untuk pemberitahuan.", "For notifications.")}
        errors={errors}
      >
        <input
          {...bind("email", "email", errors)}
          type="email"
          autocomplete="off"
          value={values.email}
          onInput={(e: Event) => set({ email: valueOf(e) })}
        />
      </Field>
      <Field
        id="password"
        path="password"
        label={say("Kata sandi awal", "Initial password")}
        hint={say(
          `${ACCOUNT_TEXT.passwordWeak.id} Pemilik akun menggantinya sendiri saat pertama kali masuk.`,
          `${ACCOUNT_TEXT.passwordWeak.en} The account's owner replaces it at the first sign-in.`,
        )}
        errors={errors}
      >
        <input
          {...bind("password", "password", errors)}
          type={shown ? "text" : "password"}
          autocomplete="new-password"
          value={values.password}
          onInput={(e: Event) => set({ password: valueOf(e) })}
        />
      </Field>
      <label class="check">
        <input
          type="checkbox"
          id="password-shown"
          checked={shown}
          onChange={(e: Event) => setShown(e.target instanceof HTMLInputElement && e.target.checked)}
        />
        {tr(say("Tampilkan kata sandi", "Show the password"))}
      </label>
      <Notice id="account-notice" text={notice?.text} kind={notice?.kind} />
      <button type="submit" id="account-create" disabled={busy}>
        {tr(busy ? say("Membuat akun…", "Creating the account…") : say("Buat akun", "Create the account"))}
      </button>
    </form>
  );
}
