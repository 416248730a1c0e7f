import { describe, expect, it } from "vitest";
import { isId, newId } from "./ids.ts";

describe("isId", () => {
  it("accepts every id newId makes", () => {
    for (let i = 0; i < 200; i++) expect(isId(newId(Date.now() + i * 1_000_000))).toBe(true);
  });

  it.each([
    "",
    "01J9ZKQ3",
    "x".repeat(3000),
    "01j9zkq3v0r7c2yq8e4m6wtd5a",
    "01J9ZKQ3V0R7C2YQ8E4M6WTD5I",
    "01J9ZKQ3V0R7C2YQ8E4M6WTD5A\0",
  ])("refuses %j", (value) => expect(isId(value)).toBe(false));
});
