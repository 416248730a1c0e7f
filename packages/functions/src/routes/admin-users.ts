import { Conflict, Forbidden, NotFound, TEXT } from "@rujuk/core";
import { createAccount } from "@rujuk/core/account";
import { isWithin } from "@rujuk/core/region";
import { NewUser, covers } from "@rujuk/core/user";
import { Hono } from "hono";
import type { AppDeps, Env } from "../deps.ts";
import { nextCursor, pathId, readBody, readPage } from "../request.ts";
import { allow, authenticate } from "../session.ts";

/** Account management by admins, always inside the admin's own region. */
export function adminUserRoutes(deps: AppDeps) {
  const { users } = deps.store;

  return new Hono<Env>()
    .use("/admin/*", authenticate(deps), allow("admin"))
    .get("/admin/users", async (c) => {
      const page = await users.listFor(c.get("actor"), readPage(c));
      return c.json({ ...page, nextCursor: nextCursor(c, page.nextCursor) });
    })
    .post("/admin/users", async (c) => {
      const actor = c.get("actor");
      const { body } = await readBody(c, NewUser);
      if (!covers(actor, body.regionCode)) {
        throw new Forbidden(body.role === "admin" ? TEXT.adminAboveOwnRegion : TEXT.regionOutsideScope);
      }
      return c.json(await createAccount(users, body), 201);
    })
    .post("/admin/users/:id/disable", async (c) => {
      const actor = c.get("actor");
      const target = await users.get(pathId(c));
      if (!target || !isWithin(target.regionCode, actor.regionCode)) throw new NotFound();
      if (target.id === actor.id) throw new Conflict(TEXT.cannotDisableSelf);
      return c.json(await users.disable(target.id));
    });
}
