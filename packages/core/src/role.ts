import { LEVELS, type RegionLevel, levelOf } from "./region-code.ts";

/**
 * The roles and where an account of each may sit: pure rules, free of zod and the region data, so the browser's
 * account form offers exactly the regions the API's `NewUser` accepts (user.ts re-exports them).
 */
export const ROLES = ["tksk", "kecamatan", "kabupaten", "provinsi", "auditor", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** The roles that decide: the officials of each level of the chain. */
export const OFFICIAL_ROLES: readonly Role[] = ["kecamatan", "kabupaten", "provinsi"];

/** The region level a role's `regionCode` must have; `null` means any level, including national (`""`). */
export const ROLE_REGION_LEVEL: Readonly<Record<Role, RegionLevel | null>> = {
  tksk: "kecamatan",
  kecamatan: "kecamatan",
  kabupaten: "kabupaten",
  provinsi: "provinsi",
  auditor: null,
  admin: null,
};

/** The levels an account may sit at, widest first: a desa/kelurahan has no office of the app. */
const ACCOUNT_LEVELS: readonly RegionLevel[] = ["provinsi", "kabupaten", "kecamatan"];

/** May an account of `role` sit in the region `code`? At its role's level; any account level for a role without. */
export function fitsRole(role: Role, code: string): boolean {
  const level = ROLE_REGION_LEVEL[role];
  const actual = levelOf(code);
  return level === null ? actual === null || ACCOUNT_LEVELS.includes(actual) : actual === level;
}

/** The deepest level an account of `role` may sit at. */
export function deepestLevel(role: Role): RegionLevel {
  return ROLE_REGION_LEVEL[role] ?? ACCOUNT_LEVELS[ACCOUNT_LEVELS.length - 1]!;
}

/** How deep a code lies: 0 for the nation, 1 for a province, … 4 for a desa. */
export function depthOf(code: string): number {
  return code === "" ? 0 : code.split(".").length;
}

/**
 * Can an account of `role` sit anywhere inside `scope` (an admin's region)? Not when the role's level lies above
 * it: an admin of a kabupaten places no provincial official.
 */
export function placeableIn(role: Role, scope: string): boolean {
  return LEVELS.indexOf(deepestLevel(role)) + 1 >= depthOf(scope);
}
