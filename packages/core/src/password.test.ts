import { beforeAll, describe, expect, it } from "vitest";
import { hashPassword, verifyAgainstNothing, verifyPassword } from "./password.ts";

const PASSWORD = "kata-sandi-rahasia";

describe("hashPassword / verifyPassword", () => {
  let stored: string;
  beforeAll(async () => {
    stored = await hashPassword(PASSWORD);
  });

  it("writes a self-describing scrypt hash", () => {
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
  });

  it("verifies the right password", async () => {
    expect(await verifyPassword(PASSWORD, stored)).toBe(true);
  });

  it.each(["", "kata-sandi-rahasiA", `${PASSWORD} `])("rejects the wrong password %j", async (wrong) => {
    expect(await verifyPassword(wrong, stored)).toBe(false);
  });

  it("salts: two hashes of one password differ, and both verify", async () => {
    const again = await hashPassword(PASSWORD);
    expect(again).not.toBe(stored);
    expect(await verifyPassword(PASSWORD, again)).toBe(true);
  });
});

describe("verifyPassword with a malformed stored string", () => {
  const SALT = "c2FsdHNhbHRzYWx0c2FsdA"; // 16 bytes
  const KEY = "A".repeat(43); // 32 bytes

  it.each([
    ["empty", ""],
    ["not a hash", "hunter2"],
    ["another scheme", `bcrypt$32768$8$1$${SALT}$${KEY}`],
    ["without salt or key", "scrypt$32768$8$1"],
    ["with an empty key", `scrypt$32768$8$1$${SALT}$`],
    ["with a key that decodes to nothing", `scrypt$32768$8$1$${SALT}$!!!`],
    ["with a truncated key", `scrypt$32768$8$1$${SALT}$AAAA`],
    ["with a non-numeric N", `scrypt$abc$8$1$${SALT}$${KEY}`],
    ["with an N that is not a power of two", `scrypt$1000$8$1$${SALT}$${KEY}`],
  ])("is false, not an error, %s", async (_, malformed) => {
    await expect(verifyPassword(PASSWORD, malformed)).resolves.toBe(false);
  });
});

describe("verifyAgainstNothing", () => {
  it("resolves false whatever the password", async () => {
    await expect(verifyAgainstNothing(PASSWORD)).resolves.toBe(false);
    await expect(verifyAgainstNothing("rujuk-timing-equaliser")).resolves.toBe(false);
  });
});
