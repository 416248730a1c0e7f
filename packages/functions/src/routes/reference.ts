import { CATEGORIES, CATEGORY_LIST_VERSION } from "@rujuk/core/category";
import { childrenOf } from "@rujuk/core/region";
import { createRoute } from "@hono/zod-openapi";
import * as z from "zod";
import { PROBLEMS, apiRouter, jsonAnswer } from "../api-router.ts";
import type { AppDeps } from "../deps.ts";
import { named } from "../openapi.ts";
import { RegionCode } from "../request.ts";
import { authenticate } from "../session.ts";

const Region = named(
  "Region",
  z.object({ code: z.string(), name: z.string(), level: z.enum(["provinsi", "kabupaten", "kecamatan", "desa"]) }),
  "output",
);
const Category = named("Category", z.object({ code: z.string(), name: z.string(), nameEn: z.string() }), "output");

// They change only with a new data release, so clients may cache them for a day.
const CACHE_A_DAY = "private, max-age=86400";

/** Regions and PPKS categories, for every signed-in caller. */
export function referenceRoutes(deps: AppDeps) {
  const regions = createRoute({
    method: "get",
    path: "/regions",
    summary: "The regions one level below `parent` (the provinces without it)",
    middleware: [authenticate(deps)],
    request: { query: z.object({ parent: RegionCode.optional() }) },
    responses: { 200: jsonAnswer("Child regions", z.array(Region)), ...PROBLEMS },
  });
  const categories = createRoute({
    method: "get",
    path: "/categories",
    summary: "The PPKS categories; `X-Category-List-Version` names the list",
    middleware: [authenticate(deps)],
    responses: { 200: jsonAnswer("PPKS categories", z.array(Category)), ...PROBLEMS },
  });

  return apiRouter()
    .openapi(regions, async (c) => {
      c.header("Cache-Control", CACHE_A_DAY);
      return c.json(await childrenOf(c.req.valid("query").parent ?? ""), 200);
    })
    .openapi(categories, (c) => {
      c.header("Cache-Control", CACHE_A_DAY);
      c.header("X-Category-List-Version", CATEGORY_LIST_VERSION);
      return c.json([...CATEGORIES], 200);
    });
}
