import { randomUUID } from "node:crypto";
import { TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { ensureTable } from "@rujuk/dynamodb-local";
import { describe, expect, inject, it, vi } from "vitest";
import { faultyClient } from "@rujuk/dynamodb-local/testing/fault-injection";
import { ManualClock } from "./clock.ts";
import { Engine } from "./engine.ts";
import { engineStore } from "./store.ts";
import { engineTableDefinition } from "./table.ts";
import { T0 } from "./testing/harness.ts";

async function table(): Promise<string> {
  const name = `sfn-once-${randomUUID().slice(0, 8)}`;
  await ensureTable(inject("dynamoEndpoint"), engineTableDefinition(name));
  return name;
}

const definition = (states: object) => JSON.stringify({ QueryLanguage: "JSONata", ...states });

describe("exactly-once state transitions", () => {
  it("commits each transition once when two engines race for the same due timers", async () => {
    const name = await table();
    const clock = new ManualClock(T0);
    const engines = [0, 1].map(
      () => new Engine({ store: engineStore(faultyClient(inject("dynamoEndpoint")).real, name), clock }),
    );
    const [a, b] = engines as [Engine, Engine];
    const { stateMachineArn } = await a.createStateMachine({
      name: "wait-then-pass",
      definition: definition({
        StartAt: "Wait",
        States: { Wait: { Type: "Wait", Seconds: 60, Next: "Done" }, Done: { Type: "Pass", End: true } },
      }),
    });
    const arns = await Promise.all(
      Array.from(
        { length: 12 },
        async (_, i) => (await a.startExecution({ stateMachineArn, name: `race-${i}` })).executionArn,
      ),
    );
    await a.settled();
    for (const engine of engines) engine.start();
    clock.advance(60_000);
    await Promise.all(engines.map((e) => e.settled()));
    for (const arn of arns) {
      expect((await b.describeExecution(arn)).status).toBe("SUCCEEDED");
      const types = (await b.getExecutionHistory({ executionArn: arn })).events.map((e) => e.type);
      expect(types.filter((t) => t === "WaitStateExited")).toHaveLength(1);
      expect(types.filter((t) => t === "ExecutionSucceeded")).toHaveLength(1);
      expect(types).toEqual([
        "ExecutionStarted",
        "WaitStateEntered",
        "WaitStateExited",
        "PassStateEntered",
        "PassStateExited",
        "ExecutionSucceeded",
      ]);
    }
    await Promise.all(engines.map((e) => e.stop()));
  });

  it("after a crash between handing out a token and recording it, resumes with the same token", async () => {
    const name = await table();
    const clock = new ManualClock(T0);
    const { client, real, mock } = faultyClient(inject("dynamoEndpoint"));
    const seen: string[] = [];
    const crashing = new Engine({ store: engineStore(client, name), clock });
    crashing.registerHandler("open", (payload) => seen.push((payload as { token: string }).token));
    const { stateMachineArn } = await crashing.createStateMachine({
      name: "callback",
      definition: definition({
        StartAt: "Decide",
        States: {
          Decide: {
            Type: "Task",
            Resource: "arn:aws:states:::lambda:invoke.waitForTaskToken",
            Arguments: { FunctionName: "open", Payload: { token: "{% $states.context.Task.Token %}" } },
            End: true,
          },
        },
      }),
    });
    // Writes 1 and 2 (the execution, the scheduled task) go through; write 3, recording the invocation, is lost.
    let writes = 0;
    mock.on(TransactWriteCommand).callsFake((input) => {
      writes++;
      if (writes === 3) return Promise.reject(Object.assign(new Error("socket hang up"), { name: "NetworkingError" }));
      return real.send(new TransactWriteCommand(input));
    });
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { executionArn } = await crashing.startExecution({ stateMachineArn, name: "crash" });
    await crashing.settled();
    expect(writes).toBe(3);
    expect(seen).toHaveLength(1);

    const restarted = new Engine({ store: engineStore(real, name), clock });
    restarted.registerHandler("open", (payload) => seen.push((payload as { token: string }).token));
    restarted.start();
    await restarted.settled();
    expect(seen).toHaveLength(2);
    expect(seen[1]).toBe(seen[0]);
    const types = (await restarted.getExecutionHistory({ executionArn })).events.map((e) => e.type);
    expect(types.filter((t) => t === "TaskScheduled")).toHaveLength(1);
    expect(types.filter((t) => t === "TaskSubmitted")).toHaveLength(1);
    await restarted.sendTaskSuccess({ taskToken: seen[0], output: JSON.stringify({ ok: true }) });
    await restarted.settled();
    expect((await restarted.describeExecution(executionArn)).status).toBe("SUCCEEDED");
    await restarted.stop();
    vi.restoreAllMocks();
  });
});
