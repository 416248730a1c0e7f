import { NotFound, TEXT } from "@rujuk/core";
import { createAccount, resetPassword } from "@rujuk/core/account";
import { enforce, inRegion, onAccount } from "@rujuk/core/policy";
import { NewUser } from "@rujuk/core/user";
import { createRoute } from "@hono/zod-openapi";
import * as z from "zod";
import { PROBLEMS, apiRouter, jsonAnswer, jsonBody, pageOf } from "../api-router.ts";
import { UserAnswer } from "../answers.ts";
import type { AppDeps } from "../deps.ts";
import { named } from "../openapi.ts";
import { PageQuery, idParams, jsonRequest, nextCursor, readPage } from "../request.ts";
import { authenticate, may } from "../session.ts";

const NewUserInput = named("NewUser", NewUser, "input");

/** Account management by admins, always inside the admin's own region. */
export function adminUserRoutes(deps: AppDeps) {
  const { users } = deps.store;
  const admin = [authenticate(deps), may("accounts")];

  const list = createRoute({
    method: "get",
    path: "/admin/users",
    summary: "Accounts in the admin's region (role admin)",
    middleware: admin,
    request: { query: PageQuery },
    responses: { 200: jsonAnswer("A page of accounts", pageOf(UserAnswer)), ...PROBLEMS },
  });
  const create = createRoute({
    method: "post",
    path: "/admin/users",
    summary: "Create an account inside the admin's region (role admin)",
    middleware: [...admin, jsonRequest],
    request: { body: jsonBody(NewUserInput) },
    responses: { 201: jsonAnswer("Created", UserAnswer), ...PROBLEMS },
  });
  const disable = createRoute({
    method: "post",
    path: "/admin/users/{id}/disable",
    summary: "Disable an account inside the admin's region, and end its sessions (role admin; not one's own)",
    middleware: admin,
    request: { params: idParams() },
    responses: { 200: jsonAnswer("Disabled", UserAnswer), ...PROBLEMS },
  });
  const reset = createRoute({
    method: "post",
    path: "/admin/users/{id}/reset-password",
    summary:
      "Give an account inside the admin's region a one-time password, answered only this once, which its owner " +
      "must change at the next sign-in; ends the account's sessions (role admin; not one's own)",
    middleware: [authenticate(deps), may("resetPassword")],
    request: { params: idParams() },
    responses: {
      200: jsonAnswer("Reset", z.object({ user: UserAnswer, temporaryPassword: z.string() })),
      ...PROBLEMS,
    },
  });

  return apiRouter()
    .openapi(list, async (c) => {
      const page = await users.listFor(c.get("actor"), readPage(c, c.req.valid("query")));
      return c.json({ ...page, nextCursor: nextCursor(c, page.nextCursor) }, 200);
    })
    .openapi(create, async (c) => {
      const actor = c.get("actor");
      const body = c.req.valid("json");
      enforce(inRegion(actor, "accounts", body.regionCode), {
        forbidden: body.role === "admin" ? TEXT.adminAboveOwnRegion : TEXT.regionOutsideScope,
      });
      return c.json(await createAccount(users, body), 201);
    })
    .openapi(disable, async (c) => {
      const actor = c.get("actor");
      const target = await users.get(c.req.valid("param").id);
      if (!target) throw new NotFound();
      enforce(onAccount(actor, target), { conflict: TEXT.cannotDisableSelf });
      return c.json(await users.disable(target.id), 200);
    })
    .openapi(reset, async (c) => {
      const actor = c.get("actor");
      const target = await users.get(c.req.valid("param").id);
      if (!target) throw new NotFound();
      enforce(onAccount(actor, target, "resetPassword"), { conflict: TEXT.cannotResetOwnPassword });
      return c.json(await resetPassword(users, target.id), 200);
    });
}
