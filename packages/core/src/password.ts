import { randomBytes, randomInt, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from "node:crypto";

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCb(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))),
  );

// N=2^15, r=8, p=1 is OWASP's scrypt floor; maxmem must be raised above 128*N*r to allow it.
const PARAMS = { N: 32768, r: 8, p: 1 };
const KEYLEN = 32;

/** A self-describing scrypt hash: `scrypt$N$r$p$salt$key` (base64url), so parameters can grow later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEYLEN, { ...PARAMS, maxmem: 64 * 1024 * 1024 });
  return ["scrypt", PARAMS.N, PARAMS.r, PARAMS.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !key) return false;
  const expected = Buffer.from(key, "base64url");
  // A key that decodes short (or empty: "!!!" decodes to 0 bytes) would otherwise match any password.
  if (expected.length < KEYLEN) return false;
  const actual = await scrypt(password, Buffer.from(salt, "base64url"), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: 64 * 1024 * 1024,
  }).catch(() => undefined); // parameters scrypt rejects (N not a power of two, NaN) mean a malformed hash
  return !!actual && timingSafeEqual(actual, expected);
}

let dummy: Promise<string> | undefined;

/** Spend the same time on an unknown username as on a wrong password, so timing does not reveal which accounts exist. */
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummy ??= hashPassword("rujuk-timing-equaliser");
  await verifyPassword(password, await dummy);
  return false;
}

// Lowercase letters and digits without the ones read or heard as others: 0/o, 1/l/i.
const READABLE = "23456789abcdefghjkmnpqrstuvwxyz";
const GROUPS = 4;
const GROUP_LENGTH = 4;

/**
 * A password set for someone else, which they use once to sign in and choose their own: four groups of four
 * characters (`k7mq-x3dp-9vht-a4wz`), easy to read aloud or over the phone, 16 characters from 31 (79 random bits).
 */
export function oneTimePassword(): string {
  const group = () => Array.from({ length: GROUP_LENGTH }, () => READABLE.charAt(randomInt(READABLE.length))).join("");
  return Array.from({ length: GROUPS }, group).join("-");
}
