import type { Lang } from "./bilingual.ts";

/**
 * Dates and times as the people of a region read them. Indonesia spans three time zones, and an officer in Samarinda
 * reads a deadline in WITA, not in UTC or in the time of whatever machine rendered the page: every time is shown in
 * the zone of the item's region, with the zone's abbreviation. Formatting goes through `Intl.DateTimeFormat` with an
 * explicit locale, calendar, digits, hour cycle and IANA zone, so the machine's own zone and locale never enter it;
 * the words (month names) are the ICU data of the pinned Node 24, and the tests pin the exact output.
 */

/** One of Indonesia's time zones: the abbreviation Indonesians write after a time, and its IANA name. */
export interface TimeZone {
  abbreviation: ZoneAbbreviation;
  iana: string;
}

export const ZONE_ABBREVIATIONS = ["WIB", "WITA", "WIT"] as const;
export type ZoneAbbreviation = (typeof ZONE_ABBREVIATIONS)[number];

/** The three zones. None observes daylight saving time, so each is one fixed offset from UTC. */
export const TIME_ZONES: Readonly<Record<ZoneAbbreviation, TimeZone>> = {
  /** Waktu Indonesia Barat, UTC+7. */
  WIB: { abbreviation: "WIB", iana: "Asia/Jakarta" },
  /** Waktu Indonesia Tengah, UTC+8. */
  WITA: { abbreviation: "WITA", iana: "Asia/Makassar" },
  /** Waktu Indonesia Timur, UTC+9. */
  WIT: { abbreviation: "WIT", iana: "Asia/Jayapura" },
};

/**
 * The provinces of each zone by Kemendagri province code (the first segment of every region code), as in the region
 * data the app ships (idn-area-data's provinces.csv; a test checks that every province there has a zone and that no
 * code here is missing from it).
 */
export const ZONE_PROVINCES: Readonly<Record<ZoneAbbreviation, readonly string[]>> = {
  // Sumatra, Bangka Belitung and the Riau Islands; Java, Jakarta, Yogyakarta and Banten; West and Central Kalimantan.
  WIB: ["11", "12", "13", "14", "15", "16", "17", "18", "19", "21", "31", "32", "33", "34", "35", "36", "61", "62"],
  // Bali and Nusa Tenggara; South, East and North Kalimantan; Sulawesi and Gorontalo.
  WITA: ["51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"],
  // Maluku and North Maluku; the six Papua provinces of 2022 (Papua, Barat, Selatan, Tengah, Pegunungan, Barat Daya).
  WIT: ["81", "82", "91", "92", "93", "94", "95", "96"],
};

const ZONE_BY_PROVINCE = new Map<string, TimeZone>(
  ZONE_ABBREVIATIONS.flatMap((zone) =>
    ZONE_PROVINCES[zone].map((province): [string, TimeZone] => [province, TIME_ZONES[zone]]),
  ),
);

/**
 * The time zone of a region (any level: `64`, `64.08.01`, `64.08.01.2001`) from its province, or `undefined` for the
 * national scope (`""`) and for a code of no known province.
 */
export function zoneOf(regionCode: string): TimeZone | undefined {
  return ZONE_BY_PROVINCE.get(regionCode.split(".")[0] ?? "");
}

/** The locale each language formats dates in. */
export const LOCALES: Readonly<Record<Lang, string>> = { id: "id-ID", en: "en-GB" };

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
// A time must carry its offset: without one, `Date` would read it in the machine's own zone.
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

/** A real calendar date `YYYY-MM-DD` as midnight UTC; `undefined` for anything else (`2025-02-30` included). */
function calendarDate(value: string): Date | undefined {
  const match = DATE_ONLY.exec(value);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real ? date : undefined;
}

/** An ISO 8601 time with its offset or `Z` on a real date; `undefined` for anything else. */
function instant(value: string): Date | undefined {
  const match = TIMESTAMP.exec(value);
  if (!match?.[1] || !calendarDate(match[1])) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

// Building a formatter costs far more than using one, and a page formats many times in few zones.
function formatter(lang: Lang, timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${lang} ${timeZone} ${withTime}`;
  let cached = formatters.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat(LOCALES[lang], {
      calendar: "gregory",
      numberingSystem: "latn",
      timeZone,
      day: "numeric",
      year: "numeric",
      ...(withTime ? { month: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" } : { month: "long" }),
    });
    formatters.set(key, cached);
  }
  return cached;
}

/**
 * A date in words: `12 Maret 1985` / `12 March 1985`. A `YYYY-MM-DD` is a calendar date (a birth date, a period's
 * day) and is shown as written, whatever the zone. A time (ISO 8601 with its offset) is shown as its date in the zone
 * of `regionCode`, in UTC when the region has none. A value that is neither is returned as it is: a page never fails
 * over one unreadable field.
 */
export function formatDate(iso: string, lang: Lang, regionCode = ""): string {
  const date = calendarDate(iso);
  if (date) return formatter(lang, "UTC", false).format(date);
  const at = instant(iso);
  if (!at) return iso;
  return formatter(lang, zoneOf(regionCode)?.iana ?? "UTC", false).format(at);
}

/**
 * A time in the zone of `regionCode`, with the zone's abbreviation: `1 Des 2026, 14.05 WITA` / `1 Dec 2026, 14:05
 * WITA`. A region without a zone (the national scope) gets UTC, labelled `UTC`, so a time is never shown without
 * saying which clock it is on. A calendar date has no time and is shown as `formatDate` shows it; any other value is
 * returned as it is.
 */
export function formatDateTime(iso: string, regionCode: string, lang: Lang): string {
  if (calendarDate(iso)) return formatDate(iso, lang);
  const at = instant(iso);
  if (!at) return iso;
  const zone = zoneOf(regionCode);
  return `${formatter(lang, zone?.iana ?? "UTC", true).format(at)} ${zone?.abbreviation ?? "UTC"}`;
}
