import type { TestProject } from "vitest/node";
import { freePort, startDynamoLocal } from "@rujuk/dynamodb-local";

declare module "vitest" {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}

/** One in-memory DynamoDB Local for the whole run, on a free port so a running `npm start` is never touched. */
export default async function setup(project: TestProject) {
  const dynamo = await startDynamoLocal({ port: await freePort() });
  project.provide("dynamoEndpoint", dynamo.endpoint);
  return () => dynamo.stop();
}
