/**
 * Evaluation of JSONata templates: JSON values in which any string of the form
 * `"{% <expression> %}"`, at any depth, is replaced by the result of the expression.
 *
 * Semantics follow the States Language specification ("JSONata Concepts") and AWS's
 * "Transforming data with JSONata in Step Functions":
 * - there is no input document: data is reached only through variables, i.e.
 *   `$states.input`, `$states.result`, `$states.errorOutput`, `$states.context` and the
 *   workflow variables assigned by earlier states;
 * - any failure, including an expression that returns nothing, is the catchable error
 *   `States.QueryEvaluationError`;
 * - Step Functions adds `$partition`, `$range`, `$hash`, `$random`, `$uuid` and `$parse`,
 *   and withholds `$eval`.
 */
import { createHash, randomUUID } from "node:crypto";
import jsonata from "jsonata";
import { MAX_SECONDS, isIntegerInRange } from "./limits.ts";

/** What an expression can see: the reserved `$states` object and the workflow variables. */
export interface Scope {
  /** Bound as `$states`; holds `input`, `context` and, where AWS allows, `result` or `errorOutput`. */
  states: Record<string, unknown>;
  /** Workflow variables, each bound as `$<name>`, with their values on state entry. */
  variables: Record<string, unknown>;
}

/**
 * The error a state reports when a JSONata expression fails, returns nothing, or returns a
 * value its field cannot take. Its `name` is the error name Retry and Catch match on.
 */
export class QueryEvaluationError extends Error {
  override name = "States.QueryEvaluationError";
  /** Where in the state the failing value sits, e.g. `Arguments/Payload/id`, as AWS reports it. */
  readonly location: string | undefined;
  /** The failing expression's text, without the `{% %}` delimiters. */
  readonly expression: string | undefined;

  constructor(message: string, details: { location?: string; expression?: string; cause?: unknown } = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.location = details.location;
    this.expression = details.expression;
  }
}

// Only an exact match counts: AWS treats " {% x %}" (outer whitespace) as a literal string.
const JSONATA_STRING = /^\{%([\s\S]*)%\}$/;

/** Whether `value` is a JSONata string, i.e. starts with `{%` and ends with `%}`. */
export function isJsonataString(value: unknown): value is string {
  return typeof value === "string" && JSONATA_STRING.test(value);
}

/** The expression inside a JSONata string, trimmed; `undefined` for any other string. */
export function jsonataBody(value: string): string | undefined {
  return JSONATA_STRING.exec(value)?.[1]?.trim();
}

// Compiling parses the expression into an AST, which costs far more than evaluating it;
// the same few expressions run on every execution of a definition, so keep them. The
// bound only protects a long-lived server fed many distinct definitions.
const CACHE_LIMIT = 10_000;
const compiled = new Map<string, jsonata.Expression>();

// jsonata evaluation is a chain of promises that never yields to the event loop, so a
// runaway expression (an unbounded recursion, a huge $range) would stall every execution
// sharing the process. jsonata's guardrail checks this limit at each evaluation step.
const EVALUATION_TIMEOUT_MS = 10_000;

/**
 * The compiled form of `expression` (text without delimiters), from a cache keyed by text.
 * Throws jsonata's own error object (with `code`, `position`, `message`) when it does not
 * compile; see {@link describeJsonataError}.
 */
export function compileExpression(expression: string): jsonata.Expression {
  let result = compiled.get(expression);
  if (result === undefined) {
    result = jsonata(expression, { timeout: EVALUATION_TIMEOUT_MS });
    if (compiled.size >= CACHE_LIMIT) {
      const oldest = compiled.keys().next();
      if (!oldest.done) compiled.delete(oldest.value);
    }
    compiled.set(expression, result);
  }
  return result;
}

/** A one-line description of an error thrown by jsonata, which throws plain objects, not Errors. */
export function describeJsonataError(error: unknown): string {
  if (typeof error !== "object" || error === null) return String(error);
  const { code, message } = error as { code?: unknown; message?: unknown };
  const text = typeof message === "string" ? message : JSON.stringify(error);
  return typeof code === "string" ? `${code}: ${text}` : text;
}

/**
 * Evaluates `template`: objects and arrays are walked and copied, every JSONata string is
 * replaced by its expression's result, and every other value is returned as it is.
 *
 * `field` names the template's field (`Arguments`, `Output`, `Assign/total`…) and prefixes
 * the `location` of any error, which then reads like AWS's, e.g. `Arguments/Payload/id`.
 *
 * Throws {@link QueryEvaluationError} when an expression fails or returns nothing. That
 * holds inside objects and arrays too: AWS fails `"Arguments": {"id": "{% $states.input.missing %}"}`
 * with "returned nothing (undefined)" at location `Arguments/id` rather than dropping the
 * key. Only inside a JSONata expression, such as `"{% {'id': $missing} %}"`, does an
 * undefined value disappear, because that is JSONata's own object-constructor rule.
 */
export async function evaluate(template: unknown, scope: Scope, field?: string): Promise<unknown> {
  return walk(template, bindingsFor(scope), field ?? "");
}

/**
 * Evaluates `TimeoutSeconds`, `HeartbeatSeconds` or `Seconds` (a number or a JSONata
 * string) and returns it if it is an integer in range, else throws
 * {@link QueryEvaluationError}. The timeouts must be positive; a Wait state's `Seconds`
 * may be 0 (the specification calls it non-negative), which is the default for that field
 * name and can be asked for with `allowZero`. All are capped at 99,999,999, AWS's maximum.
 */
export async function evaluateNumber(
  template: unknown,
  scope: Scope,
  field: string,
  options: { allowZero?: boolean } = {},
): Promise<number> {
  const minimum = (options.allowZero ?? field === "Seconds") ? 0 : 1;
  const value = await evaluate(template, scope, field);
  if (isIntegerInRange(value, minimum)) return value;
  const expected = `${minimum === 0 ? "a non-negative" : "a positive"} integer no greater than ${MAX_SECONDS}`;
  throw unexpectedResult(template, field, expected, value);
}

/**
 * Evaluates a Choice rule's `Condition`, which is a boolean or a JSONata string, and
 * returns the boolean. Any other result (AWS does not coerce truthiness) throws
 * {@link QueryEvaluationError}.
 */
export async function evaluateCondition(condition: unknown, scope: Scope, field = "Condition"): Promise<boolean> {
  const value = await evaluate(condition, scope, field);
  if (typeof value === "boolean") return value;
  throw unexpectedResult(condition, field, "a boolean", value);
}

/**
 * Evaluates a field that must yield a string, such as a Fail state's `Error` and `Cause`.
 * A plain string is returned as it is; anything else throws {@link QueryEvaluationError}.
 */
export async function evaluateString(template: unknown, scope: Scope, field: string): Promise<string> {
  const value = await evaluate(template, scope, field);
  if (typeof value === "string") return value;
  throw unexpectedResult(template, field, "a string", value);
}

type Bindings = Record<string, unknown>;

async function walk(node: unknown, bindings: Bindings, location: string): Promise<unknown> {
  if (typeof node === "string") {
    const expression = jsonataBody(node);
    return expression === undefined ? node : run(expression, bindings, location);
  }
  if (Array.isArray(node)) {
    const out: unknown[] = [];
    // Sequential on purpose: the first failure in document order is the one reported.
    for (const [index, item] of node.entries()) out.push(await walk(item, bindings, join(location, String(index))));
    return out;
  }
  if (isObject(node)) {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) setOwn(out, key, await walk(value, bindings, join(location, key)));
    return out;
  }
  return node;
}

async function run(expression: string, bindings: Bindings, location: string): Promise<unknown> {
  const where = location === "" ? "" : ` specified for the field '${location}'`;
  let value: unknown;
  try {
    value = await compileExpression(expression).evaluate(undefined, bindings);
  } catch (error) {
    throw new QueryEvaluationError(
      `The JSONata expression '${expression}'${where} threw an error during evaluation. ${describeJsonataError(error)}`,
      { location, expression, cause: error },
    );
  }
  if (value === undefined) {
    throw new QueryEvaluationError(`The JSONata expression '${expression}'${where} returned nothing (undefined).`, {
      location,
      expression,
    });
  }
  const json = toJson(value);
  if (json === NOT_JSON) {
    throw new QueryEvaluationError(
      `The JSONata expression '${expression}'${where} returned a function or a non-finite number, which JSON cannot represent.`,
      { location, expression },
    );
  }
  return json;
}

const NOT_JSON = Symbol("not JSON");

/**
 * A plain-JSON copy of a jsonata result. jsonata returns objects without a prototype,
 * arrays tagged as "sequences", and function objects for lambdas; none of those should
 * leak into state data, and a copy also stops results aliasing `$states.input`.
 * Undefined members vanish, as they would in JSON.stringify.
 */
function toJson(value: unknown): unknown {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : NOT_JSON;
  if (typeof value === "function") return NOT_JSON;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const item of value) {
      if (item === undefined) continue;
      const json = toJson(item);
      if (json === NOT_JSON) return NOT_JSON;
      out.push(json);
    }
    return out;
  }
  if (isObject(value)) {
    if ("_jsonata_lambda" in value || "_jsonata_function" in value) return NOT_JSON;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined) continue;
      const json = toJson(item);
      if (json === NOT_JSON) return NOT_JSON;
      setOwn(out, key, json);
    }
    return out;
  }
  return NOT_JSON;
}

function unexpectedResult(template: unknown, field: string, expected: string, value: unknown): QueryEvaluationError {
  const expression = typeof template === "string" ? jsonataBody(template) : undefined;
  const actual = `${value === null ? "null" : Array.isArray(value) ? "array" : typeof value} ${JSON.stringify(value)}`;
  const subject = expression === undefined ? `The value` : `The JSONata expression '${expression}'`;
  return new QueryEvaluationError(
    `${subject} specified for the field '${field}' returned an unexpected result: expected ${expected}, but was ${actual}.`,
    { location: field, expression },
  );
}

function bindingsFor(scope: Scope): Bindings {
  // `states` is bound last because the specification reserves it: no variable may shadow it.
  return { ...STEP_FUNCTIONS_FUNCTIONS, ...scope.variables, states: scope.states };
}

function join(location: string, key: string): string {
  return location === "" ? key : `${location}/${key}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// JSON.parse turns `"__proto__"` into an ordinary key; plain assignment would instead
// replace the copy's prototype, silently dropping the key from the data.
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Thrown from the JSONata functions below; jsonata passes it through to `run`. */
function fail(message: string): never {
  throw new Error(message);
}

const HASH_ALGORITHMS: Record<string, string> = {
  MD5: "md5",
  "SHA-1": "sha1",
  "SHA-256": "sha256",
  "SHA-384": "sha384",
  "SHA-512": "sha512",
};

/**
 * The functions Step Functions adds to JSONata (replacing the JSONPath intrinsics
 * States.ArrayPartition, States.ArrayRange, States.Hash, States.MathRandom, States.UUID
 * and States.StringToJson), and `$eval`, which it removes in favour of `$parse`.
 */
const STEP_FUNCTIONS_FUNCTIONS: Bindings = {
  partition(array: unknown, size: unknown): unknown[][] {
    if (!Array.isArray(array)) fail("$partition: the first argument must be an array");
    if (typeof size !== "number" || !Number.isInteger(size) || size < 1)
      fail("$partition: the chunk size must be a positive integer");
    const chunks: unknown[][] = [];
    for (let start = 0; start < array.length; start += size) chunks.push(array.slice(start, start + size));
    return chunks;
  },
  range(start: unknown, end: unknown, step: unknown = 1): number[] {
    if (typeof start !== "number" || typeof end !== "number" || typeof step !== "number")
      fail("$range: arguments must be numbers");
    if (step === 0) fail("$range: the step must not be 0");
    const values: number[] = [];
    // The end is inclusive, as with States.ArrayRange: $range(0, 10, 2) ends with 10.
    for (let value = start; step > 0 ? value <= end : value >= end; value += step) {
      values.push(value);
      if (values.length > 1000) fail("$range: the result would have more than 1000 items");
    }
    return values;
  },
  hash(data: unknown, algorithm: unknown): string {
    if (typeof data !== "string") fail("$hash: the data must be a string");
    const name = typeof algorithm === "string" ? HASH_ALGORITHMS[algorithm] : undefined;
    if (name === undefined) fail(`$hash: the algorithm must be one of ${Object.keys(HASH_ALGORITHMS).join(", ")}`);
    return createHash(name).update(data).digest("hex");
  },
  random(seed?: unknown): number {
    if (seed === undefined) return Math.random();
    if (typeof seed !== "number" || !Number.isInteger(seed)) fail("$random: the seed must be an integer");
    return seededRandom(seed);
  },
  uuid(): string {
    return randomUUID();
  },
  parse(text: unknown): unknown {
    if (typeof text !== "string") fail("$parse: the argument must be a string");
    try {
      return JSON.parse(text);
    } catch (error) {
      return fail(`$parse: ${(error as Error).message}`);
    }
  },
  eval(): never {
    return fail("$eval is not available in Step Functions; use $parse to read a JSON string");
  },
};

/**
 * A deterministic number in [0, 1) for `seed` (one round of the mulberry32 generator).
 * Same seed, same number, which is what AWS promises; the numbers themselves will not
 * match AWS's, whose generator is unpublished.
 */
function seededRandom(seed: number): number {
  let t = (seed + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
