import { createHmac } from "node:crypto";
import { ancestorAt } from "./region.ts";

/**
 * The duplicate-detection key of a person inside a kabupaten: a keyed hash (HMAC-SHA256) of the NIK, so the index
 * never holds the NIK itself and cannot be reversed by hashing all 10^16 candidates without the key.
 */
export function nikIndexKey(secret: string, nik: string, kecamatanCode: string): string {
  const kabupaten = ancestorAt(kecamatanCode, "kabupaten");
  const digest = createHmac("sha256", secret).update(nik).digest("base64url");
  return `NIK#${kabupaten}#${digest}`;
}
