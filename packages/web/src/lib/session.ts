import { PASSWORD_PAGE } from "@rujuk/core/pages";
import { type Me, remember, remembered } from "./account.ts";
import { api, send } from "./api.ts";

export { type Me, forget, remember } from "./account.ts";

/**
 * Who is signed in: `{ me }`. Not signed in: off to the sign-in page (`send` does it), which comes back here; an
 * account whose password someone else set: off to choose its own; either way `{ leaving }`, and the page shows
 * nothing. Without a connection, the account last signed in here, if any, so the page still opens; `{}` otherwise.
 */
export async function signedIn(): Promise<{ me?: Me; leaving?: true }> {
  const r = await send(() => api.me.$get());
  if (r.ok) {
    remember(r.data);
    if (!r.data.mustChangePassword || location.pathname === PASSWORD_PAGE) return { me: r.data };
    location.replace(PASSWORD_PAGE);
    return { leaving: true };
  }
  if (r.status === 0) {
    const me = remembered();
    return me ? { me } : {};
  }
  return { leaving: true };
}
