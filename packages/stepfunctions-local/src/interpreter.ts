import { createHmac, randomUUID } from "node:crypto";
import { findHandler } from "./asl/errors.ts";
import { evaluate, evaluateCondition, evaluateNumber } from "./asl/expressions.ts";
import { retryDelayMs } from "./asl/retry.ts";
import { MAX_SECONDS } from "./asl/limits.ts";
import type { Definition, State, StateType, TaskState } from "./asl/types.ts";
import { type HandlerRegistry, LAMBDA_INVOKE_WAIT, TaskError, invokeResult } from "./lambda.ts";
import type { Position } from "./records.ts";
import type { Step } from "./step.ts";

/** A task runs at most this long unless its TimeoutSeconds says otherwise: AWS's default is its maximum. */
const DEFAULT_TASK_TIMEOUT_SECONDS = MAX_SECONDS;

export interface Runtime {
  handlers: HandlerRegistry;
  region: string;
  stateMachineName: string;
}

const json = (value: unknown) => JSON.stringify(value ?? null);

function stateOf(definition: Definition, name: string): State {
  const state = definition.States[name];
  if (!state) throw new TaskError("States.Runtime", `State "${name}" does not exist`);
  return state;
}

function isOfType<T extends StateType>(state: State, type: T): state is Extract<State, { Type: T }> {
  return state.Type === type;
}

/** The state an execution waits in; its position was recorded by a state of that type, so anything else is corrupt. */
function waitingState<T extends StateType>(definition: Definition, name: string, type: T): Extract<State, { Type: T }> {
  const state = stateOf(definition, name);
  if (!isOfType(state, type)) throw new TaskError("States.Runtime", `State "${name}" is not a ${type} state`);
  return state;
}

function resourceParts(resource: string) {
  // arn:aws:states:::lambda:invoke.waitForTaskToken -> lambda, invoke.waitForTaskToken
  const [, , , , , type, name] = resource.split(":");
  return { resourceType: type ?? "lambda", resource: name ?? resource };
}

/** The `$states.context` object of the state being run. */
function context(step: Step, runtime: Runtime, stateName: string, token?: string) {
  const exec = step.exec;
  const input: unknown = JSON.parse(exec.input);
  return {
    Execution: {
      Id: exec.executionArn,
      Name: exec.name,
      StartTime: new Date(exec.startDate).toISOString(),
      Input: input,
      RedriveCount: 0,
    },
    State: {
      Name: stateName,
      EnteredTime: new Date(exec.enteredAt).toISOString(),
      RetryCount: Object.entries(exec.retries)
        .filter(([key]) => key.startsWith(`${stateName}#`))
        .reduce((sum, [, n]) => sum + n, 0),
    },
    StateMachine: { Id: exec.stateMachineArn, Name: runtime.stateMachineName },
    ...(token ? { Task: { Token: token } } : {}),
  };
}

function scope(step: Step, runtime: Runtime, stateName: string, input: unknown, extra: Record<string, unknown> = {}) {
  const token = step.exec.position.kind === "task" ? step.exec.position.token : undefined;
  return {
    states: { input, context: context(step, runtime, stateName, token), ...extra },
    variables: step.exec.variables,
  };
}

/**
 * Leaves a state: evaluates its Output (default: `fallback`) and Assign against the same scope, records the exit,
 * and moves to the next state or ends the execution. Assign takes effect after Output, as in AWS.
 */
async function exit(
  step: Step,
  runtime: Runtime,
  stateName: string,
  fields: { Output?: unknown; Assign?: Record<string, unknown>; Next?: string; End?: boolean },
  evalScope: ReturnType<typeof scope>,
  fallback: unknown,
  type: string,
): Promise<void> {
  const output = fields.Output === undefined ? fallback : await evaluate(fields.Output, evalScope);
  const assigned = fields.Assign ? ((await evaluate(fields.Assign, evalScope)) as Record<string, unknown>) : {};
  step.event(`${type}StateExited`, [
    "stateExitedEventDetails",
    {
      name: stateName,
      output: json(output),
      outputDetails: { truncated: false },
      ...(fields.Assign
        ? { assignedVariables: Object.fromEntries(Object.entries(assigned).map(([k, v]) => [k, json(v)])) }
        : {}),
    },
  ]);
  const exec = step.exec;
  exec.variables = { ...exec.variables, ...assigned };
  exec.retries = {};
  if (fields.End || type === "Succeed") {
    step.event("ExecutionSucceeded", [
      "executionSucceededEventDetails",
      { output: json(output), outputDetails: { truncated: false } },
    ]);
    step.finish("SUCCEEDED", { output: json(output) });
  } else {
    exec.position = { kind: "enter", state: fields.Next!, input: output };
    exec.enteredAt = step.now;
  }
}

function failExecution(step: Step, error: string, cause: string): void {
  step.event("ExecutionFailed", ["executionFailedEventDetails", { error, cause }]);
  step.finish("FAILED", { error, cause });
}

/**
 * A task failed (or timed out): the first matching retrier schedules another attempt; else the first matching
 * catcher moves on with `$states.errorOutput`; else the execution fails with the task's error.
 */
async function taskFailed(
  step: Step,
  runtime: Runtime,
  stateName: string,
  state: TaskState,
  input: unknown,
  failure: { error: string; cause: string; event?: "TaskFailed" | "TaskTimedOut" },
): Promise<void> {
  const { error, cause } = failure;
  if (failure.event) {
    const key = failure.event === "TaskFailed" ? "taskFailedEventDetails" : "taskTimedOutEventDetails";
    step.event(failure.event, [key, { ...resourceParts(state.Resource), error, cause }]);
  }
  const exec = step.exec;
  const retry = findHandler(state.Retry, error);
  if (retry) {
    const key = `${stateName}#${retry.index}`;
    const attempt = exec.retries[key] ?? 0;
    const delay = retryDelayMs(retry.handler, attempt);
    if (delay !== undefined) {
      exec.retries = { ...exec.retries, [key]: attempt + 1 };
      exec.position = { kind: "retry", state: stateName, input, until: step.now + delay };
      return;
    }
  }
  const caught = findHandler(state.Catch, error);
  if (!caught) return failExecution(step, error, cause);
  const errorOutput = { Error: error, Cause: cause };
  await exit(
    step,
    runtime,
    stateName,
    { ...caught.handler, Next: caught.handler.Next },
    scope(step, runtime, stateName, input, { errorOutput }),
    errorOutput,
    "Task",
  );
}

/** Evaluation errors inside a task are task failures (catchable); anywhere else they fail the execution. */
function asFailure(error: unknown): { error: string; cause: string } {
  if (error instanceof TaskError) return { error: error.error, cause: error.cause };
  if (error instanceof Error && error.name.startsWith("States.")) return { error: error.name, cause: error.message };
  throw error;
}

/** The token of a task: a keyed hash of the execution's secret and the step, so a re-run of the step gets the same. */
function taskToken(step: Step, stateName: string): string {
  return createHmac("sha256", step.exec.secret).update(`${stateName}#${step.exec.version}`).digest("base64url");
}

async function enterTask(step: Step, runtime: Runtime, stateName: string, state: TaskState, input: unknown) {
  const exec = step.exec;
  const waits = state.Resource === LAMBDA_INVOKE_WAIT;
  const token = waits ? taskToken(step, stateName) : undefined;
  const parts = resourceParts(state.Resource);
  try {
    const evalScope = {
      states: { input, context: context(step, runtime, stateName, token) },
      variables: exec.variables,
    };
    const args = (state.Arguments === undefined ? {} : await evaluate(state.Arguments, evalScope)) as Record<
      string,
      unknown
    >;
    const timeoutSeconds =
      state.TimeoutSeconds === undefined
        ? DEFAULT_TASK_TIMEOUT_SECONDS
        : await evaluateNumber(state.TimeoutSeconds, evalScope, "TimeoutSeconds");
    const heartbeatSeconds =
      state.HeartbeatSeconds === undefined
        ? undefined
        : await evaluateNumber(state.HeartbeatSeconds, evalScope, "HeartbeatSeconds");
    step.event("TaskScheduled", [
      "taskScheduledEventDetails",
      {
        ...parts,
        region: runtime.region,
        parameters: json(args),
        timeoutInSeconds: timeoutSeconds,
        ...(heartbeatSeconds === undefined ? {} : { heartbeatInSeconds: heartbeatSeconds }),
      },
    ]);
    if (waits) {
      // The token is valid from this commit on, before the function that receives it runs: a decision can never
      // arrive for a token the engine does not know yet.
      step.openToken(token!, stateName);
      exec.position = {
        kind: "task",
        state: stateName,
        input,
        token: token!,
        invoked: false,
        payload: args.Payload,
        functionName: typeof args.FunctionName === "string" ? args.FunctionName : "",
        timeoutAt: step.now + timeoutSeconds * 1000,
        ...(heartbeatSeconds === undefined ? {} : { heartbeatSeconds }),
      };
      return;
    }
    step.event("TaskStarted", ["taskStartedEventDetails", parts]);
    const payload = await withTimeout(runtime.handlers.invoke(args.FunctionName, args.Payload), timeoutSeconds);
    const result = invokeResult(payload, randomUUID());
    step.event("TaskSucceeded", ["taskSucceededEventDetails", { ...parts, output: json(result) }]);
    await exit(step, runtime, stateName, state, scope(step, runtime, stateName, input, { result }), result, "Task");
  } catch (error) {
    const failure = asFailure(error);
    const event =
      failure.error === "States.Timeout"
        ? "TaskTimedOut"
        : failure.error.startsWith("States.Query")
          ? undefined
          : "TaskFailed";
    await taskFailed(step, runtime, stateName, state, input, { ...failure, ...(event ? { event } : {}) });
  }
}

async function withTimeout<T>(promise: Promise<T>, seconds: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = Math.min(seconds * 1000, 2 ** 31 - 1);
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new TaskError("States.Timeout", "The task ran longer than its TimeoutSeconds")),
          limit,
        );
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

async function enterState(
  step: Step,
  runtime: Runtime,
  definition: Definition,
  position: Extract<Position, { kind: "enter" }>,
) {
  const { state: stateName, input } = position;
  const state = stateOf(definition, stateName);
  if (!position.retry) {
    step.event(`${state.Type}StateEntered`, [
      "stateEnteredEventDetails",
      { name: stateName, input: json(input), inputDetails: { truncated: false } },
    ]);
  }
  const evalScope = scope(step, runtime, stateName, input);
  switch (state.Type) {
    case "Task":
      return enterTask(step, runtime, stateName, state, input);
    case "Pass":
      return exit(step, runtime, stateName, state, evalScope, input, "Pass");
    case "Succeed":
      return exit(step, runtime, stateName, state, evalScope, input, "Succeed");
    case "Fail": {
      const error = state.Error === undefined ? "States.Fail" : String(await evaluate(state.Error, evalScope));
      const cause = state.Cause === undefined ? "" : String(await evaluate(state.Cause, evalScope));
      return failExecution(step, error, cause);
    }
    case "Choice": {
      // A chosen rule's Output and Assign replace the state's; the state's own apply only on the Default path.
      for (const [index, rule] of state.Choices.entries()) {
        if (await evaluateCondition(rule.Condition, evalScope, `Choices/${index}/Condition`)) {
          return exit(
            step,
            runtime,
            stateName,
            { Output: rule.Output, Assign: rule.Assign, Next: rule.Next },
            evalScope,
            input,
            "Choice",
          );
        }
      }
      if (state.Default === undefined) {
        return failExecution(
          step,
          "States.NoChoiceMatched",
          `No Choice rule matched in state "${stateName}" and it has no Default`,
        );
      }
      return exit(
        step,
        runtime,
        stateName,
        { Output: state.Output, Assign: state.Assign, Next: state.Default },
        evalScope,
        input,
        "Choice",
      );
    }
    case "Wait": {
      const until =
        state.Seconds !== undefined
          ? step.now + (await evaluateNumber(state.Seconds, evalScope, "Seconds")) * 1000
          : Date.parse(String(await evaluate(state.Timestamp, evalScope)));
      if (Number.isNaN(until)) {
        return failExecution(
          step,
          "States.QueryEvaluationError",
          `State "${stateName}": Timestamp is not an ISO 8601 time`,
        );
      }
      step.exec.position = { kind: "wait", state: stateName, input, until };
      return;
    }
  }
}

/**
 * Runs the step the execution's position calls for. Errors of the state machine itself (an expression that fails
 * outside a task, a missing state) fail the execution, as they do in AWS; only infrastructure errors escape.
 */
export async function advance(step: Step, runtime: Runtime, definition: Definition): Promise<void> {
  const exec = step.exec;
  if (exec.timeoutAt !== undefined && step.now >= exec.timeoutAt) {
    step.event("ExecutionTimedOut", [
      "executionTimedOutEventDetails",
      { error: "States.Timeout", cause: "The execution ran longer than its TimeoutSeconds" },
    ]);
    step.finish("TIMED_OUT", { error: "States.Timeout" });
    return;
  }
  const position = exec.position;
  try {
    switch (position.kind) {
      case "enter":
        return await enterState(step, runtime, definition, position);
      case "retry":
        exec.position = { kind: "enter", state: position.state, input: position.input, retry: true };
        return;
      case "wait": {
        const state = waitingState(definition, position.state, "Wait");
        return await exit(
          step,
          runtime,
          position.state,
          state,
          scope(step, runtime, position.state, position.input),
          position.input,
          "Wait",
        );
      }
      case "task":
        return position.invoked
          ? await timeOut(step, runtime, definition, position)
          : await invokeWithToken(step, runtime, definition, position);
      case "done":
        return;
    }
  } catch (error) {
    const failure = asFailure(error);
    failExecution(step, failure.error, failure.cause);
  }
}

type TaskPosition = Extract<Position, { kind: "task" }>;

async function invokeWithToken(step: Step, runtime: Runtime, definition: Definition, position: TaskPosition) {
  const state = waitingState(definition, position.state, "Task");
  const parts = resourceParts(state.Resource);
  step.event("TaskStarted", ["taskStartedEventDetails", parts]);
  try {
    const payload = await runtime.handlers.invoke(position.functionName, position.payload);
    step.event("TaskSubmitted", [
      "taskSubmittedEventDetails",
      { ...parts, output: json(invokeResult(payload, randomUUID())) },
    ]);
    step.exec.position = {
      ...position,
      invoked: true,
      ...(position.heartbeatSeconds === undefined ? {} : { heartbeatAt: step.now + position.heartbeatSeconds * 1000 }),
    };
  } catch (error) {
    step.closeToken(position, "failed");
    await taskFailed(step, runtime, position.state, state, position.input, {
      ...asFailure(error),
      event: "TaskFailed",
    });
  }
}

async function timeOut(step: Step, runtime: Runtime, definition: Definition, position: TaskPosition) {
  const state = waitingState(definition, position.state, "Task");
  const heartbeat =
    position.heartbeatAt !== undefined && position.heartbeatAt < position.timeoutAt && step.now >= position.heartbeatAt;
  if (!heartbeat && step.now < position.timeoutAt) return;
  step.closeToken(position, "timed_out");
  await taskFailed(step, runtime, position.state, state, position.input, {
    error: heartbeat ? "States.HeartbeatTimeout" : "States.Timeout",
    cause: heartbeat ? "No heartbeat was sent within HeartbeatSeconds" : "The task ran longer than its TimeoutSeconds",
    event: "TaskTimedOut",
  });
}

/** The callback of a waiting task: SendTaskSuccess's output becomes `$states.result`. */
export async function completeTask(
  step: Step,
  runtime: Runtime,
  definition: Definition,
  position: TaskPosition,
  result: unknown,
) {
  const state = waitingState(definition, position.state, "Task");
  step.closeToken(position, "succeeded");
  step.event("TaskSucceeded", [
    "taskSucceededEventDetails",
    { ...resourceParts(state.Resource), output: json(result) },
  ]);
  try {
    await exit(
      step,
      runtime,
      position.state,
      state,
      scope(step, runtime, position.state, position.input, { result }),
      result,
      "Task",
    );
  } catch (error) {
    const failure = asFailure(error);
    await taskFailed(step, runtime, position.state, state, position.input, failure);
  }
}

/** SendTaskFailure: the waiting task fails with the caller's error and cause. */
export async function failTask(
  step: Step,
  runtime: Runtime,
  definition: Definition,
  position: TaskPosition,
  error: string,
  cause: string,
) {
  const state = waitingState(definition, position.state, "Task");
  step.closeToken(position, "failed");
  await taskFailed(step, runtime, position.state, state, position.input, { error, cause, event: "TaskFailed" });
}
