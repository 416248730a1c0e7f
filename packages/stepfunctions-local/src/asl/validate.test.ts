import { describe, expect, it } from "vitest";
import { InvalidDefinition, parseDefinition } from "./validate.ts";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- fixtures are edited freely

/** A realistic machine: a callback task with retries, catchers and an expression timeout. */
function machine(): Json {
  return {
    Comment: "Referral approval",
    QueryLanguage: "JSONata",
    StartAt: "Prepare",
    TimeoutSeconds: 86_400,
    States: {
      Prepare: {
        Type: "Pass",
        Assign: { caseId: "{% $states.input.caseId %}", attempts: 0 },
        Output: { caseId: "{% $states.input.caseId %}", deadline: "{% $states.input.deadline %}" },
        Next: "Open",
      },
      Open: {
        Type: "Task",
        Resource: "arn:aws:states:::lambda:invoke.waitForTaskToken",
        Arguments: {
          FunctionName: "arn:aws:lambda:ap-southeast-3:000000000000:function:notify",
          Payload: { token: "{% $states.context.Task.Token %}", caseId: "{% $caseId %}", attempt: "{% $attempts %}" },
        },
        TimeoutSeconds: "{% $states.input.deadline %}",
        HeartbeatSeconds: 600,
        Retry: [
          {
            ErrorEquals: ["Lambda.ServiceException", "Lambda.TooManyRequestsException"],
            IntervalSeconds: 2,
            MaxAttempts: 3,
            BackoffRate: 2,
            MaxDelaySeconds: 30,
            JitterStrategy: "FULL",
          },
        ],
        Catch: [
          {
            ErrorEquals: ["States.Timeout"],
            Output: { reason: "timeout", error: "{% $states.errorOutput %}" },
            Assign: { lastError: "{% $states.errorOutput.Error %}" },
            Next: "Expired",
          },
          { ErrorEquals: ["States.ALL"], Next: "Broken" },
        ],
        Output: "{% $states.result %}",
        Assign: { decision: "{% $states.result.decision %}" },
        Next: "Decide",
      },
      Decide: {
        Type: "Choice",
        Choices: [
          { Condition: "{% $decision = 'approve' %}", Output: { caseId: "{% $caseId %}" }, Next: "Approved" },
          {
            Condition: "{% $decision = 'retry' and $attempts < 3 %}",
            Assign: { attempts: "{% $attempts + 1 %}" },
            Next: "Pause",
          },
        ],
        Default: "Rejected",
      },
      Pause: { Type: "Wait", Seconds: 5, Next: "Open" },
      Approved: { Type: "Succeed" },
      Expired: { Type: "Fail", Error: "Referral.Expired", Cause: "{% 'Case ' & $caseId & ' expired' %}" },
      Rejected: { Type: "Fail", Error: "Referral.Rejected" },
      Broken: { Type: "Fail", Error: "{% $states.input.Error %}", Cause: "{% $states.input.Cause %}" },
    },
  };
}

function variant(edit: (m: Json) => void): string {
  const m = machine();
  edit(m);
  return JSON.stringify(m);
}

function rejection(text: string): InvalidDefinition {
  try {
    parseDefinition(text);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidDefinition);
    return error as InvalidDefinition;
  }
  throw new Error("parseDefinition accepted the definition");
}

describe("parseDefinition accepts", () => {
  it("a realistic JSONata machine, returned as written", () => {
    const definition = parseDefinition(JSON.stringify(machine()));
    expect(definition).toStrictEqual(machine());
    // asl-validator writes QueryLanguage into every state it sees; it must see a copy.
    expect(definition.States.Open).not.toHaveProperty("QueryLanguage");
  });

  it.each<[string, (m: Json) => void]>([
    ["an Output array", (m) => (m.States.Prepare.Output = [1, "{% $states.input.caseId %}"])],
    ["an Output literal string", (m) => (m.States.Prepare.Output = "fixed")],
    ["an Output number", (m) => (m.States.Approved.Output = 42)],
    ["a boolean Condition", (m) => (m.States.Decide.Choices[1].Condition = false)],
    ["an empty string in Arguments", (m) => (m.States.Open.Arguments.Payload.note = "")],
    ["an expression without inner spaces", (m) => (m.States.Open.Arguments.Payload.caseId = "{%$caseId%}")],
    ["an Arguments key named Next", (m) => (m.States.Open.Arguments.Payload.Next = "Nowhere")],
    [
      "Arguments as a single expression",
      (m) => (m.States.Open.Arguments = "{% {'FunctionName': 'f', 'Payload': $states.input} %}"),
    ],
    ["the request-response Lambda resource", (m) => (m.States.Open.Resource = "arn:aws:states:::lambda:invoke")],
    ["a state that repeats QueryLanguage", (m) => (m.States.Open.QueryLanguage = "JSONata")],
    ["Wait Seconds of 0", (m) => (m.States.Pause.Seconds = 0)],
    ["Wait Seconds as an expression", (m) => (m.States.Pause.Seconds = "{% $attempts * 10 %}")],
    ["a Wait Timestamp", (m) => (m.States.Pause = { Type: "Wait", Timestamp: "2026-03-14T01:59:00Z", Next: "Open" })],
    [
      "a Wait Timestamp expression",
      (m) => (m.States.Pause = { Type: "Wait", Timestamp: "{% $states.input.at %}", Next: "Open" }),
    ],
    ["HeartbeatSeconds as an expression", (m) => (m.States.Open.HeartbeatSeconds = "{% 60 %}")],
    ["TimeoutSeconds without inner spaces", (m) => (m.States.Open.TimeoutSeconds = "{%$states.input.deadline%}")],
    ["MaxAttempts 0", (m) => m.States.Open.Retry.unshift({ ErrorEquals: ["States.Timeout"], MaxAttempts: 0 })],
    [
      "comments on retriers, catchers and rules",
      (m) => (m.States.Decide.Choices[0].Comment = m.States.Open.Retry[0].Comment = "why"),
    ],
    ["Unicode variable names", (m) => (m.States.Prepare.Assign.jumlahKasus_é = 1)],
    ["a Version field", (m) => (m.Version = "1.0")],
  ])("%s", (_, edit) => {
    expect(() => parseDefinition(variant(edit))).not.toThrow();
  });
});

describe("parseDefinition rejects", () => {
  it.each([
    ["{", "state machine: definition is not valid JSON"],
    ["[]", "state machine: definition must be a JSON object"],
    ['"text"', "state machine: definition must be a JSON object"],
  ])("%j", (text, message) => {
    expect(rejection(text).message).toContain(message);
  });

  it.each<[string, (m: Json) => void]>([
    ["a missing QueryLanguage (JSONPath by default)", (m) => delete m.QueryLanguage],
    ["QueryLanguage JSONPath", (m) => (m.QueryLanguage = "JSONPath")],
  ])("%s", (_, edit) => {
    const error = rejection(variant(edit));
    expect(error.message).toBe(
      'state machine: QueryLanguage must be "JSONata"; JSONPath is not supported by this local endpoint',
    );
    expect(error.name).toBe("InvalidDefinition");
  });

  it.each<[string, (m: Json) => void, string]>([
    // JSONPath, by machine, state and field.
    [
      "an unknown QueryLanguage",
      (m) => (m.QueryLanguage = "XPath"),
      'state machine: QueryLanguage must be "JSONata", not "XPath"',
    ],
    [
      "a JSONPath state",
      (m) => (m.States.Prepare.QueryLanguage = "JSONPath"),
      'State "Prepare": QueryLanguage must be "JSONata"',
    ],
    [
      "TimeoutSecondsPath",
      (m) => (m.States.Open.TimeoutSecondsPath = "$.deadline"),
      'State "Open": field "TimeoutSecondsPath" is not supported (JSONata states use "TimeoutSeconds" with an expression)',
    ],
    [
      "HeartbeatSecondsPath",
      (m) => (m.States.Open.HeartbeatSecondsPath = "$.hb"),
      'State "Open": field "HeartbeatSecondsPath" is not supported',
    ],
    ["InputPath", (m) => (m.States.Open.InputPath = "$.case"), 'State "Open": field "InputPath" is not supported'],
    ["OutputPath", (m) => (m.States.Pause.OutputPath = "$.x"), 'State "Pause": field "OutputPath" is not supported'],
    ["ResultPath", (m) => (m.States.Open.ResultPath = "$.result"), 'State "Open": field "ResultPath" is not supported'],
    [
      "ResultSelector",
      (m) => (m.States.Open.ResultSelector = { "a.$": "$.b" }),
      'State "Open": field "ResultSelector" is not supported',
    ],
    [
      "Parameters in a Task",
      (m) => (m.States.Open.Parameters = { "a.$": "$.b" }),
      'field "Parameters" is not supported (JSONata states use "Arguments"',
    ],
    [
      "Result in a Pass",
      (m) => (m.States.Prepare.Result = { a: 1 }),
      'State "Prepare": field "Result" is not supported (JSONata Pass states use "Output")',
    ],
    [
      "SecondsPath",
      (m) => (m.States.Pause = { Type: "Wait", SecondsPath: "$.s", Next: "Open" }),
      'State "Pause": field "SecondsPath" is not supported',
    ],
    [
      "TimestampPath",
      (m) => (m.States.Pause = { Type: "Wait", TimestampPath: "$.t", Next: "Open" }),
      'State "Pause": field "TimestampPath" is not supported',
    ],
    [
      "ErrorPath",
      (m) => (m.States.Rejected = { Type: "Fail", ErrorPath: "$.e" }),
      'State "Rejected": field "ErrorPath" is not supported',
    ],
    [
      "a Choice Variable",
      (m) => (m.States.Decide.Choices[0].Variable = "$.x"),
      'State "Decide": field "Choices/0/Variable" is not supported (JSONata Choice rules use "Condition"',
    ],
    [
      "a Choice comparison",
      (m) => (m.States.Decide.Choices[1].NumericGreaterThanPath = "$.y"),
      'field "Choices/1/NumericGreaterThanPath" is not supported',
    ],
    ["a Choice And", (m) => (m.States.Decide.Choices[0].And = []), 'field "Choices/0/And" is not supported'],
    [
      "a catcher ResultPath",
      (m) => (m.States.Open.Catch[1].ResultPath = "$.error"),
      'State "Open": field "Catch/1/ResultPath" is not supported',
    ],
    // Unsupported state types and resources.
    [
      "a Parallel state",
      (m) => (m.States.Pause = { Type: "Parallel", Branches: [], Next: "Open" }),
      'State "Pause": state type "Parallel" is not supported by this local endpoint',
    ],
    [
      "a Map state",
      (m) => (m.States.Pause = { Type: "Map", ItemProcessor: {}, Next: "Open" }),
      'State "Pause": state type "Map" is not supported',
    ],
    [
      "an unknown state type",
      (m) => (m.States.Pause.Type = "Sleep"),
      'State "Pause": field "Type" must be one of Task, Choice, Pass, Wait, Succeed, Fail, not "Sleep"',
    ],
    [
      "an SQS resource",
      (m) => (m.States.Open.Resource = "arn:aws:states:::sqs:sendMessage.waitForTaskToken"),
      'State "Open": Resource "arn:aws:states:::sqs:sendMessage.waitForTaskToken" is not supported; supported: arn:aws:states:::lambda:invoke, arn:aws:states:::lambda:invoke.waitForTaskToken',
    ],
    [
      "a bare Lambda ARN",
      (m) => (m.States.Open.Resource = "arn:aws:lambda:ap-southeast-3:000000000000:function:notify"),
      'State "Open": Resource "arn:aws:lambda:',
    ],
    ["a missing Resource", (m) => delete m.States.Open.Resource, 'State "Open": field "Resource" is required'],
    [
      "Arguments without FunctionName",
      (m) => delete m.States.Open.Arguments.FunctionName,
      'State "Open": field "Arguments" must provide "FunctionName"',
    ],
    [
      "no Arguments at all",
      (m) => delete m.States.Open.Arguments,
      'State "Open": field "Arguments" must provide "FunctionName"',
    ],
    [
      "Credentials",
      (m) => (m.States.Open.Credentials = { RoleArn: "r" }),
      'State "Open": field "Credentials" is not allowed in a Task state',
    ],
    // JSONata that does not compile, wherever it sits.
    [
      "a broken Output",
      (m) => (m.States.Prepare.Output.caseId = "{% $states.input.( %}"),
      `State "Prepare": field "Output/caseId" has an invalid JSONata expression '$states.input.('`,
    ],
    [
      "a broken Assign",
      (m) => (m.States.Prepare.Assign.caseId = "{% $x + %}"),
      'State "Prepare": field "Assign/caseId" has an invalid JSONata expression',
    ],
    [
      "a broken Arguments",
      (m) => (m.States.Open.Arguments.Payload.caseId = "{% $caseId[ %}"),
      'State "Open": field "Arguments/Payload/caseId" has an invalid',
    ],
    [
      "a broken array item",
      (m) => (m.States.Prepare.Output = [1, ["{% ) %}"]]),
      'State "Prepare": field "Output/1/0" has an invalid',
    ],
    [
      "a broken TimeoutSeconds",
      (m) => (m.States.Open.TimeoutSeconds = "{% $states.input. %}"),
      'State "Open": field "TimeoutSeconds" has an invalid',
    ],
    [
      "a broken HeartbeatSeconds",
      (m) => (m.States.Open.HeartbeatSeconds = "{% ( %}"),
      'State "Open": field "HeartbeatSeconds" has an invalid',
    ],
    [
      "a broken Condition",
      (m) => (m.States.Decide.Choices[1].Condition = "{% $decision = %}"),
      'State "Decide": field "Choices/1/Condition" has an invalid',
    ],
    [
      "a broken rule Output",
      (m) => (m.States.Decide.Choices[0].Output.caseId = "{% { %}"),
      'State "Decide": field "Choices/0/Output/caseId" has an invalid',
    ],
    [
      "a broken catcher Assign",
      (m) => (m.States.Open.Catch[0].Assign.lastError = "{% $states.errorOutput.[ %}"),
      'State "Open": field "Catch/0/Assign/lastError" has an invalid',
    ],
    [
      "a broken catcher Output",
      (m) => (m.States.Open.Catch[0].Output.error = "{%%}"),
      'State "Open": field "Catch/0/Output/error" has an invalid',
    ],
    [
      "a broken Seconds",
      (m) => (m.States.Pause.Seconds = "{% 1 + %}"),
      'State "Pause": field "Seconds" has an invalid',
    ],
    [
      "a broken Timestamp",
      (m) => (m.States.Pause = { Type: "Wait", Timestamp: "{% $now( %}", Next: "Open" }),
      'State "Pause": field "Timestamp" has an invalid',
    ],
    [
      "a broken Cause",
      (m) => (m.States.Expired.Cause = "{% 'Case ' & %}"),
      'State "Expired": field "Cause" has an invalid',
    ],
    [
      "a broken Error",
      (m) => (m.States.Broken.Error = "{% $states.input.Error) %}"),
      'State "Broken": field "Error" has an invalid',
    ],
    // Numbers and timeouts.
    [
      "HeartbeatSeconds not below TimeoutSeconds",
      (m) => (m.States.Open.TimeoutSeconds = 600),
      'State "Open": field "HeartbeatSeconds" (600) must be smaller than "TimeoutSeconds" (600)',
    ],
    [
      "a zero TimeoutSeconds",
      (m) => (m.States.Open.TimeoutSeconds = 0),
      'State "Open": field "TimeoutSeconds" must be an integer from 1',
    ],
    [
      "a fractional HeartbeatSeconds",
      (m) => (m.States.Open.HeartbeatSeconds = 1.5),
      'State "Open": field "HeartbeatSeconds" must be an integer from 1',
    ],
    [
      "a literal string TimeoutSeconds",
      (m) => (m.States.Open.TimeoutSeconds = "60"),
      'State "Open": field "TimeoutSeconds" must be an integer from 1 to 99999999, or a JSONata string',
    ],
    [
      "negative Wait Seconds",
      (m) => (m.States.Pause.Seconds = -1),
      'State "Pause": field "Seconds" must be an integer from 0',
    ],
    [
      "a machine TimeoutSeconds of 0",
      (m) => (m.TimeoutSeconds = 0),
      'state machine: field "TimeoutSeconds" must be an integer from 1',
    ],
    // Retriers and catchers.
    [
      "States.ALL with other names",
      (m) => (m.States.Open.Catch[1].ErrorEquals = ["States.ALL", "Other"]),
      'State "Open": field "Catch/1/ErrorEquals" must contain "States.ALL" alone',
    ],
    [
      "States.ALL before the last catcher",
      (m) => m.States.Open.Catch.reverse(),
      'State "Open": field "Catch/0/ErrorEquals" contains "States.ALL", so it must be in the last catcher',
    ],
    [
      "States.ALL before the last retrier",
      (m) => m.States.Open.Retry.unshift({ ErrorEquals: ["States.ALL"] }),
      'field "Retry/0/ErrorEquals" contains "States.ALL", so it must be in the last retrier',
    ],
    [
      "an empty ErrorEquals",
      (m) => (m.States.Open.Retry[0].ErrorEquals = []),
      'State "Open": field "Retry/0/ErrorEquals" must be a non-empty array of error names',
    ],
    [
      "a BackoffRate below 1",
      (m) => (m.States.Open.Retry[0].BackoffRate = 0.5),
      'State "Open": field "Retry/0/BackoffRate" must be a number no smaller than 1.0',
    ],
    [
      "a negative MaxAttempts",
      (m) => (m.States.Open.Retry[0].MaxAttempts = -1),
      'field "Retry/0/MaxAttempts" must be an integer from 0',
    ],
    [
      "a zero IntervalSeconds",
      (m) => (m.States.Open.Retry[0].IntervalSeconds = 0),
      'field "Retry/0/IntervalSeconds" must be an integer from 1',
    ],
    [
      "a fractional MaxDelaySeconds",
      (m) => (m.States.Open.Retry[0].MaxDelaySeconds = 2.5),
      'field "Retry/0/MaxDelaySeconds" must be an integer from 1',
    ],
    [
      "an unknown JitterStrategy",
      (m) => (m.States.Open.Retry[0].JitterStrategy = "PARTIAL"),
      'field "Retry/0/JitterStrategy" must be "FULL" or "NONE"',
    ],
    [
      "an unknown retrier field",
      (m) => (m.States.Open.Retry[0].Backoff = 2),
      'State "Open": field "Retry/0/Backoff" is not allowed here',
    ],
    [
      "Retry that is not an array",
      (m) => (m.States.Open.Retry = {}),
      'State "Open": field "Retry" must be an array of retriers',
    ],
    [
      "a catcher without Next",
      (m) => delete m.States.Open.Catch[1].Next,
      'State "Open": field "Catch/1/Next" must be a state name',
    ],
    [
      "a catcher to nowhere",
      (m) => (m.States.Open.Catch[1].Next = "Gone"),
      'State "Open": field "Catch/1/Next" names no state "Gone"',
    ],
    // Variables.
    [
      "assigning $states",
      (m) => (m.States.Prepare.Assign.states = 1),
      'State "Prepare": field "Assign/states" cannot be assigned: "states" is reserved',
    ],
    [
      "a variable name with a hyphen",
      (m) => (m.States.Prepare.Assign["case-id"] = 1),
      'State "Prepare": field "Assign/case-id" is not a valid variable name',
    ],
    [
      "a variable name starting with a digit",
      (m) => (m.States.Decide.Choices[1].Assign["1st"] = 1),
      'field "Choices/1/Assign/1st" is not a valid variable name',
    ],
    [
      "an Assign that is not an object",
      (m) => (m.States.Prepare.Assign = "{% {'a': 1} %}"),
      'State "Prepare": field "Assign" must be an object',
    ],
    // Fields in the wrong state, and shapes.
    [
      "Assign in a Succeed state",
      (m) => (m.States.Approved.Assign = { a: 1 }),
      'State "Approved": field "Assign" is not allowed in a Succeed state',
    ],
    [
      "Output in a Fail state",
      (m) => (m.States.Rejected.Output = {}),
      'State "Rejected": field "Output" is not allowed in a Fail state',
    ],
    [
      "Next in a Choice state",
      (m) => (m.States.Decide.Next = "Pause"),
      'State "Decide": field "Next" is not allowed in a Choice state',
    ],
    [
      "an unknown Task field",
      (m) => (m.States.Open.Timeout = 5),
      'State "Open": field "Timeout" is not allowed in a Task state',
    ],
    ["an unknown machine field", (m) => (m.Variables = {}), 'state machine: field "Variables" is not supported'],
    [
      "both Next and End",
      (m) => (m.States.Prepare.End = true),
      'State "Prepare": must have exactly one of "Next" or "End": true',
    ],
    [
      "neither Next nor End",
      (m) => delete m.States.Pause.Next,
      'State "Pause": must have exactly one of "Next" or "End": true',
    ],
    ["End false", (m) => (m.States.Pause.End = false), 'State "Pause": field "End" must be true when present'],
    [
      "a Next to nowhere",
      (m) => (m.States.Pause.Next = "Nowhere"),
      'State "Pause": field "Next" names no state "Nowhere"',
    ],
    [
      "a Default to nowhere",
      (m) => (m.States.Decide.Default = "Nowhere"),
      'State "Decide": field "Default" names no state "Nowhere"',
    ],
    ["a StartAt to nowhere", (m) => (m.StartAt = "Nowhere"), 'state machine: StartAt "Nowhere" names no state'],
    ["no States", (m) => (m.States = {}), 'state machine: field "States" must be an object with at least one state'],
    ["a state that is not an object", (m) => (m.States.Pause = "Wait"), 'State "Pause": must be a JSON object'],
    [
      "a numeric Condition",
      (m) => (m.States.Decide.Choices[0].Condition = 1),
      'State "Decide": field "Choices/0/Condition" must be a boolean or a JSONata string',
    ],
    [
      "a missing Condition",
      (m) => delete m.States.Decide.Choices[0].Condition,
      'State "Decide": field "Choices/0/Condition" is required',
    ],
    [
      "empty Choices",
      (m) => (m.States.Decide.Choices = []),
      'State "Decide": field "Choices" must be a non-empty array',
    ],
    [
      "both Seconds and Timestamp",
      (m) => (m.States.Pause.Timestamp = "2026-03-14T01:59:00Z"),
      'State "Pause": must have exactly one of "Seconds" or "Timestamp"',
    ],
    [
      "a Timestamp without a zone",
      (m) => (m.States.Pause = { Type: "Wait", Timestamp: "2026-03-14T01:59:00", Next: "Open" }),
      'State "Pause": field "Timestamp" must be an RFC 3339 timestamp',
    ],
    ["a non-string Error", (m) => (m.States.Rejected.Error = 5), 'State "Rejected": field "Error" must be a string'],
    // Structure, as asl-validator reports it.
    [
      "an unreachable state",
      (m) => (m.States.Orphan = { Type: "Succeed" }),
      "state machine: MISSING_TRANSITION_TARGET: State Orphan is not reachable",
    ],
  ])("%s", (_, edit, message) => {
    expect(rejection(variant(edit)).message).toContain(message);
  });

  it("reports every problem at once", () => {
    const error = rejection(
      variant((m) => {
        m.States.Open.InputPath = "$";
        m.States.Pause = { Type: "Map", Next: "Open" };
        m.States.Prepare.Output = "{% ( %}";
      }),
    );
    expect(error.problems).toHaveLength(3);
    expect(error.message).toBe(error.problems.join("; "));
  });
});
