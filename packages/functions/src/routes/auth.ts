import { Invalid, TEXT, Unauthenticated, fieldError } from "@rujuk/core";
import { changePassword, checkNewPassword } from "@rujuk/core/account";
import { verifyAgainstNothing, verifyPassword } from "@rujuk/core/password";
import { Login, PasswordChange } from "@rujuk/core/user";
import { createRoute } from "@hono/zod-openapi";
import { deleteCookie } from "hono/cookie";
import * as z from "zod";
import { PROBLEMS, apiRouter, jsonAnswer, jsonBody } from "../api-router.ts";
import { clientAddress } from "../client-address.ts";
import { UserAnswer } from "../answers.ts";
import type { AppDeps } from "../deps.ts";
import { named } from "../openapi.ts";
import { jsonRequest } from "../request.ts";
import { SESSION_COOKIE, authenticate, may, secureCookie, startSession } from "../session.ts";
import { checkThrottled } from "../sign-in-throttle.ts";

const LoginInput = named("Login", Login, "input");
const PasswordChangeInput = named("PasswordChange", PasswordChange, "input");
/** What starting a session answers: the bearer token (also set as the session cookie) and the account. */
const SignedIn = z.object({ token: z.string(), user: UserAnswer });

/** Signing in and out, and the caller's own account. */
export function authRoutes(deps: AppDeps) {
  const now = deps.clock ?? (() => new Date());
  const { users, logins } = deps.store;
  const seconds = () => Math.floor(now().getTime() / 1000);

  const login = createRoute({
    method: "post",
    path: "/auth/login",
    summary: "Sign in: a bearer token, and the same token as the session cookie",
    security: [],
    middleware: [jsonRequest],
    request: { body: jsonBody(LoginInput) },
    responses: { 200: jsonAnswer("Signed in", SignedIn), ...PROBLEMS },
  });
  const logout = createRoute({
    method: "post",
    path: "/auth/logout",
    summary: "Sign out: ends every session of the account",
    middleware: [authenticate(deps)],
    responses: { 204: { description: "Signed out" }, ...PROBLEMS },
  });
  const me = createRoute({
    method: "get",
    path: "/me",
    summary: "The caller's account",
    middleware: [authenticate(deps)],
    responses: { 200: jsonAnswer("The caller", UserAnswer), ...PROBLEMS },
  });
  const password = createRoute({
    method: "post",
    path: "/me/password",
    summary:
      "Change one's own password (the current one is checked under the sign-in throttle): ends every session of " +
      "the account, including this one, and starts a new one, answered as sign-in answers (token and cookie)",
    middleware: [authenticate(deps), may("changePassword"), jsonRequest],
    request: { body: jsonBody(PasswordChangeInput) },
    responses: { 200: jsonAnswer("Changed; a new session", SignedIn), ...PROBLEMS },
  });

  return apiRouter()
    .openapi(login, async (c) => {
      const body = c.req.valid("json");
      const found = await users.credentials(body.username);
      const attempt = { username: body.username, client: clientAddress(c), now: seconds() };
      const ok = await checkThrottled(logins, attempt, () =>
        found && !found.user.disabled
          ? verifyPassword(body.password, found.passwordHash)
          : verifyAgainstNothing(body.password),
      );
      if (!ok || !found) throw new Unauthenticated(TEXT.badCredentials);
      const token = await startSession(c, deps, found, now());
      return c.json({ token, user: found.user }, 200);
    })
    .openapi(logout, async (c) => {
      await users.endSessions(c.get("actor").id);
      deleteCookie(c, SESSION_COOKIE, { path: "/", secure: secureCookie(c, deps.local) });
      return c.body(null, 204);
    })
    .openapi(me, async (c) => {
      const user = await users.get(c.get("actor").id);
      if (!user) throw new Unauthenticated();
      return c.json(user, 200);
    })
    .openapi(password, async (c) => {
      const actor = c.get("actor");
      const body = c.req.valid("json");
      checkNewPassword(actor.username, body);
      const found = await users.credentialsById(actor.id);
      if (!found) throw new Unauthenticated();
      const attempt = { username: actor.username, client: clientAddress(c), now: seconds() };
      const proved = await checkThrottled(logins, attempt, () =>
        verifyPassword(body.currentPassword, found.passwordHash),
      );
      if (!proved) throw new Invalid([fieldError("currentPassword", TEXT.currentPasswordWrong)]);
      const account = await changePassword(users, found, body.newPassword);
      const token = await startSession(c, deps, account, now());
      return c.json({ token, user: account.user }, 200);
    });
}
