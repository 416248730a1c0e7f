import { describe, expect, it } from "vitest";
import * as z from "zod";
import { type FieldError, Invalid } from "./errors.ts";
import { ReferralInput } from "./referral.ts";
import { ReportInput } from "./report.ts";
import { TEXT, type TextKey } from "./text.ts";
import { NewUser } from "./user.ts";
import { parse } from "./validation.ts";

/** The field errors of the `Invalid` that `parse` must throw. */
function errorsOf(schema: z.ZodType, input: unknown): FieldError[] {
  let thrown: unknown;
  try {
    parse(schema, input);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(Invalid);
  return (thrown as Invalid).errors ?? [];
}

const fieldError = (path: string, key: TextKey): FieldError => ({
  path,
  message: TEXT[key].en,
  message_id: TEXT[key].id,
});

const subject = {
  nik: "6408014507800001",
  name: "Siti Aminah",
  birthDate: "1980-07-05",
  sex: "P",
  address: "Jl. Poros RT 03",
  desaCode: "64.08.01.2001",
};
const referral = { subject, category: "LUT", service: "Home visit", summary: "Lives alone.", consent: true };
const withSubject = (changes: object) => ({ ...referral, subject: { ...subject, ...changes } });

describe("parse", () => {
  it("throws Invalid with bilingual field errors", () => {
    const errors = errorsOf(ReferralInput, withSubject({ nik: "123" }));
    expect(errors).toEqual([
      {
        path: "subject.nik",
        message: "NIK must have exactly 16 digits.",
        message_id: "NIK harus terdiri dari tepat 16 digit.",
      },
    ]);
  });

  it("reports every bad field at once", () => {
    const errors = errorsOf(ReferralInput, { ...withSubject({ nik: "123" }), consent: false, category: "XYZ" });
    expect(errors.map((e) => e.path).sort()).toEqual(["category", "consent", "subject.nik"]);
  });

  it("names a body that is not an object as (body)", () => {
    expect(errorsOf(ReferralInput, "hello")).toEqual([fieldError("(body)", "invalidType")]);
  });

  it("returns the parsed value, trimmed, when it is valid", () => {
    const parsed = parse(ReferralInput, withSubject({ name: "  Siti Aminah  " }));
    expect(parsed.subject.name).toBe("Siti Aminah");
  });
});

describe("the message for an enum or literal field", () => {
  const Choice = z.strictObject({ sex: z.enum(["L", "P"]), agreed: z.literal(true) });

  it("says a missing one is required, as for any missing field", () => {
    expect(errorsOf(Choice, {})).toEqual([fieldError("sex", "required"), fieldError("agreed", "required")]);
  });

  it("says a wrong one is not allowed", () => {
    expect(errorsOf(Choice, { sex: "X", agreed: false })).toEqual([
      fieldError("sex", "invalidValue"),
      fieldError("agreed", "invalidValue"),
    ]);
  });
});

describe("ReferralInput", () => {
  it("accepts a valid referral and defaults urgency to normal", () => {
    expect(parse(ReferralInput, referral)).toEqual({ ...referral, urgency: "normal" });
  });

  it("keeps an urgency that is given", () => {
    expect(parse(ReferralInput, { ...referral, urgency: "emergency" }).urgency).toBe("emergency");
  });

  it.each<[string, unknown, string, TextKey]>([
    ["a short NIK", withSubject({ nik: "123" }), "subject.nik", "nikLength"],
    ["a NIK with letters", withSubject({ nik: "64080145078000AB" }), "subject.nik", "nikDigits"],
    ["a NIK with day 32", withSubject({ nik: "6408013201800001" }), "subject.nik", "nikDate"],
    ["a birth date that does not exist", withSubject({ birthDate: "1980-02-30" }), "subject.birthDate", "dateFormat"],
    ["a birth date as DD-MM-YYYY", withSubject({ birthDate: "05-07-1980" }), "subject.birthDate", "dateFormat"],
    ["a birth date in the future", withSubject({ birthDate: "2999-01-01" }), "subject.birthDate", "dateInFuture"],
    ["a blank name", withSubject({ name: "   " }), "subject.name", "required"],
    ["an unknown sex", withSubject({ sex: "X" }), "subject.sex", "invalidValue"],
    ["a missing sex", withSubject({ sex: undefined }), "subject.sex", "required"],
    ["a sex of null", withSubject({ sex: null }), "subject.sex", "invalidValue"],
    ["a kecamatan as desa code", withSubject({ desaCode: "64.08.01" }), "subject.desaCode", "unknownRegion"],
    ["an unknown field in the subject", withSubject({ phone: "0812" }), "subject.phone", "unknownField"],
    ["consent false", { ...referral, consent: false }, "consent", "consentRequired"],
    ["consent missing", { ...referral, consent: undefined }, "consent", "consentRequired"],
    ["an unknown category", { ...referral, category: "XYZ" }, "category", "unknownCategory"],
    ["an unknown urgency", { ...referral, urgency: "sangat" }, "urgency", "invalidValue"],
    ["a missing service", { ...referral, service: undefined }, "service", "required"],
    ["a summary that is too long", { ...referral, summary: "x".repeat(4001) }, "summary", "tooLong"],
    ["an unknown top-level field", { ...referral, extra: 1 }, "extra", "unknownField"],
  ])("rejects %s", (_, input, path, key) => {
    expect(errorsOf(ReferralInput, input)).toContainEqual(fieldError(path, key));
  });
});

describe("ReportInput", () => {
  const report = { period: "2025-12", activities: "Visited 12 households.", counts: { LUT: 3, PD: 0 } };

  it("accepts a valid report", () => {
    expect(parse(ReportInput, report)).toEqual(report);
  });

  it.each<[string, unknown, string, TextKey]>([
    ["month 13", { ...report, period: "2026-13" }, "period", "periodFormat"],
    ["a period without leading zero", { ...report, period: "2025-1" }, "period", "periodFormat"],
    ["a future period", { ...report, period: "2999-01" }, "period", "periodInFuture"],
    ["a negative count", { ...report, counts: { LUT: -1 } }, "counts.LUT", "notNegativeInteger"],
    ["a fractional count", { ...report, counts: { PD: 1.5 } }, "counts.PD", "notNegativeInteger"],
    ["a count as text", { ...report, counts: { PD: "3" } }, "counts.PD", "notNegativeInteger"],
    ["blank activities", { ...report, activities: " " }, "activities", "required"],
  ])("rejects %s", (_, input, path, key) => {
    expect(errorsOf(ReportInput, input)).toContainEqual(fieldError(path, key));
  });

  it("rejects a count for an unknown category at that category's path", () => {
    expect(errorsOf(ReportInput, { ...report, counts: { XYZ: 1 } })).toEqual([
      { path: "counts.XYZ", message: "Unknown PPKS category.", message_id: "Kategori PPKS tidak dikenal." },
    ]);
  });
});

describe("NewUser", () => {
  const user = {
    username: "camat.ancalong",
    name: "Budi",
    role: "kecamatan",
    regionCode: "64.08.01",
    password: "0123456789",
  };

  it("trims and lowercases the username", () => {
    expect(parse(NewUser, { ...user, username: "  Camat.Ancalong " }).username).toBe("camat.ancalong");
  });

  it.each([
    ["tksk", "64.08.01"],
    ["kecamatan", "64.08.01"],
    ["kabupaten", "64.08"],
    ["provinsi", "64"],
    ["auditor", ""],
    ["admin", "64.08"],
  ])("accepts role %s at %j", (role, regionCode) => {
    expect(parse(NewUser, { ...user, role, regionCode })).toMatchObject({ role, regionCode });
  });

  it.each<[string, object, string, TextKey]>([
    ["a username with a space", { username: "camat ancalong" }, "username", "usernameFormat"],
    ["a username of two letters", { username: "ab" }, "username", "usernameFormat"],
    ["a username of 41 letters", { username: "a".repeat(41) }, "username", "usernameFormat"],
    ["a username with @", { username: "camat@ancalong" }, "username", "usernameFormat"],
    [
      "a kabupaten user at a kecamatan",
      { role: "kabupaten", regionCode: "64.08.01" },
      "regionCode",
      "regionWrongLevel",
    ],
    ["a tksk at a kabupaten", { role: "tksk", regionCode: "64.08" }, "regionCode", "regionWrongLevel"],
    ["a provinsi user for the nation", { role: "provinsi", regionCode: "" }, "regionCode", "regionWrongLevel"],
    ["an admin at a desa", { role: "admin", regionCode: "64.08.01.2001" }, "regionCode", "regionWrongLevel"],
    ["a malformed region code", { regionCode: "64.8.01" }, "regionCode", "unknownRegion"],
    ["an unknown role", { role: "camat" }, "role", "invalidValue"],
    ["a missing role", { role: undefined }, "role", "required"],
    ["a nine-character password", { password: "012345678" }, "password", "passwordWeak"],
    ["a malformed email", { email: "budi-at-example" }, "email", "invalidValue"],
  ])("rejects %s", (_, changes, path, key) => {
    expect(errorsOf(NewUser, { ...user, ...changes })).toContainEqual(fieldError(path, key));
  });
});
