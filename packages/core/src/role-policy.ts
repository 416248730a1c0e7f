import { OFFICIAL_ROLES, ROLES, type Role } from "./role.ts";

/**
 * The policy's first question, which roles may ever take each action, on its own: free of the region data, zod and
 * the sentence tables, so a page can ask it too (which page a role may open, which button it gets) and never
 * restate it. policy.ts asks the rest: whose item, inside which region, at which level.
 */
export const ACTIONS = [
  "file",
  "read",
  "decide",
  "edit",
  "resubmit",
  "withdraw",
  "inbox",
  "accounts",
  "resetPassword",
  "changePassword",
  "notifications",
  "audit",
  "reveal",
] as const;
export type Action = (typeof ACTIONS)[number];

const TKSK: readonly Role[] = ["tksk"];

/** The roles that may ever take each action. */
export const ROLES_FOR: Record<Action, readonly Role[]> = {
  file: TKSK,
  read: ["tksk", ...OFFICIAL_ROLES, "auditor"],
  decide: OFFICIAL_ROLES,
  edit: TKSK,
  resubmit: TKSK,
  withdraw: TKSK,
  inbox: OFFICIAL_ROLES,
  accounts: ["admin"],
  resetPassword: ["admin"],
  changePassword: ROLES,
  // Everyone has notifications; the store keys them by the caller's id, so no one reaches another's.
  notifications: ROLES,
  audit: ["auditor", "admin"],
  reveal: ["auditor"],
};

export function mayEver(role: Role, action: Action): boolean {
  return ROLES_FOR[action].includes(role);
}
