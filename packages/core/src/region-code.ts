/**
 * Kemendagri region codes are hierarchical by whole dotted segments: province `64`, kabupaten/kota `64.08`,
 * kecamatan `64.08.01`, desa/kelurahan `64.08.01.2001`. The empty code stands for the whole nation. This module is
 * the codes alone, free of the region data, so the browser can use it too.
 */
export type RegionLevel = "provinsi" | "kabupaten" | "kecamatan" | "desa";

export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
}

export const LEVELS: readonly RegionLevel[] = ["provinsi", "kabupaten", "kecamatan", "desa"];
const CODE = /^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/;

export function isRegionCode(code: string): boolean {
  return CODE.test(code);
}

/** The level of a well-formed code, or `null` for the national scope (`""`). */
export function levelOf(code: string): RegionLevel | null {
  if (code === "") return null;
  return LEVELS[code.split(".").length - 1] ?? null;
}

/** True when `code` lies inside `scope` (or is it). The national scope `""` contains every code. */
export function isWithin(code: string, scope: string): boolean {
  return scope === "" || code === scope || code.startsWith(`${scope}.`);
}

/** The ancestor of `code` at `level` (`64.08.01.2001` at kabupaten is `64.08`), or `null` when `code` is above it. */
export function ancestorAt(code: string, level: RegionLevel): string | null {
  const depth = LEVELS.indexOf(level) + 1;
  const parts = code === "" ? [] : code.split(".");
  return parts.length >= depth ? parts.slice(0, depth).join(".") : null;
}

/** The code one level up (`64.08.01` for `64.08.01.2001`; `""`, the nation, for a province). */
export function parentCode(code: string): string {
  return code.split(".").slice(0, -1).join(".");
}
