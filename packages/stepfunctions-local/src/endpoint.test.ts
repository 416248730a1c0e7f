import {
  CreateStateMachineCommand,
  DescribeStateMachineCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  StopExecutionCommand,
  UpdateStateMachineCommand,
} from "@aws-sdk/client-sfn";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { harness } from "./testing/harness.ts";

let h: Awaited<ReturnType<typeof harness>>;
const tokens: { token: string; payload: unknown }[] = [];
let flakyCalls = 0;

beforeAll(async () => {
  h = await harness();
  h.engine.registerHandler("open", (payload) => {
    const p = payload as { token: string };
    tokens.push({ token: p.token, payload });
    return { accepted: true };
  });
  h.engine.registerHandler("double", (payload) => ({ doubled: (payload as { n: number }).n * 2 }));
  h.engine.registerHandler("flaky", () => {
    flakyCalls++;
    if (flakyCalls < 3) {
      const error = new Error(`attempt ${flakyCalls} failed`);
      error.name = "Flaky";
      throw error;
    }
    return { attempts: flakyCalls };
  });
  h.engine.registerHandler("broken", () => {
    const error = new Error("the case file is locked");
    error.name = "CaseLocked";
    throw error;
  });
});
afterAll(() => h.close());

const types = (events: { type?: string }[]) => events.map((e) => e.type);
const output = async (arn: string) => JSON.parse((await h.describe(arn)).output ?? "null");
const lastToken = () => tokens.at(-1)!.token;

/** A `lambda:invoke` task calling a registered handler. */
const invoke = (functionName: string) => ({
  Type: "Task",
  Resource: "arn:aws:states:::lambda:invoke",
  Arguments: { FunctionName: functionName },
});

/** A callback task that hands its token to the "open" handler, with optional deadline fields and catchers. */
function callbackMachine(task: Record<string, unknown> = {}) {
  return h.machine({
    StartAt: "Wait for decision",
    States: {
      "Wait for decision": {
        Type: "Task",
        Resource: "arn:aws:states:::lambda:invoke.waitForTaskToken",
        Arguments: {
          FunctionName: "open",
          Payload: { token: "{% $states.context.Task.Token %}", input: "{% $states.input %}" },
        },
        Output: "{% {'decision': $states.result.decision} %}",
        End: true,
        Catch: [{ ErrorEquals: ["States.ALL"], Next: "Caught", Output: "{% $states.errorOutput %}" }],
        ...task,
      },
      Caught: { Type: "Pass", End: true },
    },
  });
}

describe("Choice, Pass, Assign and Output", () => {
  it("evaluates JSONata with $states.input and variables, Assign after Output", async () => {
    const arn = await h.machine({
      StartAt: "Prepare",
      States: {
        Prepare: {
          Type: "Pass",
          Assign: { total: "{% $states.input.n %}", label: "kept" },
          Output: { v: "{% $states.input.n * 2 %}", before: "{% $exists($total) %}" },
          Next: "Size",
        },
        Size: {
          Type: "Choice",
          Choices: [{ Condition: "{% $total > 5 %}", Next: "Big", Assign: { size: "big" } }],
          Default: "Small",
        },
        Big: {
          Type: "Succeed",
          Output: "{% {'size': $size, 'v': $states.input.v, 'count': $total, 'label': $label} %}",
        },
        Small: { Type: "Succeed", Output: { size: "small" } },
      },
    });
    const big = await h.start(arn, { n: 7 });
    expect((await h.describe(big)).status).toBe("SUCCEEDED");
    expect(await output(big)).toEqual({ size: "big", v: 14, count: 7, label: "kept" });
    expect(await output(await h.start(arn, { n: 2 }))).toEqual({ size: "small" });
    const events = await h.history(big);
    expect(types(events)).toEqual([
      "ExecutionStarted",
      "PassStateEntered",
      "PassStateExited",
      "ChoiceStateEntered",
      "ChoiceStateExited",
      "SucceedStateEntered",
      "SucceedStateExited",
      "ExecutionSucceeded",
    ]);
    expect(JSON.parse(events[2]!.stateExitedEventDetails!.output!)).toEqual({ v: 14, before: false });
  });

  it("fails with States.NoChoiceMatched when no rule matches and there is no Default", async () => {
    const arn = await h.machine({
      StartAt: "C",
      States: { C: { Type: "Choice", Choices: [{ Condition: "{% false %}", Next: "D" }] }, D: { Type: "Succeed" } },
    });
    const exec = await h.describe(await h.start(arn));
    expect(exec.status).toBe("FAILED");
    expect(exec.error).toBe("States.NoChoiceMatched");
  });

  it("fails a Fail state with its evaluated Error and Cause", async () => {
    const arn = await h.machine({
      StartAt: "F",
      States: { F: { Type: "Fail", Error: "Rejected", Cause: "{% 'because ' & $states.input.why %}" } },
    });
    const exec = await h.describe(await h.start(arn, { why: "duplicate" }));
    expect(exec).toMatchObject({ status: "FAILED", error: "Rejected", cause: "because duplicate" });
  });
});

describe("Wait", () => {
  it("waits Seconds (an expression) or until a Timestamp, under the injected clock", async () => {
    const arn = await h.machine({
      StartAt: "Pause",
      States: {
        Pause: { Type: "Wait", Seconds: "{% $states.input.days * 86400 %}", Next: "Until" },
        Until: { Type: "Wait", Timestamp: "{% $states.input.until %}", Output: { done: true }, End: true },
      },
    });
    const until = new Date(h.clock.now() + 4 * 86_400_000).toISOString();
    const exec = await h.start(arn, { days: 3, until });
    await h.advance(3 * 86_400_000 - 1);
    expect(types(await h.history(exec))).not.toContain("WaitStateExited");
    await h.advance(1);
    expect(types(await h.history(exec)).filter((t) => t === "WaitStateExited")).toHaveLength(1);
    expect((await h.describe(exec)).status).toBe("RUNNING");
    await h.advance(86_400_000);
    expect(await output(exec)).toEqual({ done: true });
  });
});

describe("lambda:invoke tasks", () => {
  it("passes the function's result as $states.result.Payload", async () => {
    const arn = await h.machine({
      StartAt: "Double",
      States: {
        Double: {
          Type: "Task",
          Resource: "arn:aws:states:::lambda:invoke",
          Arguments: { FunctionName: "arn:aws:lambda:us-east-1:123456789012:function:double", Payload: { n: 21 } },
          Output: "{% $states.result.Payload %}",
          End: true,
        },
      },
    });
    const exec = await h.start(arn);
    expect(await output(exec)).toEqual({ doubled: 42 });
    expect(types(await h.history(exec))).toEqual([
      "ExecutionStarted",
      "TaskStateEntered",
      "TaskScheduled",
      "TaskStarted",
      "TaskSucceeded",
      "TaskStateExited",
      "ExecutionSucceeded",
    ]);
  });

  it("retries with backoff: 1 s, then 2 s, counted per retrier", async () => {
    const arn = await h.machine({
      StartAt: "Flaky",
      States: {
        Flaky: {
          ...invoke("flaky"),
          Retry: [{ ErrorEquals: ["Flaky"], IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2 }],
          Output: "{% $states.result.Payload %}",
          End: true,
        },
      },
    });
    flakyCalls = 0;
    const exec = await h.start(arn);
    expect(flakyCalls).toBe(1);
    await h.advance(999);
    expect(flakyCalls).toBe(1);
    await h.advance(1);
    expect(flakyCalls).toBe(2);
    await h.advance(1999);
    expect(flakyCalls).toBe(2);
    await h.advance(1);
    expect(flakyCalls).toBe(3);
    expect(await output(exec)).toEqual({ attempts: 3 });
    const scheduled = (await h.history(exec))
      .filter((e) => e.type === "TaskScheduled")
      .map((e) => e.timestamp!.getTime());
    expect(scheduled.map((t) => t - scheduled[0]!)).toEqual([0, 1000, 3000]);
  });

  it("gives up after MaxAttempts and fails with the task's error", async () => {
    const arn = await h.machine({
      StartAt: "Broken",
      States: {
        Broken: {
          ...invoke("broken"),
          Retry: [{ ErrorEquals: ["CaseLocked"], IntervalSeconds: 1, MaxAttempts: 1 }],
          End: true,
        },
      },
    });
    const exec = await h.start(arn);
    await h.advance(1000);
    const result = await h.describe(exec);
    expect(result).toMatchObject({ status: "FAILED", error: "CaseLocked" });
    expect(JSON.parse(result.cause!)).toMatchObject({
      errorMessage: "the case file is locked",
      errorType: "CaseLocked",
    });
    expect(types(await h.history(exec)).filter((t) => t === "TaskFailed")).toHaveLength(2);
  });

  it("routes an error to the first matching catcher with $states.errorOutput", async () => {
    const arn = await h.machine({
      StartAt: "Broken",
      States: {
        Broken: {
          ...invoke("broken"),
          Catch: [
            { ErrorEquals: ["States.Timeout"], Next: "Wrong" },
            { ErrorEquals: ["CaseLocked"], Next: "Handled", Assign: { why: "{% $states.errorOutput.Error %}" } },
            { ErrorEquals: ["States.ALL"], Next: "Wrong" },
          ],
          End: true,
        },
        Handled: { Type: "Pass", Output: "{% {'error': $states.input.Error, 'why': $why} %}", End: true },
        Wrong: { Type: "Fail", Error: "WrongCatcher" },
      },
    });
    const exec = await h.start(arn);
    expect(await output(exec)).toEqual({ error: "CaseLocked", why: "CaseLocked" });
  });

  it("fails a task whose function is not registered with Lambda.ResourceNotFoundException", async () => {
    const arn = await h.machine({
      StartAt: "T",
      States: {
        T: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Arguments: { FunctionName: "nope" }, End: true },
      },
    });
    expect(await h.describe(await h.start(arn))).toMatchObject({
      status: "FAILED",
      error: "Lambda.ResourceNotFoundException",
    });
  });
});

describe("callback tasks (.waitForTaskToken)", () => {
  it("waits for SendTaskSuccess and continues with its output as $states.result", async () => {
    const arn = await callbackMachine();
    const exec = await h.start(arn, { item: "RJK-1" });
    expect((await h.describe(exec)).status).toBe("RUNNING");
    expect(tokens.at(-1)!.payload).toMatchObject({ input: { item: "RJK-1" } });
    await h.sfn.send(
      new SendTaskSuccessCommand({ taskToken: lastToken(), output: JSON.stringify({ decision: "approve" }) }),
    );
    await h.engine.settled();
    expect(await output(exec)).toEqual({ decision: "approve" });
    expect(types(await h.history(exec))).toEqual([
      "ExecutionStarted",
      "TaskStateEntered",
      "TaskScheduled",
      "TaskStarted",
      "TaskSubmitted",
      "TaskSucceeded",
      "TaskStateExited",
      "ExecutionSucceeded",
    ]);
  });

  it("answers a token used twice with TaskDoesNotExist, a bad one with InvalidToken", async () => {
    await h.start(await callbackMachine());
    const token = lastToken();
    await h.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: "{}" }));
    await expect(h.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: "{}" }))).rejects.toMatchObject({
      name: "TaskDoesNotExist",
    });
    await expect(
      h.sfn.send(new SendTaskSuccessCommand({ taskToken: "not-a-token", output: "{}" })),
    ).rejects.toMatchObject({
      name: "InvalidToken",
    });
  });

  it("fails the task on SendTaskFailure, caught by the matching catcher", async () => {
    const exec = await h.start(await callbackMachine());
    await h.sfn.send(new SendTaskFailureCommand({ taskToken: lastToken(), error: "Rejected", cause: "no consent" }));
    await h.engine.settled();
    expect(await output(exec)).toEqual({ Error: "Rejected", Cause: "no consent" });
    expect(types(await h.history(exec))).toContain("TaskFailed");
  });

  it("times out after TimeoutSeconds (from an expression) and then refuses the token with TaskTimedOut", async () => {
    const exec = await h.start(await callbackMachine({ TimeoutSeconds: "{% $states.input.deadline %}" }), {
      deadline: 3600,
    });
    const token = lastToken();
    await h.advance(3599_000);
    expect((await h.describe(exec)).status).toBe("RUNNING");
    await h.advance(1000);
    expect(await output(exec)).toMatchObject({ Error: "States.Timeout" });
    await expect(h.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: "{}" }))).rejects.toMatchObject({
      name: "TaskTimedOut",
    });
    expect(types(await h.history(exec)).filter((t) => t === "TaskTimedOut")).toHaveLength(1);
  });

  it("times out when a heartbeat is missing, and not while heartbeats arrive", async () => {
    const exec = await h.start(await callbackMachine({ TimeoutSeconds: 600, HeartbeatSeconds: 60 }));
    const token = lastToken();
    await h.advance(50_000);
    await h.sfn.send(new SendTaskHeartbeatCommand({ taskToken: token }));
    await h.advance(50_000);
    expect((await h.describe(exec)).status).toBe("RUNNING");
    await h.advance(10_000);
    expect(await output(exec)).toMatchObject({ Error: "States.HeartbeatTimeout" });
  });

  it("works for deadlines of weeks (no 24.8-day timer overflow)", async () => {
    const exec = await h.start(await callbackMachine({ TimeoutSeconds: 30 * 24 * 3600 }));
    await h.advance(29 * 24 * 3600 * 1000);
    expect((await h.describe(exec)).status).toBe("RUNNING");
    await h.advance(24 * 3600 * 1000);
    expect(await output(exec)).toMatchObject({ Error: "States.Timeout" });
  });

  it("stops an execution with StopExecution; its token is then unknown", async () => {
    const exec = await h.start(await callbackMachine());
    const token = lastToken();
    await h.sfn.send(new StopExecutionCommand({ executionArn: exec, error: "Withdrawn", cause: "by the submitter" }));
    expect(await h.describe(exec)).toMatchObject({ status: "ABORTED", error: "Withdrawn" });
    expect(types(await h.history(exec)).at(-1)).toBe("ExecutionAborted");
    await expect(h.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: "{}" }))).rejects.toMatchObject({
      name: "TaskDoesNotExist",
    });
  });
});

describe("state machines and executions", () => {
  it("starts executions idempotently by name, as AWS does", async () => {
    const arn = await callbackMachine();
    const first = await h.start(arn, { item: "A" }, "referral-1");
    const again = await h.sfn.send(
      new StartExecutionCommand({ stateMachineArn: arn, name: "referral-1", input: JSON.stringify({ item: "A" }) }),
    );
    expect(again.executionArn).toBe(first);
    await expect(
      h.sfn.send(
        new StartExecutionCommand({ stateMachineArn: arn, name: "referral-1", input: JSON.stringify({ item: "B" }) }),
      ),
    ).rejects.toMatchObject({ name: "ExecutionAlreadyExists" });
    const list = await h.sfn.send(new ListExecutionsCommand({ stateMachineArn: arn }));
    expect(list.executions!.map((e) => e.name)).toEqual(["referral-1"]);
  });

  it("describes, lists and updates state machines", async () => {
    const arn = await h.machine({ StartAt: "P", States: { P: { Type: "Pass", End: true } } }, "listed-machine");
    const described = await h.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn }));
    expect(described).toMatchObject({ name: "listed-machine", status: "ACTIVE", type: "STANDARD" });
    expect(described.creationDate!.getTime()).toBe(h.clock.now());
    const list = await h.sfn.send(new ListStateMachinesCommand({}));
    expect(list.stateMachines!.map((m) => m.name)).toContain("listed-machine");
    const definition = JSON.stringify({ QueryLanguage: "JSONata", StartAt: "Q", States: { Q: { Type: "Succeed" } } });
    await h.sfn.send(new UpdateStateMachineCommand({ stateMachineArn: arn, definition }));
    expect((await h.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn }))).definition).toBe(definition);
    await expect(
      h.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: `${arn}-missing` })),
    ).rejects.toMatchObject({ name: "StateMachineDoesNotExist" });
  });

  it.each([
    ["a JSONPath state machine", { StartAt: "P", States: { P: { Type: "Pass", End: true } } }, /JSONata/],
    [
      "an unknown Resource",
      {
        QueryLanguage: "JSONata",
        StartAt: "T",
        States: { T: { Type: "Task", Resource: "arn:aws:states:::sqs:sendMessage", End: true } },
      },
      /"T".*Resource/,
    ],
    [
      "a JSONPath-only field",
      {
        QueryLanguage: "JSONata",
        StartAt: "T",
        States: {
          T: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", TimeoutSecondsPath: "$.t", End: true },
        },
      },
      /"T".*TimeoutSecondsPath/,
    ],
  ])("rejects %s at CreateStateMachine with InvalidDefinition naming it", async (_, definition, message) => {
    const attempt = h.sfn.send(
      new CreateStateMachineCommand({
        name: "invalid",
        definition: JSON.stringify(definition),
        roleArn: "arn:aws:iam::1:role/x",
      }),
    );
    await expect(attempt).rejects.toMatchObject({ name: "InvalidDefinition", message: expect.stringMatching(message) });
  });
});
