import { PASSWORD_PAGE } from "@rujuk/core/pages";
import { type Body, api, send } from "./api.ts";

/** The signed-in account, as `GET /api/me` answers it. */
export type Me = Body<typeof api.me.$get>;

// The account last seen here, so a page opened without a connection still knows whose it is.
const KEY = "rujuk.me";

function remembered(): Me | undefined {
  try {
    const text = localStorage.getItem(KEY);
    return text ? (JSON.parse(text) as Me) : undefined;
  } catch {
    return undefined;
  }
}

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

/** Keeps the account signed in here, for pages opened offline. */
export function remember(me: Me): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(me));
  } catch {
    // Storage refused: pages then need a connection to open, as without this.
  }
}

/** Forgets the account on this browser (signing out). */
export function forget(): void {
  localStorage.removeItem(KEY);
}
