import type { Role } from "@rujuk/core/user";

/**
 * Who the audit page is for, and who of them may reveal a NIK: core's `ROLES_FOR.audit` and `ROLES_FOR.reveal`
 * (policy.ts, which the browser cannot load: it reads the region data). roles.test.ts keeps these equal to it. The
 * API decides either way; these only spare an admin a button that would be refused.
 */
export const AUDIT_ROLES: readonly Role[] = ["auditor", "admin"];
export const REVEAL_ROLES: readonly Role[] = ["auditor"];
/** Who may read an item itself (`ROLES_FOR.read`): the history then names its number and the person. */
export const READ_ROLES: readonly Role[] = ["tksk", "kecamatan", "kabupaten", "provinsi", "auditor"];
