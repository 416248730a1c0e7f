import { type ClientRequestOptions, hc } from "hono/client";
import type { App } from "./app.ts";

/**
 * A typed client of the app: paths, inputs (query, path, headers, JSON body) and answers come from the routes'
 * declarations, so a call that does not fit one fails to compile. `apiClient(origin).api.referrals.$post(...)`.
 */
export function apiClient(baseUrl: string, options?: ClientRequestOptions) {
  return hc<App>(baseUrl, options);
}

export type ApiClient = ReturnType<typeof apiClient>;
