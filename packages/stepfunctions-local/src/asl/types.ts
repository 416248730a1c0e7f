/**
 * Types for the subset of the Amazon States Language this endpoint runs: Standard
 * workflows whose every state uses `QueryLanguage: "JSONata"`, with Task (Lambda invoke,
 * optionally `.waitForTaskToken`), Choice, Pass, Wait, Succeed and Fail states.
 *
 * The shapes follow the JSONata column of the States Language specification rather than
 * the union of both query languages, so JSONPath-only fields do not exist here at all:
 * `parseDefinition` rejects them before a value of these types is ever produced.
 */

/** Any JSON text. Definitions and state data are JSON, so nothing else can appear. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * A string of the form `"{% <JSONata expression> %}"`. An alias rather than a branded
 * type, because definitions arrive as parsed JSON and a brand would only add casts.
 */
export type JsonataString = string;

/**
 * A JSON value in which any string, at any depth, may be a {@link JsonataString}.
 * Used by `Arguments` and `Output`; evaluation replaces each JSONata string with its result.
 */
export type Template = JsonValue;

/** `Assign`: each top-level key names a workflow variable; each value is a {@link Template}. */
export type Assign = { [variable: string]: Template };

/** The Task resources this endpoint can run. */
export type TaskResource = "arn:aws:states:::lambda:invoke" | "arn:aws:states:::lambda:invoke.waitForTaskToken";

/** A retry policy for errors matching `ErrorEquals`; see `retryDelayMs` for the arithmetic. */
export interface Retrier {
  ErrorEquals: string[];
  /** Seconds before the first retry; positive integer, default 1. */
  IntervalSeconds?: number;
  /** Retries allowed for this retrier; non-negative integer, default 3, 0 means never retry. */
  MaxAttempts?: number;
  /** Multiplier applied to the interval after each retry; at least 1.0, default 2.0. */
  BackoffRate?: number;
  /** Upper bound, in seconds, on any single retry interval; positive integer. */
  MaxDelaySeconds?: number;
  /** `FULL` waits a uniformly random time between 0 and the computed interval. Default `NONE`. */
  JitterStrategy?: "FULL" | "NONE";
  Comment?: string;
}

/** A fallback transition for errors matching `ErrorEquals`, taken once retries are exhausted. */
export interface Catcher {
  ErrorEquals: string[];
  Next: string;
  /** Replaces the default state output (the Error Output); may reference `$states.errorOutput`. */
  Output?: Template;
  /** Evaluated instead of the state's top-level `Assign`; may reference `$states.errorOutput`. */
  Assign?: Assign;
  Comment?: string;
}

/** One rule of a Choice state. The first rule whose `Condition` is true is chosen. */
export interface ChoiceRule {
  /** A boolean, or a JSONata string that must evaluate to a boolean. */
  Condition: boolean | JsonataString;
  Next: string;
  /** Replaces the state output (default: the state input) when this rule is chosen. */
  Output?: Template;
  /** Evaluated instead of the Choice state's top-level `Assign` when this rule is chosen. */
  Assign?: Assign;
  Comment?: string;
}

interface StateBase {
  Comment?: string;
  /** Inherited from the state machine when absent; always `"JSONata"` here. */
  QueryLanguage?: "JSONata";
}

/** Exactly one of `Next` or `End: true` is present (enforced by `parseDefinition`). */
interface Transition {
  Next?: string;
  End?: true;
}

/** Runs a Lambda function; its result becomes `$states.result`. */
export interface TaskState extends StateBase, Transition {
  Type: "Task";
  Resource: TaskResource;
  /** The task input; defaults to the state input. Cannot see `$states.result`. */
  Arguments?: Template;
  /** The state output; defaults to the task result. */
  Output?: Template;
  Assign?: Assign;
  /** Positive integer, or a JSONata string evaluating to one. */
  TimeoutSeconds?: number | JsonataString;
  /** Positive integer smaller than `TimeoutSeconds`, or a JSONata string evaluating to one. */
  HeartbeatSeconds?: number | JsonataString;
  Retry?: Retrier[];
  Catch?: Catcher[];
}

/** Branches on the first rule whose `Condition` holds, else `Default`. Never terminal. */
export interface ChoiceState extends StateBase {
  Type: "Choice";
  Choices: ChoiceRule[];
  Default?: string;
  /** Output when no rule is chosen; defaults to the state input. */
  Output?: Template;
  /** Evaluated only when no rule is chosen. */
  Assign?: Assign;
}

/** Produces `Output` (default: its input) and assigns variables, doing no work. */
export interface PassState extends StateBase, Transition {
  Type: "Pass";
  Output?: Template;
  Assign?: Assign;
}

interface WaitBase extends StateBase, Transition {
  Type: "Wait";
  Output?: Template;
  Assign?: Assign;
}

/**
 * Delays the execution. Exactly one of `Seconds` (a non-negative integer) or `Timestamp`
 * (an RFC 3339 time such as `2016-03-14T01:59:00Z`), either possibly given as a JSONata string.
 */
export type WaitState =
  | (WaitBase & { Seconds: number | JsonataString; Timestamp?: never })
  | (WaitBase & { Timestamp: string; Seconds?: never });

/** Ends the execution successfully. It cannot assign variables. */
export interface SucceedState extends StateBase {
  Type: "Succeed";
  /** Execution output; defaults to the state input. */
  Output?: Template;
}

/** Ends the execution as failed. It has neither `Output` nor `Assign`. */
export interface FailState extends StateBase {
  Type: "Fail";
  /** Error name; a string or a JSONata string that must evaluate to a string. */
  Error?: string;
  /** Human-readable cause; a string or a JSONata string that must evaluate to a string. */
  Cause?: string;
}

/** A state, discriminated on `Type`. */
export type State = TaskState | ChoiceState | PassState | WaitState | SucceedState | FailState;

/** The `Type` values this endpoint supports. */
export type StateType = State["Type"];

/** A validated state machine definition, as returned by `parseDefinition`. */
export interface Definition {
  StartAt: string;
  States: Record<string, State>;
  /** Always `"JSONata"` after `parseDefinition`; optional so hand-built fixtures stay short. */
  QueryLanguage?: "JSONata";
  /** Maximum run time of the whole execution, in seconds. */
  TimeoutSeconds?: number;
  Comment?: string;
  Version?: string;
}
