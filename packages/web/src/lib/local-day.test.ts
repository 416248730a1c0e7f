import { describe, expect, it } from "vitest";
import { dayEnd, dayStart, isDay } from "./local-day.ts";

describe("a day in the reader's zone", () => {
  it("starts and ends at midnight in the region's zone, the end being the next day's start", () => {
    expect(dayStart("2026-12-01", "64.08")).toBe("2026-12-01T00:00:00+08:00");
    expect(dayEnd("2026-12-01", "64.08.01")).toBe("2026-12-02T00:00:00+08:00");
    expect(dayStart("2026-03-01", "31")).toBe("2026-03-01T00:00:00+07:00");
    expect(dayEnd("2026-12-31", "91")).toBe("2027-01-01T00:00:00+09:00");
    expect(dayEnd("2028-02-28", "52")).toBe("2028-02-29T00:00:00+08:00");
  });

  it("uses this machine's zone for the national scope, whole days apart", () => {
    const start = dayStart("2026-06-10", "");
    const end = dayEnd("2026-06-10", "");
    expect(new Date(start).getDate()).toBe(10);
    expect(new Date(end).getDate()).toBe(11);
    expect(Date.parse(end) - Date.parse(start)).toBe(24 * 60 * 60 * 1000);
  });

  it("knows a date input's value", () => {
    expect(isDay("2026-12-01")).toBe(true);
    expect(isDay("1/12/2026")).toBe(false);
    expect(isDay("")).toBe(false);
  });
});
