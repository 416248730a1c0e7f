import { describe, expect, it } from "vitest";
import { Invalid } from "../errors.ts";
import { decodeCursor, encodeCursor } from "./page.ts";

const sealed = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

describe("cursors", () => {
  it("give back the key they were made from", () => {
    const key = { PK: "NOTIFY#u1", SK: "ID#n1", GSI1PK: "NOTIFY#u1", GSI1SK: "2026-11-24#n1" };
    expect(decodeCursor(encodeCursor(key)!)).toStrictEqual(key);
    expect(encodeCursor(undefined)).toBeNull();
    expect(decodeCursor(undefined)).toBeUndefined();
  });

  it.each([
    ["an array", sealed(["PK", "SK"])],
    ["an empty object", sealed({})],
    ["a key with a number", sealed({ PK: "USER#u1", SK: 1 })],
    ["null", sealed(null)],
    ["not JSON", Buffer.from("{PK:").toString("base64url")],
  ])("refuse %s as a bad cursor", (_, cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(Invalid);
  });
});
