import { randomUUID } from "node:crypto";
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  StartExecutionCommand,
} from "@aws-sdk/client-sfn";
import { freePort } from "@rujuk/dynamodb-local";
import { inject } from "vitest";
import { ManualClock } from "../clock.ts";
import { type LocalEndpoint, startLocalEndpoint } from "../index.ts";
import { sfnClient } from "./client.ts";

export { sfnClient };

export const T0 = Date.UTC(2026, 10, 24, 0, 0, 0);

/**
 * A local endpoint over the run's DynamoDB Local (its own table), a manual clock at T0, and the real SDK client.
 */
export async function harness() {
  const clock = new ManualClock(T0);
  const local: LocalEndpoint = await startLocalEndpoint({
    dynamoEndpoint: inject("dynamoEndpoint"),
    tableName: `sfn-${randomUUID().slice(0, 8)}`,
    port: await freePort(),
    clock,
  });
  const sfn = sfnClient(local.endpoint);

  async function machine(definition: object, name = `m-${randomUUID().slice(0, 8)}`): Promise<string> {
    const out = await sfn.send(
      new CreateStateMachineCommand({
        name,
        definition: JSON.stringify({ QueryLanguage: "JSONata", ...definition }),
        roleArn: "arn:aws:iam::123456789012:role/local",
      }),
    );
    return out.stateMachineArn!;
  }

  /** Starts an execution and waits until the engine has done all it can without waiting. */
  async function start(stateMachineArn: string, input: unknown = {}, name?: string): Promise<string> {
    const out = await sfn.send(
      new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input), ...(name ? { name } : {}) }),
    );
    await local.engine.settled();
    return out.executionArn!;
  }

  async function describe(executionArn: string) {
    return sfn.send(new DescribeExecutionCommand({ executionArn }));
  }

  async function history(executionArn: string): Promise<HistoryEvent[]> {
    return (await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }))).events ?? [];
  }

  /** Moves time on and waits for the engine to act on whatever fell due. */
  async function advance(ms: number): Promise<void> {
    clock.advance(ms);
    await local.engine.settled();
  }

  return {
    clock,
    local,
    sfn,
    engine: local.engine,
    machine,
    start,
    describe,
    history,
    advance,
    close: () => local.close(),
  };
}
