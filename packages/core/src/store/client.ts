import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { localEndpoint } from "../aws-local.ts";

export interface DynamoConfig {
  /** Set only for DynamoDB Local; in AWS the SDK finds the regional endpoint itself. */
  endpoint?: string | undefined;
  region?: string | undefined;
}

/** The same SDK client in AWS and locally; only the endpoint differs (see aws-local.ts). */
export function createDocumentClient(config: DynamoConfig = {}): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    region: config.region ?? process.env.AWS_REGION ?? "ap-southeast-3",
    ...localEndpoint(config.endpoint),
  });
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}
