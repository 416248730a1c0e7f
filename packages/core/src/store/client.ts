import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

export interface DynamoConfig {
  /** Set only for DynamoDB Local; in AWS the SDK finds the regional endpoint itself. */
  endpoint?: string | undefined;
  region?: string | undefined;
}

/**
 * The same SDK client in AWS and locally; only the endpoint differs. Local credentials are fixed dummies because
 * DynamoDB Local accepts any, and a developer's real AWS credentials must never be used against it by accident.
 */
export function createDocumentClient(config: DynamoConfig = {}): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    region: config.region ?? process.env.AWS_REGION ?? "ap-southeast-3",
    ...(config.endpoint
      ? { endpoint: config.endpoint, credentials: { accessKeyId: "local", secretAccessKey: "local" } }
      : {}),
  });
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}
