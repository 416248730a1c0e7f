import { TEXT, TooMany, Unauthenticated } from "@rujuk/core";
import { LOGIN_POLICY, waitFor } from "@rujuk/core/login-throttle";
import { verifyAgainstNothing, verifyPassword } from "@rujuk/core/password";
import { Login } from "@rujuk/core/user";
import { Hono } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";
import { clientAddress } from "../client-address.ts";
import type { AppDeps, Env } from "../deps.ts";
import { readBody } from "../request.ts";
import { SESSION_COOKIE, SESSION_TTL_SECONDS, authenticate, issueToken, secureCookie } from "../session.ts";

export function authRoutes(deps: AppDeps) {
  const now = deps.clock ?? (() => new Date());
  const { users, logins } = deps.store;

  return new Hono<Env>()
    .post("/auth/login", async (c) => {
      const { body } = await readBody(c, Login);
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
      return c.json({ token, user: found.user });
    })
    .post("/auth/logout", authenticate(deps), async (c) => {
      await users.endSessions(c.get("actor").id);
      deleteCookie(c, SESSION_COOKIE, { path: "/", secure: secureCookie(c, deps.local) });
      return c.body(null, 204);
    })
    .get("/me", authenticate(deps), async (c) => c.json(await users.get(c.get("actor").id)));
}
