import { ROLES } from "@rujuk/core/role";
import { ACCOUNT_KEY } from "./account-key.ts";
import type { Body, api } from "./api.ts";

/** The signed-in account, as `GET /api/me` answers it. */
export type Me = Body<typeof api.me.$get>;

/**
 * The account last signed in on this browser, so a page opened without a connection still knows whose it is, and
 * `/` can open the role's page without asking the server first. The server still decides every call; this only
 * picks which page to show. Its own module so `/` bundles none of the API client.
 */

function isAccount(value: unknown): value is Me {
  if (typeof value !== "object" || value === null) return false;
  const { id, role } = value as { id?: unknown; role?: unknown };
  return typeof id === "string" && ROLES.some((known) => known === role);
}

export function remembered(): Me | undefined {
  try {
    const text = localStorage.getItem(ACCOUNT_KEY);
    const stored: unknown = text ? JSON.parse(text) : undefined;
    // Kept by an older release, or edited by hand: only an account with an id and a known role is taken.
    return isAccount(stored) ? stored : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps the account signed in here, for pages opened offline. */
export function remember(me: Me): void {
  try {
    localStorage.setItem(ACCOUNT_KEY, JSON.stringify(me));
  } catch {
    // Storage refused: pages then need a connection to open, as without this.
  }
}

/** Forgets the account on this browser (signing out). */
export function forget(): void {
  localStorage.removeItem(ACCOUNT_KEY);
}
