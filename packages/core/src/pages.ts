import type { ItemKind } from "./chain.ts";
import type { Role } from "./user.ts";

/**
 * The web app's page paths, in Bahasa Indonesia as officers read them in an email or the address bar: the one place
 * they are written. The server serves the page at each (Hono patterns, `:id` a path segment), the page script shows
 * the screen a path names, and emails link to an item's page. A fixed path is listed before a pattern it also
 * matches (`/rujukan/baru` before `/rujukan/:id`), so a reader that tries them in order finds the fixed one.
 */
export const PAGES = {
  /** Nothing of its own: it opens the signed-in role's home page (HOME_PAGE), or sign-in. */
  home: "/",
  /** Sign-in; `?lanjut=<path>` is where to go after it (an email's link, say). */
  signIn: "/masuk",
  /** An official's inbox: what waits for their decision. */
  inbox: "/kotak-masuk",
  /** The referrals the caller may read; a TKSK files a new one from here too. */
  referrals: "/rujukan",
  /** A TKSK's form for a new referral. */
  newReferral: "/rujukan/baru",
  /** One referral. */
  referral: "/rujukan/:id",
  /** A TKSK's monthly reports. */
  reports: "/laporan",
  /** A TKSK's form for a new monthly report. */
  newReport: "/laporan/baru",
  /** One report. */
  report: "/laporan/:id",
  /** The caller's notifications. */
  notifications: "/pemberitahuan",
  /** An auditor's workspace: the events of their region, an item's history, verification, export. */
  audit: "/audit",
  /** An admin's accounts of their region. */
  users: "/admin/pengguna",
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

/** The page each role starts on: after sign-in, and at `/`. */
export const HOME_PAGE: Readonly<Record<Role, string>> = {
  tksk: PAGES.referrals,
  kecamatan: PAGES.inbox,
  kabupaten: PAGES.inbox,
  provinsi: PAGES.inbox,
  auditor: PAGES.audit,
  admin: PAGES.users,
};
