import { Invalid, fieldError } from "../errors.ts";
import { TEXT } from "../text.ts";

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PageRequest {
  limit: number;
  cursor?: string | undefined;
}

/** The store's position in a listing: the last evaluated key, base64url-encoded. Clients only ever see it sealed
 * (functions/src/cursor.ts), bound to the listing and the caller. */
export function encodeCursor(key: Record<string, unknown> | undefined): string | null {
  return key ? Buffer.from(JSON.stringify(key)).toString("base64url") : null;
}

/** A key of the table or of an index: a non-empty object of string attributes, which is all our keys are. */
function isKey(value: unknown): value is Record<string, string> {
  if (!value || typeof value !== "object" || Array.isArray(value)) return false;
  const values = Object.values(value);
  return values.length > 0 && values.every((v) => typeof v === "string");
}

export function decodeCursor(cursor: string | undefined): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (isKey(key)) return key;
  } catch {
    // fall through to the field error below
  }
  throw new Invalid([fieldError("cursor", TEXT.invalidValue)]);
}
