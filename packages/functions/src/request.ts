import { DomainError, Invalid, NotFound, TEXT, fieldError } from "@rujuk/core";
import { isId } from "@rujuk/core/ids";
import { type RegionLevel, isRegionCode, levelOf } from "@rujuk/core/region";
import type { Context, MiddlewareHandler } from "hono";
import type { Env } from "./deps.ts";
import * as z from "zod";

/**
 * A route's JSON body must be JSON before its fields are looked at: 415 for another content type, 400 for bytes
 * that are not UTF-8 or text that is not JSON. The route's declared schema then validates the fields. Route
 * middleware, so that it runs after the caller's role is checked and before the body's validator.
 */
export const jsonRequest: MiddlewareHandler = async (c, next) => {
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
  try {
    JSON.parse(body);
  } catch {
    throw new Invalid([fieldError("(body)", TEXT.malformedJson)], TEXT.malformedJson);
  }
  await next();
};

/**
 * The path parameter `id` of the form the app gives that kind of id (`isId` unless told otherwise). Any other names
 * nothing: 404 before any read (the routes' validation hook answers a failed path parameter so), so no size or byte
 * of it ever reaches the table.
 */
export const idParams = (valid: (id: string) => boolean = isId) => z.object({ id: z.string().refine(valid) });

const IdParams = idParams();

/** The path's item id, read where a route must look the item up before its validators run; 404 if of another form. */
export function pathId(c: Context): string {
  const params = IdParams.safeParse(c.req.param());
  if (!params.success) throw new NotFound();
  return params.data.id;
}

/** A region code as a query names one: `""` is the whole country. */
export const RegionCode = z.string().refine((c) => c === "" || isRegionCode(c), { error: "unknownRegion" });

/** A region code of one level (a kecamatan, a desa) as a query names one. */
export const regionCodeAt = (level: RegionLevel) =>
  z.string().refine((c) => isRegionCode(c) && levelOf(c) === level, { error: "unknownRegion" });

/** The query of every paged list: the page size and the sealed cursor of the page before. */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(2000).optional(),
});
export type PageQuery = z.output<typeof PageQuery>;

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
export function readPage(c: Context<Env>, { limit, cursor }: PageQuery): PageQuery {
  return { limit, cursor: c.get("cursors").open(cursor, listingOf(c)) };
}

/** The next page's cursor as the client gets it: the store's position, sealed for this listing and caller. */
export function nextCursor(c: Context<Env>, position: string | null): string | null {
  return c.get("cursors").seal(position, listingOf(c));
}
