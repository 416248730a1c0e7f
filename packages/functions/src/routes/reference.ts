import { Invalid, TEXT, fieldError } from "@rujuk/core";
import { CATEGORIES, CATEGORY_LIST_VERSION } from "@rujuk/core/category";
import { childrenOf, isRegionCode } from "@rujuk/core/region";
import { Hono } from "hono";
import type { AppDeps, Env } from "../deps.ts";
import { authenticate } from "../session.ts";

/** Regions and PPKS categories. They change only with a new data release, so clients may cache them for a day. */
export function referenceRoutes(deps: AppDeps) {
  return new Hono<Env>()
    .use("/regions", authenticate(deps))
    .use("/categories", authenticate(deps))
    .get("/regions", async (c) => {
      const parent = c.req.query("parent") ?? "";
      if (parent !== "" && !isRegionCode(parent)) throw new Invalid([fieldError("parent", TEXT.unknownRegion)]);
      c.header("Cache-Control", "private, max-age=86400");
      return c.json(await childrenOf(parent));
    })
    .get("/categories", (c) => {
      c.header("Cache-Control", "private, max-age=86400");
      c.header("X-Category-List-Version", CATEGORY_LIST_VERSION);
      return c.json(CATEGORIES);
    });
}
