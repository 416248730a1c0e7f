import { describe, expect, it } from "vitest";
import { ancestorAt, childrenOf, findRegion, isRegionCode, isWithin, levelOf } from "./region.ts";

describe("isWithin", () => {
  it.each([
    ["64.08.01", "64.08", true],
    ["64.08.01", "64", true],
    ["64.08.01", "", true],
    ["64.08.01", "64.08.01", true],
    ["64.08.01.2001", "64.08", true],
    ["64.080", "64.08", false],
    ["64.08", "64.08.01", false],
    ["64", "6", false],
    ["65.08.01", "64", false],
    ["", "64", false],
  ])("%j within %j is %s", (code, scope, expected) => {
    expect(isWithin(code, scope)).toBe(expected);
  });
});

describe("levelOf", () => {
  it.each([
    ["", null],
    ["64", "provinsi"],
    ["64.08", "kabupaten"],
    ["64.08.01", "kecamatan"],
    ["64.08.01.2001", "desa"],
    ["64.08.01.2001.01", null],
  ])("%j is %s", (code, level) => {
    expect(levelOf(code)).toBe(level);
  });
});

describe("ancestorAt", () => {
  it.each([
    ["64.08.01.2001", "provinsi", "64"],
    ["64.08.01.2001", "kabupaten", "64.08"],
    ["64.08.01.2001", "kecamatan", "64.08.01"],
    ["64.08.01.2001", "desa", "64.08.01.2001"],
    ["64.08", "kabupaten", "64.08"],
    ["64.08", "kecamatan", null],
    ["64", "kabupaten", null],
    ["", "provinsi", null],
  ] as const)("of %j at %s is %j", (code, level, expected) => {
    expect(ancestorAt(code, level)).toBe(expected);
  });
});

describe("isRegionCode", () => {
  it.each(["64", "64.08", "64.08.01", "64.08.01.2001"])("accepts %j", (code) => {
    expect(isRegionCode(code)).toBe(true);
  });

  it.each(["", "6", "640", "64.8", "64.080", "64.08.01.201", "64.08.01.20011", "64.08.", "6408", "ab.cd", " 64"])(
    "rejects %j",
    (code) => {
      expect(isRegionCode(code)).toBe(false);
    },
  );
});

describe("findRegion", () => {
  it.each([
    ["64", "Kalimantan Timur", "provinsi"],
    ["64.08", "Kabupaten Kutai Timur", "kabupaten"],
    ["64.08.01", "Muara Ancalong", "kecamatan"],
    ["64.08.01.2001", "Senyiur", "desa"],
  ])("finds %s", async (code, name, level) => {
    expect(await findRegion(code)).toEqual({ code, name, level });
  });

  it.each(["99", "64.99", "64.08.99", "64.08.01.9999", "", "not a code"])("gives undefined for %j", async (code) => {
    expect(await findRegion(code)).toBeUndefined();
  });
});

describe("childrenOf", () => {
  it("lists the 38 provinces for the nation, sorted by code", async () => {
    const provinces = await childrenOf("");
    expect(provinces).toHaveLength(38);
    expect(provinces.every((p) => p.level === "provinsi")).toBe(true);
    expect(provinces.map((p) => p.code)).toEqual(provinces.map((p) => p.code).sort());
    expect(provinces).toContainEqual({ code: "64", name: "Kalimantan Timur", level: "provinsi" });
  });

  it("lists the kecamatan of a kabupaten", async () => {
    const kecamatan = await childrenOf("64.08");
    expect(kecamatan).toContainEqual({ code: "64.08.01", name: "Muara Ancalong", level: "kecamatan" });
    expect(kecamatan.every((k) => k.level === "kecamatan" && isWithin(k.code, "64.08"))).toBe(true);
  });

  it("lists the desa of a kecamatan", async () => {
    const desa = await childrenOf("64.08.01");
    expect(desa).toContainEqual({ code: "64.08.01.2001", name: "Senyiur", level: "desa" });
    expect(desa.every((d) => d.level === "desa" && isWithin(d.code, "64.08.01"))).toBe(true);
  });

  it.each(["99", "64.99", "64.08.01.2001", "nonsense"])("is empty for %j", async (code) => {
    expect(await childrenOf(code)).toEqual([]);
  });
});
