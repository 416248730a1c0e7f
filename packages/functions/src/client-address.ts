import type { Context } from "hono";

interface RuntimeBindings {
  /** hono/aws-lambda: the API Gateway event. */
  event?: { requestContext?: { http?: { sourceIp?: string } } };
  /** @hono/node-server: Node's request. */
  incoming?: { socket?: { remoteAddress?: string } };
}

/**
 * The address a request came from, as the runtime saw the connection: API Gateway's `sourceIp` in Lambda, the
 * socket's peer under Node. Never a header: `X-Forwarded-For` is whatever the client chooses to write.
 */
export function clientAddress(c: Context): string {
  const env = c.env as RuntimeBindings | undefined;
  return env?.event?.requestContext?.http?.sourceIp ?? env?.incoming?.socket?.remoteAddress ?? "unknown";
}
