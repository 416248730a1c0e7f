import { describe, expect, it } from "vitest";
import { CATEGORIES, isCategoryCode } from "./category.ts";

describe("CATEGORIES", () => {
  it("has exactly 26 categories with unique codes", () => {
    expect(CATEGORIES).toHaveLength(26);
    expect(new Set(CATEGORIES.map((c) => c.code)).size).toBe(26);
  });

  it("names every category in Indonesian and English", () => {
    for (const c of CATEGORIES) {
      expect(c.name.trim()).not.toBe("");
      expect(c.nameEn.trim()).not.toBe("");
    }
  });
});

describe("isCategoryCode", () => {
  it("accepts every listed code", () => {
    expect(CATEGORIES.every((c) => isCategoryCode(c.code))).toBe(true);
  });

  it.each(["", "lut", "LUT ", "XYZ", "Lanjut Usia Terlantar", "toString"])("rejects %j", (code) => {
    expect(isCategoryCode(code)).toBe(false);
  });
});
