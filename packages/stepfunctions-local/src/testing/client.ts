import { localEndpoint } from "@rujuk/core/aws-local";
import { SFNClient } from "@aws-sdk/client-sfn";

/** An SDK client for a local endpoint: only the endpoint and dummy credentials differ from AWS. */
export function sfnClient(endpoint: string): SFNClient {
  return new SFNClient({
    ...localEndpoint(endpoint),
    region: "us-east-1",
    maxAttempts: 1,
  });
}
