import { describe, expect, it } from "vitest";
import { formatPeriod, lastMonth, latestPeriod, localPeriod, periodBefore } from "./period.ts";

describe("report periods", () => {
  it("names a month in words in either language", () => {
    expect(formatPeriod("2026-10", "id")).toBe("Oktober 2026");
    expect(formatPeriod("2026-10", "en")).toBe("October 2026");
    expect(formatPeriod("2026-13", "id")).toBe("2026-13");
  });

  it("counts months where the TKSK works, not in UTC", () => {
    // 1 November 2026, 06.00 WITA is still 31 October in UTC.
    const now = new Date("2026-10-31T22:00:00Z");
    expect(latestPeriod(now)).toBe("2026-10");
    expect(localPeriod(now, "64.08.01")).toBe("2026-11");
    expect(lastMonth(now, "64.08.01")).toBe("2026-10");
    expect(localPeriod(now, "")).toBe("2026-10");
  });

  it("steps back over a year's turn", () => {
    expect(periodBefore("2026-01")).toBe("2025-12");
    expect(periodBefore("2026-10")).toBe("2026-09");
  });
});
