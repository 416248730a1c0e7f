import { beforeAll, describe, expect, it } from "vitest";
import { hashPassword, oneTimePassword, verifyAgainstNothing, verifyPassword } from "./password.ts";

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

describe("oneTimePassword", () => {
  it("is four groups of four lowercase letters and digits, none that reads as another", () => {
    const passwords = Array.from({ length: 200 }, oneTimePassword);
    for (const password of passwords) expect(password).toMatch(/^[2-9a-hjkmnp-z]{4}(-[2-9a-hjkmnp-z]{4}){3}$/);
    expect(passwords.join("")).not.toMatch(/[01ilo]/);
  });

  it("draws every character: 200 passwords use the whole alphabet and never repeat", () => {
    const passwords = Array.from({ length: 200 }, oneTimePassword);
    expect(new Set(passwords).size).toBe(200);
    expect(new Set(passwords.join("").replaceAll("-", "")).size).toBe(31);
  });
});
