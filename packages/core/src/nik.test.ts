import { describe, expect, it } from "vitest";
import { birthDateProblem, checkNik, nikDisagreements } from "./nik.ts";

const TODAY = new Date(Date.UTC(2026, 2, 10)); // 2026-03-10

/** A NIK with region 640801, the given DDMMYY and serial 0001. */
const nik = (ddmmyy: string) => `640801${ddmmyy}0001`;

describe("checkNik", () => {
  it("reads the birth date and sex of a man", () => {
    expect(checkNik(nik("170885"), TODAY)).toEqual({ ok: true, birthDate: "1985-08-17", sex: "L" });
  });

  it("subtracts 40 from the day for a woman", () => {
    expect(checkNik(nik("450780"), TODAY)).toEqual({ ok: true, birthDate: "1980-07-05", sex: "P" });
  });

  it.each([
    ["letters", "64080145078000A1", "digits"],
    ["spaces", "6408014507 80001", "digits"],
    ["a dash", "640801-450780001", "digits"],
    ["too short", "123", "length"],
    ["empty", "", "length"],
    ["too long", "64080145078000011", "length"],
  ])("rejects a NIK with %s", (_, value, reason) => {
    expect(checkNik(value, TODAY)).toEqual({ ok: false, reason });
  });

  it.each([
    ["day 32", "320185"],
    ["31 April", "310485"],
    ["29 February in a non-leap year", "290285"],
    ["month 13", "011385"],
    ["month 00", "010085"],
    ["day 00", "000185"],
    ["day 40 (neither a man's day nor a woman's)", "400185"],
    ["a woman's day 72 (the 32nd)", "720185"],
  ])("rejects an impossible birth date: %s", (_, ddmmyy) => {
    expect(checkNik(nik(ddmmyy), TODAY)).toEqual({ ok: false, reason: "date" });
  });

  it.each([
    ["day 31 for a man", "310185", "1985-01-31", "L"],
    ["day 41 as the 1st for a woman", "410185", "1985-01-01", "P"],
    ["day 71 as the 31st for a woman", "710185", "1985-01-31", "P"],
    ["29 February in a leap year", "290284", "1984-02-29", "L"],
  ])("accepts the boundary %s", (_, ddmmyy, birthDate, sex) => {
    expect(checkNik(nik(ddmmyy), TODAY)).toEqual({ ok: true, birthDate, sex });
  });

  describe("two-digit years", () => {
    it.each([
      ["a past year of this century", "010120", "2020-01-01"],
      ["the current year", "010126", "2026-01-01"],
      ["a year that would be in the future, in the 1900s", "010127", "1927-01-01"],
      ["00 as 2000", "010100", "2000-01-01"],
      ["99 as 1999", "010199", "1999-01-01"],
    ])("reads %s", (_, ddmmyy, birthDate) => {
      expect(checkNik(nik(ddmmyy), TODAY)).toMatchObject({ ok: true, birthDate });
    });

    it("depends on today's year", () => {
      expect(checkNik(nik("010130"), new Date(Date.UTC(2029, 0, 1)))).toMatchObject({ birthDate: "1930-01-01" });
      expect(checkNik(nik("010130"), new Date(Date.UTC(2031, 0, 1)))).toMatchObject({ birthDate: "2030-01-01" });
    });
  });

  it("reads a date after today in this century as the last century, so centenarians stay valid", () => {
    expect(checkNik(nik("100326"), TODAY)).toMatchObject({ ok: true, birthDate: "2026-03-10" });
    expect(checkNik(nik("110326"), TODAY)).toMatchObject({ ok: true, birthDate: "1926-03-11" });
    expect(checkNik(nik("011226"), TODAY)).toMatchObject({ ok: true, birthDate: "1926-12-01" });
  });
});

describe("nikDisagreements", () => {
  it.each([
    ["a man, as in his NIK", { nik: "6408011505750003", birthDate: "1975-05-15", sex: "L" }, []],
    ["a woman, day + 40", { nik: "6408015505750003", birthDate: "1975-05-15", sex: "P" }, []],
    // A NIK has no century: an elderly person born in 1926 shares digits with a child born in 2026.
    ["born 1926, the NIK's 26", { nik: "6408010101260001", birthDate: "1926-01-01", sex: "L" }, []],
    ["another day", { nik: "6408011505750003", birthDate: "1975-05-16", sex: "L" }, ["birthDate"]],
    ["another month", { nik: "6408011505750003", birthDate: "1975-06-15", sex: "L" }, ["birthDate"]],
    ["another year", { nik: "6408011505750003", birthDate: "1976-05-15", sex: "L" }, ["birthDate"]],
    ["the other sex", { nik: "6408015505750003", birthDate: "1975-05-15", sex: "L" }, ["sex"]],
    ["both", { nik: "6408015505750003", birthDate: "1980-05-15", sex: "L" }, ["birthDate", "sex"]],
    // Malformed parts are their own fields' errors; no second one here.
    ["a NIK that is no NIK", { nik: "123", birthDate: "1975-05-15", sex: "L" }, []],
    ["a date before 1900", { nik: "6408011505990003", birthDate: "1899-05-15", sex: "L" }, []],
  ])("finds %s", (_, subject, expected) => {
    expect(nikDisagreements(subject)).toEqual(expected);
  });
});

describe("birthDateProblem", () => {
  const today = new Date("2026-12-01T00:00:00Z");
  it.each([
    ["1980-07-05", undefined],
    ["2026-12-01", undefined],
    ["1900-01-01", undefined],
    ["1980-7-5", "dateFormat"],
    ["1980-02-30", "dateFormat"],
    ["05-07-1980", "dateFormat"],
    ["1899-12-31", "dateTooEarly"],
    ["2026-12-02", "dateInFuture"],
  ])("%s: %s", (date, problem) => {
    expect(birthDateProblem(date, today)).toBe(problem);
  });
});
