import { describe, expect, it } from "vitest";
import { deadlineSeconds, deadlinesFor } from "./deadline.ts";

const DAY = 86_400;

describe("deadlines", () => {
  it.each([
    ["kecamatan", "normal", 3 * DAY],
    ["kabupaten", "normal", 5 * DAY],
    ["provinsi", "normal", 7 * DAY],
    ["kecamatan", "urgent", 1.5 * DAY],
    ["provinsi", "urgent", 3.5 * DAY],
    ["kabupaten", "emergency", DAY],
  ] as const)("gives %s a %s item %i seconds", (level, urgency, seconds) => {
    expect(deadlineSeconds(level, urgency)).toBe(seconds);
  });

  it("lists a deadline for every level of a chain", () => {
    expect(deadlinesFor(["kecamatan", "kabupaten", "provinsi"], "urgent")).toEqual({
      kecamatan: 1.5 * DAY,
      kabupaten: 2.5 * DAY,
      provinsi: 3.5 * DAY,
    });
  });
});
