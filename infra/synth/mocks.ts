/**
 * Pulumi mocks for the offline synth: every resource the program registers is recorded with its final inputs and
 * answered with plausible outputs (ARNs, names, endpoints), and the provider functions SST calls are answered as AWS
 * would for one account in ap-southeast-3. Loaded into the synthesised program before `sst.config.ts` runs.
 */
import { writeFileSync } from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import type { RecordedResource } from "./checks.ts";

// Defined by the synth's build, as SST's CLI defines it for the real program.
declare const $app: { stage: string };

export const ACCOUNT = "123456789012";
export const REGION = "ap-southeast-3";

const recorded: RecordedResource[] = [];

/** Pulumi marks secret values with this signature; the record keeps the plain values (they are placeholders). */
const SECRET_SIGNATURE = "4dabf18193072939515e22adb298388d";

function unwrapSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    if (SECRET_SIGNATURE in record) return unwrapSecrets(record.value);
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, unwrapSecrets(v)]));
  }
  return value;
}

const arn = (service: string, resource: string) => `arn:aws:${service}:${REGION}:${ACCOUNT}:${resource}`;

/** The outputs AWS would add to a resource's inputs, for the attributes Rujuk's program and SST's components read. */
function outputs(type: string, name: string, inputs: Record<string, unknown>): Record<string, unknown> {
  const physical = typeof inputs.name === "string" ? inputs.name : name;
  switch (type) {
    case "aws:dynamodb/table:Table":
      return { arn: arn("dynamodb", `table/${physical}`) };
    case "aws:lambda/function:Function":
      return {
        arn: arn("lambda", `function:${physical}`),
        invokeArn: `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/${arn("lambda", `function:${physical}`)}/invocations`,
        qualifiedArn: arn("lambda", `function:${physical}:$LATEST`),
      };
    case "aws:sfn/stateMachine:StateMachine":
      return { arn: arn("states", `stateMachine:${physical}`) };
    case "aws:apigatewayv2/api:Api":
      return {
        apiEndpoint: `https://${name.toLowerCase()}.execute-api.${REGION}.amazonaws.com`,
        executionArn: arn("execute-api", name.toLowerCase()),
      };
    case "aws:sesv2/emailIdentity:EmailIdentity":
      return { arn: arn("ses", `identity/${String(inputs.emailIdentity)}`) };
    case "aws:sesv2/configurationSet:ConfigurationSet":
      return {
        arn: arn(
          "ses",
          `configuration-set/${typeof inputs.configurationSetName === "string" ? inputs.configurationSetName : physical}`,
        ),
      };
    case "random:index/randomBytes:RandomBytes":
      return { base64: Buffer.alloc(Number(inputs.length ?? 32), 7).toString("base64") };
    case "random:index/randomString:RandomString":
      return { result: "synthx".padEnd(Number(inputs.length ?? 8), "x").slice(0, Number(inputs.length ?? 8)) };
    default: {
      const service = type.split(":")[1]?.split("/")[0] ?? "unknown";
      return { arn: arn(service, `${type.split(":")[2]?.toLowerCase() ?? "resource"}/${physical}`) };
    }
  }
}

/** SST builds IAM policies with `aws.iam.getPolicyDocument`; render the document the way AWS's data source does. */
function policyDocument(inputs: { statements?: Record<string, unknown>[] }) {
  const statements = (inputs.statements ?? []).map((s) => ({
    Effect: s.effect ?? "Allow",
    Action: s.actions,
    Resource: s.resources,
    ...(s.conditions
      ? {
          Condition: Object.fromEntries(
            (s.conditions as { test: string; variable: string; values: string[] }[]).map((c) => [
              c.test,
              { [c.variable]: c.values },
            ]),
          ),
        }
      : {}),
    ...(s.principals
      ? {
          Principal: Object.fromEntries(
            (s.principals as { type: string; identifiers: string[] }[]).map((p) => [p.type, p.identifiers]),
          ),
        }
      : {}),
  }));
  return { json: JSON.stringify({ Version: "2012-10-17", Statement: statements }), statements: inputs.statements };
}

await pulumi.runtime.setMocks(
  {
    newResource(args: pulumi.runtime.MockResourceArgs) {
      recorded.push({
        type: args.type,
        name: args.name,
        inputs: unwrapSecrets(args.inputs) as Record<string, unknown>,
      });
      return { id: `${args.name}-id`, state: { ...args.inputs, ...outputs(args.type, args.name, args.inputs) } };
    },
    call(args: pulumi.runtime.MockCallArgs) {
      switch (args.token) {
        case "aws:index/getRegion:getRegion":
          return { name: REGION, region: REGION, id: REGION, endpoint: `ec2.${REGION}.amazonaws.com` };
        case "aws:index/getPartition:getPartition":
          return { partition: "aws", dnsSuffix: "amazonaws.com", id: "aws" };
        case "aws:index/getCallerIdentity:getCallerIdentity":
          return { accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/ci`, userId: "ci", id: ACCOUNT };
        case "aws:iam/getPolicyDocument:getPolicyDocument":
          return policyDocument(args.inputs);
        default:
          return args.inputs;
      }
    },
  },
  "rujuk",
  $app.stage,
  false,
);

/**
 * Runs the program inside a root stack, as Pulumi's language host does, waits until every registration has settled,
 * then writes what was recorded and the program's outputs.
 */
export async function synthesise(file: string, program: () => Promise<Record<string, unknown>>) {
  const resolved = (await pulumi.runtime.runInPulumiStack(program)) ?? {};
  // Resources created inside `apply` callbacks register after `run()` returns; wait until nothing is pending.
  await (pulumi.runtime as unknown as { disconnect(): Promise<void> }).disconnect();
  writeFileSync(file, JSON.stringify({ resources: recorded, outputs: resolved }, null, 1));
}
