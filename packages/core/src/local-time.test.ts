import { afterEach, describe, expect, it, vi } from "vitest";
import { TIME_ZONES, ZONE_ABBREVIATIONS, ZONE_PROVINCES, formatDate, formatDateTime, zoneOf } from "./local-time.ts";
import { childrenOf } from "./region.ts";

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("zoneOf", () => {
  it.each([
    ["11", "WIB"],
    ["31", "WIB"],
    ["31.71.01", "WIB"],
    ["36", "WIB"],
    ["61", "WIB"],
    ["62", "WIB"],
    ["51", "WITA"],
    ["52.01.01", "WITA"],
    ["63", "WITA"],
    ["64.08.01", "WITA"],
    ["64.08.01.2001", "WITA"],
    ["65", "WITA"],
    ["76", "WITA"],
    ["81", "WIT"],
    ["82", "WIT"],
    ["91", "WIT"],
    ["96", "WIT"],
  ])("%s is in %s", (code, zone) => {
    expect(zoneOf(code)?.abbreviation).toBe(zone);
  });

  it("knows no zone for the nation or for a code of no province", () => {
    expect(zoneOf("")).toBeUndefined();
    expect(zoneOf("99.01")).toBeUndefined();
    expect(zoneOf("6")).toBeUndefined();
  });

  it("names each zone's IANA zone, at its fixed offset (WIB +7, WITA +8, WIT +9)", () => {
    const offsets = Object.fromEntries(
      Object.values(TIME_ZONES).map((zone) => [
        zone.abbreviation,
        new Intl.DateTimeFormat("en", { timeZone: zone.iana, timeZoneName: "longOffset" })
          .formatToParts(new Date("2026-07-01T00:00:00Z"))
          .find((part) => part.type === "timeZoneName")?.value,
      ]),
    );
    expect(offsets).toEqual({ WIB: "GMT+07:00", WITA: "GMT+08:00", WIT: "GMT+09:00" });
  });
});

describe("the zone table against the region data the app ships", () => {
  const listed = ZONE_ABBREVIATIONS.flatMap((zone) => ZONE_PROVINCES[zone]);

  it("gives every province in the data a zone", async () => {
    const provinces = await childrenOf("");
    expect(provinces.length).toBeGreaterThan(30);
    expect(provinces.filter((province) => !zoneOf(province.code)).map((p) => `${p.code} ${p.name}`)).toEqual([]);
  });

  it("names only provinces that are in the data, each in one zone", async () => {
    const codes = new Set((await childrenOf("")).map((province) => province.code));
    expect(listed.filter((code) => !codes.has(code))).toEqual([]);
    expect(new Set(listed).size).toBe(listed.length);
  });
});

describe("formatDate", () => {
  it.each([
    ["1985-03-12", "id", "12 Maret 1985"],
    ["1985-03-12", "en", "12 March 1985"],
    ["2026-12-01", "id", "1 Desember 2026"],
    ["2000-02-29", "en", "29 February 2000"],
  ] as const)("%s in %s is %s", (iso, lang, expected) => {
    expect(formatDate(iso, lang)).toBe(expected);
  });

  it("shows a calendar date as written, whatever the region's zone", () => {
    expect(formatDate("1985-03-12", "id", "96")).toBe("12 Maret 1985");
    expect(formatDate("1985-03-12", "id", "11")).toBe("12 Maret 1985");
  });

  it("shows a time as its date in the region's zone", () => {
    // 23:30 UTC on 30 November is already 1 December in every Indonesian zone.
    expect(formatDate("2026-11-30T23:30:00Z", "id", "31.71")).toBe("1 Desember 2026");
    expect(formatDate("2026-11-30T16:30:00Z", "en", "31.71")).toBe("30 November 2026");
    expect(formatDate("2026-11-30T16:30:00Z", "en", "64.08")).toBe("1 December 2026");
    expect(formatDate("2026-11-30T23:30:00Z", "en")).toBe("30 November 2026");
  });

  it("returns what it cannot read as it is", () => {
    for (const value of ["", "12-03-1985", "1985-02-30", "1985-3-12", "soon", "2026-12-01T14:05"]) {
      expect(formatDate(value, "id")).toBe(value);
    }
  });
});

describe("formatDateTime", () => {
  const at = "2026-12-01T06:05:00.000Z";

  it.each([
    ["64.08.01", "id", "1 Des 2026, 14.05 WITA"],
    ["64.08.01", "en", "1 Dec 2026, 14:05 WITA"],
    ["31.71.01", "id", "1 Des 2026, 13.05 WIB"],
    ["31.71.01", "en", "1 Dec 2026, 13:05 WIB"],
    ["94.01.01", "id", "1 Des 2026, 15.05 WIT"],
    ["", "en", "1 Dec 2026, 06:05 UTC"],
  ] as const)("in %j, %s: %s", (region, lang, expected) => {
    expect(formatDateTime(at, region, lang)).toBe(expected);
  });

  it("reads an offset given instead of Z", () => {
    expect(formatDateTime("2026-12-01T14:05+08:00", "64", "id")).toBe("1 Des 2026, 14.05 WITA");
    expect(formatDateTime("2026-12-01T14:05+08:00", "31", "id")).toBe("1 Des 2026, 13.05 WIB");
  });

  it("crosses midnight into the local date", () => {
    expect(formatDateTime("2026-12-31T16:30:00Z", "31", "en")).toBe("31 Dec 2026, 23:30 WIB");
    expect(formatDateTime("2026-12-31T16:30:00Z", "64", "en")).toBe("1 Jan 2027, 00:30 WITA");
  });

  it("shows a calendar date without a time, and returns what it cannot read as it is", () => {
    expect(formatDateTime("1985-03-12", "64", "id")).toBe("12 Maret 1985");
    for (const value of ["", "2026-12-01T14:05", "2026-02-30T01:00:00Z", "2026-12-01T24:00:00Z", "tomorrow"]) {
      expect(formatDateTime(value, "64", "en")).toBe(value);
    }
  });

  it("gives the same text whatever the machine's own time zone", () => {
    const expected = [formatDateTime(at, "64", "id"), formatDate("1985-03-12", "en"), formatDate(at, "en", "31")];
    for (const [tz, minutesBehindUtc] of [
      ["Pacific/Kiritimati", -840],
      ["America/Los_Angeles", 480],
      ["UTC", 0],
    ] as const) {
      vi.stubEnv("TZ", tz);
      // The stub must really move this process's clock, or the comparison proves nothing.
      expect(new Date(Date.UTC(2026, 0, 1)).getTimezoneOffset()).toBe(minutesBehindUtc);
      expect([formatDateTime(at, "64", "id"), formatDate("1985-03-12", "en"), formatDate(at, "en", "31")]).toEqual(
        expected,
      );
    }
    expect(expected).toEqual(["1 Des 2026, 14.05 WITA", "12 March 1985", "1 December 2026"]);
  });
});
