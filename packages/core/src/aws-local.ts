/**
 * How an AWS SDK client reaches a local endpoint (DynamoDB Local, the local Step Functions endpoint, the local SES):
 * the same client as in AWS, another endpoint, and fixed dummy credentials. Local endpoints check none, and a
 * developer's real AWS credentials must never reach one by accident. Every local client in the repository uses this.
 */
export const LOCAL_CREDENTIALS = { accessKeyId: "local", secretAccessKey: "local" } as const;

/** Client options for `endpoint` when one is set (locally); none in AWS, where the SDK finds the regional one. */
export function localEndpoint(endpoint: string | undefined): {
  endpoint?: string;
  credentials?: typeof LOCAL_CREDENTIALS;
} {
  return endpoint ? { endpoint, credentials: LOCAL_CREDENTIALS } : {};
}
