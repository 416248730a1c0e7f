import type { Level } from "./chain.ts";

/** How soon a referral needs an answer; reports have no urgency and count as normal. */
export const URGENCIES = ["normal", "urgent", "emergency"] as const;
export type Urgency = (typeof URGENCIES)[number];

/**
 * How long each level has to decide, as configuration: days per level for normal items; urgent items get half;
 * emergencies one day at every level. Reports have no urgency and count as normal.
 */
export const DEADLINE_POLICY = {
  days: { kecamatan: 3, kabupaten: 5, provinsi: 7 } as Readonly<Record<Level, number>>,
  urgentFactor: 0.5,
  emergencyDays: 1,
};

const DAY = 24 * 60 * 60;

export function deadlineSeconds(level: Level, urgency: Urgency = "normal", policy = DEADLINE_POLICY): number {
  if (urgency === "emergency") return policy.emergencyDays * DAY;
  const days = policy.days[level] * (urgency === "urgent" ? policy.urgentFactor : 1);
  return Math.round(days * DAY);
}

/** The deadline of every level of a chain, in seconds: the workflow's timeouts come from here. */
export function deadlinesFor(chain: readonly Level[], urgency: Urgency = "normal"): Record<string, number> {
  return Object.fromEntries(chain.map((level) => [level, deadlineSeconds(level, urgency)]));
}

/** Inbox order: emergencies, then urgent, then normal items. */
export const URGENCY_RANK: Readonly<Record<Urgency, number>> = { emergency: 0, urgent: 1, normal: 2 };
