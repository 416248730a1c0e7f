/**
 * The rules the synthesised infrastructure must keep, as pure functions over the synth's record: each returns the
 * broken rules in words (empty when all hold), so a test can show both that the real program keeps them and that a
 * program breaking one is caught.
 */
import type { CreateTableCommandInput } from "@aws-sdk/client-dynamodb";

/** A resource the program registered, with its inputs as Pulumi resolved them. */
export interface RecordedResource {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

export interface Synth {
  resources: RecordedResource[];
  outputs: Record<string, unknown>;
}

interface Statement {
  Effect: "Allow" | "Deny";
  Action: string | string[];
  Resource: string | string[];
  Condition?: unknown;
}

const list = (value: string | string[] | undefined) => (value === undefined ? [] : [value].flat());
const glob = (pattern: string) =>
  new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`, "i");

export const ofType = (synth: Synth, type: string) => synth.resources.filter((r) => r.type === type);

export function named(synth: Synth, type: string, name: string): RecordedResource {
  const found = synth.resources.find((r) => r.type === type && r.name === name);
  if (!found) throw new Error(`no ${type} named ${name} in the synth`);
  return found;
}

/** Every IAM role's inline statements, by role name. */
export function roleStatements(synth: Synth): Map<string, Statement[]> {
  return new Map(
    ofType(synth, "aws:iam/role:Role").map((role) => {
      const policies = (role.inputs.inlinePolicies ?? []) as { policy: string }[];
      const statements = policies.flatMap((p) => (JSON.parse(p.policy) as { Statement: Statement[] }).Statement);
      return [role.name, statements];
    }),
  );
}

/** IAM's answer for one action on one resource under these statements: an explicit deny wins over any allow. */
export function allows(statements: Statement[], action: string, resource: string): boolean {
  const applies = (s: Statement) =>
    list(s.Action).some((a) => glob(a).test(action)) && list(s.Resource).some((r) => glob(r).test(resource));
  if (statements.some((s) => s.Effect === "Deny" && applies(s))) return false;
  return statements.some((s) => s.Effect === "Allow" && applies(s));
}

export function functionRuntimes(synth: Synth): string[] {
  return ofType(synth, "aws:lambda/function:Function").flatMap((fn) => {
    const problems: string[] = [];
    if (fn.inputs.runtime !== "nodejs24.x")
      problems.push(`${fn.name} runs ${String(fn.inputs.runtime)}, not nodejs24.x`);
    const arch = JSON.stringify(fn.inputs.architectures);
    if (arch !== '["arm64"]') problems.push(`${fn.name} is built for ${arch}, not arm64`);
    return problems;
  });
}

/**
 * No statement allows every action of a service (`*`, `dynamodb:*`), and none allows DynamoDB or Step Functions
 * actions on a wildcard that reaches past one table's own indexes or past the one state machine.
 */
export function wildcardGrants(synth: Synth, guarded: { tables: string[]; stateMachine: string }): string[] {
  const problems: string[] = [];
  for (const [role, statements] of roleStatements(synth)) {
    for (const s of statements.filter((st) => st.Effect === "Allow")) {
      for (const action of list(s.Action)) {
        if (action === "*" || action.endsWith(":*")) problems.push(`${role} allows every action: ${action}`);
      }
      const services = new Set(list(s.Action).map((a) => a.split(":")[0]));
      const targets = [
        ...(services.has("dynamodb") ? guarded.tables : []),
        ...(services.has("states") ? [guarded.stateMachine] : []),
      ];
      for (const resource of list(s.Resource).filter((r) => r.includes("*"))) {
        const ownIndexes = guarded.tables.some((t) => resource === `${t}/index/*`);
        const reaches = targets.filter((t) => glob(resource).test(t) || glob(resource).test(`${t}/index/x`));
        if (!ownIndexes && reaches.length > 0) problems.push(`${role} allows ${resource} on ${reaches.join(", ")}`);
      }
    }
  }
  return problems;
}

/** The audit table's events may be put and read by `role`, never changed or deleted. */
export function auditTampering(synth: Synth, role: string, auditTable: string): string[] {
  const statements = roleStatements(synth).get(role);
  if (!statements) return [`no role ${role}`];
  const problems = ["UpdateItem", "DeleteItem", "BatchWriteItem", "PartiQLUpdate", "PartiQLDelete"]
    .filter((action) => allows(statements, `dynamodb:${action}`, auditTable))
    .map((action) => `${role} may ${action} on the audit table`);
  for (const needed of ["PutItem", "GetItem", "Query"]) {
    if (!allows(statements, `dynamodb:${needed}`, auditTable))
      problems.push(`${role} cannot ${needed} the audit table`);
  }
  return problems;
}

/** The deployed definition is the committed one with the placeholders filled, byte for byte. */
export function definitionDrift(deployed: string, expected: string): string[] {
  if (deployed === expected) return [];
  const at = [...deployed].findIndex((ch, i) => ch !== expected[i]);
  return [
    `the deployed definition differs from the committed one at character ${at}: …${deployed.slice(at, at + 60)}…`,
  ];
}

/** A table as SST's resource declares it, in the same shape as a `CreateTable` input, for comparison. */
export function tableShape(inputs: Record<string, unknown>) {
  const keySchema = (hash: unknown, range: unknown) => [
    { AttributeName: hash, KeyType: "HASH" },
    ...(range ? [{ AttributeName: range, KeyType: "RANGE" }] : []),
  ];
  type Gsi = { name: string; hashKey: string; rangeKey?: string; projectionType: string; nonKeyAttributes?: string[] };
  return {
    AttributeDefinitions: ((inputs.attributes ?? []) as { name: string; type: string }[])
      .map((a) => ({ AttributeName: a.name, AttributeType: a.type }))
      .sort((a, b) => a.AttributeName.localeCompare(b.AttributeName)),
    KeySchema: keySchema(inputs.hashKey, inputs.rangeKey),
    GlobalSecondaryIndexes: ((inputs.globalSecondaryIndexes ?? []) as Gsi[])
      .map((g) => ({
        IndexName: g.name,
        KeySchema: keySchema(g.hashKey, g.rangeKey),
        Projection: {
          ProjectionType: g.projectionType,
          ...(g.nonKeyAttributes ? { NonKeyAttributes: g.nonKeyAttributes } : {}),
        },
      }))
      .sort((a, b) => a.IndexName.localeCompare(b.IndexName)),
    BillingMode: inputs.billingMode,
  };
}

/** The same shape from the app's own definition. */
export function definitionShape(definition: CreateTableCommandInput) {
  return {
    AttributeDefinitions: [...(definition.AttributeDefinitions ?? [])].sort((a, b) =>
      a.AttributeName!.localeCompare(b.AttributeName!),
    ),
    KeySchema: definition.KeySchema,
    GlobalSecondaryIndexes: [...(definition.GlobalSecondaryIndexes ?? [])]
      .map((g) => ({ IndexName: g.IndexName, KeySchema: g.KeySchema, Projection: g.Projection }))
      .sort((a, b) => a.IndexName!.localeCompare(b.IndexName!)),
    BillingMode: definition.BillingMode,
  };
}

/** The entries of a zip file (name, uncompressed and compressed size), from its central directory. */
export function zipEntries(zip: Buffer): { name: string; size: number; compressed: number }[] {
  const END = 0x06054b50;
  const ENTRY = 0x02014b50;
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== END) end--;
  if (end < 0) throw new Error("not a zip file");
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== ENTRY) throw new Error("corrupt zip central directory");
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    entries.push({
      name: zip.toString("utf8", at + 46, at + 46 + nameLength),
      compressed: zip.readUInt32LE(at + 20),
      size: zip.readUInt32LE(at + 24),
    });
    at += 46 + nameLength + extra;
  }
  return entries;
}
