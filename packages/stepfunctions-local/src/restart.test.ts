import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
} from "@aws-sdk/client-sfn";
import { freePort } from "@rujuk/dynamodb-local";
import { afterAll, describe, expect, inject, it } from "vitest";
import { T0, sfnClient } from "./testing/harness.ts";

const DAY = 24 * 3600 * 1000;
let dir: string;
let child: ChildProcess | undefined;

afterAll(async () => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The endpoint as its own process (the CLI), on the run's DynamoDB Local, with a manual clock set to `now`. */
async function launch(port: number, table: string, capture: string, now: number): Promise<ChildProcess> {
  const proc = spawn(
    process.execPath,
    [
      "packages/stepfunctions-local/src/cli.ts",
      "--port",
      String(port),
      "--dynamodb-endpoint",
      inject("dynamoEndpoint"),
      "--table",
      table,
      "--manual-clock",
      String(now),
      "--handlers",
      "packages/stepfunctions-local/src/testing/capture-handlers.ts",
    ],
    { env: { ...process.env, CAPTURE_FILE: capture }, stdio: ["ignore", "pipe", "pipe"] },
  );
  child = proc;
  let output = "";
  proc.stdout.on("data", (c: Buffer) => (output += c.toString()));
  proc.stderr.on("data", (c: Buffer) => (output += c.toString()));
  const deadline = Date.now() + 30_000;
  while (!output.includes("Step Functions local endpoint")) {
    if (proc.exitCode !== null || Date.now() > deadline) throw new Error(`sfn-local did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return proc;
}

async function captured(file: string): Promise<{ token: string; name: string }[]> {
  const text = await readFile(file, "utf8").catch(() => "");
  return text
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

async function until<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("durability across kill -9", () => {
  it("keeps waiting executions: a token stays valid, a 3-day timeout fires once, at its time", async () => {
    dir = await mkdtemp(join(tmpdir(), "sfn-restart-"));
    const capture = join(dir, "captured.jsonl");
    const table = `sfn-restart-${randomUUID().slice(0, 8)}`;
    const port = await freePort();
    const sfn = sfnClient(`http://127.0.0.1:${port}`);
    const clock = (body: object) =>
      fetch(`http://127.0.0.1:${port}/_local/clock`, { method: "POST", body: JSON.stringify(body) });

    const first = await launch(port, table, capture, T0);
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({
        name: "approval",
        roleArn: "arn:aws:iam::123456789012:role/local",
        definition: JSON.stringify({
          QueryLanguage: "JSONata",
          StartAt: "Decide",
          States: {
            Decide: {
              Type: "Task",
              Resource: "arn:aws:states:::lambda:invoke.waitForTaskToken",
              Arguments: {
                FunctionName: "capture",
                Payload: { token: "{% $states.context.Task.Token %}", name: "{% $states.context.Execution.Name %}" },
              },
              TimeoutSeconds: 3 * 24 * 3600,
              Catch: [{ ErrorEquals: ["States.Timeout"], Next: "Escalated" }],
              End: true,
            },
            Escalated: { Type: "Pass", Output: { escalated: true }, End: true },
          },
        }),
      }),
    );
    const start = async (name: string) =>
      (await sfn.send(new StartExecutionCommand({ stateMachineArn, name, input: "{}" }))).executionArn!;
    const decided = await start("decided");
    const timedOut = await start("timed-out");
    const tokens = await until(async () => {
      const rows = await captured(capture);
      return rows.length === 2 ? rows : undefined;
    }, "both tokens");
    // Wait for the engine to record that both tasks were handed their tokens, then kill it without warning.
    await until(async () => {
      const events = (await sfn.send(new GetExecutionHistoryCommand({ executionArn: timedOut }))).events ?? [];
      return events.some((e) => e.type === "TaskSubmitted") ? true : undefined;
    }, "TaskSubmitted");
    first.kill("SIGKILL");
    await once(first, "exit");

    await launch(port, table, capture, T0 + DAY);
    const status = async (arn: string) => (await sfn.send(new DescribeExecutionCommand({ executionArn: arn }))).status;
    expect(await status(decided)).toBe("RUNNING");
    const token = tokens.find((t) => t.name === "decided")!.token;
    await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ decision: "approve" }) }));
    await until(async () => ((await status(decided)) === "SUCCEEDED" ? true : undefined), "decided to succeed");

    await clock({ now: T0 + 3 * DAY - 1000 });
    expect(await status(timedOut)).toBe("RUNNING");
    await clock({ now: T0 + 3 * DAY });
    await until(async () => ((await status(timedOut)) === "SUCCEEDED" ? true : undefined), "the timeout");
    const events = (await sfn.send(new GetExecutionHistoryCommand({ executionArn: timedOut }))).events ?? [];
    const timeouts = events.filter((e) => e.type === "TaskTimedOut");
    expect(timeouts).toHaveLength(1);
    expect(timeouts[0]!.timestamp!.getTime()).toBe(T0 + 3 * DAY);
    await clock({ advanceMs: DAY });
    expect((await sfn.send(new GetExecutionHistoryCommand({ executionArn: timedOut }))).events!.length).toBe(
      events.length,
    );
    // Each task's function ran once: the restart did not hand out tokens again.
    expect(await captured(capture)).toHaveLength(2);
  }, 120_000);
});
