import { describe, expect, it } from "vitest";
import { SPREAD, spreadOf } from "./scale-places.ts";

describe("spreadOf", () => {
  it("gives each group its slots of every 20, and each group's referrals consecutive turns", () => {
    const turns: Record<string, number[]> = {};
    for (let i = 0; i < 200; i++) {
      const { group, turn } = spreadOf(i);
      (turns[group] ??= []).push(turn);
    }
    for (const { group, slots } of SPREAD) {
      expect(turns[group]).toEqual(Array.from({ length: slots * 10 }, (_, t) => t));
    }
  });
});
