import { Forbidden, TEXT, Unauthenticated } from "@rujuk/core";
import { type Action, enforce, onAction } from "@rujuk/core/policy";
import type { AccountSession } from "@rujuk/core/store/users";
import { type Actor, actorOf } from "@rujuk/core/user";
import type { Context, MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { sign, verify } from "hono/jwt";
import type { AppDeps, Env } from "./deps.ts";

export const SESSION_COOKIE = "rujuk_session";
export const SESSION_TTL_SECONDS = 12 * 60 * 60;

/**
 * A signed token naming the user and the account's session version. Role and region are read from the account on
 * every request, never trusted from the token; a sign-out bumps the version and so ends the token early.
 */
export function issueToken(userId: string, sessionVersion: number, secret: string, now: Date): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  return sign({ sub: userId, ver: sessionVersion, iat, exp: iat + SESSION_TTL_SECONDS }, secret, "HS256");
}

async function claimsFrom(token: string, secret: string): Promise<{ userId: string; version: number } | undefined> {
  try {
    const payload = await verify(token, secret, "HS256");
    if (typeof payload.sub !== "string" || typeof payload.ver !== "number") return undefined;
    return { userId: payload.sub, version: payload.ver };
  } catch {
    return undefined;
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A cookie rides along on cross-site requests; a bearer token does not. So a state-changing request that signs in
 * by cookie must show it comes from our own pages: Fetch Metadata (`Sec-Fetch-Site: same-origin`) or, from a browser
 * without it, an `Origin` equal to ours. Every browser sends one of them on a script's or a form's write; a request
 * with neither (or only a `Referer`, which is easily dropped or spoofed by proxies) is refused.
 */
function fromOurPages(c: Context): boolean {
  const site = c.req.header("sec-fetch-site");
  if (site) return site === "same-origin";
  return c.req.header("origin") === new URL(c.req.url).origin;
}

/** The session cookie is `Secure` whenever the app is served over HTTPS (always in AWS), and outside local mode. */
export function secureCookie(c: Context, local: boolean): boolean {
  return !local || new URL(c.req.url).protocol === "https:";
}

/**
 * What a session may still do while its account's password is one someone else set (`mustChangePassword`): read
 * who it is, choose a new password, sign out. Every other route, whoever wrote it and whenever, answers 403: the
 * list names what is let through, so a route added later is refused until it is added here on purpose.
 */
const BEFORE_PASSWORD_CHANGE = new Set(["GET /api/me", "POST /api/me/password", "POST /api/auth/logout"]);

/**
 * Establishes the actor for the request from a bearer token or the session cookie; 401 without a valid one, 403 for
 * a cross-site write by cookie, and 403 for all but `BEFORE_PASSWORD_CHANGE` until a one-time password is changed.
 */
export function authenticate(deps: AppDeps): MiddlewareHandler<Env> {
  return async (c, next) => {
    const bearer = c.req.header("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const token = bearer ?? getCookie(c, SESSION_COOKIE);
    const claims = token ? await claimsFrom(token, deps.sessionSecret) : undefined;
    const account = claims ? await deps.store.users.recentSession(claims.userId) : undefined;
    const user = account?.user;
    if (!user || user.disabled || account.sessionVersion !== claims?.version) throw new Unauthenticated();
    if (!bearer && !SAFE_METHODS.has(c.req.method) && !fromOurPages(c)) throw new Forbidden();
    // The route's declared path, not the URL's: another spelling of a path cannot slip past the list.
    if (user.mustChangePassword && !BEFORE_PASSWORD_CHANGE.has(`${c.req.method} ${c.req.routePath}`)) {
      throw new Forbidden(TEXT.changePasswordFirst);
    }
    c.set("actor", actorOf(user));
    c.set("viaCookie", !bearer);
    await next();
  };
}

/**
 * Starts a session for the account: a token at its current session version, answered to the caller and set as the
 * HttpOnly session cookie, as signing in does (and changing one's password, which ends every earlier session).
 */
export async function startSession(c: Context, deps: AppDeps, account: AccountSession, now: Date): Promise<string> {
  const token = await issueToken(account.user.id, account.sessionVersion, deps.sessionSecret, now);
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "Lax",
    secure: secureCookie(c, deps.local),
    path: "/",
    maxAge: SESSION_TTL_SECONDS,
  });
  return token;
}

/** Lets through only a caller whose role may ever take the action (the policy's first question); others get 403. */
export function may(action: Action): MiddlewareHandler<Env> {
  return async (c, next) => {
    enforce(onAction(c.get("actor"), action));
    await next();
  };
}

export type { Actor };
