import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ACTIONS, ROLES_FOR, inRegion, onAccount, onItem } from "./policy.ts";
import { type Actor, ROLES, type Role } from "./user.ts";

const actor = (role: Role, regionCode: string, id = `${role}-1`): Actor => ({
  id,
  username: id,
  name: id,
  role,
  regionCode,
});
const item = { kecamatanCode: "64.08.01", submittedBy: { id: "tksk-1" }, currentLevel: "kecamatan" as const };

describe("the policy", () => {
  it.each([
    ["the submitter reads", actor("tksk", "64.08.01", "tksk-1"), "read", "allow"],
    ["another TKSK of the kecamatan reads", actor("tksk", "64.08.01", "tksk-2"), "read", "not_found"],
    ["an admin reads, in region", actor("admin", "64"), "read", "forbidden"],
    ["the province reads", actor("provinsi", "64"), "read", "allow"],
    ["another province reads", actor("provinsi", "52"), "read", "not_found"],
    ["the kecamatan decides", actor("kecamatan", "64.08.01"), "decide", "allow"],
    ["the kabupaten decides, before its turn", actor("kabupaten", "64.08"), "decide", "conflict"],
    ["another kabupaten decides", actor("kabupaten", "64.72"), "decide", "not_found"],
    ["the submitter decides", actor("tksk", "64.08.01", "tksk-1"), "decide", "forbidden"],
    ["an official who filed it decides", actor("kecamatan", "64.08.01", "tksk-1"), "decide", "forbidden"],
    ["an official withdraws", actor("kecamatan", "64.08.01"), "withdraw", "forbidden"],
    ["another TKSK edits", actor("tksk", "52.01.01", "tksk-9"), "edit", "not_found"],
    ["a national auditor audits", actor("auditor", ""), "audit", "allow"],
    ["a kabupaten auditor audits elsewhere", actor("auditor", "64.72"), "audit", "not_found"],
    ["an admin reveals", actor("admin", "64"), "reveal", "forbidden"],
  ] as const)("%s: %s", (_, who, action, expected) => {
    expect(onItem(who, action, item)).toBe(expected);
  });

  it("refuses a region outside the caller's as forbidden (regions are public), and an account outside as unknown", () => {
    expect(inRegion(actor("auditor", "64.08"), "audit", "64.08.01")).toBe("allow");
    expect(inRegion(actor("auditor", "64.08"), "audit", "64")).toBe("forbidden");
    expect(inRegion(actor("tksk", "64.08.01"), "file", "64.08.01.2001")).toBe("allow");
    expect(inRegion(actor("tksk", "64.08.01"), "file", "64.08.02.2001")).toBe("forbidden");
    const admin = actor("admin", "64.08", "admin-1");
    expect(onAccount(admin, { id: "u1", regionCode: "64.08.01" })).toBe("allow");
    expect(onAccount(admin, { id: "u2", regionCode: "64.72.01" })).toBe("not_found");
    expect(onAccount(admin, { id: "admin-1", regionCode: "64.08" })).toBe("conflict");
    expect(onAccount(actor("auditor", "64"), { id: "u1", regionCode: "64.08.01" })).toBe("forbidden");
  });

  it("lets an admin reset another's password in their region only, and no one else anyone's", () => {
    const admin = actor("admin", "64.08", "admin-1");
    expect(onAccount(admin, { id: "u1", regionCode: "64.08.01" }, "resetPassword")).toBe("allow");
    expect(onAccount(admin, { id: "u2", regionCode: "52.01.01" }, "resetPassword")).toBe("not_found");
    expect(onAccount(admin, { id: "admin-1", regionCode: "64.08" }, "resetPassword")).toBe("conflict");
    for (const role of ROLES.filter((r) => r !== "admin")) {
      expect(onAccount(actor(role, ""), { id: "u1", regionCode: "64.08.01" }, "resetPassword"), role).toBe("forbidden");
    }
    expect(ROLES.filter((role) => ROLES_FOR.changePassword.includes(role))).toEqual([...ROLES]);
  });

  it("is the table README.md shows", () => {
    const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");
    const table = readme.split("<!-- policy -->")[1]!.split("<!-- /policy -->")[0]!;
    const rows = table
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line.startsWith("| `"))
      .map((line) =>
        line
          .split("|")
          .slice(1, -1)
          .map((cell) => cell.trim()),
      );
    const shown: Record<string, Role[]> = {};
    for (const [actions, ...cells] of rows) {
      for (const action of actions!.match(/`(\w+)`/g)!.map((a) => a.slice(1, -1))) {
        shown[action] = ROLES.filter((_, i) => cells[i] !== "—");
      }
    }
    expect(shown).toEqual(Object.fromEntries(ACTIONS.map((action) => [action, [...ROLES_FOR[action]]])));
  });
});
