import { TEXT, TooMany, Unauthenticated } from "@rujuk/core";
import { LOGIN_POLICY, waitFor } from "@rujuk/core/login-throttle";
import { verifyAgainstNothing, verifyPassword } from "@rujuk/core/password";
import { Login } from "@rujuk/core/user";
import { createRoute } from "@hono/zod-openapi";
import { deleteCookie, setCookie } from "hono/cookie";
import * as z from "zod";
import { PROBLEMS, apiRouter, jsonAnswer, jsonBody } from "../api-router.ts";
import { clientAddress } from "../client-address.ts";
import { UserAnswer } from "../answers.ts";
import type { AppDeps } from "../deps.ts";
import { named } from "../openapi.ts";
import { jsonRequest } from "../request.ts";
import { SESSION_COOKIE, SESSION_TTL_SECONDS, authenticate, issueToken, secureCookie } from "../session.ts";

const LoginInput = named("Login", Login, "input");

/** Signing in and out, and the caller's own account. */
export function authRoutes(deps: AppDeps) {
  const now = deps.clock ?? (() => new Date());
  const { users, logins } = deps.store;

  const login = createRoute({
    method: "post",
    path: "/auth/login",
    summary: "Sign in: a bearer token, and the same token as the session cookie",
    security: [],
    middleware: [jsonRequest],
    request: { body: jsonBody(LoginInput) },
    responses: {
      200: jsonAnswer("Signed in", z.object({ token: z.string(), user: UserAnswer })),
      ...PROBLEMS,
    },
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

  return apiRouter()
    .openapi(login, async (c) => {
      const body = c.req.valid("json");
      const seconds = Math.floor(now().getTime() / 1000);
      const client = clientAddress(c);
      const account = { username: body.username, client };
      const [accountFailures, clientFailures] = await Promise.all([logins.get(account), logins.get({ client })]);
      const wait = Math.max(
        waitFor(LOGIN_POLICY.account, accountFailures, seconds),
        waitFor(LOGIN_POLICY.client, clientFailures, seconds),
      );
      if (wait > 0) throw new TooMany(TEXT.tooManyLogins, wait);

      const found = await users.credentials(body.username);
      const ok =
        found && !found.user.disabled
          ? await verifyPassword(body.password, found.passwordHash)
          : await verifyAgainstNothing(body.password);
      if (!ok || !found) {
        await Promise.all([
          logins.recordFailure(account, accountFailures, seconds),
          logins.recordFailure({ client }, clientFailures, seconds),
        ]);
        throw new Unauthenticated(TEXT.badCredentials);
      }
      // The client's count stays: signing in to one's own account must not reset a spray across others.
      if (accountFailures) await logins.clear(account);

      const token = await issueToken(found.user.id, found.sessionVersion, deps.sessionSecret, now());
      setCookie(c, SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: "Lax",
        secure: secureCookie(c, deps.local),
        path: "/",
        maxAge: SESSION_TTL_SECONDS,
      });
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
    });
}
