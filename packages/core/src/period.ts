import type { Lang } from "./bilingual.ts";
import { LOCALES, zoneOf } from "./local-time.ts";

/**
 * A report's period: a calendar month, `YYYY-MM`. The pure part of the rule (report.ts holds its zod schema), so the
 * browser's report form and the API agree on the months a TKSK may pick without the form carrying zod.
 */

/** Rujuk began taking reports in 2020; a period before that is a typing error, as is one in the future. */
export const FIRST_PERIOD = "2020-01";

export const PERIOD_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The latest period a report may be for: the month now is in UTC, as the API checks it. */
export function latestPeriod(now: Date): string {
  return now.toISOString().slice(0, 7);
}

/** The month it is now in the zone of `regionCode` (UTC for a region without one), as its people count months. */
export function localPeriod(now: Date, regionCode: string): string {
  const parts = new Intl.DateTimeFormat("en-US", {
    calendar: "gregory",
    numberingSystem: "latn",
    timeZone: zoneOf(regionCode)?.iana ?? "UTC",
    year: "numeric",
    month: "2-digit",
  }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}`;
}

/** The month before `period`: `2026-01` -> `2025-12`. */
export function periodBefore(period: string): string {
  const [year = 0, month = 1] = period.split("-").map(Number);
  const before = new Date(Date.UTC(year, month - 2, 1));
  return before.toISOString().slice(0, 7);
}

/** The month a report is usually filed for: the one before this month where the TKSK works. */
export function lastMonth(now: Date, regionCode: string): string {
  return periodBefore(localPeriod(now, regionCode));
}

/** A period in words: `Oktober 2026` / `October 2026`; anything that is not a period is returned as it is. */
export function formatPeriod(period: string, lang: Lang): string {
  if (!PERIOD_PATTERN.test(period)) return period;
  const [year = 0, month = 1] = period.split("-").map(Number);
  return new Intl.DateTimeFormat(LOCALES[lang], {
    calendar: "gregory",
    numberingSystem: "latn",
    timeZone: "UTC",
    year: "numeric",
    month: "long",
  }).format(new Date(Date.UTC(year, month - 1, 1)));
}
