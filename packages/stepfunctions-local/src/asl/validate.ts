/**
 * Parsing and validation of state machine definitions, as CreateStateMachine and
 * UpdateStateMachine need it: everything this endpoint cannot run faithfully is rejected
 * up front, with a message naming the state and the field, instead of failing mid-execution.
 */
import validator from "asl-validator";
import { compileExpression, describeJsonataError, isJsonataString, jsonataBody } from "./expressions.ts";
import { MAX_SECONDS, isIntegerInRange } from "./limits.ts";
import type { Definition, TaskResource } from "./types.ts";

/** A definition this endpoint rejects. `problems` lists every reason, one sentence each. */
export class InvalidDefinition extends Error {
  override name = "InvalidDefinition";
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(problems.join("; "));
    this.problems = problems;
  }
}

/** Task resources this endpoint runs: Lambda invoke, request-response or callback. */
export const SUPPORTED_RESOURCES: readonly TaskResource[] = [
  "arn:aws:states:::lambda:invoke",
  "arn:aws:states:::lambda:invoke.waitForTaskToken",
];

/**
 * Parses `text` as an ASL definition that uses JSONata throughout and contains only the
 * state types and resources this endpoint supports, and returns it typed.
 *
 * Throws {@link InvalidDefinition} listing every problem found: text that is not JSON, a
 * JSONPath machine or state, a JSONPath-only field, a Parallel or Map state, an
 * unsupported resource, a JSONata expression that does not compile, an out-of-range
 * number, a bad retrier or catcher, or a structural error reported by asl-validator
 * (unreachable state, missing transition target, and so on).
 */
export function parseDefinition(text: string): Definition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new InvalidDefinition([`state machine: definition is not valid JSON (${(error as Error).message})`]);
  }
  if (!isObject(parsed)) throw new InvalidDefinition(["state machine: definition must be a JSON object"]);

  // Checked alone and first: a JSONPath machine would otherwise drown this one message in
  // a complaint about every InputPath and Parameters it contains.
  if (parsed.QueryLanguage !== "JSONata") {
    throw new InvalidDefinition([
      parsed.QueryLanguage === undefined || parsed.QueryLanguage === "JSONPath"
        ? 'state machine: QueryLanguage must be "JSONata"; JSONPath is not supported by this local endpoint'
        : `state machine: QueryLanguage must be "JSONata", not ${JSON.stringify(parsed.QueryLanguage)}`,
    ]);
  }

  const problems: string[] = [];
  checkMachine(parsed, problems);
  if (problems.length > 0) throw new InvalidDefinition(problems);

  // asl-validator is left the structural checks (reachability, terminal states, transition
  // targets, Next/End, duplicate names). It sees a skeleton whose JSONata-bearing fields,
  // already checked above, are replaced by placeholders: its schema is stricter than AWS
  // there (it rejects an array or a literal string as Output, a boolean Condition, an empty
  // string in Arguments, a TimeoutSeconds of "{%x%}" without inner spaces), and its
  // reachability scan would mistake an Arguments key named "Next" for a transition.
  const result = validator(skeleton(parsed), { checkPaths: false, checkArn: false });
  if (!result.isValid) {
    throw new InvalidDefinition(
      result.errors.map((error) => `state machine: ${error["Error code"]}: ${error.Message}`),
    );
  }
  return parsed as unknown as Definition;
}

type Json = Record<string, unknown>;
type Problems = string[];

const SUPPORTED_TYPES = ["Task", "Choice", "Pass", "Wait", "Succeed", "Fail"] as const;
type SupportedType = (typeof SUPPORTED_TYPES)[number];

const MACHINE_FIELDS = new Set(["StartAt", "States", "QueryLanguage", "TimeoutSeconds", "Comment", "Version"]);

// The JSONata column of the specification's table of state types and fields.
const COMMON_FIELDS = ["Type", "Comment", "QueryLanguage"];
const STATE_FIELDS: Record<SupportedType, Set<string>> = {
  Task: new Set([
    ...COMMON_FIELDS,
    "Next",
    "End",
    "Output",
    "Assign",
    "Resource",
    "Arguments",
    "TimeoutSeconds",
    "HeartbeatSeconds",
    "Retry",
    "Catch",
  ]),
  Choice: new Set([...COMMON_FIELDS, "Choices", "Default", "Output", "Assign"]),
  Pass: new Set([...COMMON_FIELDS, "Next", "End", "Output", "Assign"]),
  Wait: new Set([...COMMON_FIELDS, "Next", "End", "Output", "Assign", "Seconds", "Timestamp"]),
  Succeed: new Set([...COMMON_FIELDS, "Output"]),
  Fail: new Set([...COMMON_FIELDS, "Error", "Cause"]),
};
const RETRIER_FIELDS = new Set([
  "ErrorEquals",
  "IntervalSeconds",
  "MaxAttempts",
  "BackoffRate",
  "MaxDelaySeconds",
  "JitterStrategy",
  "Comment",
]);
const CATCHER_FIELDS = new Set(["ErrorEquals", "Next", "Output", "Assign", "Comment"]);
const CHOICE_RULE_FIELDS = new Set(["Condition", "Next", "Output", "Assign", "Comment"]);

// What a JSONPath author should write instead, keyed by the JSONPath-only field.
const JSONPATH_FIELDS: Record<string, string> = {
  InputPath: 'JSONata states read their input as $states.input in "Arguments" or "Output"',
  Parameters: 'JSONata states use "Arguments" (Task) or "Output" (Pass)',
  ResultSelector: 'JSONata states shape their output with "Output", which can use $states.result',
  ResultPath: 'JSONata states shape their output with "Output", which can use $states.input and $states.result',
  OutputPath: 'JSONata states shape their output with "Output"',
  Result: 'JSONata Pass states use "Output"',
  SecondsPath: 'JSONata states use "Seconds" with an expression',
  TimestampPath: 'JSONata states use "Timestamp" with an expression',
  TimeoutSecondsPath: 'JSONata states use "TimeoutSeconds" with an expression',
  HeartbeatSecondsPath: 'JSONata states use "HeartbeatSeconds" with an expression',
  ErrorPath: 'JSONata states use "Error" with an expression',
  CausePath: 'JSONata states use "Cause" with an expression',
};
const JSONPATH_CHOICE_RULE =
  /^(Variable|And|Or|Not|IsNull|IsPresent|IsNumeric|IsString|IsBoolean|IsTimestamp|StringMatches|(String|Numeric|Timestamp|Boolean)(Equals|LessThan|GreaterThan|LessThanEquals|GreaterThanEquals)(Path)?)$/;

// A Unicode identifier (Unicode Standard Annex #31), which is what the specification
// requires of variable names.
const VARIABLE_NAME = /^\p{ID_Start}\p{ID_Continue}*$/u;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function checkMachine(machine: Json, problems: Problems): void {
  for (const key of Object.keys(machine)) {
    if (!MACHINE_FIELDS.has(key)) problems.push(`state machine: field "${key}" is not supported`);
  }
  if (machine.Comment !== undefined && typeof machine.Comment !== "string")
    problems.push('state machine: field "Comment" must be a string');
  if (machine.TimeoutSeconds !== undefined && !isIntegerInRange(machine.TimeoutSeconds, 1)) {
    problems.push(`state machine: field "TimeoutSeconds" must be an integer from 1 to ${MAX_SECONDS}`);
  }
  const states = machine.States;
  if (!isObject(states) || Object.keys(states).length === 0) {
    problems.push('state machine: field "States" must be an object with at least one state');
    return;
  }
  const names = new Set(Object.keys(states));
  if (typeof machine.StartAt !== "string") problems.push('state machine: field "StartAt" must be a state name');
  else if (!names.has(machine.StartAt)) problems.push(`state machine: StartAt "${machine.StartAt}" names no state`);
  for (const [name, state] of Object.entries(states)) checkState(name, state, names, problems);
}

function checkState(name: string, state: unknown, names: Set<string>, problems: Problems): void {
  const at = `State "${name}"`;
  if (name.length === 0 || [...name].length > 80) problems.push(`${at}: a state name must have 1 to 80 characters`);
  if (!isObject(state)) {
    problems.push(`${at}: must be a JSON object`);
    return;
  }
  const type = state.Type;
  if (type === "Parallel" || type === "Map") {
    problems.push(
      `${at}: state type "${type}" is not supported by this local endpoint; supported: ${SUPPORTED_TYPES.join(", ")}`,
    );
    return;
  }
  if (!SUPPORTED_TYPES.includes(type as SupportedType)) {
    problems.push(`${at}: field "Type" must be one of ${SUPPORTED_TYPES.join(", ")}, not ${JSON.stringify(type)}`);
    return;
  }
  if (state.QueryLanguage !== undefined && state.QueryLanguage !== "JSONata") {
    problems.push(`${at}: QueryLanguage must be "JSONata"; JSONPath is not supported by this local endpoint`);
  }
  const stateType = type as SupportedType;
  for (const key of Object.keys(state)) {
    const hint = JSONPATH_FIELDS[key];
    if (hint !== undefined) problems.push(`${at}: field "${key}" is not supported (${hint})`);
    else if (!STATE_FIELDS[stateType].has(key))
      problems.push(`${at}: field "${key}" is not allowed in a ${stateType} state`);
  }
  if (state.Comment !== undefined && typeof state.Comment !== "string")
    problems.push(`${at}: field "Comment" must be a string`);

  const check = new FieldChecker(at, names, problems);
  if (stateType === "Task" || stateType === "Pass" || stateType === "Wait") check.transition(state);
  if ("Output" in state) check.template(state.Output, "Output");
  if ("Assign" in state) check.assign(state.Assign, "Assign");

  switch (stateType) {
    case "Task":
      checkTask(state, check);
      break;
    case "Choice":
      checkChoice(state, check);
      break;
    case "Wait":
      checkWait(state, check);
      break;
    case "Fail":
      for (const field of ["Error", "Cause"]) {
        if (state[field] === undefined) continue;
        if (typeof state[field] !== "string") check.problem(field, "must be a string");
        else check.template(state[field], field);
      }
      break;
    case "Pass":
    case "Succeed":
      break;
  }
}

function checkTask(state: Json, check: FieldChecker): void {
  const resource = state.Resource;
  if (typeof resource !== "string" || !SUPPORTED_RESOURCES.includes(resource as TaskResource)) {
    check.problems.push(
      resource === undefined
        ? `${check.at}: field "Resource" is required`
        : `${check.at}: Resource ${JSON.stringify(resource)} is not supported; supported: ${SUPPORTED_RESOURCES.join(", ")}`,
    );
  }
  // The Lambda integration needs to know which function to call. An Arguments given as
  // one expression can only be checked when it runs.
  const args = state.Arguments;
  if (args === undefined || (isObject(args) && !("FunctionName" in args))) {
    check.problem("Arguments", 'must provide "FunctionName" for the Lambda invoke integration');
  } else if (!isObject(args) && !isJsonataString(args)) {
    check.problem("Arguments", "must be an object or a JSONata string");
  }
  if (args !== undefined) check.template(args, "Arguments");

  check.seconds(state.TimeoutSeconds, "TimeoutSeconds", 1);
  check.seconds(state.HeartbeatSeconds, "HeartbeatSeconds", 1);
  if (
    typeof state.HeartbeatSeconds === "number" &&
    typeof state.TimeoutSeconds === "number" &&
    state.HeartbeatSeconds >= state.TimeoutSeconds
  ) {
    check.problem(
      "HeartbeatSeconds",
      `(${state.HeartbeatSeconds}) must be smaller than "TimeoutSeconds" (${state.TimeoutSeconds})`,
    );
  }

  if (state.Retry !== undefined) {
    const retriers = check.handlers(state.Retry, "Retry");
    retriers.forEach((retrier, index) => checkRetrier(retrier, `Retry/${index}`, check));
  }
  if (state.Catch !== undefined) {
    const catchers = check.handlers(state.Catch, "Catch");
    catchers.forEach((catcher, index) => {
      const field = `Catch/${index}`;
      check.fields(catcher, field, CATCHER_FIELDS, {
        ResultPath: 'JSONata catchers shape their output with "Output", which can use $states.errorOutput',
      });
      check.target(catcher.Next, `${field}/Next`);
      if ("Output" in catcher) check.template(catcher.Output, `${field}/Output`);
      if ("Assign" in catcher) check.assign(catcher.Assign, `${field}/Assign`);
    });
  }
}

function checkRetrier(retrier: Json, field: string, check: FieldChecker): void {
  check.fields(retrier, field, RETRIER_FIELDS, {});
  const integer = (key: string, minimum: number) => {
    if (retrier[key] !== undefined && !isIntegerInRange(retrier[key], minimum)) {
      check.problem(`${field}/${key}`, `must be an integer from ${minimum} to ${MAX_SECONDS}`);
    }
  };
  integer("IntervalSeconds", 1);
  integer("MaxAttempts", 0);
  integer("MaxDelaySeconds", 1);
  const rate = retrier.BackoffRate;
  if (rate !== undefined && (typeof rate !== "number" || !Number.isFinite(rate) || rate < 1)) {
    check.problem(`${field}/BackoffRate`, "must be a number no smaller than 1.0");
  }
  const jitter = retrier.JitterStrategy;
  if (jitter !== undefined && jitter !== "FULL" && jitter !== "NONE")
    check.problem(`${field}/JitterStrategy`, 'must be "FULL" or "NONE"');
}

function checkChoice(state: Json, check: FieldChecker): void {
  if (state.Default !== undefined) check.target(state.Default, "Default");
  const choices = state.Choices;
  if (!Array.isArray(choices) || choices.length === 0) {
    check.problem("Choices", "must be a non-empty array of Choice rules");
    return;
  }
  choices.forEach((rule: unknown, index) => {
    const field = `Choices/${index}`;
    if (!isObject(rule)) {
      check.problem(field, "must be an object");
      return;
    }
    for (const key of Object.keys(rule)) {
      if (JSONPATH_CHOICE_RULE.test(key)) {
        check.problems.push(
          `${check.at}: field "${field}/${key}" is not supported (JSONata Choice rules use "Condition" with an expression)`,
        );
      } else if (!CHOICE_RULE_FIELDS.has(key)) {
        check.problem(`${field}/${key}`, "is not allowed in a Choice rule");
      }
    }
    check.target(rule.Next, `${field}/Next`);
    if (rule.Condition === undefined) check.problem(`${field}/Condition`, "is required");
    else if (typeof rule.Condition !== "boolean" && !isJsonataString(rule.Condition)) {
      check.problem(`${field}/Condition`, "must be a boolean or a JSONata string");
    } else check.template(rule.Condition, `${field}/Condition`);
    if ("Output" in rule) check.template(rule.Output, `${field}/Output`);
    if ("Assign" in rule) check.assign(rule.Assign, `${field}/Assign`);
  });
}

function checkWait(state: Json, check: FieldChecker): void {
  const hasSeconds = state.Seconds !== undefined;
  const hasTimestamp = state.Timestamp !== undefined;
  if (hasSeconds === hasTimestamp) {
    check.problems.push(`${check.at}: must have exactly one of "Seconds" or "Timestamp"`);
  }
  check.seconds(state.Seconds, "Seconds", 0);
  const timestamp = state.Timestamp;
  if (timestamp === undefined) return;
  if (isJsonataString(timestamp)) check.template(timestamp, "Timestamp");
  else if (typeof timestamp !== "string" || !RFC3339.test(timestamp) || Number.isNaN(Date.parse(timestamp))) {
    check.problem("Timestamp", 'must be an RFC 3339 timestamp such as "2016-03-14T01:59:00Z", or a JSONata string');
  }
}

/** Records problems for one state, prefixing each with the state and the field. */
class FieldChecker {
  readonly at: string;
  readonly names: Set<string>;
  readonly problems: Problems;

  constructor(at: string, names: Set<string>, problems: Problems) {
    this.at = at;
    this.names = names;
    this.problems = problems;
  }

  problem(field: string, message: string): void {
    this.problems.push(`${this.at}: field "${field}" ${message}`);
  }

  transition(state: Json): void {
    const hasNext = state.Next !== undefined;
    if (state.End !== undefined && state.End !== true) this.problem("End", "must be true when present");
    if (hasNext === (state.End === true))
      this.problems.push(`${this.at}: must have exactly one of "Next" or "End": true`);
    if (hasNext) this.target(state.Next, "Next");
  }

  target(next: unknown, field: string): void {
    if (typeof next !== "string") this.problem(field, "must be a state name");
    else if (!this.names.has(next)) this.problem(field, `names no state "${next}"`);
  }

  /** Compiles every JSONata string in `value`, at any depth. */
  template(value: unknown, field: string): void {
    if (typeof value === "string") {
      const expression = jsonataBody(value);
      if (expression === undefined) return;
      try {
        compileExpression(expression);
      } catch (error) {
        this.problem(field, `has an invalid JSONata expression '${expression}': ${describeJsonataError(error)}`);
      }
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => this.template(item, `${field}/${index}`));
    } else if (isObject(value)) {
      for (const [key, item] of Object.entries(value)) this.template(item, `${field}/${key}`);
    }
  }

  assign(value: unknown, field: string): void {
    if (!isObject(value)) {
      this.problem(field, "must be an object whose keys name variables");
      return;
    }
    for (const [name, item] of Object.entries(value)) {
      if (name === "states") this.problem(`${field}/${name}`, 'cannot be assigned: "states" is reserved');
      else if (!VARIABLE_NAME.test(name) || [...name].length > 80) {
        this.problem(
          `${field}/${name}`,
          "is not a valid variable name (a Unicode identifier of at most 80 characters)",
        );
      }
      this.template(item, `${field}/${name}`);
    }
  }

  /** TimeoutSeconds, HeartbeatSeconds and Seconds: an integer in range or a JSONata string. */
  seconds(value: unknown, field: string, minimum: number): void {
    if (value === undefined) return;
    if (isJsonataString(value)) this.template(value, field);
    else if (!isIntegerInRange(value, minimum))
      this.problem(field, `must be an integer from ${minimum} to ${MAX_SECONDS}, or a JSONata string`);
  }

  /** Retry and Catch: arrays of objects with a valid ErrorEquals. Returns the objects. */
  handlers(value: unknown, field: "Retry" | "Catch"): Json[] {
    const kind = field === "Retry" ? "retrier" : "catcher";
    if (!Array.isArray(value)) {
      this.problem(field, `must be an array of ${kind}s`);
      return [];
    }
    const handlers: Json[] = [];
    value.forEach((handler: unknown, index) => {
      if (!isObject(handler)) {
        this.problem(`${field}/${index}`, "must be an object");
        return;
      }
      handlers.push(handler);
      const errorEquals = handler.ErrorEquals;
      const where = `${field}/${index}/ErrorEquals`;
      if (
        !Array.isArray(errorEquals) ||
        errorEquals.length === 0 ||
        !errorEquals.every((name) => typeof name === "string")
      ) {
        this.problem(where, "must be a non-empty array of error names");
        return;
      }
      // The wildcard must stand alone and come last, or the handlers after it could never match.
      if (errorEquals.includes("States.ALL")) {
        if (errorEquals.length > 1) this.problem(where, 'must contain "States.ALL" alone');
        if (index !== value.length - 1) this.problem(where, `contains "States.ALL", so it must be in the last ${kind}`);
      }
    });
    return handlers;
  }

  fields(object: Json, field: string, allowed: Set<string>, jsonPathHints: Record<string, string>): void {
    for (const key of Object.keys(object)) {
      const hint = jsonPathHints[key];
      if (hint !== undefined) this.problems.push(`${this.at}: field "${field}/${key}" is not supported (${hint})`);
      else if (!allowed.has(key)) this.problem(`${field}/${key}`, "is not allowed here");
    }
  }
}

/**
 * The copy of `machine` given to asl-validator: fields validated above are swapped for
 * values its schema accepts, so that it judges structure only. structuredClone also keeps
 * its habit of writing QueryLanguage into every state away from the definition we return.
 */
function skeleton(machine: Json): Json {
  const copy = structuredClone(machine);
  const states = copy.States as Record<string, Json>;
  for (const state of Object.values(states)) {
    blank(state);
    for (const field of ["TimeoutSeconds", "HeartbeatSeconds", "Seconds"]) {
      if (isJsonataString(state[field])) state[field] = "{% 1 %}";
    }
    if (isJsonataString(state.Timestamp)) state.Timestamp = "{% 'T' %}";
    for (const field of ["Error", "Cause"]) if (state[field] !== undefined) state[field] = field;
    for (const rule of Array.isArray(state.Choices) ? (state.Choices as Json[]) : []) {
      blank(rule);
      rule.Condition = "{% true %}";
    }
    for (const catcher of Array.isArray(state.Catch) ? (state.Catch as Json[]) : []) blank(catcher);
  }
  return copy;
}

function blank(object: Json): void {
  if ("Output" in object) object.Output = "{% $states.input %}";
  if ("Arguments" in object) object.Arguments = "{% $states.input %}";
  if ("Assign" in object) object.Assign = {};
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
