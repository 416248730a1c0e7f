import { describe, expect, it } from "vitest";
import { nikDisagreements } from "./referral.ts";

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
