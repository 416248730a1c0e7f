import { Forbidden, Unauthenticated } from "@rujuk/core";
import { type Actor, type Role, actorOf } from "@rujuk/core/user";
import type { MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { sign, verify } from "hono/jwt";
import type { AppDeps, Env } from "./deps.ts";

export const SESSION_COOKIE = "rujuk_session";
export const SESSION_TTL_SECONDS = 12 * 60 * 60;

/** A signed token naming the user. Role and region are read from the account on every request, never trusted from it. */
export function issueToken(userId: string, secret: string, now: Date): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  return sign({ sub: userId, iat, exp: iat + SESSION_TTL_SECONDS }, secret, "HS256");
}

async function userIdFrom(token: string, secret: string): Promise<string | undefined> {
  try {
    const payload = await verify(token, secret, "HS256");
    return typeof payload.sub === "string" ? payload.sub : undefined;
  } catch {
    return undefined;
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A cookie rides along on cross-site requests; a bearer token does not. So a state-changing request that signs in
 * by cookie must come from our own pages, which browsers attest with Fetch Metadata or, failing that, Origin.
 */
function crossSite(c: Parameters<MiddlewareHandler>[0]): boolean {
  const site = c.req.header("sec-fetch-site");
  if (site) return site !== "same-origin" && site !== "none";
  const origin = c.req.header("origin");
  return !!origin && origin !== new URL(c.req.url).origin;
}

/** Establishes the actor for the request from a bearer token or the session cookie; 401 without a valid one. */
export function authenticate(deps: AppDeps): MiddlewareHandler<Env> {
  return async (c, next) => {
    const bearer = c.req.header("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const token = bearer ?? getCookie(c, SESSION_COOKIE);
    const userId = token ? await userIdFrom(token, deps.sessionSecret) : undefined;
    const user = userId ? await deps.store.users.get(userId) : undefined;
    if (!user || user.disabled) throw new Unauthenticated();
    if (!bearer && !SAFE_METHODS.has(c.req.method) && crossSite(c)) throw new Forbidden();
    c.set("actor", actorOf(user));
    c.set("viaCookie", !bearer);
    await next();
  };
}

/** Lets only the given roles through; 403 for every other signed-in caller. */
export function allow(...roles: Role[]): MiddlewareHandler<Env> {
  return async (c, next) => {
    if (!roles.includes(c.get("actor").role)) throw new Forbidden();
    await next();
  };
}

export type { Actor };
