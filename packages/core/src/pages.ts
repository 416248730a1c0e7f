import type { ItemKind } from "./chain.ts";

/**
 * The web app's page paths, in Bahasa Indonesia as officers read them in an email or the address bar: the one place
 * they are written. The server serves the page at each (Hono patterns, `:id` a path segment), the page script shows
 * the screen a path names, and emails link to an item's page. A fixed path is listed before a pattern it also
 * matches (`/rujukan/baru` before `/rujukan/:id`), so a reader that tries them in order finds the fixed one.
 */
export const PAGES = {
  /** An official's inbox: what waits for their decision. */
  inbox: "/kotak-masuk",
  /** The referrals the caller may read; a TKSK files a new one from here too. */
  referrals: "/rujukan",
  /** A TKSK's form for a new referral. */
  newReferral: "/rujukan/baru",
  /** One referral. */
  referral: "/rujukan/:id",
  /** One report. */
  report: "/laporan/:id",
} as const satisfies Record<string, string> & Record<ItemKind, string>;

/** The path of an item's page, e.g. `/rujukan/01J…`. */
export function itemPath(kind: ItemKind, id: string): string {
  return PAGES[kind].replace(":id", encodeURIComponent(id));
}

/**
 * Where a user whose password someone else set chooses their own (its own page, not the shell): sign-in, a reload
 * and a "change your password first" refusal all lead there.
 */
export const PASSWORD_PAGE = "/kata-sandi";
