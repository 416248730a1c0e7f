import { readFileSync } from "node:fs";
import { SendTaskSuccessCommand } from "@aws-sdk/client-sfn";
import aslValidator from "asl-validator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { committedApprovalChain, renderApprovalChain } from "../infra/workflow/render.ts";
import { approvalChainDefinition, localFunctionNames } from "../packages/local/src/approval-chain.ts";
import { parseDefinition } from "../packages/stepfunctions-local/src/asl/validate.ts";
import { harness } from "../packages/stepfunctions-local/src/testing/harness.ts";
import { executionInput } from "@rujuk/core/chain-tasks";

const local = localFunctionNames();

describe("the approval-chain definition", () => {
  it("is committed as rendered from the CDK source (run `npm run render:workflow` after changing it)", () => {
    expect(committedApprovalChain()).toBe(renderApprovalChain());
  });

  it("passes asl-validator and the local endpoint's JSONata checks, with no JSONPath-only field", () => {
    const definition = approvalChainDefinition(local);
    const result = aslValidator(JSON.parse(definition), { checkPaths: true, checkArn: false });
    expect(result.errorsText("\n")).toBe("");
    expect(result.isValid).toBe(true);
    expect(() => parseDefinition(definition)).not.toThrow();
    expect(committedApprovalChain()).not.toMatch(/"(\w+Path|Parameters|ResultSelector)"\s*:/);
  });

  it("keeps CDK a build-time tool: no runtime package depends on aws-cdk-lib", () => {
    for (const pkg of ["core", "functions", "local", "stepfunctions-local", "dynamodb-local"]) {
      const manifest = JSON.parse(readFileSync(`packages/${pkg}/package.json`, "utf8"));
      expect(Object.keys(manifest.dependencies ?? {})).not.toContain("aws-cdk-lib");
    }
  });
});

describe("the approval chain on the local endpoint", () => {
  let h: Awaited<ReturnType<typeof harness>>;
  const opened: { token: string; level: string; step: number }[] = [];
  const finalized: unknown[] = [];
  beforeAll(async () => {
    h = await harness();
    h.engine.registerHandler("OpenApproval", (p) => opened.push(p as (typeof opened)[number]));
    h.engine.registerHandler("Finalize", (p) => finalized.push(p));
    h.engine.registerHandler("AwaitResubmission", (p) => opened.push(p as (typeof opened)[number]));
    h.engine.registerHandler("Remind", () => ({}));
  });
  afterAll(() => h.close());

  it("approves at three levels in 7 state transitions", async () => {
    const definition = JSON.parse(approvalChainDefinition(local));
    const arn = await h.machine(definition);
    const input = executionInput("referral", { id: "R1", chain: ["kecamatan", "kabupaten", "provinsi"] });
    const exec = await h.start(arn, input);
    for (const level of input.chain) {
      expect(opened.at(-1)!.level).toBe(level);
      await h.sfn.send(
        new SendTaskSuccessCommand({ taskToken: opened.at(-1)!.token, output: '{"decision":"approve"}' }),
      );
      await h.engine.settled();
    }
    expect((await h.describe(exec)).status).toBe("SUCCEEDED");
    expect(finalized).toEqual([{ kind: "referral", id: "R1", step: 3, outcome: "approved" }]);
    // Each wait gets the next step number.
    expect(opened.map((task) => task.step)).toEqual([1, 2, 3]);
    const entered = (await h.history(exec)).filter((e) => e.type?.endsWith("StateEntered"));
    expect(entered.map((e) => e.stateEnteredEventDetails!.name)).toEqual([
      "Open",
      "Route",
      "Open",
      "Route",
      "Open",
      "Route",
      "Finalize",
    ]);
  });
});
