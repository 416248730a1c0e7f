import os from "node:os";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
} from "@aws-sdk/client-sfn";
import { freePort, startDynamoLocal } from "@rujuk/dynamodb-local";
import { startLocalEndpoint } from "./index.ts";
import { sfnClient } from "./testing/client.ts";

/**
 * `npm run bench` (second half): the local Step Functions endpoint on its own DynamoDB Local.
 * - throughput: executions per second through a three-level callback chain, each level answered by SendTaskSuccess
 *   over HTTP as soon as its task hands out the token (what an official's decision does);
 * - memory: the engine's heap per 1,000 executions waiting on a token. Waiting executions live in DynamoDB, not in
 *   the engine, so this should stay near zero whatever the number of open referrals.
 */
function positiveInt(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}

const EXECUTIONS = positiveInt("BENCH_SFN_EXECUTIONS", 200);
const CONCURRENCY = positiveInt("BENCH_SFN_CONCURRENCY", 20);
const WAITING = positiveInt("BENCH_SFN_WAITING", 1000);

const level = (name: string, next?: string) => ({
  Type: "Task",
  Resource: "arn:aws:states:::lambda:invoke.waitForTaskToken",
  Arguments: { FunctionName: "open", Payload: { token: "{% $states.context.Task.Token %}" } },
  ...(next ? { Next: next } : { End: true }),
});
const CHAIN = JSON.stringify({
  QueryLanguage: "JSONata",
  StartAt: "Kecamatan",
  States: {
    Kecamatan: level("Kecamatan", "Kabupaten"),
    Kabupaten: level("Kabupaten", "Provinsi"),
    Provinsi: level("Provinsi"),
  },
});

// A decision can only be sent once the token is out; each token resolves the waiter of its execution.
const tokenWaiters: ((token: string) => void)[] = [];
const pending: string[] = [];

function nextToken(): Promise<string> {
  const ready = pending.shift();
  return ready ? Promise.resolve(ready) : new Promise((resolve) => tokenWaiters.push(resolve));
}

setFlagsFromString("--expose-gc");
// V8 drops the bytecode of functions unused for a while, megabytes at a time, which would blur the memory figure.
setFlagsFromString("--no-flush-bytecode");
const gc = runInNewContext("gc") as () => void;

function heapMb(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

const dynamo = await startDynamoLocal({ port: await freePort() });
// Off while executions are parked for the memory figure; on while the throughput workers answer every token.
let answer = false;
const local = await startLocalEndpoint({
  dynamoEndpoint: dynamo.endpoint,
  port: await freePort(),
  setup(engine) {
    engine.registerHandler("open", (payload) => {
      if (!answer) return {};
      const token = (payload as { token: string }).token;
      const waiter = tokenWaiters.shift();
      if (waiter) waiter(token);
      else pending.push(token);
      return {};
    });
  },
});
const sfn = sfnClient(local.endpoint);

try {
  const { stateMachineArn } = await sfn.send(
    new CreateStateMachineCommand({
      name: "chain",
      definition: CHAIN,
      roleArn: "arn:aws:iam::123456789012:role/local",
    }),
  );

  // Memory: WAITING executions parked at their first level, tokens never answered. A first batch of the same size
  // brings the process to its steady state (pools, caches), so the difference is what more waiting executions cost.
  const park = async (prefix: string, count: number) => {
    for (let i = 0; i < count; i += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, count - i) }, (_, j) =>
          local.engine.startExecution({ stateMachineArn, name: `${prefix}-${i + j}`, input: "{}" }),
        ),
      );
    }
    await local.engine.settled();
  };
  await park("warm", WAITING);
  const samples = [heapMb()];
  for (const round of [1, 2]) {
    await park(`wait${round}`, WAITING);
    samples.push(heapMb());
  }
  console.log(`heap samples (MB) after each ${WAITING} parked: ${samples.map((m) => m.toFixed(1)).join(", ")}`);
  const [before, after] = samples as [number, number];

  // Throughput: CONCURRENCY workers, each starting an execution and deciding its three levels in turn.
  answer = true;
  let started = 0;
  const began = performance.now();
  async function worker() {
    while (started < EXECUTIONS) {
      const n = started++;
      const { executionArn } = await sfn.send(
        new StartExecutionCommand({ stateMachineArn, name: `run-${n}`, input: "{}" }),
      );
      for (let i = 0; i < 3; i++) {
        await sfn.send(new SendTaskSuccessCommand({ taskToken: await nextToken(), output: '{"decision":"approve"}' }));
      }
      // Wait for the end so that the figure counts whole executions.
      for (;;) {
        const { status } = await sfn.send(new DescribeExecutionCommand({ executionArn }));
        if (status !== "RUNNING") break;
        await new Promise((r) => setTimeout(r, 5));
      }
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - began) / 1000;

  const cpus = os.cpus();
  console.log();
  console.log(`Machine: ${cpus[0]?.model ?? "unknown CPU"}, ${cpus.length} cores, Node ${process.version}`);
  console.log("Local Step Functions endpoint (DynamoDB Local in memory, SDK over HTTP on loopback):");
  console.table({
    "3-level callback chain": {
      executions: EXECUTIONS,
      concurrency: CONCURRENCY,
      seconds: Number(seconds.toFixed(2)),
      "executions/s": Number((EXECUTIONS / seconds).toFixed(1)),
    },
  });
  console.log(
    `Engine heap with ${WAITING} more executions waiting on tokens: ${before.toFixed(1)} MB before, ${after.toFixed(1)} MB after, ` +
      `${(((after - before) / WAITING) * 1000).toFixed(2)} MB per 1,000 waiting executions`,
  );
} finally {
  await local.close();
  await dynamo.stop();
}
