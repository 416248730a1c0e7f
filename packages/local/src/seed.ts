import { newId } from "@rujuk/core/ids";
import { hashPassword } from "@rujuk/core/password";
import type { Store } from "@rujuk/core/store/index";
import type { DemoAccount } from "./demo-accounts.ts";

/** Creates the demo accounts that do not exist yet; a second start leaves existing ones (and their data) alone. */
export async function seedAccounts(
  store: Store,
  accounts: DemoAccount[],
  hash: (password: string) => Promise<string> = hashPassword,
): Promise<number> {
  let created = 0;
  for (const account of accounts) {
    if (await store.users.credentials(account.username)) continue;
    const { password, ...profile } = account;
    await store.users.create({ id: newId(), ...profile }, await hash(password));
    created++;
  }
  return created;
}
