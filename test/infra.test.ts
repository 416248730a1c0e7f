import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { auditTableDefinition, tableDefinition } from "../packages/core/src/store/table.ts";
import { NODEJS } from "../infra/build.ts";
import { API_THROTTLE, OPEN_EXECUTIONS_QUOTA } from "../infra/limits.ts";
import { ensurePlatform } from "../infra/synth/install.ts";
import {
  type Synth,
  allows,
  auditTampering,
  definitionDrift,
  definitionShape,
  functionRuntimes,
  named,
  ofType,
  roleStatements,
  tableShape,
  wildcardGrants,
  zipEntries,
} from "../infra/synth/checks.ts";
import { arnPlaceholder, fillDefinition } from "../infra/workflow/definition.ts";
import { TASK_FUNCTIONS } from "../packages/core/src/chain-tasks.ts";

// The whole SST program, synthesised offline for the production stage (infra/synth/synth.ts), then checked.
let synth: Synth;
const TABLE = "aws:dynamodb/table:Table";
const FUNCTION = "aws:lambda/function:Function";

beforeAll(async () => {
  ensurePlatform();
  const out = join(mkdtempSync(join(tmpdir(), "rujuk-synth-")), "production.json");
  await promisify(execFile)(process.execPath, ["infra/synth/synth.ts", "--stage", "production", "--out", out]);
  synth = JSON.parse(readFileSync(out, "utf8")) as Synth;
}, 240_000);

const arnOf = (type: string, name: string) => {
  const arn = named(synth, type, name).inputs.arn;
  return typeof arn === "string" ? arn : arnFromName(type, name);
};
// The mocks answer ARNs as outputs; the record keeps inputs, so look the ARN up from where the program used it.
function arnFromName(type: string, name: string): string {
  const physical = String(named(synth, type, name).inputs.name);
  const service = { [TABLE]: "dynamodb", [FUNCTION]: "lambda" }[type];
  const kind = type === TABLE ? `table/${physical}` : `function:${physical}`;
  return `arn:aws:${service}:ap-southeast-3:123456789012:${kind}`;
}
const apiRole = () => [...roleStatements(synth).keys()].find((name) => name.startsWith("ApiRoute"))!;
const guarded = () => ({
  tables: [arnOf(TABLE, "TableTable"), arnOf(TABLE, "AuditTableTable")],
  stateMachine: String(synth.outputs.stateMachine),
});

describe("the synthesised infrastructure", () => {
  it("runs every function on nodejs24.x for arm64, bundled with the region data beside it", () => {
    const functions = ofType(synth, FUNCTION);
    const names = functions.map((f) => f.name);
    expect(names).toHaveLength(6);
    for (const prefix of ["ApiRoute", ...TASK_FUNCTIONS, "ReconcileHandler"]) {
      expect(names.filter((n) => n.startsWith(prefix))).toHaveLength(1);
    }
    expect(functionRuntimes(synth)).toEqual([]);
    for (const fn of functions) {
      const env = (fn.inputs.environment as { variables: Record<string, string> }).variables;
      expect(env).toMatchObject({ RUJUK_REGION_DATA: "regions", RUJUK_STATE_MACHINE_ARN: synth.outputs.stateMachine });
      expect(env.RUJUK_TABLE).toBe(named(synth, TABLE, "TableTable").inputs.name);
    }
  });

  it("packages each function as SST zips it: the bundle and the region data with its licence, no source map, no duplicate", () => {
    for (const fn of ofType(synth, FUNCTION)) {
      const zip = join(".sst/artifacts", fn.name.replace(/Function$/, ""), "code.zip");
      const entries = zipEntries(readFileSync(zip));
      const files = entries.map((e) => e.name).filter((name) => !name.endsWith("/"));
      expect(files).toContain("bundle.mjs");
      // Split as infra/build.ts says: the entry and its chunks.
      expect(files.filter((name) => name.endsWith(".mjs")).length > 1).toBe(NODEJS.splitting);
      for (const area of ["provinces", "regencies", "districts", "villages"])
        expect(files).toContain(`regions/${area}.csv`);
      expect(files).toContain("regions/LICENSE.md");
      expect(files.filter((name) => name.endsWith(".map"))).toEqual([]);
      expect(new Set(files).size).toBe(files.length);
    }
  });

  it("grants no wildcard action, and no wildcard resource on the tables or the state machine", () => {
    expect(wildcardGrants(synth, guarded())).toEqual([]);
  });

  it("lets the API put and read audit events, never update or delete them", () => {
    expect(auditTampering(synth, apiRole(), arnOf(TABLE, "AuditTableTable"))).toEqual([]);
  });

  it("lets the API start and answer executions of this state machine only", () => {
    const states = roleStatements(synth)
      .get(apiRole())!
      .filter((s) => [s.Action].flat().some((a) => a.startsWith("states:")));
    expect(states).toEqual([
      expect.objectContaining({
        Effect: "Allow",
        Action: expect.arrayContaining(["states:StartExecution", "states:SendTaskSuccess"]),
        Resource: [synth.outputs.stateMachine],
      }),
    ]);
  });

  it("lets the task functions answer this state machine's tasks, and never start an execution", () => {
    const machine = String(synth.outputs.stateMachine);
    const roles = roleStatements(synth);
    for (const fn of TASK_FUNCTIONS) {
      const statements = roles.get(`${fn}Role`)!;
      expect([fn, allows(statements, "states:SendTaskSuccess", machine)]).toEqual([fn, true]);
      expect([fn, allows(statements, "states:StartExecution", machine)]).toEqual([fn, false]);
      expect([fn, allows(statements, "states:SendTaskSuccess", `${machine}-other`)]).toEqual([fn, false]);
    }
  });

  it("lets only the task functions send email, and only from the app's own address", () => {
    const roles = roleStatements(synth);
    const identity = "arn:aws:ses:ap-southeast-3:123456789012:identity/dinsos.example.go.id";
    for (const [role, statements] of roles) {
      const sends = allows(statements, "ses:SendEmail", identity);
      expect([role, sends]).toEqual([role, TASK_FUNCTIONS.some((fn) => role === `${fn}Role`)]);
    }
    const send = roles.get("OpenApprovalRole")!.find((s) => [s.Action].flat().includes("ses:SendEmail"))!;
    expect(send.Condition).toEqual({ StringEquals: { "ses:FromAddress": ["rujuk@dinsos.example.go.id"] } });
    const api = ofType(synth, FUNCTION).find((fn) => fn.name.startsWith("ApiRoute"))!;
    expect((api.inputs.environment as { variables: Record<string, string> }).variables).not.toHaveProperty(
      "RUJUK_EMAIL_FROM",
    );
  });

  it("deploys the committed approval chain with the four task functions' ARNs, and may invoke only those", () => {
    const machine = named(synth, "aws:sfn/stateMachine:StateMachine", "ApprovalChain");
    const arns = Object.fromEntries(TASK_FUNCTIONS.map((fn) => [fn, arnFromName(FUNCTION, `${fn}Function`)]));
    const expected = fillDefinition(readFileSync("infra/generated/approval-chain.asl.json", "utf8"), {
      "AWS::Partition": "aws",
      ...Object.fromEntries(TASK_FUNCTIONS.map((fn) => [arnPlaceholder(fn), arns[fn]!])),
    });
    expect(definitionDrift(String(machine.inputs.definition), expected)).toEqual([]);
    expect(machine.inputs.loggingConfiguration).toMatchObject({ level: "ERROR", includeExecutionData: false });
    const invoke = roleStatements(synth)
      .get("ApprovalChainRole")!
      .filter((s) => [s.Action].flat().includes("lambda:InvokeFunction"));
    expect(invoke).toEqual([expect.objectContaining({ Resource: Object.values(arns) })]);
  });

  it("creates the tables and indexes from the app's own definitions, recoverable, encrypted and protected", () => {
    const table = named(synth, TABLE, "TableTable").inputs;
    const audit = named(synth, TABLE, "AuditTableTable").inputs;
    expect(tableShape(table)).toEqual(definitionShape(tableDefinition("x")));
    expect(tableShape(audit)).toEqual(definitionShape(auditTableDefinition("x")));
    for (const inputs of [table, audit]) {
      expect(inputs).toMatchObject({
        pointInTimeRecovery: { enabled: true },
        serverSideEncryption: { enabled: true },
        deletionProtectionEnabled: true,
      });
    }
    expect(table.ttl).toEqual({ attributeName: "expiresAt", enabled: true });
    expect(synth.outputs._protect).toBe(true);
  });

  it("throttles the API at the stage", () => {
    const stage = ofType(synth, "aws:apigatewayv2/stage:Stage")[0]!.inputs;
    expect(stage.defaultRouteSettings).toMatchObject({
      throttlingBurstLimit: API_THROTTLE.burst,
      throttlingRateLimit: API_THROTTLE.ratePerSecond,
    });
  });

  it("alarms on failed and timed-out executions, API errors, function errors and throttles, DynamoDB throttling and open executions", () => {
    const alarms = ofType(synth, "aws:cloudwatch/metricAlarm:MetricAlarm").map((a) => a.inputs);
    const topic = String(synth.outputs.alarms);
    for (const alarm of alarms) expect(alarm.alarmActions).toEqual([topic]);
    const watched = alarms.map((a) => `${String(a.namespace)} ${String(a.metricName)}`);
    for (const metric of [
      "AWS/States ExecutionsFailed",
      "AWS/States ExecutionsTimedOut",
      "AWS/ApiGateway 5xx",
      "AWS/DynamoDB ReadThrottleEvents",
      "AWS/DynamoDB WriteThrottleEvents",
    ]) {
      expect(watched).toContain(metric);
    }
    const perFunction = (metric: string) =>
      alarms.filter((a) => a.namespace === "AWS/Lambda" && a.metricName === metric).length;
    expect([perFunction("Errors"), perFunction("Throttles")]).toEqual([6, 6]);
    const open = alarms.find((a) => (a.dimensions as Record<string, string>)?.Resource === "OpenExecutionCount");
    expect(open).toMatchObject({ namespace: "AWS/Usage", threshold: OPEN_EXECUTIONS_QUOTA / 2 });
  });
});

describe("the checks catch a program that breaks the rules", () => {
  const mutated = (change: (copy: Synth) => void) => {
    const copy = structuredClone(synth);
    change(copy);
    return copy;
  };
  const addStatement = (copy: Synth, role: string, statement: object) => {
    const resource = named(copy, "aws:iam/role:Role", role);
    const policies = resource.inputs.inlinePolicies as { policy: string }[];
    const doc = JSON.parse(policies[0]!.policy) as { Statement: object[] };
    doc.Statement.push(statement);
    policies[0]!.policy = JSON.stringify(doc);
  };

  it("a wildcard action", () => {
    const copy = mutated((c) =>
      addStatement(c, apiRole(), { Effect: "Allow", Action: ["dynamodb:*"], Resource: ["x"] }),
    );
    expect(wildcardGrants(copy, guarded())).toEqual([expect.stringContaining("dynamodb:*")]);
  });

  it("a wildcard resource reaching the state machine", () => {
    const copy = mutated((c) =>
      addStatement(c, apiRole(), { Effect: "Allow", Action: ["states:StartExecution"], Resource: ["*"] }),
    );
    expect(wildcardGrants(copy, guarded())).toEqual([expect.stringContaining(String(synth.outputs.stateMachine))]);
  });

  it("an x86 function", () => {
    const copy = mutated((c) => (ofType(c, FUNCTION)[0]!.inputs.architectures = ["x86_64"]));
    expect(functionRuntimes(copy)).toEqual([expect.stringContaining("x86_64")]);
  });

  it("a definition differing from the committed one", () => {
    const committed = readFileSync("infra/generated/approval-chain.asl.json", "utf8");
    expect(definitionDrift(committed.replace('"Type": "Choice"', '"Type": "Pass"'), committed)).toEqual([
      expect.stringContaining("differs"),
    ]);
  });

  it("an API role able to delete audit events", () => {
    const audit = arnOf(TABLE, "AuditTableTable");
    const withoutDeny = mutated((c) => {
      const role = named(c, "aws:iam/role:Role", apiRole());
      const policies = role.inputs.inlinePolicies as { policy: string }[];
      const doc = JSON.parse(policies[0]!.policy) as { Statement: { Effect: string }[] };
      doc.Statement = doc.Statement.filter((s) => s.Effect !== "Deny");
      doc.Statement.push({ Effect: "Allow", Action: ["dynamodb:DeleteItem"], Resource: [audit] } as never);
      policies[0]!.policy = JSON.stringify(doc);
    });
    expect(auditTampering(withoutDeny, apiRole(), audit)).toEqual([expect.stringContaining("DeleteItem")]);
  });
});
