import { randomUUID } from "node:crypto";

/**
 * An API Gateway HTTP API event (payload format 2.0) as the gateway builds it: the query string split off the path,
 * header names lower-cased, and a `Cookie` header moved into `cookies`.
 */
export function httpApiEvent(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const [rawPath = path, rawQueryString = ""] = path.split("?", 2);
  const lower = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  const { cookie, ...rest } = lower;
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath,
    rawQueryString,
    ...(cookie ? { cookies: cookie.split(/;\s*/) } : {}),
    headers: { host: "api.example", ...(body ? { "content-type": "application/json" } : {}), ...rest },
    ...(rawQueryString ? { queryStringParameters: Object.fromEntries(new URLSearchParams(rawQueryString)) } : {}),
    requestContext: {
      accountId: "123456789012",
      apiId: "api",
      domainName: "api.example",
      domainPrefix: "api",
      http: { method, path: rawPath, protocol: "HTTP/1.1", sourceIp: "203.0.113.1", userAgent: "test" },
      requestId: randomUUID(),
      routeKey: "$default",
      stage: "$default",
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    body: body ? JSON.stringify(body) : undefined,
    isBase64Encoded: false,
  };
}
