import { describe, expect, it } from "vitest";
import { folded, isOverdue, kindOfFilter, matchesInbox, matchesSearch } from "./inbox.ts";
import { ItemBase } from "./item.ts";
import type { ReferralView, ReportView } from "./item-state.ts";
import { referralView } from "./testing/referral-fixture.ts";

const AT = "2026-11-24T00:00:00.000Z";
const filed = referralView(AT);
// What both kinds share (ItemBase drops the referral's own fields).
const base: ItemBase = {
  ...ItemBase.parse(filed),
  id: "01M8SR8DNWT7GNMRFZ4WK02J88",
  number: "RJK-261124-K02J88",
  currentLevel: "kabupaten",
  dueAt: "2026-11-27T00:00:00.000Z",
};

const referral: ReferralView = {
  ...filed,
  ...base,
  subject: { ...filed.subject, name: "Siti Nurhaliza" },
  category: "LUT",
  urgency: "urgent",
};

const report: ReportView = {
  ...base,
  id: "01M8SR8DNWT7GNMRFZ4WK02J99",
  number: "LAP-261124-K02J99",
  chain: ["kabupaten"],
  period: "2026-10",
  activities: "Kunjungan",
  counts: { LUT: 1 },
};

describe("search", () => {
  it("folds case and accents, composed or decomposed, to the same text", () => {
    expect(folded("Sítí")).toBe("siti");
    expect(folded("Si\u0301ti\u0301")).toBe("siti");
    expect(folded("İRMA")).toBe("irma");
  });

  it("finds an item by id or number exactly, and a referral by part of the name", () => {
    expect(matchesSearch(referral, referral.id)).toBe(true);
    expect(matchesSearch(referral, referral.number.toLowerCase())).toBe(true);
    expect(matchesSearch(referral, referral.number.slice(0, -1))).toBe(false);
    expect(matchesSearch(referral, "NURHAL")).toBe(true);
    expect(matchesSearch(referral, "Nurhalíza")).toBe(true);
    expect(matchesSearch(referral, "Aminah")).toBe(false);
    expect(matchesSearch(report, report.number)).toBe(true);
    expect(matchesSearch(report, "Kunjungan")).toBe(false);
  });
});

describe("inbox filters", () => {
  it("lets only referrals through a filter on what only referrals have", () => {
    expect(kindOfFilter({})).toBeUndefined();
    expect(kindOfFilter({ q: "x" })).toBeUndefined();
    for (const filter of [{ urgency: "normal" as const }, { category: "LUT" }, { desa: "64.08.01.2001" }]) {
      expect(kindOfFilter(filter)).toBe("referral");
      expect(matchesInbox("report", report, filter)).toBe(false);
    }
  });

  it("matches each field it names, and all of them", () => {
    expect(matchesInbox("referral", referral, {})).toBe(true);
    expect(matchesInbox("referral", referral, { urgency: "urgent", category: "LUT" })).toBe(true);
    expect(matchesInbox("referral", referral, { urgency: "urgent", category: "FM" })).toBe(false);
    expect(matchesInbox("referral", referral, { kecamatan: "64.08.02" })).toBe(false);
    expect(matchesInbox("report", report, { kecamatan: "64.08.01", kind: "report" })).toBe(true);
    expect(matchesInbox("report", report, { kind: "referral" })).toBe(false);
    expect(matchesInbox("referral", referral, { desa: "64.08.01.2002" })).toBe(false);
    expect(matchesInbox("referral", referral, { q: "siti", overdueAt: AT })).toBe(false);
    expect(matchesInbox("referral", referral, { q: "siti", overdueAt: "2026-11-28T00:00:00.000Z" })).toBe(true);
  });

  it("counts an item overdue past its deadline, or once it missed one at this level", () => {
    expect(isOverdue(referral, AT)).toBe(false);
    expect(isOverdue({ dueAt: null, overdueSince: AT }, AT)).toBe(true);
    expect(isOverdue({ dueAt: null }, AT)).toBe(false);
  });
});
