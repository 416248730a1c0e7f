import type { Text } from "@rujuk/core/bilingual";
import { useEffect, useState } from "hono/jsx/dom";
import { api, send } from "../lib/api.ts";
import { Notice } from "../lib/form.tsx";
import { say, tr } from "../lib/lang.ts";
import { startPage } from "../lib/page.tsx";
import { useRegionName } from "../lib/region-picker.tsx";
import type { Me } from "../lib/session.ts";
import { type Account, AccountForm } from "../users/account-form.tsx";
import { AccountRow } from "../users/account-row.tsx";

/** Accounts asked per page: a kabupaten's officials and TKSK fit in one or two. */
const PAGE_SIZE = "50";

/** The accounts of the admin's region, page by page (the API's cursor), kept current as the admin changes them. */
function useAccounts() {
  const [items, setItems] = useState<Account[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const [problem, setProblem] = useState<Text | null>(null);

  const load = async (from?: string) => {
    setLoading(true);
    setProblem(null);
    const query = from ? { limit: PAGE_SIZE, cursor: from } : { limit: PAGE_SIZE };
    const r = await send(() => api.admin.users.$get({ query }));
    setLoading(false);
    if (!r.ok) return setProblem(r.text);
    setItems((shown) => [...(from ? shown : []), ...r.data.items]);
    setCursor(r.data.nextCursor ?? null);
  };
  useEffect(() => void load(), []);

  return {
    items,
    loading,
    problem,
    more: cursor ? () => void load(cursor) : undefined,
    added: (account: Account) => setItems((shown) => [account, ...shown]),
    changed: (account: Account) => setItems((shown) => shown.map((a) => (a.id === account.id ? account : a))),
  };
}

function Users(props: { me: Me }) {
  const accounts = useAccounts();
  const region = useRegionName(props.me.regionCode);
  return (
    <div class="users">
      <section aria-labelledby="users-h" class="users-list">
        <div class="row">
          <h2 id="users-h">{tr(say(`Akun di ${region}`, `Accounts in ${region}`))}</h2>
          <a href="#account-new" class="to-new">
            {tr(say("Tambah akun", "Add an account"))}
          </a>
        </div>
        <ul class="list" id="accounts" aria-busy={accounts.loading ? "true" : undefined}>
          {accounts.items.map((account) => (
            <AccountRow
              key={account.id}
              account={account}
              self={account.id === props.me.id}
              onChange={accounts.changed}
            />
          ))}
        </ul>
        {accounts.loading ? <p class="muted">{tr(say("Memuat…", "Loading…"))}</p> : null}
        <Notice id="accounts-alert" text={accounts.problem} />
        {accounts.more && !accounts.loading ? (
          <button type="button" class="ghost more" id="accounts-more" onClick={accounts.more}>
            {tr(say("Muat lebih banyak", "Load more"))}
          </button>
        ) : null}
      </section>
      <section aria-labelledby="account-new-h" id="account-new" class="users-new">
        <h2 id="account-new-h">{tr(say("Akun baru", "New account"))}</h2>
        <AccountForm me={props.me} onCreated={accounts.added} />
      </section>
    </div>
  );
}

void startPage({ roles: ["admin"], content: (me) => <Users me={me} /> });
