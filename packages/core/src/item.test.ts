import { describe, expect, it } from "vitest";
import { type DuplicateRef, duplicateView } from "./item.ts";
import type { Actor, Role } from "./user.ts";

const actor = (role: Role, regionCode: string, id = `${role}-${regionCode}`): Actor => ({
  id,
  username: id,
  name: id,
  role,
  regionCode,
});
const ref = (id: string, kecamatanCode: string, submitter: string): DuplicateRef => ({
  id,
  status: "in_review",
  currentLevel: "kabupaten",
  kecamatanCode,
  submittedBy: { id: submitter, name: submitter },
});
const found = [ref("in-ancalong", "64.08.01", "tksk-a"), ref("in-bengalon", "64.08.02", "tksk-b")];

describe("duplicateView", () => {
  it("gives an official the ids of the duplicates they may open, and only the status of the rest", () => {
    expect(duplicateView(actor("kecamatan", "64.08.01"), found)).toEqual([
      { id: "in-ancalong", status: "in_review", currentLevel: "kabupaten" },
      { status: "in_review", currentLevel: "kabupaten" },
    ]);
    expect(duplicateView(actor("kabupaten", "64.08"), found).map((d) => d.id)).toEqual(["in-ancalong", "in-bengalon"]);
  });

  it.each([
    ["the submitter, even of both", actor("tksk", "64.08.01", "tksk-a")],
    ["an auditor", actor("auditor", "64")],
    ["an admin", actor("admin", "64")],
  ])("gives %s no id at all", (_, who) => {
    const view = duplicateView(who, found);
    expect(view).toHaveLength(2);
    for (const d of view) expect(d).not.toHaveProperty("id");
  });
});
