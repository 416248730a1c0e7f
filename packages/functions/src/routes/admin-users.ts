import { NotFound, TEXT } from "@rujuk/core";
import { createAccount } from "@rujuk/core/account";
import { enforce, inRegion, onAccount } from "@rujuk/core/policy";
import { NewUser } from "@rujuk/core/user";
import { Hono } from "hono";
import type { AppDeps, Env } from "../deps.ts";
import { nextCursor, pathId, readBody, readPage } from "../request.ts";
import { authenticate, may } from "../session.ts";

/** Account management by admins, always inside the admin's own region. */
export function adminUserRoutes(deps: AppDeps) {
  const { users } = deps.store;

  return new Hono<Env>()
    .use("/admin/*", authenticate(deps), may("accounts"))
    .get("/admin/users", async (c) => {
      const page = await users.listFor(c.get("actor"), readPage(c));
      return c.json({ ...page, nextCursor: nextCursor(c, page.nextCursor) });
    })
    .post("/admin/users", async (c) => {
      const actor = c.get("actor");
      const { body } = await readBody(c, NewUser);
      enforce(inRegion(actor, "accounts", body.regionCode), {
        forbidden: body.role === "admin" ? TEXT.adminAboveOwnRegion : TEXT.regionOutsideScope,
      });
      return c.json(await createAccount(users, body), 201);
    })
    .post("/admin/users/:id/disable", async (c) => {
      const actor = c.get("actor");
      const target = await users.get(pathId(c));
      if (!target) throw new NotFound();
      enforce(onAccount(actor, target), { conflict: TEXT.cannotDisableSelf });
      return c.json(await users.disable(target.id));
    });
}
