import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  BatchGetCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { localEndpoint } from "@rujuk/core/aws-local";
import { mockClient } from "aws-sdk-client-mock";

const COMMANDS = [
  GetCommand,
  BatchGetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  DeleteCommand,
  TransactWriteCommand,
] as const;

/**
 * A document client for fault injection with aws-sdk-client-mock: every command not faked by the test passes
 * through to the real DynamoDB Local, so what a fault leaves behind is checked in the real table.
 */
export function faultyClient(endpoint: string) {
  const options = { marshallOptions: { removeUndefinedValues: true } };
  const connect = () =>
    DynamoDBDocumentClient.from(
      new DynamoDBClient({
        ...localEndpoint(endpoint),
        region: "local",
      }),
      options,
    );
  const real = connect();
  const client = connect();
  const mock = mockClient(client);
  for (const Command of COMMANDS) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    mock.on(Command as any).callsFake((input: any) => real.send(new (Command as any)(input)));
  }
  return { client, real, mock };
}
