import { describe, expect, it } from "vitest";
import { ROLES, deepestLevel, depthOf, fitsRole, placeableIn } from "./role.ts";
import { NewUser } from "./user.ts";

const CODES = ["", "64", "64.08", "64.08.01", "64.08.01.2001"];

describe("where an account of a role may sit", () => {
  it.each(ROLES)("is what NewUser accepts for %s", (role) => {
    for (const regionCode of CODES) {
      const parsed = NewUser.safeParse({ username: "abc", name: "A", role, regionCode, password: "long-enough-1" });
      const wrongLevel = !parsed.success && parsed.error.issues.some((i) => i.message === "regionWrongLevel");
      expect(fitsRole(role, regionCode), `${role} at "${regionCode}"`).toBe(!wrongLevel);
    }
  });

  it("lies at the role's level, or down to a kecamatan for a role without one", () => {
    expect(deepestLevel("tksk")).toBe("kecamatan");
    expect(deepestLevel("kabupaten")).toBe("kabupaten");
    expect(deepestLevel("auditor")).toBe("kecamatan");
    expect(CODES.map(depthOf)).toEqual([0, 1, 2, 3, 4]);
  });

  it("is somewhere inside a scope unless the role's level lies above it", () => {
    expect(ROLES.filter((role) => placeableIn(role, "64.08"))).toEqual([
      "tksk",
      "kecamatan",
      "kabupaten",
      "auditor",
      "admin",
    ]);
    expect(ROLES.filter((role) => placeableIn(role, "64.08.01"))).toEqual(["tksk", "kecamatan", "auditor", "admin"]);
    expect(ROLES.every((role) => placeableIn(role, ""))).toBe(true);
  });
});
