import { type ZoneAbbreviation, zoneOf } from "@rujuk/core/local-time";

/**
 * A calendar day as a span of time where the reader lives: "from 1 December to 3 December" in Kutai Timur means from
 * midnight WITA on the 1st until midnight WITA on the 4th, not midnight UTC (which is 08.00 there). The API takes
 * times with their offset; these give a day's start and end in the zone of a region, or of this browser for the
 * national scope, which has no one zone.
 */

// Indonesia keeps no daylight saving time: each zone is one offset all year (core's local-time.ts).
const OFFSETS: Readonly<Record<ZoneAbbreviation, string>> = { WIB: "+07:00", WITA: "+08:00", WIT: "+09:00" };

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `value` is a `YYYY-MM-DD` as a date input gives it. */
export function isDay(value: string): boolean {
  return DAY.test(value);
}

/** The day after `day` (`2026-12-31` -> `2027-01-01`). */
function nextDay(day: string): string {
  const [year, month, date] = day.split("-").map(Number);
  return new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, (date ?? 1) + 1)).toISOString().slice(0, 10);
}

function midnight(day: string, regionCode: string): string {
  const zone = zoneOf(regionCode);
  if (zone) return `${day}T00:00:00${OFFSETS[zone.abbreviation]}`;
  const [year, month, date] = day.split("-").map(Number);
  return new Date(year ?? 0, (month ?? 1) - 1, date ?? 1).toISOString();
}

/** The first moment of `day` in the region's zone, as ISO 8601 with its offset. */
export function dayStart(day: string, regionCode: string): string {
  return midnight(day, regionCode);
}

/** The first moment after `day` in the region's zone: the end of a range that includes the whole day. */
export function dayEnd(day: string, regionCode: string): string {
  return midnight(nextDay(day), regionCode);
}
