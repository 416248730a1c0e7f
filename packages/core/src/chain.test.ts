import { describe, expect, it } from "vitest";
import { CHAIN_POLICY, chainFor } from "./chain.ts";

describe("chainFor", () => {
  it("sends a referral up kecamatan, kabupaten, provinsi", () => {
    expect(chainFor("referral")).toEqual(["kecamatan", "kabupaten", "provinsi"]);
  });

  it("sends a report to the kabupaten only", () => {
    expect(chainFor("report")).toEqual(["kabupaten"]);
  });

  it("returns a copy, so changing an item's chain leaves the policy alone", () => {
    const chain = chainFor("referral");
    chain.pop();
    chain.push("kabupaten");
    expect(CHAIN_POLICY.referral).toEqual(["kecamatan", "kabupaten", "provinsi"]);
    expect(chainFor("referral")).toEqual(["kecamatan", "kabupaten", "provinsi"]);
  });
});
