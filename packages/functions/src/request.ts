import { DomainError, Invalid, NotFound, TEXT, fieldError } from "@rujuk/core";
import { isId } from "@rujuk/core/ids";
import { parse } from "@rujuk/core/validation";
import type { Context } from "hono";
import type { Env } from "./deps.ts";
import * as z from "zod";

/** The JSON body, parsed and validated: 415 for another content type, 400 for malformed JSON or bad fields. */
export async function readBody<S extends z.ZodType>(
  c: Context,
  schema: S,
): Promise<{ body: z.output<S>; raw: unknown }> {
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(type)) {
    throw new DomainError("unsupported_media_type", TEXT.unsupportedMediaType);
  }
  let body: string;
  try {
    // Fatal: a byte sequence that is not UTF-8 is refused, not silently turned into U+FFFD and stored.
    body = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(await c.req.arrayBuffer());
  } catch {
    throw new Invalid([fieldError("(body)", TEXT.invalidCharacters)], TEXT.invalidCharacters);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    throw new Invalid([fieldError("(body)", TEXT.malformedJson)], TEXT.malformedJson);
  }
  return { body: parse(schema, raw), raw };
}

/**
 * The object id in the path, if it has the form the app gives that kind of id (`isId` unless told otherwise);
 * any other names nothing: 404 before any read, so no size or byte of it ever reaches the table.
 */
export function pathId(c: Context, valid: (id: string) => boolean = isId): string {
  const id = c.req.param("id");
  if (id === undefined || !valid(id)) throw new NotFound();
  return id;
}

const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(2000).optional(),
});

/**
 * What a cursor is bound to: this listing (its path and every filter in its query) and the caller. Its own position
 * and the page size may change between pages; nothing else may.
 */
function listingOf(c: Context<Env>): string {
  const filters = Object.entries(c.req.query())
    .filter(([name]) => name !== "cursor" && name !== "limit")
    .sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify([c.req.path, c.get("actor").id, filters]);
}

/** The page asked for: its size, and the store's position inside the sealed cursor (400 if it is not ours). */
export function readPage(c: Context<Env>): z.output<typeof PageQuery> {
  const page = parse(PageQuery, { limit: c.req.query("limit"), cursor: c.req.query("cursor") });
  return { ...page, cursor: c.get("cursors").open(page.cursor, listingOf(c)) };
}

/** The next page's cursor as the client gets it: the store's position, sealed for this listing and caller. */
export function nextCursor(c: Context<Env>, position: string | null): string | null {
  return c.get("cursors").seal(position, listingOf(c));
}
