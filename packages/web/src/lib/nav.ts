import { ROLE_LABELS } from "@rujuk/core/labels";
import { PAGES } from "@rujuk/core/pages";
import type { Role } from "@rujuk/core/user";
import type { Text } from "@rujuk/core/bilingual";
import { say } from "./lang.ts";

export { ROLE_LABELS };

/** The pages a role's header links to, its home first. */
export const NAV: Readonly<Record<Role, readonly { path: string; label: Text }[]>> = {
  tksk: [
    { path: PAGES.referrals, label: say("Rujukan saya", "My referrals") },
    { path: PAGES.reports, label: say("Laporan saya", "My reports") },
  ],
  kecamatan: [{ path: PAGES.inbox, label: say("Kotak masuk", "Inbox") }],
  kabupaten: [{ path: PAGES.inbox, label: say("Kotak masuk", "Inbox") }],
  provinsi: [{ path: PAGES.inbox, label: say("Kotak masuk", "Inbox") }],
  auditor: [{ path: PAGES.audit, label: say("Audit", "Audit") }],
  admin: [{ path: PAGES.users, label: say("Pengguna", "Users") }],
};
