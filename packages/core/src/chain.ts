/**
 * The approval levels and the policy that picks a chain for each kind of item. The policy is data: a new level or
 * rule changes this table, not the workflow definition, which loops over whatever chain the item carries.
 */
export const LEVELS = ["kecamatan", "kabupaten", "provinsi"] as const;
export type Level = (typeof LEVELS)[number];

/** Whether a role names an approval level (an official's role is the level they decide at). */
export function isLevel(role: string): role is Level {
  return LEVELS.some((level) => level === role);
}

export const ITEM_KINDS = ["referral", "report"] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** The level a missed deadline escalates to: the next in LEVELS; none above the province. */
export function levelAbove(level: Level): Level | null {
  return LEVELS[LEVELS.indexOf(level) + 1] ?? null;
}

export const CHAIN_POLICY: Readonly<Record<ItemKind, readonly Level[]>> = {
  referral: ["kecamatan", "kabupaten", "provinsi"],
  report: ["kabupaten"],
};

/** The chain a new item of this kind must climb, copied so that an item never shares its chain with the policy. */
export function chainFor(kind: ItemKind): Level[] {
  return [...CHAIN_POLICY[kind]];
}
