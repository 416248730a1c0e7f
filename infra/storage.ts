import type { CreateTableCommandInput } from "@aws-sdk/client-dynamodb";
import { TTL_ATTRIBUTE, auditTableDefinition, tableDefinition } from "../packages/core/src/store/table.ts";

/**
 * The app's table and the audit table, from the same definitions that local start-up and the tests create
 * (`core/src/store/table.ts`). Point-in-time recovery is always on (SST's default); tables are encrypted with the
 * account's AWS-managed KMS key, so every use of the key shows in CloudTrail. A protected stage's tables
 * (production's) have deletion protection and are retained when the stage is removed (`removal: "retain"`).
 */
export function storage() {
  const table = new sst.aws.Dynamo("Table", {
    ...dynamoArgs(tableDefinition("rujuk")),
    ttl: TTL_ATTRIBUTE,
    deletionProtection: $app.protect,
    transform: { table: encrypted },
  });
  const auditTable = new sst.aws.Dynamo("AuditTable", {
    ...dynamoArgs(auditTableDefinition("rujuk-audit")),
    deletionProtection: $app.protect,
    transform: { table: encrypted },
  });
  return { table, auditTable };
}

function encrypted(args: aws.dynamodb.TableArgs) {
  args.serverSideEncryption = { enabled: true };
}

type KeySchema = NonNullable<CreateTableCommandInput["KeySchema"]>;

function keys(schema: KeySchema) {
  const key = (type: string) => schema.find((k) => k.KeyType === type)?.AttributeName;
  return { hashKey: key("HASH")!, rangeKey: key("RANGE") };
}

/** SST `Dynamo` arguments for a `CreateTable` input: the same attributes, keys, indexes and projections. */
export function dynamoArgs(definition: CreateTableCommandInput) {
  const fields = Object.fromEntries(
    (definition.AttributeDefinitions ?? []).map((a) => [
      a.AttributeName!,
      a.AttributeType === "N" ? "number" : "string",
    ]),
  ) as Record<string, "string" | "number">;
  const globalIndexes = Object.fromEntries(
    (definition.GlobalSecondaryIndexes ?? []).map((index) => {
      const projection = index.Projection!;
      return [
        index.IndexName!,
        {
          ...keys(index.KeySchema!),
          projection:
            projection.ProjectionType === "KEYS_ONLY"
              ? ("keys-only" as const)
              : projection.ProjectionType === "INCLUDE"
                ? projection.NonKeyAttributes!
                : ("all" as const),
        },
      ];
    }),
  );
  return { fields, primaryIndex: keys(definition.KeySchema!), globalIndexes };
}
