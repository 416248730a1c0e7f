import { describe, expect, it } from "vitest";
import { errorMatches, findHandler } from "./errors.ts";

describe("errorMatches", () => {
  it.each([
    // States.ALL: everything but the two errors AWS says it cannot catch.
    [["States.ALL"], "Lambda.Unknown", true],
    [["States.ALL"], "States.Timeout", true],
    [["States.ALL"], "States.HeartbeatTimeout", true],
    [["States.ALL"], "States.QueryEvaluationError", true],
    [["States.ALL"], "States.DataLimitExceeded", false],
    [["States.ALL"], "States.Runtime", false],
    // States.TaskFailed: a wildcard for any error except timeouts.
    [["States.TaskFailed"], "Error", true],
    [["States.TaskFailed"], "Lambda.ServiceException", true],
    [["States.TaskFailed"], "States.TaskFailed", true],
    [["States.TaskFailed"], "States.Permissions", true],
    [["States.TaskFailed"], "States.QueryEvaluationError", true],
    [["States.TaskFailed"], "States.Timeout", false],
    [["States.TaskFailed"], "States.HeartbeatTimeout", false],
    [["States.TaskFailed"], "States.DataLimitExceeded", false],
    [["States.TaskFailed"], "States.Runtime", false],
    // States.Timeout covers heartbeat timeouts; the narrower name does not cover the wider.
    [["States.Timeout"], "States.Timeout", true],
    [["States.Timeout"], "States.HeartbeatTimeout", true],
    [["States.HeartbeatTimeout"], "States.HeartbeatTimeout", true],
    [["States.HeartbeatTimeout"], "States.Timeout", false],
    [["States.Timeout"], "States.TaskFailed", false],
    // Named explicitly, DataLimitExceeded is catchable; Runtime never is.
    [["States.DataLimitExceeded"], "States.DataLimitExceeded", true],
    [["States.Runtime"], "States.Runtime", false],
    // Everything else is exact, case-sensitive equality, against any listed name.
    [["OrderRejected"], "OrderRejected", true],
    [["OrderRejected"], "orderrejected", false],
    [["OrderRejected"], "OrderRejectedAgain", false],
    [["A", "B", "C"], "C", true],
    [["A", "B", "C"], "D", false],
    [[], "A", false],
  ])("%j matches %s: %s", (errorEquals, error, expected) => {
    expect(errorMatches(errorEquals, error)).toBe(expected);
  });
});

describe("findHandler", () => {
  const retriers = [
    { ErrorEquals: ["Lambda.TooManyRequestsException"], MaxAttempts: 5 },
    { ErrorEquals: ["States.Timeout"], MaxAttempts: 0 },
    { ErrorEquals: ["States.TaskFailed"] },
    { ErrorEquals: ["States.ALL"] },
  ];

  it.each([
    ["Lambda.TooManyRequestsException", 0],
    ["States.HeartbeatTimeout", 1],
    ["Error", 2],
    ["States.QueryEvaluationError", 2],
    ["States.DataLimitExceeded", undefined],
    ["States.Runtime", undefined],
  ])("%s is handled by index %s (the first match wins)", (error, index) => {
    const found = findHandler(retriers, error);
    expect(found?.index).toBe(index);
    expect(found?.handler).toBe(index === undefined ? undefined : retriers[index]);
  });

  it.each([[undefined], [[]]])("finds nothing in %j", (handlers) => {
    expect(findHandler(handlers, "Error")).toBeUndefined();
  });
});
