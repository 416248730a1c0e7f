import type { CreateTableCommandInput } from "@aws-sdk/client-dynamodb";

/**
 * The engine's own table (beside the app's, in the same DynamoDB Local).
 *
 * - `STATEMACHINES` / `<arn>` — a state machine
 * - `EXEC#<arn>` / `EXEC` — an execution: status, position in the definition, variables, version
 * - `EXEC#<arn>` / `EVENT#<id>` — its history events
 * - `TOKEN#<token>` / `TOKEN` — a task token and what became of it
 * - GSI1 `EXECS#<state machine arn>` / `<start>#<name>` — executions of a state machine
 * - GSI2 `TIMERS` / `<wake time>#<arn>` — every running execution, keyed by when it next needs the engine: now for
 *   one that can move on, its deadline for one that waits. After a crash, the due entries are what must resume.
 */
export function engineTableDefinition(tableName: string): CreateTableCommandInput {
  const attributes = ["PK", "SK", "GSI1PK", "GSI1SK", "GSI2PK", "GSI2SK"];
  return {
    TableName: tableName,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: attributes.map((name) => ({ AttributeName: name, AttributeType: "S" as const })),
    KeySchema: [
      { AttributeName: "PK", KeyType: "HASH" },
      { AttributeName: "SK", KeyType: "RANGE" },
    ],
    GlobalSecondaryIndexes: ["GSI1", "GSI2"].map((index) => ({
      IndexName: index,
      KeySchema: [
        { AttributeName: `${index}PK`, KeyType: "HASH" as const },
        { AttributeName: `${index}SK`, KeyType: "RANGE" as const },
      ],
      Projection: { ProjectionType: "KEYS_ONLY" as const },
    })),
  };
}
