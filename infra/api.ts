import { HANDLERS } from "./build.ts";
import { type AppSettings, appFunction } from "./functions.ts";
import { API_THROTTLE } from "./limits.ts";

/**
 * The API Gateway HTTP API in front of the app. Chosen over a function URL behind CloudFront because it throttles
 * per stage and route out of the box, logs every request, takes a custom domain, and costs less for an API whose
 * pages are server-rendered and small; CloudFront would add a cache the app does not need (every page is per user).
 */
export function gateway() {
  const domain = process.env.RUJUK_DOMAIN;
  // With a hosted zone in Route 53, SST makes the certificate and records; otherwise bring a certificate (ACM, in
  // the stage's region) and point the DNS yourself (DEPLOY.md).
  const cert = process.env.RUJUK_DOMAIN_CERT_ARN;
  return new sst.aws.ApiGatewayV2("Api", {
    ...(domain ? { domain: cert ? { name: domain, dns: false as const, cert } : domain } : {}),
    transform: {
      stage: (args: aws.apigatewayv2.StageArgs) => {
        args.defaultRouteSettings = {
          throttlingBurstLimit: API_THROTTLE.burst,
          throttlingRateLimit: API_THROTTLE.ratePerSecond,
        };
      },
    },
  });
}

/** The Hono app (pages and API) as one function on every path. */
export function api(gateway: sst.aws.ApiGatewayV2, settings: AppSettings) {
  return gateway.route(
    "$default",
    appFunction(HANDLERS.api, settings, {
      description: "Rujuk: the web app and its API",
      // More memory is more CPU: cold starts and page renders are what users wait for.
      memory: "1024 MB",
      timeout: "29 seconds",
    }),
  );
}
