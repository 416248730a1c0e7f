import { describe, expect, it } from "vitest";
import {
  NOTIFICATION_TYPES,
  type NotificationFacts,
  emailFor,
  isSafeEmailLink,
  itemLink,
  notificationText,
} from "./notification.ts";

const NIK = "6408014404900002";
const LINK = "https://rujuk.example.go.id/rujukan/01JABCDEF0123456789ABCDEFG";
const facts: NotificationFacts = {
  kind: "referral",
  number: "RJK-250304-7QX2MA",
  level: "kabupaten",
  regionCode: "64.08.01",
  subjectName: "Siti Aminah",
  comment: `Lengkapi surat keterangan. NIK ${NIK} tertulis di catatan.`,
  dueAt: "2025-03-07T02:30:00.000Z",
};

describe("notificationText", () => {
  it.each(NOTIFICATION_TYPES)("%s: says it in Bahasa Indonesia and English, naming the item", (type) => {
    const text = notificationText(type, facts);
    expect(text.id).toContain("Rujukan RJK-250304-7QX2MA");
    expect(text.en).toContain("Referral RJK-250304-7QX2MA");
    expect(text.id).not.toEqual(text.en);
    expect(text.id).toContain("Atas nama: Siti Aminah.");
    expect(text.en).toContain("Person: Siti Aminah.");
  });

  it("never carries a NIK, even one typed into a comment or a name, grouped or not", () => {
    for (const type of NOTIFICATION_TYPES) {
      for (const nik of [NIK, "6408 0144 0490 0002", "640801.440490.0002"]) {
        const text = notificationText(type, { ...facts, comment: `cek ${nik}`, subjectName: `Siti ${nik}` });
        for (const s of [text.id, text.en]) {
          expect(s.replace(/\D/g, "")).not.toContain(NIK);
          expect(s).toContain("****************");
        }
      }
    }
  });

  it("keeps shorter numbers (phone numbers, dates) that are not NIK-shaped", () => {
    const text = notificationText("returned", { ...facts, comment: "Hubungi 081234567890 sebelum 2025-03-10." });
    expect(text.id).toContain("081234567890");
    expect(text.id).toContain("2025-03-10");
  });

  it("names the level and the deadline where the type has them", () => {
    const opened = notificationText("level_opened", facts);
    expect(opened.id).toContain("menunggu keputusan Anda di tingkat kabupaten/kota");
    expect(opened.id).toContain("Batas waktu: 7 Mar 2025, 10.30 WITA.");
    expect(opened.en).toContain("waiting for your decision at the kabupaten/kota level");
    expect(opened.en).toContain("Deadline: 7 Mar 2025, 10:30 WITA.");
    const escalation = notificationText("escalation", { ...facts, level: "kecamatan" });
    expect(escalation.id).toMatch(/^Eskalasi: .* tertunda di tingkat kecamatan/);
    expect(escalation.en).toMatch(/^Escalation: .* overdue at the kecamatan level/);
    expect(notificationText("approved", { ...facts, level: "provinsi" })).toMatchObject({
      id: expect.stringContaining("telah disetujui di tingkat provinsi."),
      en: expect.stringContaining("was approved at the province level."),
    });
    expect(notificationText("reminder", facts).id).toMatch(/^Pengingat: /);
    expect(notificationText("returned", facts).id).toContain('Catatan: "Lengkapi surat keterangan.');
  });

  it("says Laporan / Report for reports, and leaves out what it is not given", () => {
    const text = notificationText("approved", { kind: "report", number: "LAP-250301-AAAAAA", regionCode: "64.08.01" });
    expect(text).toEqual({
      id: "Laporan LAP-250301-AAAAAA telah disetujui.",
      en: "Report LAP-250301-AAAAAA was approved.",
    });
  });
});

describe("emailFor", () => {
  it.each(NOTIFICATION_TYPES)("%s: Indonesian subject, Indonesian body then English below a separator", (type) => {
    const email = emailFor(type, facts, LINK);
    expect(email.subject).toMatch(/^\[Rujuk\] .*Rujukan RJK-250304-7QX2MA/);
    expect(email.subject).not.toMatch(/[\r\n]/);
    const [indonesian, english] = email.text.split(/\n-{20,}\n/);
    expect(english).toBeDefined();
    expect(indonesian).toContain(notificationText(type, { ...facts, subjectName: undefined, comment: undefined }).id);
    expect(indonesian).toContain(`Buka di Rujuk: ${LINK}`);
    expect(english).toMatch(/^English\n/);
    expect(english).toContain(`Open in Rujuk: ${LINK}`);
    expect(english).toContain(
      notificationText(type, {
        kind: "referral",
        number: facts.number,
        level: "kabupaten",
        regionCode: facts.regionCode,
        dueAt: facts.dueAt,
      }).en,
    );
  });

  it("gives the deadline in the item's own time zone, named, in both languages", () => {
    const kaltim = emailFor("level_opened", { ...facts, regionCode: "64.08.01" }, LINK).text;
    expect(kaltim).toContain("Batas waktu: 7 Mar 2025, 10.30 WITA.");
    expect(kaltim).toContain("Deadline: 7 Mar 2025, 10:30 WITA.");
    const jakarta = emailFor("reminder", { ...facts, regionCode: "31.71.01" }, LINK).text;
    expect(jakarta).toContain("(7 Mar 2025, 09.30 WIB)");
    expect(jakarta).toContain("(7 Mar 2025, 09:30 WIB)");
    for (const text of [kaltim, jakarta]) expect(text).not.toContain("UTC");
  });

  it("carries no NIK, no name and no comment: emails leave our systems", () => {
    for (const type of NOTIFICATION_TYPES) {
      const email = emailFor(type, facts, LINK);
      const all = `${email.subject}\n${email.text}`;
      expect(all.replace(/\D/g, "")).not.toContain(NIK);
      expect(all).not.toContain("Siti Aminah");
      expect(all).not.toContain("surat keterangan");
    }
  });

  it("carries exactly one kind of link: the item's page in the app, never one that decides", () => {
    const email = emailFor("level_opened", facts, LINK);
    const urls = email.text.match(/https?:\/\/\S+/g) ?? [];
    expect(urls.length).toBeGreaterThan(0);
    expect(new Set(urls)).toEqual(new Set([LINK]));
    for (const url of urls) expect(url).not.toMatch(/\/api\/|decision|approve|reject/i);
  });

  it("refuses links into the API or that name a decision", () => {
    for (const bad of [
      "https://rujuk.example/api/referrals/X/decisions",
      "https://rujuk.example/rujukan/X?decision=approve",
      "https://rujuk.example/rujukan/X?action=approve",
      "https://rujuk.example/api/referrals/X",
      "javascript:alert(1)",
      "not a url",
    ]) {
      expect(isSafeEmailLink(bad)).toBe(false);
      expect(() => emailFor("level_opened", facts, bad)).toThrow(/plain app link/);
    }
    expect(isSafeEmailLink(LINK)).toBe(true);
  });

  it("builds item links to the app's pages", () => {
    expect(itemLink("https://rujuk.example/", "referral", "01ABC")).toBe("https://rujuk.example/rujukan/01ABC");
    expect(itemLink("http://localhost:3000", "report", "01XYZ")).toBe("http://localhost:3000/laporan/01XYZ");
    // Whatever an id holds stays inside its one path segment.
    expect(itemLink("https://rujuk.example", "referral", "a/b?c#d")).toBe(
      "https://rujuk.example/rujukan/a%2Fb%3Fc%23d",
    );
  });
});
