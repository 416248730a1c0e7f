import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { Invalid, TEXT, fieldError } from "@rujuk/core";
import type { MiddlewareHandler } from "hono";

/**
 * Page cursors as clients hold them. Inside is the store's position (a table key, an audit ledger position), which
 * names key attributes and user ids; outside, clients see it encrypted and authenticated (AES-256-GCM, with a key
 * derived from the session key) and bound to one listing and one caller. A cursor that was not made for this
 * listing and this caller (another region's, another admin's, a hand-built one) cannot be opened: 400, never a read.
 */
export interface CursorSeal {
  seal(position: string | null, binding: string): string | null;
  open(cursor: string | undefined, binding: string): string | undefined;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

export function cursorSeal(sessionSecret: string): CursorSeal {
  const key = createHash("sha256").update("rujuk page cursor\0").update(sessionSecret).digest();
  const invalid = () => new Invalid([fieldError("cursor", TEXT.invalidValue)]);
  return {
    seal(position, binding) {
      if (position === null) return null;
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", key, iv).setAAD(Buffer.from(binding));
      const sealed = Buffer.concat([iv, cipher.update(position, "utf8"), cipher.final(), cipher.getAuthTag()]);
      return sealed.toString("base64url");
    },
    open(cursor, binding) {
      if (cursor === undefined) return undefined;
      const sealed = Buffer.from(cursor, "base64url");
      if (sealed.length < IV_BYTES + TAG_BYTES) throw invalid();
      try {
        const decipher = createDecipheriv("aes-256-gcm", key, sealed.subarray(0, IV_BYTES)).setAAD(
          Buffer.from(binding),
        );
        decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
        return Buffer.concat([
          decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)),
          decipher.final(),
        ]).toString("utf8");
      } catch {
        throw invalid();
      }
    },
  };
}

/**
 * Makes the app's cursor seal available to every route below it (`readPage`, `nextCursor` in request.ts). Typed by
 * the one variable it sets rather than the app's whole `Env`, which names `CursorSeal` from here.
 */
export function withCursors(sessionSecret: string): MiddlewareHandler<{ Variables: { cursors: CursorSeal } }> {
  const cursors = cursorSeal(sessionSecret);
  return async (c, next) => {
    c.set("cursors", cursors);
    await next();
  };
}
