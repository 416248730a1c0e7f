import { ROLES_FOR } from "@rujuk/core/policy";
import { expect, it } from "vitest";
import { AUDIT_ROLES, READ_ROLES, REVEAL_ROLES } from "./roles.ts";

it("opens the audit page, its reveal button and the item it names, to exactly the roles the policy lets audit and reveal", () => {
  expect(AUDIT_ROLES).toEqual(ROLES_FOR.audit);
  expect(REVEAL_ROLES).toEqual(ROLES_FOR.reveal);
  expect(READ_ROLES).toEqual(ROLES_FOR.read);
});
