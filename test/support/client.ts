import type { App } from "@rujuk/functions/app";
import { apiClient } from "@rujuk/functions/client";
import { ReferralInput } from "@rujuk/core/referral";
import type * as z from "zod";
import { demoReferral } from "../../packages/local/src/demo-referral.ts";

/**
 * The typed client of a test app, calling it in-process (`app.request`, no network) as the holder of `token`, or
 * anonymously without one. Its paths, inputs and answers are the routes' declarations.
 */
export function clientFor(app: App, token?: string) {
  return apiClient("http://rujuk.test", {
    fetch: app.request,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  }).api;
}

/** What the typed client answers: one response type per status the route declares. */
interface Answer {
  status: number;
  json(): Promise<unknown>;
  text(): Promise<string>;
}

function hasStatus<R extends Answer, S extends R["status"]>(res: R, status: S): res is Extract<R, { status: S }> {
  return res.status === status;
}

/**
 * The answer to a call, which must come with `status`: typed as the route declares that status, so its `json()` is
 * the declared body. Any other status fails the test, showing the body that came instead.
 */
export async function answered<R extends Answer, S extends R["status"]>(
  call: Promise<R>,
  status: S,
): Promise<Extract<R, { status: S }>> {
  const res = await call;
  if (hasStatus(res, status)) return res;
  throw new Error(`expected ${status}, got ${res.status}: ${await res.text()}`);
}

type ReferralFields = z.input<typeof ReferralInput>;

/**
 * A valid referral (the demo TKSK's, as `referralBody` gives it), typed as the API takes it: parsed by the route's
 * own schema, so an override that breaks it fails here. Override any field, or any of the subject's.
 */
export function referralInput(
  overrides: Partial<Omit<ReferralFields, "subject">> = {},
  subject: Partial<ReferralFields["subject"]> = {},
): ReferralFields {
  return ReferralInput.parse(demoReferral(overrides, subject));
}
