import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  QueryEvaluationError,
  type Scope,
  evaluate,
  evaluateCondition,
  evaluateNumber,
  evaluateString,
  isJsonataString,
  jsonataBody,
} from "./expressions.ts";

const scope: Scope = {
  states: {
    input: {
      customer: { name: "Siti", age: 34 },
      items: [{ price: 2 }, { price: 3 }],
      deadline: 3600,
      tags: ["a", "b"],
    },
    context: {
      Execution: { Id: "arn:aws:states:local:000000000000:execution:m:e1", Input: { x: 1 } },
      State: { Name: "S" },
    },
    result: { Payload: { ok: true } },
  },
  variables: { region: "64.08", count: 2, nested: { deep: [1, 2, 3] }, flag: false },
};

async function caught(promise: Promise<unknown>): Promise<QueryEvaluationError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(QueryEvaluationError);
  return error as QueryEvaluationError;
}

describe("isJsonataString and jsonataBody", () => {
  it.each([
    ["{% $x %}", true, "$x"],
    ["{%$x%}", true, "$x"],
    ["{%\n  $x + 1\n%}", true, "$x + 1"],
    [" {% $x %}", false, undefined],
    ["{% $x %} ", false, undefined],
    ["{% $x", false, undefined],
    ["$states.input", false, undefined],
    ["plain", false, undefined],
  ])("%j is a JSONata string: %s", (text, expected, body) => {
    expect(isJsonataString(text)).toBe(expected);
    expect(jsonataBody(text)).toBe(body);
  });

  it.each([[1], [null], [{}], [["{% $x %}"]]])("%j is not a string at all", (value) => {
    expect(isJsonataString(value)).toBe(false);
  });
});

describe("evaluate", () => {
  it.each<[string, unknown, unknown]>([
    ["$states.input", "{% $states.input.customer.name %}", "Siti"],
    ["$states.context", "{% $states.context.Execution.Id %}", "arn:aws:states:local:000000000000:execution:m:e1"],
    ["$states.result", "{% $states.result.Payload.ok %}", true],
    ["a workflow variable", "{% $region %}", "64.08"],
    ["a nested variable", "{% $nested.deep[1] %}", 2],
    ["a false variable", "{% $flag %}", false],
    ["arithmetic on input and variables", "{% $sum($states.input.items.price) * $count %}", 10],
    ["whitespace inside the delimiters", "{%   $count   %}", 2],
    ["a null result", "{% null %}", null],
    ["a constructed object", "{% {'n': $count, 'who': $states.input.customer.name} %}", { n: 2, who: "Siti" }],
    ["undefined inside a constructor is dropped", "{% {'n': $count, 'gone': $missing} %}", { n: 2 }],
    ["a mapped array is a plain array", "{% $states.input.items.(price * 2) %}", [4, 6]],
    ["a plain string", "$states.input.customer.name", "$states.input.customer.name"],
    ["outer whitespace makes it literal", " {% $count %}", " {% $count %}"],
    ["a number", 42, 42],
    ["a boolean", true, true],
    ["null", null, null],
    ["an empty string", "", ""],
    [
      "a nested template",
      {
        who: "{% $states.input.customer.name %}",
        literal: "x",
        deeper: { n: "{% $count %}", flags: [true, "{% $flag %}"] },
      },
      { who: "Siti", literal: "x", deeper: { n: 2, flags: [true, false] } },
    ],
    ["an array template", [1, "{% $count + 1 %}", "three", ["{% $region %}"]], [1, 3, "three", ["64.08"]]],
  ])("evaluates %s", async (_, template, expected) => {
    expect(await evaluate(template, scope)).toStrictEqual(expected);
  });

  it("has no input document: a top-level $ is undefined, hence an error", async () => {
    const error = await caught(evaluate("{% $ %}", scope, "Output"));
    expect(error.message).toContain("returned nothing (undefined)");
  });

  it("does not let a variable named states shadow $states", async () => {
    const shadowing = { states: scope.states, variables: { states: { input: "shadow" } } };
    expect(await evaluate("{% $states.input.customer.name %}", shadowing)).toBe("Siti");
  });

  it("returns copies, never references into the scope or the template", async () => {
    const template = { fixed: { a: 1 }, input: "{% $states.input.customer %}" };
    const result = (await evaluate(template, scope)) as { fixed: unknown; input: unknown };
    expect(result.fixed).not.toBe(template.fixed);
    expect(result.input).toStrictEqual({ name: "Siti", age: 34 });
    expect(result.input).not.toBe((scope.states.input as { customer: unknown }).customer);
  });

  it("keeps a __proto__ key as data", async () => {
    const template = JSON.parse('{"__proto__": {"polluted": "{% $count %}"}}') as unknown;
    const result = (await evaluate(template, scope)) as Record<string, unknown>;
    expect(Object.keys(result)).toStrictEqual(["__proto__"]);
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(result, "__proto__")?.value).toStrictEqual({ polluted: 2 });
  });

  it.each<[string, unknown, string | undefined, string, string]>([
    [
      "undefined at the top of a field",
      "{% $states.input.missing %}",
      "Output",
      "Output",
      "returned nothing (undefined)",
    ],
    [
      "undefined inside an object",
      { a: 1, b: "{% $missing %}" },
      "Arguments",
      "Arguments/b",
      "returned nothing (undefined)",
    ],
    [
      "undefined deep inside arrays",
      { list: [1, ["{% $nope %}"]] },
      "Arguments",
      "Arguments/list/1/0",
      "returned nothing",
    ],
    ["a type error", "{% $region + 1 %}", "Output", "Output", "T2001"],
    ["an explicit $error", "{% $error('no luck') %}", "Assign/x", "Assign/x", "D3137: no luck"],
    ["an expression that does not compile", "{% $sum( %}", "Output", "Output", "threw an error during evaluation"],
    ["a function result", "{% function($x) { $x } %}", "Output", "Output", "which JSON cannot represent"],
    ["a function inside the result", "{% {'f': $uppercase} %}", "Output", "Output", "which JSON cannot represent"],
    ["no field given", "{% $missing %}", undefined, "", "The JSONata expression '$missing' returned nothing"],
    ["$eval, which Step Functions withholds", "{% $eval('1') %}", "Output", "Output", "$eval is not available"],
  ])("raises States.QueryEvaluationError for %s", async (_, template, field, location, fragment) => {
    const error = await caught(evaluate(template, scope, field));
    expect(error.name).toBe("States.QueryEvaluationError");
    expect(error.location).toBe(location);
    expect(error.message).toContain(fragment);
    expect(error.message).toContain(`'${error.expression}'`);
  });

  it("reports the failing expression and field as AWS words it", async () => {
    const error = await caught(
      evaluate({ Input: { pushLocation: "{% $states.input.pushLocation %}" } }, scope, "Arguments"),
    );
    expect(error.message).toBe(
      "The JSONata expression '$states.input.pushLocation' specified for the field 'Arguments/Input/pushLocation' returned nothing (undefined).",
    );
    expect(error.expression).toBe("$states.input.pushLocation");
  });
});

describe("Step Functions' JSONata functions", () => {
  it.each<[string, string, unknown]>([
    ["$partition", "{% $partition([1, 2, 3, 4, 5, 6, 7], 3) %}", [[1, 2, 3], [4, 5, 6], [7]]],
    ["$range with a step", "{% $range(0, 10, 2) %}", [0, 2, 4, 6, 8, 10]],
    ["$range downwards", "{% $range(3, 1, -1) %}", [3, 2, 1]],
    ["$hash", "{% $hash('hello', 'SHA-256') %}", createHash("sha256").update("hello").digest("hex")],
    ["$hash MD5", "{% $hash('hello', 'MD5') %}", createHash("md5").update("hello").digest("hex")],
    ["$parse", `{% $parse('{"a": [1, 2]}') %}`, { a: [1, 2] }],
    ["a seeded $random is repeatable", "{% $random(7) = $random(7) %}", true],
    ["a seeded $random is in [0, 1)", "{% $random(7) >= 0 and $random(7) < 1 %}", true],
    ["an unseeded $random is in [0, 1)", "{% ($r := $random(); $r >= 0 and $r < 1) %}", true],
    [
      "$uuid is a version 4 UUID",
      "{% $contains($uuid(), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/) %}",
      true,
    ],
  ])("%s", async (_, template, expected) => {
    expect(await evaluate(template, scope)).toStrictEqual(expected);
  });

  it.each([
    ["{% $partition('abc', 2) %}", "$partition"],
    ["{% $range(0, 5, 0) %}", "step must not be 0"],
    ["{% $range(0, 5000) %}", "more than 1000"],
    ["{% $hash('x', 'SHA-3') %}", "algorithm must be one of"],
    ["{% $parse('{nope') %}", "$parse"],
  ])("%s fails as States.QueryEvaluationError", async (template, fragment) => {
    const error = await caught(evaluate(template, scope, "Output"));
    expect(error.message).toContain(fragment);
  });
});

describe("evaluateNumber", () => {
  it.each<[unknown, string, number]>([
    [30, "TimeoutSeconds", 30],
    ["{% $states.input.deadline %}", "TimeoutSeconds", 3600],
    ["{% $count * 5 %}", "HeartbeatSeconds", 10],
    [0, "Seconds", 0],
    ["{% $count - 2 %}", "Seconds", 0],
    [99_999_999, "TimeoutSeconds", 99_999_999],
  ])("%j for %s is %s", async (template, field, expected) => {
    expect(await evaluateNumber(template, scope, field)).toBe(expected);
  });

  it("accepts zero for any field when asked to", async () => {
    expect(await evaluateNumber(0, scope, "Delay", { allowZero: true })).toBe(0);
  });

  it.each<[unknown, string]>([
    ["{% $region %}", "TimeoutSeconds"],
    ["{% 1.5 %}", "TimeoutSeconds"],
    ["{% 0 %}", "TimeoutSeconds"],
    [0, "HeartbeatSeconds"],
    ["{% -1 %}", "Seconds"],
    ["{% 100000000 %}", "Seconds"],
    ["{% $nested %}", "HeartbeatSeconds"],
    ["60", "TimeoutSeconds"],
  ])("rejects %j for %s", async (template, field) => {
    const error = await caught(evaluateNumber(template, scope, field));
    expect(error.location).toBe(field);
    expect(error.message).toContain("integer");
  });

  it("passes evaluation errors through", async () => {
    const error = await caught(evaluateNumber("{% $missing %}", scope, "TimeoutSeconds"));
    expect(error.message).toContain("returned nothing");
  });
});

describe("evaluateCondition", () => {
  it.each<[unknown, boolean]>([
    ["{% $states.input.customer.age >= 18 %}", true],
    ["{% $count > 5 %}", false],
    ["{% $flag %}", false],
    [true, true],
    [false, false],
  ])("%j is %s", async (condition, expected) => {
    expect(await evaluateCondition(condition, scope)).toBe(expected);
  });

  it.each([["{% $count %}"], ["{% $region %}"], ["{% null %}"], ["true"], [1]])(
    "rejects the non-boolean %j",
    async (condition) => {
      const error = await caught(evaluateCondition(condition, scope, "Choices/0/Condition"));
      expect(error.location).toBe("Choices/0/Condition");
      expect(error.message).toContain("expected a boolean");
    },
  );
});

describe("evaluateString", () => {
  it.each<[unknown, string]>([
    ["Order.Rejected", "Order.Rejected"],
    ["{% 'Rejected: ' & $region %}", "Rejected: 64.08"],
  ])("%j is %j", async (template, expected) => {
    expect(await evaluateString(template, scope, "Cause")).toBe(expected);
  });

  it.each([["{% $count %}"], ["{% $nested %}"]])("rejects the non-string %j", async (template) => {
    const error = await caught(evaluateString(template, scope, "Error"));
    expect(error.message).toContain("expected a string");
  });
});
